import Foundation
import Testing
@testable import Session

// MARK: - Malformed specs: file:line: field: message

let validSpec = """
    name: t
    kind: line-fit
    seed: 3
    training:
      steps: 20
      lr: 0.1
    """

/// Builds a spec (loading, experiment init, engine section, unknown keys) and returns the error text.
func specError(_ text: String, overrides: [String] = []) -> String? {
    do {
        let o = try overrides.map { (t) throws(SpecError) in try SpecOverride(t) }
        let spec = try TestSupport.spec(text, overrides: o)
        _ = try TestSupport.catalog.build(spec)
        return nil
    } catch {
        return "\(error)"
    }
}

struct MalformedSpec: Sendable, CustomTestStringConvertible {
    var text: String
    var message: String
    var testDescription: String { message }
}

let malformedSpecs: [MalformedSpec] = [
    MalformedSpec(text: "", message: "test.yaml:1: (document): the file is empty; expected a mapping with name, kind, seed and sections"),
    MalformedSpec(text: "- a\n- b\n", message: "test.yaml:1: (document): expected a mapping of keys (kind: ..., seed: ..., training: ...), found a single value or a list"),
    MalformedSpec(text: "kind: line-fit\ntraining:\n  steps: 20\n lr: 0.1\n",
                  message: "test.yaml:4: (syntax): invalid YAML: did not find expected key (while parsing a block mapping at line 1); check indentation, colons and quotes"),
    MalformedSpec(text: "name: t\nseed: 1\n", message: "test.yaml:1: kind: missing; add `kind: <experiment>` with one of: line-fit"),
    MalformedSpec(text: "kind: line-fitt\n", message: "test.yaml:1: kind: unknown kind 'line-fitt'; did you mean 'line-fit'? known kinds: line-fit"),
    MalformedSpec(text: "kind: line-fit\nseed: -1\n", message: "test.yaml:2: seed: expected a whole number >= 0, found '-1'"),
    MalformedSpec(text: "kind: line-fit\ntraining:\n  lr: fast\n", message: "test.yaml:3: training.lr: expected a number, found 'fast'"),
    MalformedSpec(text: "kind: line-fit\ntraining:\n  lr: 50\n", message: "test.yaml:3: training.lr: 50.0 is outside the allowed range 1e-06…10.0"),
    MalformedSpec(text: "kind: line-fit\ntraining:\n  steps: 2.5\n", message: "test.yaml:3: training.steps: expected a whole number, found '2.5'"),
    MalformedSpec(text: "kind: line-fit\ntraining:\n  steps: 20\n  lrate: 0.1\n",
                  message: "test.yaml:4: training.lrate: unknown key 'lrate'; did you mean 'lr'? valid keys here: batch, diverge_at, eval_every, fail_at, lr, steps"),
    MalformedSpec(text: "kind: line-fit\ntrainng:\n  steps: 20\n",
                  message: "test.yaml:2: trainng: unknown key 'trainng'; did you mean 'training'? valid keys here: kind, model, name, run, seed, summary, training"),
    MalformedSpec(text: "kind: line-fit\ntraining: 5\n", message: "test.yaml:2: training: expected a section of `key: value` lines, found a single value or a list"),
    MalformedSpec(text: "kind: line-fit\ntraining:\n  lr: [1, 2]\n", message: "test.yaml:3: training.lr: expected a single value, found a list or mapping"),
    MalformedSpec(text: "kind: line-fit\ntraining:\n  lr: 0.1\n  lr: 0.2\n", message: "test.yaml:4: training.lr: duplicate key; keep one of them"),
    MalformedSpec(text: "kind: line-fit\nrun:\n  checkpoint_every: -5\n", message: "test.yaml:3: run.checkpoint_every: -5 is outside the allowed range 0…9223372036854775807"),
    MalformedSpec(text: "kind: line-fit\nmodel:\n  a0: 1\n  b0: 2\n", message: "test.yaml:4: model.b0: unknown key 'b0'; did you mean 'a0'? valid keys here: a0"),
]

@Test(arguments: malformedSpecs)
func malformedSpecGivesFileLineFieldAndFix(_ case_: MalformedSpec) {
    #expect(specError(case_.text) == case_.message)
}

@Test func validSpecBuildsAndReadsTheHeader() throws {
    let spec = try TestSupport.spec(validSpec)
    #expect(spec.name == "t" && spec.kind == "line-fit" && spec.seed == 3)
    #expect(specError(validSpec) == nil)
    let unnamed = try TestSupport.spec("kind: line-fit\n", file: "/x/sessions/my-run.yaml")
    #expect(unnamed.name == "my-run" && unnamed.seed == 0)
}

// MARK: - Overrides

@Test func overridesEditTheTreeBeforeBuildingAndKeepLines() throws {
    let o = [try SpecOverride("training.lr=0.5"), try SpecOverride("model.a0=1.5"), try SpecOverride("seed=9")]
    let spec = try TestSupport.spec(validSpec, overrides: o)
    #expect(spec.seed == 9)
    #expect(spec.root["training"]?["lr"] == .scalar("0.5", line: 6))
    let (experiment, _) = try TestSupport.catalog.build(spec)
    let e = try #require(experiment as? LineFitExperiment)
    #expect(e.lr == 0.5 && e.a == 1.5)
    #expect(specError(validSpec, overrides: ["training.lr=20"]) == "test.yaml:6: training.lr: 20.0 is outside the allowed range 1e-06…10.0")
    #expect(specError(validSpec, overrides: ["training.lrr=1"])
            == "test.yaml:0: training.lrr: unknown key 'lrr'; did you mean 'lr'? valid keys here: batch, diverge_at, eval_every, fail_at, lr, steps")
    #expect(specError(validSpec, overrides: ["training.steps.x=1"]) == "(command line):0: --set training.steps.x: cannot set 'x' inside a single value or list; check the path")
    #expect(specError(validSpec, overrides: ["lr"]) == "(command line):0: --set: expected key=value (for example training.lr=0.01 or lr=0.01), found 'lr'")
    let bare = try SpecOverride("lr=0.3")
    #expect(!bare.editsTree && bare.path == ["lr"] && bare.value == "0.3")
}

@Test func resolvedSpecRoundTripsThroughYAML() throws {
    let spec = try TestSupport.spec(validSpec + "\nmodel: { a0: 1e-3 }\nextra: [1, two, \"three: 3\"]",
                                    overrides: [try SpecOverride("training.lr=0.25")])
    let text = spec.resolvedRoot.yamlText()
    let again = try SpecLoader.parseTree(text: text, file: "again.yaml")
    func strip(_ n: SpecNode) -> SpecNode {
        switch n {
        case .scalar(let t, _): .scalar(t, line: 0)
        case .sequence(let items, _): .sequence(items.map(strip), line: 0)
        case .mapping(let e, _): .mapping(e.map { ($0.key, strip($0.value), 0) }, line: 0)
        }
    }
    #expect(strip(again) == strip(spec.resolvedRoot))
    #expect(again["training"]?["lr"] == .scalar("0.25", line: 6))
}
