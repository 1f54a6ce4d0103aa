import Datasets
import Foundation
import NN
import Session
import Tensors

/// The n-body session: FA-GNN, GNN and Linear on the seed-43 charged 5-body data (Puny et al. 2022, §5.1).
///
/// Spec sections: `data` (`train`, `validation`, `test`, `cache`), `model` (`kind`, `group`, `mode`, `hidden`, `layers`, `samples`),
/// `training` (`epochs`, `lr`, `batch`, `eval_every`). Model, frame group, FA mode, sample count, learning rate and
/// batch size change live; each model keeps its own parameters and optimizer, so switching back continues it.
public final class NBodyExperiment: Experiment {
    public static let kind = "frame-averaging-nbody"
    public static let summary = "FA-GNN vs GNN vs Linear on charged 5-body dynamics (Puny et al. 2022)"
    static let modelNames = ["FA-GNN", "GNN", "Linear"]

    let data: NBodyDataset
    let seed: UInt64
    let hidden: Int, layers: Int, gnnHidden: Int
    let plannedSteps: Int
    let probe: NBodyBatch
    var trainers: [String: NBodyTrainer] = [:]
    var active: String
    var group: FrameGroup
    var mode: FAMode
    var sampleCount: Int
    var learningRates: [String: Float]
    var batchSize: Int
    let epochs: Int
    let evaluateEvery: Int
    /// Best validation MSE per model and the test MSE at it.
    var best: [String: (validation: Double, test: Double)] = [:]
    var lastSymmetry: (e3: Double, permutation: Double, gnnE3: Double) = (.nan, .nan, .nan)
    /// Test MSE per evaluation: model → (epoch, MSE) points.
    var history: [String: [(epoch: Double, mse: Double)]] = [:]
    var scatterIndex = 0
    /// Wall seconds spent in `step()` and the number of steps timed (throughput panel).
    var stepSeconds = 0.0, timedSteps = 0
    var stepCount = 0

    public init(spec: SessionSpec) throws {
        let d = spec.section("data"), m = spec.section("model"), t = spec.section("training")
        var config = NBodyDataset.Configuration()
        config.trainCount = try d.int("train", default: 3000, in: 10...10_000)
        config.validationCount = try d.int("validation", default: 2000, in: 10...2000)
        config.testCount = try d.int("test", default: 2000, in: 10...2000)
        let cache = try d.string("cache", default: "runs/cache")
        active = try m.string("kind", default: "FA-GNN", oneOf: NBodyExperiment.modelNames)
        group = try m.string("group", default: "E3", oneOf: ["E3", "SE3"]) == "SE3" ? .se3 : .e3
        mode = FAMode(rawValue: try m.string("mode", default: "per-layer", oneOf: FAMode.allCases.map(\.rawValue))) ?? .perLayer
        hidden = try m.int("hidden", default: 60, in: 3...300)
        guard hidden % 3 == 0 else { throw m.error("hidden", "FA-GNN needs a hidden width divisible by 3; use e.g. 60") }
        gnnHidden = try m.int("gnn_hidden", default: 64, in: 1...300)
        layers = try m.int("layers", default: 4, in: 1...8)
        sampleCount = try m.int("samples", default: 2, in: 1...8)
        epochs = try t.int("epochs", default: 30, in: 1...100_000)
        let lr = try t.double("lr", default: 1e-3, in: 1e-6...1)
        batchSize = try t.int("batch", default: 100, in: 1...1000)
        evaluateEvery = try t.int("eval_every", default: 5, in: 1...10_000)
        learningRates = ["FA-GNN": 1e-3, "GNN": 5e-4, "Linear": 1e-2]
        learningRates[active] = Float(lr)
        seed = spec.seed
        do { data = try NBodyDataset.cached(config, directory: cache) } catch {
            throw d.error("cache", "cannot write the n-body data cache under '\(cache)' (\(error)); choose a writable directory")
        }
        probe = NBodyBatch(data.test, indices: Array(0..<Swift.min(50, data.test.count)))
        BLAS.configureFromEnvironment()
        plannedSteps = epochs * ((data.train.count + batchSize - 1) / batchSize)
        _ = trainer(for: active)
    }

    /// The trainer of a model, created on first use (initialisation seeded from the session seed and the name).
    func trainer(for name: String) -> NBodyTrainer {
        if let t = trainers[name] { return t }
        var rng = RandomSource(seed: seed &+ UInt64(NBodyExperiment.modelNames.firstIndex(of: name) ?? 0) &* 7919)
        let model: any NBodyModel
        switch name {
        case "GNN": model = PlainGNN(hidden: gnnHidden, layers: layers, rng: &rng)
        case "Linear": model = LinearDrift()
        default: model = FAGNN(hidden: hidden, layers: layers, mode: mode, group: group, sampleCount: sampleCount, rng: &rng)
        }
        let t = NBodyTrainer(model: model, train: data.train, learningRate: learningRates[name] ?? 1e-3,
                             batchSize: batchSize, seed: seed &+ 17)
        trainers[name] = t
        return t
    }

    var current: NBodyTrainer { trainer(for: active) }

    public var hyperparameters: [HyperparameterSpec] {
        [
            .choice(name: "model", symbol: "Φ", summary: "model trained by the next steps", options: NBodyExperiment.modelNames, selected: active),
            .choice(name: "group", symbol: "G", summary: "frame group: E(3) (8 elements) or SE(3) (4)", options: ["E3", "SE3"], selected: group.rawValue),
            .choice(name: "fa_mode", symbol: "F", summary: "per-layer re-symmetrisation, input/output only, or sampled k", options: FAMode.allCases.map(\.rawValue), selected: mode.rawValue),
            HyperparameterSpec(name: "samples", symbol: "k", summary: "frame elements per system in sampled mode (training)", value: Double(sampleCount), range: 1...8, kind: .integer),
            HyperparameterSpec(name: "lr", symbol: "η", summary: "Adam learning rate of the active model", value: Double(learningRates[active] ?? 1e-3), range: 1e-6...1, scale: .log),
            HyperparameterSpec(name: "batch", symbol: "B", summary: "systems per batch", value: Double(batchSize), range: 1...1000, kind: .integer),
            HyperparameterSpec(name: "hidden", symbol: "H", summary: "hidden width (restart)", value: Double(hidden), range: 3...300, isLive: false, kind: .integer),
            HyperparameterSpec(name: "layers", symbol: "L", summary: "message-passing layers (restart)", value: Double(layers), range: 1...8, isLive: false, kind: .integer),
        ]
    }

    public func setHyperparameter(_ name: String, to value: Double) throws(ExperimentError) {
        _ = try checkedHyperparameter(name, value)
        let i = Int(value.rounded())
        switch name {
        case "model": active = NBodyExperiment.modelNames[i]; current.batchSize = batchSize
        case "group": group = i == 1 ? .se3 : .e3
        case "fa_mode": mode = FAMode.allCases[i]
        case "samples": sampleCount = i
        case "lr": learningRates[active] = Float(value); current.optimizer.learningRate = Float(value)
        case "batch": batchSize = i; current.batchSize = i
        default: throw .notLive(name: name)
        }
        applyFrameSettings()
    }

    func applyFrameSettings() {
        for t in trainers.values {
            guard let fa = t.model as? FAGNN else { continue }
            fa.group = group
            fa.mode = mode
            fa.sampleCount = sampleCount
        }
    }

    public var actions: [ActionSpec] {
        [ActionSpec(name: "next-system", summary: "show the next test system in the scatter panel")]
    }

    public func perform(_ action: String) throws(ExperimentError) {
        guard action == "next-system" else { throw .unknownAction(name: action, known: actions.map(\.name)) }
        scatterIndex = (scatterIndex + 1) % Swift.max(data.test.count, 1)
    }

    public var stepsPerEpoch: Int { (data.train.count + batchSize - 1) / batchSize }
    public var totalSteps: Int { plannedSteps }
    public var evaluationInterval: Int { evaluateEvery * stepsPerEpoch }

    public func step() throws -> [String: Double] {
        let t = current
        let clock = ContinuousClock(), start = clock.now
        let loss = t.step()
        let d = (clock.now - start).components
        stepSeconds += Double(d.seconds) + Double(d.attoseconds) * 1e-18
        timedSteps += 1
        stepCount += 1
        return ["loss": loss, "loss/\(active)": loss, "epoch": Double(t.epoch) + Double(t.cursor) / Double(Swift.max(t.train.count, 1))]
    }

    public func evaluate() throws -> [String: Double] {
        let t = current
        let val = t.evaluate(data.validation), test = t.evaluate(data.test)
        if val < (best[active]?.validation ?? .infinity) { best[active] = (val, test) }
        history[active, default: []].append((Double(t.epoch) + Double(t.cursor) / Double(Swift.max(t.train.count, 1)), test))
        let sym = NBodySymmetryProbe.errors(t.model, on: probe, seed: 99)
        let gnnE3 = trainers["GNN"].map { NBodySymmetryProbe.errors($0.model, on: probe, seed: 99).e3 } ?? .nan
        lastSymmetry = (sym.e3, sym.permutation, gnnE3)
        var out = ["val/mse": val, "test/mse": test, "val/\(active)": val, "test/\(active)": test,
                   "test/best-val/\(active)": best[active]?.test ?? test,
                   "symmetry/e3": sym.e3, "symmetry/permutation": sym.permutation]
        if gnnE3.isFinite { out["symmetry/gnn-e3"] = gnnE3 }
        return out
    }
}
