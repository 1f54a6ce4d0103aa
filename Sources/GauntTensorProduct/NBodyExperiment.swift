import Autodiff
import Datasets
import NN
import Session
import Symmetry
import Tensors

/// The charged N-body displacement task with a Gaunt network (Gaunt spec §8d-2; the paper's SEGNN sanity check).
///
/// Node inputs: a constant scalar, the charge (scalar) and the velocity as degree-1 coefficients
/// `√(4π/3) (v_y, v_z, v_x)`; edges of the complete graph carry `Y(r̂_ij)` and radial inputs
/// (`q_i q_j`, Gaussian features of `|r_ij|`). The prediction is `T v + Δ`, with `Δ` the network's degree-1
/// output read back the same way; the baseline is constant-velocity extrapolation `T v`.
public final class GauntNBodyExperiment: Experiment {
    public static let kind = "gaunt-nbody"
    public static let summary = "Gaunt equivariant net predicts charged 5-body displacements vs constant-velocity baseline"

    let core: GauntTrainingCore
    let steps: Int, interval: Int
    let train: [ChargedNBodyDisplacement.Sample], validation: [ChargedNBodyDisplacement.Sample]
    let test: [ChargedNBodyDisplacement.Sample]
    let duration: Double
    var order: [Int] = [], cursor = 0
    var lastEvaluation: [String: Double] = [:]
    static let vectorScale = (4 * Double.pi / 3).squareRoot()

    public init(spec: SessionSpec) throws {
        let model = spec.section("model"), training = spec.section("training"), data = spec.section("data")
        let bench = spec.section("benchmark")
        let L = try model.int("L", default: 2, in: 1...6)
        let channels = try model.int("channels", default: 16, in: 1...64)
        let layers = try model.int("layers", default: 4, in: 1...8)
        let method = GauntMethod(rawValue: try model.string("method", default: "fft", oneOf: GauntMethod.allCases.map(\.rawValue))) ?? .fft
        steps = try training.int("steps", default: 2000, in: 1...1_000_000)
        let lr = try training.double("lr", default: 3e-3, in: 1e-6...1)
        let batch = try training.int("batch", default: 32, in: 1...1024)
        interval = try spec.section("evaluation").int("interval", default: 200, in: 0...1_000_000)
        var generator = ChargedNBodyDisplacement()
        generator.steps = try data.int("simulation_steps", default: 1000, in: 1...100_000)
        generator.softening = try data.double("softening", default: 0.1, in: 1e-4...10)
        duration = generator.duration
        var dataRNG = RandomSource(seed: spec.seed &+ 7)
        train = generator.generate(count: try data.int("train", default: 1000, in: 1...100_000), using: &dataRNG)
        validation = generator.generate(count: try data.int("validation", default: 500, in: 1...100_000), using: &dataRNG)
        test = generator.generate(count: try data.int("test", default: 500, in: 1...100_000), using: &dataRNG)
        var rng = RandomSource(seed: spec.seed)
        let network = GauntNetwork(maxDegree: L, channels: channels, inputChannels: 3, layers: layers, radialInputs: 9,
                                   outputs: [("readout", [L + 1, channels, 1])], rng: &rng)
        core = GauntTrainingCore(network: network, learningRate: lr, method: method, batch: batch, seed: spec.seed,
                                 benchmarkMaxDegree: try bench.int("max_degree", default: 8, in: 0...16),
                                 benchmarkBatch: try bench.int("batch", default: 100, in: 1...10_000))
        order = core.rng.permutation(train.count)
    }

    public var hyperparameters: [HyperparameterSpec] { core.hyperparameters() }
    public func setHyperparameter(_ name: String, to value: Double) throws(ExperimentError) {
        _ = try checkedHyperparameter(name, value)
        core.set(name, value)
    }
    public var totalSteps: Int { steps }
    public var evaluationInterval: Int { interval }
    public var stepsPerEpoch: Int { max(1, train.count / core.batch) }

    /// Predicted displacement coefficients `[n, 3]` in the order (y, z, x), scaled by `√(4π/3)`, and the targets.
    func predict<S: BatchedFFTScalar>(_ w: [String: Variable<S>], _ samples: [ChargedNBodyDisplacement.Sample],
                                      _ op: GauntProductOperator<S>) -> (Variable<S>, Tensor<S>) {
        let net = core.network, L = net.maxDegree, K = (L + 1) * (L + 1), c = GauntNBodyExperiment.vectorScale
        let clouds = samples.map { s in (0..<(s.positions.count / 3)).map { Array(s.positions[(3 * $0)..<(3 * $0 + 3)]) } }
        let charges = samples.flatMap(\.charges)
        let graph = GauntGraph(clouds: clouds, cutoff: .infinity, maxDegree: L) { d, i, j in
            [charges[i] * charges[j]] + (0..<8).map { k in Double.exp(-2 * (d - 0.25 * Double(k)) * (d - 0.25 * Double(k))) }
        }
        var h0 = [S](repeating: 0, count: graph.nodeCount * 3 * K), target: [S] = [], skip: [S] = []
        var node = 0
        for s in samples {
            for i in 0..<(s.positions.count / 3) {
                let v = Array(s.velocities[(3 * i)..<(3 * i + 3)]), d = Array(s.displacement[(3 * i)..<(3 * i + 3)])
                h0[(node * 3) * K] = 1
                h0[(node * 3 + 1) * K] = S(s.charges[i])
                for (a, k) in [(1, 1), (2, 2), (3, 0)] { h0[(node * 3 + 2) * K + a] = S(c * v[k]) }
                for k in [1, 2, 0] { target.append(S(c * d[k])); skip.append(S(c * duration * v[k])) }
                node += 1
            }
        }
        let h = net.features(w, graph: graph, input: Tensor(shape: [graph.nodeCount, 3, K], scalars: h0), product: op)
        let out = DegreeOps.linear(h, w["readout"]!).slice(axis: 2, 1..<4).reshaped([graph.nodeCount, 3])
        return (out + Variable(Tensor(shape: [graph.nodeCount, 3], scalars: skip)), Tensor(shape: [graph.nodeCount, 3], scalars: target))
    }

    public func step() throws -> [String: Double] {
        if cursor + core.batch > order.count { order = core.rng.permutation(train.count); cursor = 0 }
        let batch = order[cursor..<(cursor + core.batch)].map { train[$0] }
        cursor += core.batch
        let scale = 3 / (4 * Double.pi)
        let loss = core.optimise { w in
            let (p, t) = predict(w, batch, core.product)
            return p.meanSquaredError(to: t) * Float(scale)
        }
        return ["loss": loss]
    }

    /// Mean squared displacement error of the model and of constant velocity on a set (float64 forward).
    func errors(_ set: [ChargedNBodyDisplacement.Sample]) -> (model: Double, baseline: Double) {
        let w = core.network.variables(as: Double.self)
        var model = 0.0, base = 0.0, n = 0.0
        var start = 0
        while start < set.count {
            let part = Array(set[start..<min(set.count, start + 100)])
            let (p, t) = predict(w, part, core.productDouble)
            let c2 = GauntNBodyExperiment.vectorScale * GauntNBodyExperiment.vectorScale
            model += zip(p.value.scalars, t.scalars).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / c2
            for s in part { for i in 0..<s.velocities.count { let e = s.displacement[i] - duration * s.velocities[i]; base += e * e } }
            n += Double(t.count)
            start += 100
        }
        return (model / n, base / n)
    }

    public func evaluate() throws -> [String: Double] {
        let v = errors(validation), t = errors(test)
        lastEvaluation = ["eval/val_mse": v.model, "eval/test_mse": t.model, "eval/constant_velocity_test_mse": t.baseline,
                          "eval/test_ratio_to_baseline": t.model / t.baseline]
        return lastEvaluation
    }

    public func diagnostics() -> [Panel] {
        var panels = core.panels()
        let e = lastEvaluation
        panels.append(.table(TablePanel(title: "N-body displacement MSE", columns: ["set", "Gaunt model", "constant velocity", "ratio"],
            rows: e.isEmpty ? [["test", "–", "–", "–"]] : [["test", String(format: "%.4g", e["eval/test_mse"] ?? .nan),
                String(format: "%.4g", e["eval/constant_velocity_test_mse"] ?? .nan),
                String(format: "%.3f (target <= 0.5)", e["eval/test_ratio_to_baseline"] ?? .nan)]])))
        return panels
    }

    public func saveState() throws -> ExperimentState {
        var s = ExperimentState()
        core.save(into: &s)
        s.values["cursor"] = String(cursor)
        s.values["order"] = order.map(String.init).joined(separator: ",")
        return s
    }

    public func restoreState(_ state: ExperimentState) throws {
        try core.restore(from: state)
        cursor = try state.int("cursor")
        order = (state.values["order"] ?? "").split(separator: ",").compactMap { Int($0) }
        guard order.count == train.count else { throw ExperimentError.incompatibleState("data order has \(order.count) entries, expected \(train.count)") }
    }
}
