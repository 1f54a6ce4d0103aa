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
        config.alignment.kappa = Float(try method.double("kappa", default: 0.15, in: 0...1))
        config.alignment.passes = try method.int("passes", default: 2, in: 1...3)
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
            HyperparameterSpec(name: "tau", symbol: "τ", summary: "B1 error-mask threshold", value: threshold, range: 0...1),
            HyperparameterSpec(name: "edit_strength", symbol: "δ", summary: "smile edit in code units (shown image)",
                               value: editStrength, range: -1...1),
            HyperparameterSpec(name: "image", symbol: "i", summary: "test image shown", value: Double(selectedImage),
                               range: 0...Double(pipeline.data.test.count - 1), kind: .integer),
        ]
    }

    public func setHyperparameter(_ name: String, to value: Double) throws(ExperimentError) {
        _ = try checkedHyperparameter(name, value)
        switch name {
        case "kappa": pipeline.config.alignment.kappa = Float(value)
        case "passes": pipeline.config.alignment.passes = Int(value)
        case "pixel_weight": pipeline.config.pixelWeight = Float(value)
        case "mask_weight": pipeline.config.maskWeight = Float(value)
        case "binary_weight": pipeline.config.binaryWeight = Float(value)
        case "lr":
            if pipeline.inStage0 { pipeline.config.stage0LearningRate = Float(value) } else { pipeline.config.stage1LearningRate = Float(value) }
        case "tau": threshold = value
        case "edit_strength": editStrength = value
        default: selectedImage = Int(value)
        }
    }

    public var actions: [ActionSpec] {
        [ActionSpec(name: "next-image", summary: "show the next test image"),
         ActionSpec(name: "previous-image", summary: "show the previous test image"),
         ActionSpec(name: "oracle-tau", summary: "set τ to B1's best-F1 threshold on the probe")]
    }

    public func perform(_ action: String) throws(ExperimentError) {
        let n = pipeline.data.test.count
        switch action {
        case "next-image": selectedImage = (selectedImage + 1) % n
        case "previous-image": selectedImage = (selectedImage + n - 1) % n
        case "oracle-tau":
            let e = pipeline.evaluate(count: probeCount)
            threshold = Double(e.oracleThreshold)
        default: throw .unknownAction(name: action, known: actions.map(\.name))
        }
    }

    public func step() throws -> [String: Double] {
        var m = pipeline.trainStep()
        m["stage"] = pipeline.step <= pipeline.config.stage0Steps ? 0 : 1
        return m
    }

    public func evaluate() throws -> [String: Double] {
        if pipeline.step <= pipeline.config.stage0Steps {
            return stage0Metrics()
        }
        let e = pipeline.evaluate(count: probeCount)
        lastEvaluation = e
        return e.metrics
    }

    /// Stage-0 calibration on the probe (spec §4 check 2).
    func stage0Metrics() -> [String: Double] {
        let c = pipeline.stage0Calibration(Array(pipeline.data.test.prefix(probeCount)))
        return ["eval/stage0.psnr.g": c.generator, "eval/stage0.psnr.ge_clean": c.clean,
                "eval/stage0.psnr.ge_corrupted": c.corrupted]
    }

    public func diagnostics() -> [Panel] {
        InvertibilityPanels.panels(pipeline: pipeline, sample: pipeline.data.test[selectedImage], index: selectedImage,
                                   threshold: Float(threshold), editStrength: editStrength, evaluation: lastEvaluation)
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
    }
}
