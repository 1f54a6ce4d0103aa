import Session
import Tensors
import Testing
@testable import GauntTensorProduct

/// A spec from plain sections (no YAML parser needed).
func makeSpec(kind: String, seed: UInt64 = 0, _ sections: [String: [String: String]]) -> SessionSpec {
    let root = SpecNode.mapping(sections.sorted { $0.key < $1.key }.map { name, fields in
        (key: name, value: SpecNode.mapping(fields.sorted { $0.key < $1.key }.map {
            (key: $0.key, value: SpecNode.scalar($0.value, line: 1), line: 1) }, line: 1), line: 1)
    }, line: 1)
    return SessionSpec(file: "test.yaml", name: "test", kind: kind, seed: seed, summary: "", root: root)
}

let tetrisSpec: [String: [String: String]] = [
    "model": ["L": "2", "channels": "4", "layers": "2"], "training": ["steps": "5", "rotations_per_step": "1"],
    "evaluation": ["rotations": "3"], "benchmark": ["max_degree": "0"],
]
let nbodySpec: [String: [String: String]] = [
    "model": ["L": "1", "channels": "4", "layers": "2"], "training": ["steps": "5", "batch": "4"],
    "data": ["train": "12", "validation": "4", "test": "4", "simulation_steps": "50"], "benchmark": ["max_degree": "0"],
]

@Suite struct GauntExperimentTests {
    @Test func tetrisMirrorImagesGetEqualLogitsWhileTraining() throws {
        let e = try GauntTetrisExperiment(spec: makeSpec(kind: GauntTetrisExperiment.kind, tetrisSpec))
        for _ in 0..<3 {
            _ = try e.step()
            let m = try e.evaluate()
            #expect((m["eval/mirror_logit_difference"] ?? 1) <= 1e-9)
        }
    }

    @Test func seededRunsAreDeterministicAndResumeExactly() throws {
        for (kind, sections) in [(GauntTetrisExperiment.kind, tetrisSpec), (GauntNBodyExperiment.kind, nbodySpec)] {
            func make() throws -> any Experiment {
                kind == GauntTetrisExperiment.kind
                    ? try GauntTetrisExperiment(spec: makeSpec(kind: kind, seed: 3, sections))
                    : try GauntNBodyExperiment(spec: makeSpec(kind: kind, seed: 3, sections))
            }
            let a = try make(), b = try make()
            var lossesA: [Double] = []
            for _ in 0..<4 { lossesA.append(try a.step()["loss"] ?? .nan) }
            var lossesB: [Double] = []
            for _ in 0..<2 { lossesB.append(try b.step()["loss"] ?? .nan) }
            let saved = try b.saveState()
            let c = try make()
            try c.restoreState(saved)
            for _ in 0..<2 { lossesB.append(try c.step()["loss"] ?? .nan) }
            #expect(lossesA == lossesB, "\(kind): \(lossesA) vs \(lossesB)")
            #expect(lossesA.allSatisfy { $0.isFinite })
        }
    }

    @Test func methodSwitchKeepsTheLoss() throws {
        let e = try GauntNBodyExperiment(spec: makeSpec(kind: GauntNBodyExperiment.kind, nbodySpec))
        let before = try e.saveState()
        var losses: [Double] = []
        for (i, _) in GauntMethod.gauntMethods.enumerated() {
            try e.restoreState(before)
            try e.setHyperparameter("method", to: Double(i))
            losses.append(try e.step()["loss"] ?? .nan)
        }
        #expect(abs(losses[0] - losses[1]) <= 1e-4 * abs(losses[0]) && abs(losses[0] - losses[2]) <= 1e-4 * abs(losses[0]))
        #expect(!e.diagnostics().isEmpty)
    }
}
