import Autodiff
import Datasets
import Foundation
import NN
import Session
import Tensors

/// Out-of-domain GAN inversion by invertibility decomposition as a workbench session (kind `ood-inversion`).
///
/// Steps `0..<stage0Steps` train the generator and encoder (stage 0); the rest train the alignment +
/// invertibility module with both frozen (stage 1). Every `evaluationInterval` steps the test probe is scored;
/// `diagnostics()` shows the current test image as the spec's image strips (§5).
public final class InvertibilityExperiment: Experiment {
    public static let kind = "ood-inversion"
    public static let summary = "out-of-domain GAN inversion: alignment + invertibility mask on procedural faces"

    let pipeline: InversionPipeline
    var selectedImage = 0
    var threshold: Double = 0.10
    var editStrength: Double = 0.8
    var probeCount: Int
    let evalEvery: Int
    var lastEvaluation: InversionEvaluation?
    /// The attribute the edit moves (spec §5: smile, eye openness, brow tilt, yaw) and which edited blend the panes
    /// show: recomputed flow and mask (the paper's behaviour) or the inversion's reused.
    var editAttribute = "smile"
    var editReuses = false
    /// The displayed image: misalignment strength s, the overlay types drawn, and the seed it is rendered from
    /// (the test set's own image while s = 1, every type on and the seed unchanged).
    var displayStrength = 1.0
    var displayOverlays = Set(FaceOverlays.probabilities.map(\.0))
    var displaySeed: UInt64
    /// Baseline B2 retrained on request (`train-b2`) from the current stage-0 weights with κ = 0, stepped alongside.
    var b2: InversionPipeline?
    var b2Evaluation: InversionEvaluation?

    static let editAttributes = ["smile", "open", "btilt", "yaw"]
    static let scaleChoices = [[8, 16, 32], [8, 16], [8]]
    static let overlayKinds = FaceOverlays.probabilities.map(\.0)

    public init(spec: SessionSpec) throws {
        let data = spec.section("data"), training = spec.section("training"), method = spec.section("method")
        var config = InversionConfig()
        config.stage0Steps = try training.int("stage0_steps", default: 1500, in: 0...1_000_000)
        config.stage1Steps = try training.int("stage1_steps", default: 1500, in: 0...1_000_000)
        config.stage0Batch = try training.int("stage0_batch", default: 32, in: 2...1024)
        config.stage1Batch = try training.int("stage1_batch", default: 16, in: 1...1024)
        config.stage0LearningRate = Float(try training.double("stage0_lr", default: 2e-3, in: 1e-6...1))
        config.stage1LearningRate = Float(try training.double("stage1_lr", default: 2e-3, in: 1e-6...1))
        config.stage1FinalLearningRate = Float(try training.double("stage1_final_lr", default: 2e-4, in: 0...1))
        config.gradientClip = Float(try training.double("clip", default: 1, in: 1e-3...1e6))
        config.pixelWeight = Float(try method.double("pixel_weight", default: 40, in: 0...1e4))
        config.maskWeight = Float(try method.double("mask_weight", default: 5, in: 0...1e4))
        config.binaryWeight = Float(try method.double("binary_weight", default: 0.04, in: 0...100))
        config.binaryStart = try method.double("binary_start", default: 0.5, in: 0...1)
        config.progressive = try method.bool("progressive", default: true)
        config.alignment.kappa = Float(try method.double("kappa", default: 0.08, in: 0...1))
        config.alignment.passes = try method.int("passes", default: 2, in: 1...3)
        config.alignment.fusion = MaskFusion(rawValue: try method.string(
            "fusion", default: "logit", oneOf: MaskFusion.allCases.map(\.rawValue))) ?? .logit
        config.alignment.warp = WarpMode(rawValue: try method.string(
            "warp", default: "full", oneOf: WarpMode.allCases.map(\.rawValue))) ?? .full
        for (key, r) in [("budget_8", 8), ("budget_16", 16), ("budget_32", 32), ("budget_out", 0)] {
            config.budgets[r] = Float(try method.double(key, default: Double(config.budgets[r] ?? 0.12), in: 0...1))
        }
        let scales = try method.string("scales", default: "8+16+32",
                                       oneOf: Self.scaleChoices.map { $0.map(String.init).joined(separator: "+") })
        config.alignment.activeScales = scales.split(separator: "+").compactMap { Int($0) }
        editAttribute = try method.string("edit_attribute", default: "smile", oneOf: Self.editAttributes)
        editReuses = try method.string("edit_mode", default: "recompute", oneOf: ["recompute", "reuse"]) == "reuse"
        threshold = try method.double("tau", default: 0.10, in: 0...1)
        editStrength = try method.double("edit_strength", default: 0.8, in: -1...1)
        evalEvery = try training.int("eval_every", default: 100, in: 0...1_000_000)
        probeCount = try training.int("probe", default: 64, in: 1...10_000)
        let faces = FaceData(
            seed: spec.seed,
            cleanCount: try data.int("clean", default: 20_000, in: 2...1_000_000),
            corruptedCount: try data.int("corrupted", default: 10_000, in: 1...1_000_000),
            alignmentCount: try data.int("alignment", default: 6000, in: 1...1_000_000),
            testCount: try data.int("test", default: 400, in: 1...100_000),
            testSeed: UInt64(try data.int("test_seed", default: 4242, in: 0...Int(Int32.max))))
        probeCount = min(probeCount, faces.test.count)
        displaySeed = faces.testSeed
        pipeline = InversionPipeline(config: config, data: faces, seed: spec.seed)
    }

    public var totalSteps: Int { pipeline.totalSteps }
    public var evaluationInterval: Int { evalEvery }

    public var hyperparameters: [HyperparameterSpec] {
        let c = pipeline.config
        return [
            HyperparameterSpec(name: "kappa", symbol: "κ", summary: "flow bound (normalised units); 0 = no alignment (B2)",
                               value: Double(c.alignment.kappa), range: 0...0.5),
            HyperparameterSpec(name: "passes", symbol: "K", summary: "alignment passes per scale", value: Double(c.alignment.passes),
                               range: 1...3, kind: .integer),
            HyperparameterSpec(name: "pixel_weight", symbol: "w_pix", summary: "weight of MSE(ŷ, x)",
                               value: Double(c.pixelWeight), range: 0...1000, scale: .log),
            HyperparameterSpec(name: "mask_weight", symbol: "w_m", summary: "weight of the area hinges",
                               value: Double(c.maskWeight), range: 0...1000, scale: .log),
            HyperparameterSpec(name: "binary_weight", symbol: "w_b", summary: "binary term weight (× mask weight)",
                               value: Double(c.binaryWeight), range: 0...10),
            HyperparameterSpec(name: "lr", symbol: "η", summary: "peak learning rate of the current stage",
                               value: Double(pipeline.inStage0 ? c.stage0LearningRate : c.stage1LearningRate),
                               range: 1e-6...1, scale: .log),
            HyperparameterSpec(name: "binary_start", symbol: "t_b", summary: "fraction of stage 1 before the binary term",
                               value: c.binaryStart, range: 0...1),
            .choice(name: "fusion", symbol: "fuse", summary: "mask fusion: logit (last pass) or product (paper, every pass)",
                    options: MaskFusion.allCases.map(\.rawValue), selected: c.alignment.fusion.rawValue),
            .choice(name: "warp", symbol: "W", summary: "warp everywhere (full) or gated by the mask (reference code)",
                    options: WarpMode.allCases.map(\.rawValue), selected: c.alignment.warp.rawValue),
            .choice(name: "scales", symbol: "r", summary: "active generator scales (coarse to fine; progressive within them)",
                    options: Self.scaleChoices.map { $0.map(String.init).joined(separator: "+") },
                    selected: c.alignment.activeScales.map(String.init).joined(separator: "+")),
        ] + [8, 16, 32, 0].map { r in
            HyperparameterSpec(name: r == 0 ? "budget_out" : "budget_\(r)", symbol: r == 0 ? "a_out" : "a_\(r)",
                               summary: "area budget of the \(r == 0 ? "final mask" : "\(r)² mask") (hinge)",
                               value: Double(c.budgets[r] ?? 0.12), range: 0...1)
        } + [
            HyperparameterSpec(name: "tau", symbol: "τ", summary: "B1 error-mask threshold", value: threshold, range: 0...1),
            .choice(name: "edit_attribute", symbol: "attr", summary: "the code coordinate the edit moves",
                    options: Self.editAttributes, selected: editAttribute),
            HyperparameterSpec(name: "edit_strength", symbol: "δ", summary: "edit in code units (shown image)",
                               value: editStrength, range: -1...1),
            .choice(name: "edit_mode", symbol: "edit", summary: "edited blend: recompute flow and mask, or reuse the inversion's",
                    options: ["recompute", "reuse"], selected: editReuses ? "reuse" : "recompute"),
            HyperparameterSpec(name: "image", symbol: "i", summary: "test image shown", value: Double(selectedImage),
                               range: 0...Double(pipeline.data.test.count - 1), kind: .integer),
            HyperparameterSpec(name: "strength", symbol: "s", summary: "misalignment strength of the shown image",
                               value: displayStrength, range: 0...1.5),
        ] + Self.overlayKinds.map { kind in
            .toggle(name: "ood_\(kind)", symbol: kind, summary: "draw \(kind) overlays on the shown image",
                    isOn: displayOverlays.contains(kind))
        }
    }

    public func setHyperparameter(_ name: String, to value: Double) throws(ExperimentError) {
        _ = try checkedHyperparameter(name, value)
        switch name {
        case "kappa": pipeline.config.alignment.kappa = Float(value)
        case "passes": pipeline.config.alignment.passes = Int(value)
        case "pixel_weight": pipeline.config.pixelWeight = Float(value)
        case "mask_weight": pipeline.config.maskWeight = Float(value)
        case "binary_weight": pipeline.config.binaryWeight = Float(value)
        case "binary_start": pipeline.config.binaryStart = value
        case "fusion": pipeline.config.alignment.fusion = MaskFusion.allCases[Int(value)]
        case "warp": pipeline.config.alignment.warp = WarpMode.allCases[Int(value)]
        case "scales": pipeline.config.alignment.activeScales = Self.scaleChoices[Int(value)]
        case "budget_8": pipeline.config.budgets[8] = Float(value)
        case "budget_16": pipeline.config.budgets[16] = Float(value)
        case "budget_32": pipeline.config.budgets[32] = Float(value)
        case "budget_out": pipeline.config.budgets[0] = Float(value)
        case "lr":
            if pipeline.inStage0 { pipeline.config.stage0LearningRate = Float(value) } else { pipeline.config.stage1LearningRate = Float(value) }
        case "tau": threshold = value
        case "edit_attribute": editAttribute = Self.editAttributes[Int(value)]
        case "edit_strength": editStrength = value
        case "edit_mode": editReuses = value != 0
        case "strength": displayStrength = value
        case "image": selectedImage = Int(value)
        default:
            let kind = String(name.dropFirst("ood_".count))
            if value != 0 { displayOverlays.insert(kind) } else { displayOverlays.remove(kind) }
        }
    }

    public var actions: [ActionSpec] {
        [ActionSpec(name: "next-image", summary: "show the next test image"),
         ActionSpec(name: "previous-image", summary: "show the previous test image"),
         ActionSpec(name: "new-face", summary: "render the shown image from a new seed"),
         ActionSpec(name: "test-face", summary: "show the test set's own image again (s = 1, all overlays, test seed)"),
         ActionSpec(name: "oracle-tau", summary: "set τ to B1's best-F1 threshold on the probe"),
         ActionSpec(name: "train-b2", summary: "retrain B2 (κ = 0) from the stage-0 weights with the current settings, alongside")]
    }

    public func perform(_ action: String) throws(ExperimentError) {
        let n = pipeline.data.test.count
        switch action {
        case "next-image": selectedImage = (selectedImage + 1) % n
        case "previous-image": selectedImage = (selectedImage + n - 1) % n
        case "new-face": displaySeed &+= 1
        case "test-face":
            displaySeed = pipeline.data.testSeed
            displayStrength = 1
            displayOverlays = Set(Self.overlayKinds)
        case "oracle-tau":
            let e = pipeline.evaluate(count: probeCount)
            threshold = Double(e.oracleThreshold)
        case "train-b2":
            guard !pipeline.inStage0 else {
                throw .actionUnavailable(name: "train-b2", reason: "B2 starts from the trained generator and encoder; wait for stage 1 (step \(pipeline.config.stage0Steps))")
            }
            var setting = pipeline.config.alignment
            setting.kappa = 0
            b2 = pipeline.stage1Sibling(alignment: setting)
            b2Evaluation = nil
        default: throw .unknownAction(name: action, known: actions.map(\.name))
        }
    }

    /// The sample the panes show: the test image itself, or re-rendered with the display controls.
    var displayedSample: FaceSample {
        let data = pipeline.data
        if displaySeed == data.testSeed && displayStrength == 1 && displayOverlays.count == Self.overlayKinds.count {
            return data.test[selectedImage]
        }
        let set = ProceduralFaceSet(seed: displaySeed, count: data.test.count, strength: displayStrength,
                                    enabledOverlays: displayOverlays)
        return set.sample(selectedImage)
    }

    /// B2 steps owed this step so that it finishes with the main run (one per step at the start of stage 1).
    func advanceB2() -> Double? {
        guard let b2, b2.step < b2.totalSteps else { return nil }
        // Called after the run's own step: this step counts among those left.
        let remainingMain = max(pipeline.totalSteps - pipeline.step + 1, 1)
        let owed = (b2.totalSteps - b2.step + remainingMain - 1) / remainingMain
        var loss = Double.nan
        for _ in 0..<owed where b2.step < b2.totalSteps { loss = b2.trainStep()["loss"] ?? .nan }
        return loss
    }

    public func step() throws -> [String: Double] {
        var m = pipeline.trainStep()
        m["stage"] = pipeline.step <= pipeline.config.stage0Steps ? 0 : 1
        if let loss = advanceB2() { m["b2/loss"] = loss }
        return m
    }

    public func evaluate() throws -> [String: Double] {
        if pipeline.step <= pipeline.config.stage0Steps {
            return stage0Metrics()
        }
        let e = pipeline.evaluate(count: probeCount)
        lastEvaluation = e
        var metrics = e.metrics
        if let b2, b2.stage1Progress > 0 {
            let b = b2.evaluate(count: probeCount)
            b2Evaluation = b
            for key in ["eval/f1", "eval/iou", "eval/ap", "eval/psnr.ours.all"] {
                metrics["eval/b2." + key.dropFirst("eval/".count)] = b.metrics[key]
            }
            metrics["eval/b2.progress"] = b2.stage1Progress
        }
        return metrics
    }

    /// Stage-0 calibration on the probe (spec §4 check 2).
    func stage0Metrics() -> [String: Double] {
        let c = pipeline.stage0Calibration(Array(pipeline.data.test.prefix(probeCount)))
        return ["eval/stage0.psnr.g": c.generator, "eval/stage0.psnr.ge_clean": c.clean,
                "eval/stage0.psnr.ge_corrupted": c.corrupted]
    }

    public func diagnostics() -> [Panel] {
        InvertibilityPanels.panels(pipeline: pipeline, sample: displayedSample, index: selectedImage,
                                   threshold: Float(threshold),
                                   edit: .init(attribute: editAttribute, strength: editStrength, reuse: editReuses),
                                   evaluation: lastEvaluation, b2: b2, b2Evaluation: b2Evaluation)
    }

    public func saveState() throws -> ExperimentState {
        var state = ExperimentState()
        for p in pipeline.allParameters { state.floatTensors["param.\(p.name)"] = p.value }
        for (k, v) in pipeline.stage0Optimizer.stateTensors() { state.floatTensors["opt0.\(k)"] = v }
        for (k, v) in pipeline.stage1Optimizer.stateTensors() { state.floatTensors["opt1.\(k)"] = v }
        state.setRNG(pipeline.rng, forKey: "rng")
        state.values["step"] = String(pipeline.step)
        state.values["image"] = String(selectedImage)
        state.values["tau"] = String(threshold)
        state.values["edit_strength"] = String(editStrength)
        for h in hyperparameters { state.values["hyper.\(h.name)"] = String(h.value) }
        state.values["display_seed"] = String(displaySeed)
        if let b2 {
            // The retrained B2 shares G and E with the run; its module, optimizer, stream and step are its own.
            for p in b2.module.parameters { state.floatTensors["b2.param.\(p.name)"] = p.value }
            for (k, v) in b2.stage1Optimizer.stateTensors() { state.floatTensors["b2.opt1.\(k)"] = v }
            state.setRNG(b2.rng, forKey: "b2.rng")
            state.values["b2.step"] = String(b2.step)
            // Its settings as started (they do not follow later live edits of the run), as JSON.
            state.values["b2.config"] = String(decoding: try JSONEncoder().encode(b2.config), as: UTF8.self)
        }
        return state
    }

    public func restoreState(_ state: ExperimentState) throws {
        for p in pipeline.allParameters { p.value = try state.tensor("param.\(p.name)", shape: p.value.shape) }
        func optimizerState(_ prefix: String) -> [String: Tensor<Float>] {
            Dictionary(uniqueKeysWithValues: state.floatTensors.filter { $0.key.hasPrefix(prefix) }
                .map { (String($0.key.dropFirst(prefix.count)), $0.value) })
        }
        pipeline.stage0Optimizer.loadState(optimizerState("opt0."))
        pipeline.stage1Optimizer.loadState(optimizerState("opt1."))
        pipeline.rng = try state.rng(forKey: "rng")
        pipeline.step = try state.int("step")
        for h in hyperparameters where h.name != "lr" {
            if let v = state.values["hyper.\(h.name)"].flatMap(Double.init) { try? setHyperparameter(h.name, to: v) }
        }
        if let lr = state.values["hyper.lr"].flatMap(Double.init) { try? setHyperparameter("lr", to: lr) }
        if let seed = state.values["display_seed"].flatMap(UInt64.init) { displaySeed = seed }
        b2 = nil
        b2Evaluation = nil
        if state.values["b2.step"] != nil {
            try perform("train-b2")
            guard let b2 else { return }
            if let text = state.values["b2.config"] {
                do {
                    b2.config = try JSONDecoder().decode(InversionConfig.self, from: Data(text.utf8))
                } catch {
                    throw ExperimentError.incompatibleState("malformed B2 settings 'b2.config': \(error)")
                }
            }
            for p in b2.module.parameters { p.value = try state.tensor("b2.param.\(p.name)", shape: p.value.shape) }
            b2.stage1Optimizer.loadState(optimizerState("b2.opt1."))
            b2.rng = try state.rng(forKey: "b2.rng")
            b2.step = try state.int("b2.step")
        }
    }
}
