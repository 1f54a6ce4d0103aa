import Datasets
import Foundation
import NN
import Session
import Tensors

/// The point-cloud normals session: FA-PointNet vs PointNet, each trained on upright and on rotated shapes and
/// tested on rotated shapes (Puny et al. 2022, §5.3, settings I/SO(3) and SO(3)/SO(3)). The FA model's error is
/// the same in both settings; the baseline's degrades when trained upright.
///
/// Spec: `data` (`train`, `test`, `points`), `training` (`steps`, `lr`, `batch`, `eval_every`).
public final class NormalsExperiment: Experiment {
    public static let kind = "frame-averaging-normals"
    public static let summary = "FA-PointNet vs PointNet normals on procedural shapes, upright vs rotated training"

    let runs: [NormalsRun]
    let testRotated: NormalsSet, testUpright: NormalsSet
    var batchSize: Int
    var learningRate: Float
    let steps: Int
    let evaluateEvery: Int
    var rng: RandomSource
    var lastErrors: [String: (rotated: Double, upright: Double)] = [:]

    public init(spec: SessionSpec) throws {
        let d = spec.section("data"), t = spec.section("training")
        let trainCount = try d.int("train", default: 400, in: 5...100_000)
        let testCount = try d.int("test", default: 100, in: 5...100_000)
        let n = try d.int("points", default: 128, in: 8...4096)
        steps = try t.int("steps", default: 1500, in: 1...1_000_000)
        learningRate = Float(try t.double("lr", default: 1e-3, in: 1e-6...1))
        batchSize = try t.int("batch", default: 8, in: 1...256)
        evaluateEvery = try t.int("eval_every", default: 100, in: 1...1_000_000)
        let seed = spec.seed
        let upright = NormalsSet.generate(count: trainCount, points: n, rotated: false, seed: seed &+ 1)
        let rotated = NormalsSet.generate(count: trainCount, points: n, rotated: true, seed: seed &+ 1)
        testRotated = NormalsSet.generate(count: testCount, points: n, rotated: true, seed: seed &+ 2)
        testUpright = NormalsSet.generate(count: testCount, points: n, rotated: false, seed: seed &+ 2)
        runs = [
            NormalsRun(name: "FA-PointNet I/SO3", frameAveraged: true, train: upright, learningRate: learningRate, seed: seed &+ 3),
            NormalsRun(name: "FA-PointNet SO3/SO3", frameAveraged: true, train: rotated, learningRate: learningRate, seed: seed &+ 3),
            NormalsRun(name: "PointNet I/SO3", frameAveraged: false, train: upright, learningRate: learningRate, seed: seed &+ 4),
            NormalsRun(name: "PointNet SO3/SO3", frameAveraged: false, train: rotated, learningRate: learningRate, seed: seed &+ 4),
        ]
        rng = RandomSource(seed: seed &+ 5)
        BLAS.configureFromEnvironment()
    }

    public var hyperparameters: [HyperparameterSpec] {
        [HyperparameterSpec(name: "lr", symbol: "η", summary: "Adam learning rate (all four runs)", value: Double(learningRate), range: 1e-6...1, scale: .log),
         HyperparameterSpec(name: "batch", symbol: "B", summary: "shapes per batch", value: Double(batchSize), range: 1...256, kind: .integer)]
    }

    public func setHyperparameter(_ name: String, to value: Double) throws(ExperimentError) {
        _ = try checkedHyperparameter(name, value)
        if name == "lr" { learningRate = Float(value); for r in runs { r.optimizer.learningRate = learningRate } }
        if name == "batch" { batchSize = Int(value.rounded()) }
    }

    public var totalSteps: Int { steps }
    public var evaluationInterval: Int { evaluateEvery }

    public func step() throws -> [String: Double] {
        let count = runs[0].train.clouds
        let indices = (0..<Swift.min(batchSize, count)).map { _ in rng.int(below: count) }
        var out: [String: Double] = [:]
        for r in runs { out["loss/\(r.name)"] = r.step(indices) }
        out["loss"] = out["loss/FA-PointNet SO3/SO3"] ?? 0
        return out
    }

    public func evaluate() throws -> [String: Double] {
        var out: [String: Double] = [:]
        for r in runs {
            let e = (r.error(on: testRotated), r.error(on: testUpright))
            lastErrors[r.name] = e
            out["test-rotated/\(r.name)"] = e.0
            out["test-upright/\(r.name)"] = e.1
        }
        return out
    }

    public func diagnostics() -> [Panel] {
        let rows = runs.map { r in
            [r.name, lastErrors[r.name].map { String(format: "%.4f", $0.rotated) } ?? "-",
             lastErrors[r.name].map { String(format: "%.4f", $0.upright) } ?? "-"]
        }
        return [.table(TablePanel(title: "normal error 1 − (n̂·n)² (train setting / test rotated)",
                                  columns: ["model / train→test", "rotated test", "upright test"], rows: rows)),
                .text(title: "expected", lines: ["FA-PointNet: identical error whether trained upright or rotated (exact invariance of the canonical inputs).",
                                                 "PointNet: trained upright, it degrades on rotated test shapes.",
                                                 "Published ABC values are not shown (not recoverable for this spec)."])]
    }

    public func saveState() throws -> ExperimentState {
        var state = ExperimentState()
        for r in runs {
            for p in r.model.parameters { state.floatTensors["\(r.name)/\(p.name)"] = p.value }
            for (k, v) in r.optimizer.stateTensors() { state.floatTensors["\(r.name)/opt/\(k)"] = v }
        }
        state.setRNG(rng, forKey: "rng")
        state.values["batch"] = String(batchSize)
        state.values["lr"] = String(describing: learningRate)
        return state
    }

    public func restoreState(_ state: ExperimentState) throws {
        for r in runs {
            for p in r.model.parameters { p.value = try state.tensor("\(r.name)/\(p.name)", shape: p.value.shape) }
            let prefix = "\(r.name)/opt/"
            var opt: [String: Tensor<Float>] = [:]
            for (k, v) in state.floatTensors where k.hasPrefix(prefix) { opt[String(k.dropFirst(prefix.count))] = v }
            r.optimizer.loadState(opt)
        }
        rng = try state.rng(forKey: "rng")
        batchSize = try state.int("batch")
        learningRate = Float(try state.double("lr"))
        for r in runs { r.optimizer.learningRate = learningRate }
    }
}
