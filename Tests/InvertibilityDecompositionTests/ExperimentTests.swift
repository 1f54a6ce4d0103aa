import Testing
import Session
import Tensors
import Autodiff
@testable import InvertibilityDecomposition

/// A small but complete session: a few stage-0 and stage-1 steps on a handful of faces.
private func tinySpec(seed: UInt64 = 3) throws -> SessionSpec {
    let text = """
        name: tiny
        kind: ood-inversion
        seed: \(seed)
        data: { clean: 64, corrupted: 32, alignment: 32, test: 8 }
        training: { stage0_steps: 4, stage1_steps: 4, stage0_batch: 8, stage1_batch: 4, eval_every: 0, probe: 8 }
        method: { kappa: 0.15, passes: 2, progressive: false }
        """
    return try SpecLoader.parse(text: text, file: "tiny.yaml", knownKinds: [InvertibilityExperiment.kind])
}

@Suite("OOD inversion experiment: determinism, resume, live edits, panels")
struct InvertibilityExperimentTests {
    @Test func seededRunsGiveIdenticalLosses() throws {
        let a = try InvertibilityExperiment(spec: tinySpec()), b = try InvertibilityExperiment(spec: tinySpec())
        for _ in 0..<a.totalSteps {
            #expect(try a.step()["loss"] == b.step()["loss"])
        }
        #expect(try a.evaluate() == b.evaluate())
    }

    @Test func saveRestoreContinuesBitIdentically() throws {
        let straight = try InvertibilityExperiment(spec: tinySpec())
        let resumed = try InvertibilityExperiment(spec: tinySpec())
        // Stop in stage 1 (after 4 stage-0 steps and 1 stage-1 step), restore into a fresh instance.
        for _ in 0..<5 { _ = try straight.step(); _ = try resumed.step() }
        let state = try resumed.saveState()
        let fresh = try InvertibilityExperiment(spec: tinySpec())
        try fresh.restoreState(state)
        for _ in 5..<straight.totalSteps {
            #expect(try straight.step()["loss"] == fresh.step()["loss"])
        }
    }

    @Test func liveEditsAreRangeCheckedAndApplied() throws {
        let e = try InvertibilityExperiment(spec: tinySpec())
        try e.setHyperparameter("kappa", to: 0)
        #expect(e.pipeline.config.alignment.kappa == 0)
        #expect(throws: ExperimentError.self) { try e.setHyperparameter("kappa", to: 2) }
        #expect(throws: ExperimentError.self) { try e.setHyperparameter("no_such", to: 1) }
        try e.perform("next-image")
        #expect(e.hyperparameters.first { $0.name == "image" }?.value == 1)
    }

    @Test func reusedFlowsReproduceTheInversionAndCarryTheEdit() throws {
        // §3.8 (b): the edit may reuse the inversion's flows and mask. With the unedited code the reused flows must
        // give back the aligned image exactly; with the edited code the result must differ from it.
        let e = try InvertibilityExperiment(spec: tinySpec())
        for _ in 0..<e.totalSteps { _ = try e.step() }
        let p = e.pipeline
        let samples = Array(p.data.test.prefix(4))
        let x = Tensor<Float>(shape: [samples.count, 1, 32, 32], scalars: samples.flatMap(\.image))
        let encoded = p.encode(x)
        let settings = p.config.alignment
        let (out, code, _) = p.invert(x, settings: settings, encoded: encoded)
        #expect(out.flows.values.contains { $0.scalars.contains { $0 != 0 } }, "the trained module should predict a flow")
        let again = p.module(generator: p.generator, code: Variable(code), features: encoded.features, settings: settings,
                             fixedFlows: out.flows)
        #expect(again.aligned.value.scalars == out.aligned.value.scalars)
        let (edited, _) = InversionPipeline.editedCode(code, strength: 0.8)
        let moved = p.module(generator: p.generator, code: Variable(edited), features: encoded.features, settings: settings,
                             fixedFlows: out.flows)
        #expect(moved.aligned.value.scalars != out.aligned.value.scalars)
    }

    @Test func panelsShowTheSelectedImageAndMasks() throws {
        let e = try InvertibilityExperiment(spec: tinySpec())
        for _ in 0..<e.totalSteps { _ = try e.step() }
        _ = try e.evaluate()
        let panels = e.diagnostics()
        let images = panels.compactMap { if case .images(let p) = $0 { p } else { nil } }
        #expect(images.flatMap(\.images).map(\.label).contains("mask M"))
        #expect(images.flatMap(\.images).allSatisfy { $0.width == 32 && $0.height == 32 && $0.pixels.allSatisfy { $0 >= 0 && $0 <= 1 } })
        #expect(panels.contains { if case .table = $0 { true } else { false } })
    }

    @Test func misspeltKeyIsReportedWithTheNearestOne() throws {
        let bad = try SpecLoader.parse(text: """
            name: tiny
            kind: ood-inversion
            data: { clean: 64, corrupted: 32, alignment: 32, test: 8 }
            method: { kapa: 0.1 }
            """, file: "bad.yaml", knownKinds: [InvertibilityExperiment.kind])
        _ = try InvertibilityExperiment(spec: bad)
        #expect(throws: SpecError.self) { try bad.checkUnknownKeys() }
        do {
            try bad.checkUnknownKeys()
        } catch {
            #expect(error.description.contains("bad.yaml:4"))
            #expect(error.description.contains("did you mean 'kappa'"))
        }
    }
}
