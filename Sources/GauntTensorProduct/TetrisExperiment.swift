import Autodiff
import Datasets
import NN
import Session
import Symmetry
import Tensors

/// Tetris under random rotations with a Gaunt-only network: mirror-blind by construction (Gaunt spec §8d-1).
///
/// Each step draws `batch` random rotations of all eight shapes and trains with cross-entropy. Because every
/// layer keeps natural parity, a shape and its mirror image get identical logits, so the chiral pair cannot be
/// separated (≈ 50 % within the pair) while the six achiral shapes reach ≥ 95 %.
public final class GauntTetrisExperiment: Experiment {
    public static let kind = "gaunt-tetris"
    public static let summary = "Gaunt-only equivariant net on rotated 3D tetris: learns 6 achiral shapes, blind to the chiral pair"

    let core: GauntTrainingCore
    let steps: Int, interval: Int, evaluationRotations: Int
    var lastEvaluation: [String: Double] = [:]
    var confusion = [[Int]](repeating: [Int](repeating: 0, count: 8), count: 8)
    var mirrorDifference = 0.0

    public init(spec: SessionSpec) throws {
        let model = spec.section("model"), training = spec.section("training"), bench = spec.section("benchmark")
        let L = try model.int("L", default: 2, in: 1...6)
        let channels = try model.int("channels", default: 12, in: 1...64)
        let layers = try model.int("layers", default: 3, in: 1...6)
        let method = GauntMethod(rawValue: try model.string("method", default: "fft", oneOf: GauntMethod.allCases.map(\.rawValue))) ?? .fft
        steps = try training.int("steps", default: 300, in: 1...100_000)
        let lr = try training.double("lr", default: 1e-2, in: 1e-6...1)
        let batch = try training.int("rotations_per_step", default: 2, in: 1...64)
        interval = try spec.section("evaluation").int("interval", default: 50, in: 0...100_000)
        evaluationRotations = try spec.section("evaluation").int("rotations", default: 20, in: 1...1000)
        var rng = RandomSource(seed: spec.seed)
        let network = GauntNetwork(maxDegree: L, channels: channels, inputChannels: 1, layers: layers, radialInputs: 1,
                                   outputs: [("readout.weight", [channels, 8]), ("readout.bias", [1, 8])], rng: &rng)
        core = GauntTrainingCore(network: network, learningRate: lr, method: method, batch: batch * 8, seed: spec.seed,
                                 benchmarkMaxDegree: try bench.int("max_degree", default: 8, in: 0...16),
                                 benchmarkBatch: try bench.int("batch", default: 100, in: 1...10_000))
    }

    public var hyperparameters: [HyperparameterSpec] { core.hyperparameters() }
    public func setHyperparameter(_ name: String, to value: Double) throws(ExperimentError) {
        _ = try checkedHyperparameter(name, value)
        core.set(name, value)
    }
    public var totalSteps: Int { steps }
    public var evaluationInterval: Int { interval }

    /// Clouds for `labels`, each rotated by its rotation (and point-reflected when `mirrored`).
    static func clouds(_ labels: [Int], rotations: [[Double]], mirrored: Bool = false) -> [[[Double]]] {
        zip(labels, rotations).map { label, r in
            TetrisShapes.centred(label).map { p in SO3Sampling.apply(r, to: mirrored ? p.map { -$0 } : p) }
        }
    }

    /// Logits `[clouds, 8]` for clouds of four points.
    func logits<S: BatchedFFTScalar>(_ w: [String: Variable<S>], _ clouds: [[[Double]]],
                                     _ op: GauntProductOperator<S>) -> Variable<S> {
        let net = core.network, K = (net.maxDegree + 1) * (net.maxDegree + 1)
        let graph = GauntGraph(clouds: clouds, cutoff: 1.1, maxDegree: net.maxDegree) { d, _, _ in [d] }
        var h0 = [S](repeating: 0, count: graph.nodeCount * K)
        for i in 0..<graph.nodeCount { h0[i * K] = 1 }
        let h = net.features(w, graph: graph, input: Tensor(shape: [graph.nodeCount, 1, K], scalars: h0), product: op)
        let scalars = h.slice(axis: 2, 0..<1).reshaped([clouds.count, 4, net.channels]).mean(axis: 1)
        return scalars.matmul(w["readout.weight"]!) + w["readout.bias"]!
    }

    public func step() throws -> [String: Double] {
        var labels: [Int] = [], rotations: [[Double]] = []
        for _ in 0..<(core.batch / 8) {
            for label in 0..<8 { labels.append(label); rotations.append(SO3Sampling.randomRotation(using: &core.rng)) }
        }
        let clouds = GauntTetrisExperiment.clouds(labels, rotations: rotations)
        var accuracy = 0.0
        let loss = core.optimise { w in
            let z = logits(w, clouds, core.product)
            accuracy = Double(zip(z.value.argmaxRows(), labels).filter { $0 == $1 }.count) / Double(labels.count)
            return z.crossEntropy(labels: labels)
        }
        return ["loss": loss, "accuracy": accuracy]
    }

    public func evaluate() throws -> [String: Double] {
        var r = RandomSource(seed: 12345)
        var labels: [Int] = [], rotations: [[Double]] = []
        for _ in 0..<evaluationRotations { for l in 0..<8 { labels.append(l); rotations.append(SO3Sampling.randomRotation(using: &r)) } }
        let w = core.network.variables(as: Double.self)
        let z = logits(w, GauntTetrisExperiment.clouds(labels, rotations: rotations), core.productDouble).value
        let zMirror = logits(w, GauntTetrisExperiment.clouds(labels, rotations: rotations, mirrored: true), core.productDouble).value
        mirrorDifference = zip(z.scalars, zMirror.scalars).map { abs($0 - $1) }.max() ?? 0
        let predicted = z.argmaxRows()
        confusion = [[Int]](repeating: [Int](repeating: 0, count: 8), count: 8)
        var achiral = 0, achiralTotal = 0, pair = 0, pairTotal = 0
        for (i, label) in labels.enumerated() {
            confusion[label][predicted[i]] += 1
            if TetrisShapes.chiralLabels.contains(label) {
                pairTotal += 1
                if (z.scalars[i * 8] >= z.scalars[i * 8 + 1] ? 0 : 1) == label { pair += 1 }
            } else {
                achiralTotal += 1
                if predicted[i] == label { achiral += 1 }
            }
        }
        lastEvaluation = ["eval/achiral_accuracy": Double(achiral) / Double(achiralTotal),
                          "eval/chiral_pair_accuracy": Double(pair) / Double(pairTotal),
                          "eval/accuracy": Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(labels.count),
                          "eval/mirror_logit_difference": mirrorDifference]
        return lastEvaluation
    }

    public func diagnostics() -> [Panel] {
        var panels = core.panels()
        let names = TetrisShapes.names
        panels.append(.table(TablePanel(title: "confusion (rows true, cols predicted; chiral pair marked *)",
            columns: ["true"] + names.enumerated().map { TetrisShapes.chiralLabels.contains($0.offset) ? "*" + $0.element : $0.element },
            rows: confusion.enumerated().map { i, row in
                [(TetrisShapes.chiralLabels.contains(i) ? "*" : "") + names[i]] + row.map(String.init) })))
        panels.append(.text(title: "mirror blindness", lines: [
            String(format: "max |logits(shape) - logits(mirror image)| = %.2e (float64; must be <= 1e-9)", mirrorDifference),
            lastEvaluation.isEmpty ? "no evaluation yet" : String(format: "achiral %.1f%%, within chiral pair %.1f%%",
                100 * (lastEvaluation["eval/achiral_accuracy"] ?? 0), 100 * (lastEvaluation["eval/chiral_pair_accuracy"] ?? 0)),
        ]))
        return panels
    }

    public func saveState() throws -> ExperimentState {
        var s = ExperimentState()
        core.save(into: &s)
        return s
    }

    public func restoreState(_ state: ExperimentState) throws { try core.restore(from: state) }
}
