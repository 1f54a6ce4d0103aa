import Tensors
@testable import EquilibriumPropagation

/// Small Double networks and fully converged phases for the unit-level checks (spec §12, 1–6).
enum TestNetworks {
    static let layerSizes = [6, 5, 3]
    static let inputSize = 4
    static let classes = 3
    static let batch = 4

    /// A small net with O(0.5) weights; `symmetric` sets every feedback block to the forward transpose.
    static func network(symmetric: Bool, seed: UInt64 = 1, scale: Double = 0.3) -> LayeredNetwork<Double> {
        var rng = RandomSource(seed: seed)
        var net = LayeredNetwork<Double>(inputSize: inputSize, layerSizes: layerSizes, classCount: classes)
        func draw(_ n: Int, _ s: Double) -> [Double] { (0..<n).map { _ in s * rng.normal() } }
        net.inputWeight = draw(net.inputWeight.count, 0.8)
        net.biases = net.biases.map { draw($0.count, 0.2) }
        net.forward = net.forward.map { draw($0.count, scale) }
        net.feedback = net.feedback.map { draw($0.count, scale) }
        if symmetric { net.mixFeedback(own: net.feedback, angleDegrees: 0) }
        net.readout = draw(net.readout.count, 0.4)
        net.readoutBias = draw(classes, 0.3)
        return net
    }

    static func inputs(seed: UInt64 = 2) -> (x: [Double], y: [Int]) {
        var rng = RandomSource(seed: seed)
        let x = (0..<(batch * inputSize)).map { _ in rng.uniform() }
        let y = (0..<batch).map { $0 % classes }
        return (x, y)
    }

    static func system(_ net: LayeredNetwork<Double>) -> BatchSystem<Double> {
        let (x, y) = inputs()
        return BatchSystem(network: net, inputs: x, labels: y)
    }

    /// A converged free phase (residual ≤ 1e-13).
    static func freePhase(_ sys: BatchSystem<Double>) -> Phase<Double> {
        sys.relax(steps: 2000, tolerance: 1e-14)
    }

    /// Fully converged nudge settings.
    static func settings(r: Double, n: Int, theta0: Double = 0) -> NudgeSettings {
        NudgeSettings(radius: r, phaseCount: n, phaseOffset: theta0, steps: 2000, tolerance: 1e-14)
    }

    /// Exact ν and δ per sample by dense solves, layer-major like the state.
    static func exact(_ sys: BatchSystem<Double>, _ free: Phase<Double>) -> (nu: [Double], delta: [Double], rho: Double) {
        let slopes = sys.slopes(atActivities: free.s)
        let (_, current, _, _) = sys.readout(at: free.s)
        let sizes = sys.network.layerSizes, L = sizes.count, b = sys.batch
        var nu = [Double](repeating: 0, count: slopes.count), delta = nu
        var rho = 0.0
        for i in 0..<b {
            var d: [Double] = [], c: [Double] = [], idx: [Int] = []
            for l in 0..<L {
                let s0 = free.s.start(ofLayer: l) + i * sizes[l]
                for j in 0..<sizes[l] {
                    idx.append(s0 + j); d.append(slopes[s0 + j])
                    c.append(l == L - 1 ? current[i * sizes[l] + j] : 0)
                }
            }
            let e = ExactErrors(network: sys.network, slopes: d, current: c)
            rho = max(rho, e.spectralRadius)
            for (k, g) in idx.enumerated() { nu[g] = e.nu[k]; delta[g] = e.delta[k] }
        }
        return (nu, delta, rho)
    }

    /// The symmetric (tied) test net with its converged free phase, exact errors and readout errors p − y.
    static func tiedFixture() -> (net: LayeredNetwork<Double>, sys: BatchSystem<Double>, free: Phase<Double>,
                                  exact: (nu: [Double], delta: [Double], rho: Double), pmy: [Double]) {
        let net = network(symmetric: true)
        let sys = system(net)
        let free = freePhase(sys)
        let (pmy, _, _, _) = sys.readout(at: free.s)
        return (net, sys, free, exact(sys, free), pmy)
    }

    static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        var num = 0.0, den = 0.0
        for (x, y) in zip(a, b) { num += (x - y) * (x - y); den += y * y }
        return (num / den).squareRoot()
    }

    static func cosine(_ a: [Double], _ b: [Double]) -> Double {
        var ab = 0.0, aa = 0.0, bb = 0.0
        for (x, y) in zip(a, b) { ab += x * y; aa += x * x; bb += y * y }
        return ab / (aa * bb).squareRoot()
    }

    /// Mean loss after a converged free phase.
    static func loss(_ net: LayeredNetwork<Double>) -> Double {
        let sys = system(net)
        let free = freePhase(sys)
        let losses = sys.readout(at: free.s).losses
        return losses.reduce(0, +) / Double(losses.count)
    }
}
