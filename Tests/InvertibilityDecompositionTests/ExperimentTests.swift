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
        method: { kappa: 0.08, passes: 2, progressive: false }
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
        try e.setHyperparameter("scales", to: 2)
        #expect(e.pipeline.config.alignment.activeScales == [8])
        try e.setHyperparameter("fusion", to: 1)
        try e.setHyperparameter("warp", to: 1)
        #expect(e.pipeline.config.alignment.fusion == .product && e.pipeline.config.alignment.warp == .gated)
        #expect(throws: ExperimentError.self) { try e.setHyperparameter("scales", to: 3) }
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
                             fixed: out)
        #expect(again.aligned.value.scalars == out.aligned.value.scalars)
        let (edited, _) = InversionPipeline.editedCode(code, strength: 0.8)
        let moved = p.module(generator: p.generator, code: Variable(edited), features: encoded.features, settings: settings,
                             fixed: out)
        #expect(moved.aligned.value.scalars != out.aligned.value.scalars)
        // The same under the reference code's gated warp: the reused gates make the reuse exact there too.
        var gated = settings
        gated.warp = .gated
        let (gatedOut, _, _) = p.invert(x, settings: gated, encoded: encoded)
        #expect(!gatedOut.gates.isEmpty)
        let gatedAgain = p.module(generator: p.generator, code: Variable(code), features: encoded.features, settings: gated,
                                  fixed: gatedOut)
        #expect(gatedAgain.aligned.value.scalars == gatedOut.aligned.value.scalars)
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

    @Test func retrainedB2RunsAlongsideAndResumesExactly() throws {
        let e = try InvertibilityExperiment(spec: tinySpec())
        // In stage 0 there are no trained G and E to start B2 from.
        #expect(throws: ExperimentError.self) { try e.perform("train-b2") }
        for _ in 0..<5 { _ = try e.step() }
        try e.perform("train-b2")
        let b2 = try #require(e.b2)
        #expect(b2.config.alignment.kappa == 0)
        #expect(zip(b2.generator.parameters, e.pipeline.generator.parameters).allSatisfy { $0.value == $1.value })
        let state = try e.saveState()
        let fresh = try InvertibilityExperiment(spec: tinySpec())
        try fresh.restoreState(state)
        for _ in 5..<e.totalSteps {
            let a = try e.step(), b = try fresh.step()
            #expect(a["b2/loss"] != nil)
            #expect(a["b2/loss"] == b["b2/loss"])
        }
        // B2 (4 steps) caught up with the run (3 steps left) and finished with it.
        #expect(e.b2?.step == e.b2?.totalSteps)
        let metrics = try e.evaluate()
        #expect(metrics["eval/b2.f1"] != nil && metrics["eval/b2.progress"] == 1)
        let labels = e.diagnostics().compactMap { if case .images(let p) = $0 { p } else { nil } }.flatMap(\.images).map(\.label)
        #expect(labels.contains("B2 mask"))
    }

    @Test func displayControlsRerenderTheShownImage() throws {
        let e = try InvertibilityExperiment(spec: tinySpec())
        #expect(e.displayedSample.image == e.pipeline.data.test[0].image)
        for kind in InvertibilityExperiment.overlayKinds { try e.setHyperparameter("ood_\(kind)", to: 0) }
        try e.setHyperparameter("strength", to: 0)
        let bare = e.displayedSample
        #expect(bare.overlays.kinds.isEmpty && bare.mask.allSatisfy { $0 == 0 })
        #expect(bare.image == bare.misalignedClean)
        #expect(zip(bare.image, bare.clean).allSatisfy { abs($0 - $1) < 1e-4 }, "s = 0 without overlays is the canonical face")
        #expect(bare.parameters == e.pipeline.data.test[0].parameters, "same face, only the display controls changed")
        try e.perform("new-face")
        #expect(e.displayedSample.parameters != bare.parameters)
        try e.perform("test-face")
        #expect(e.displayedSample.image == e.pipeline.data.test[0].image)
        // The edit pane follows the attribute and the recompute/reuse switch.
        try e.setHyperparameter("edit_attribute", to: 3)
        try e.setHyperparameter("edit_mode", to: 1)
        let captions = e.diagnostics().compactMap { if case .images(let p) = $0 { p.caption } else { nil } }
        #expect(captions.contains { $0.hasPrefix("yaw edit") && $0.contains("reused") })
    }

    @Test func productFusionAndGatedWarpFollowTheReferenceRules() throws {
        var rng = RandomSource(seed: 11)
        let product = AlignmentModule(rng: &rng, fusion: .product)
        // First scale starts near 0.12, finer scales at a ≈ 0.95 so they pass the coarser mask through.
        #expect(product.heads[8]?.head3.bias.value.scalars[2] == -2 && product.heads[16]?.head3.bias.value.scalars[2] == 3)
        let e = try InvertibilityExperiment(spec: tinySpec())
        for _ in 0..<4 { _ = try e.step() }
        let p = e.pipeline
        let x = Tensor<Float>(shape: [2, 1, 32, 32], scalars: p.data.test.prefix(2).flatMap(\.image))
        let encoded = p.encode(x)
        let code = Variable(encoded.code)
        var setting = AlignmentSettings(fusion: .product)
        let out = product(generator: p.generator, code: code, features: encoded.features, settings: setting)
        // §2.3: the output mask is the fusion chain over the per-scale masks brought to 32².
        var chain: Variable<Float>? = nil
        for r in [8, 16, 32] {
            var m = try #require(out.masks[r])
            var s = r
            while s < 32 { m = m.upsampleBilinear2x(); s *= 2 }
            chain = chain.map { fuse($0, m) } ?? m
        }
        #expect(out.mask.value.isClose(to: try #require(chain).value, rtol: 0, atol: 1e-6))
        #expect(out.mask.value.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        // Gated warp: a zero gate leaves the generator unaligned, a unit gate is the full warp.
        setting = AlignmentSettings(warp: .gated)
        let full = product(generator: p.generator, code: code, features: encoded.features, settings: AlignmentSettings())
        var closed = full, open = full
        closed.gates = full.flows.mapValues { Tensor(zeros: [$0.shape[0], 1, $0.shape[2], $0.shape[3]]) }
        open.gates = full.flows.mapValues { Tensor(shape: [$0.shape[0], 1, $0.shape[2], $0.shape[3]], repeating: 1) }
        let unaligned = p.generator(code).value
        let gatedShut = product(generator: p.generator, code: code, features: encoded.features, settings: setting, fixed: closed)
        let gatedOpen = product(generator: p.generator, code: code, features: encoded.features, settings: setting, fixed: open)
        #expect(gatedShut.aligned.value.isClose(to: unaligned, rtol: 0, atol: 1e-6))
        #expect(gatedOpen.aligned.value.isClose(to: full.aligned.value, rtol: 0, atol: 1e-6))
        #expect(!full.aligned.value.isClose(to: unaligned, rtol: 0, atol: 1e-6), "the trained flows should move something")
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
