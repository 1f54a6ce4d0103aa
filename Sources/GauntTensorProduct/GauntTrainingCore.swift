import Autodiff
import NN
import Session
import Symmetry
import Tensors

/// What both Gaunt experiments share: the network, Adam, live hyperparameters, the benchmark pane, the
/// correctness pane and exact save/restore.
final class GauntTrainingCore {
    let network: GauntNetwork
    let optimizer: Adam
    let product: GauntProductOperator<Float>
    let productDouble: GauntProductOperator<Double>
    var rng: RandomSource
    var stepCount = 0
    let batch: Int
    /// Benchmark pane state: points measured so far and the queue still to run (one point per training step).
    var benchmarkPoints: [GauntBenchmark.Point] = []
    var benchmarkQueue: [(GauntMethod, Int)] = []
    let benchmarkBatch: Int
    var correctness: [(String, Double, Double)] = []

    init(network: GauntNetwork, learningRate: Double, method: GauntMethod, batch: Int, seed: UInt64,
         benchmarkMaxDegree: Int, benchmarkBatch: Int) {
        self.network = network
        optimizer = Adam(learningRate: Float(learningRate))
        let L = network.maxDegree
        product = GauntProductOperator<Float>(L, L, outputDegree: L, method: method)
        productDouble = GauntProductOperator<Double>(L, L, outputDegree: L, method: method)
        rng = RandomSource(seed: seed &+ 1)
        self.batch = batch
        self.benchmarkBatch = benchmarkBatch
        queueBenchmark(maxDegree: benchmarkMaxDegree)
    }

    func queueBenchmark(maxDegree: Int) {
        benchmarkPoints = []
        benchmarkQueue = maxDegree < 1 ? [] : GauntMethod.gauntMethods.flatMap { m in (1...maxDegree).map { (m, $0) } }
    }

    static func methodSpec(_ m: GauntMethod) -> HyperparameterSpec {
        .choice(name: "method", symbol: "⊗Ga", summary: "how the product is computed: fft/sparse/dense agree to rounding; cg adds odd paths (control)",
                options: GauntMethod.allCases.map(\.rawValue), selected: m.rawValue)
    }

    func hyperparameters() -> [HyperparameterSpec] {
        [HyperparameterSpec(name: "lr", symbol: "η", summary: "Adam learning rate", value: Double(optimizer.learningRate),
                            range: 1e-5...1, scale: .log),
         GauntTrainingCore.methodSpec(product.method),
         HyperparameterSpec(name: "L", symbol: "L", summary: "maximum SH degree of the features (restart to change)",
                            value: Double(network.maxDegree), range: 1...6, isLive: false, kind: .integer),
         HyperparameterSpec(name: "channels", symbol: "C", summary: "channels per degree (restart to change)",
                            value: Double(network.channels), range: 1...64, isLive: false, kind: .integer)]
    }

    func set(_ name: String, _ value: Double) {
        switch name {
        case "lr": optimizer.learningRate = Float(value)
        case "method":
            let m = GauntMethod.allCases[Int(value.rounded())]
            product.method = m
            productDouble.method = m
        default: break
        }
    }

    /// One optimisation step on a loss built by `loss` from the parameter leaves.
    func optimise(_ loss: ([String: Variable<Float>]) -> Variable<Float>) -> Double {
        network.zeroGradients()
        let l = loss(network.variables(as: Float.self))
        l.backward()
        optimizer.update(network.parameters)
        stepCount += 1
        if let (m, L) = benchmarkQueue.first {
            benchmarkQueue.removeFirst()
            let b = GauntBenchmark.batch(for: m, degree: L, requested: benchmarkBatch)
            let us = GauntBenchmark.measure(m, degree: L, batch: b, as: Float.self, repeats: 3)
            benchmarkPoints.append(.init(method: m, precision: "float", degree: L, batch: b, microseconds: us))
        }
        return Double(l.value.scalar)
    }

    // MARK: - State

    func save(into s: inout ExperimentState) {
        for p in network.parameters { s.floatTensors["param.\(p.name)"] = p.value }
        for (k, t) in optimizer.stateTensors() { s.floatTensors["opt.\(k)"] = t }
        s.setRNG(rng, forKey: "rng")
        s.values["step"] = String(stepCount)
        s.values["lr"] = String(describing: optimizer.learningRate)
        s.values["method"] = product.method.rawValue
    }

    func restore(from s: ExperimentState) throws {
        for p in network.parameters { p.value = try s.tensor("param.\(p.name)", shape: p.value.shape) }
        var opt: [String: Tensor<Float>] = [:]
        for (k, t) in s.floatTensors where k.hasPrefix("opt.") { opt[String(k.dropFirst(4))] = t }
        optimizer.loadState(opt)
        rng = try s.rng(forKey: "rng")
        stepCount = try s.int("step")
        if let lr = s.values["lr"].flatMap(Float.init) { optimizer.learningRate = lr }
        if let m = s.values["method"].flatMap(GauntMethod.init(rawValue:)) { product.method = m; productDouble.method = m }
    }
}
