import Testing
import Tensors
@testable import EquilibriumPropagation

// MARK: - Spec §12 check 6: Jacobian homeostasis

private func denseAntisymmetricHalfNormOverN(_ net: LayeredNetwork<Double>) -> Double {
    let m = ExactErrors.couplingMatrix(net), n = net.unitCount
    var acc = 0.0
    for i in 0..<n { for j in 0..<n { let d = m[i * n + j] - m[j * n + i]; acc += d * d } }
    return 0.5 * acc / Double(n)
}

@Test func probeEstimatorIsUnbiased() {
    let net = TestNetworks.network(symmetric: false)
    let target = denseAntisymmetricHalfNormOverN(net)
    #expect(abs(JacobianHomeostasis.exactLoss(net) - target) < 1e-12 * target)
    var rng = RandomSource(seed: 5)
    var sum = 0.0
    let rounds = 2000   // 2000 × 5 probes = 10⁴
    for _ in 0..<rounds { sum += JacobianHomeostasis.sampled(net, count: 5, using: &rng).loss }
    let mean = sum / Double(rounds)
    #expect(abs(mean - target) < 0.02 * target, "MC \(mean) vs \(target)")
}

@Test func homeostasisGradientsMatchFiniteDifferences() {
    let net = TestNetworks.network(symmetric: false)
    var rng = RandomSource(seed: 9)
    let n = net.unitCount, p = 3
    let eps = (0..<(p * n)).map { _ in rng.normal() }
    let (_, g) = JacobianHomeostasis.stochastic(net, probes: eps, count: p)
    let ge = JacobianHomeostasis.exactGradient(net)
    let h = 1e-6
    for name in ["Wf0", "Wf1", "Wb0", "Wb1"] {
        let values = net.namedTensors.first { $0.name == name }!.values
        let analytic = g.namedTensors.first { $0.name == name }!.values
        let analyticExact = ge.namedTensors.first { $0.name == name }!.values
        for k in values.indices {
            var plus = net, minus = net, vp = values, vm = values
            vp[k] += h; vm[k] -= h
            plus.setTensor(name, vp); minus.setTensor(name, vm)
            let fd = (JacobianHomeostasis.stochastic(plus, probes: eps, count: p).loss
                - JacobianHomeostasis.stochastic(minus, probes: eps, count: p).loss) / (2 * h)
            #expect(abs(fd - analytic[k]) <= 1e-6 * max(abs(fd), 1e-3), "\(name)[\(k)]")
            let fdExact = (JacobianHomeostasis.exactLoss(plus) - JacobianHomeostasis.exactLoss(minus)) / (2 * h)
            #expect(abs(fdExact - analyticExact[k]) <= 1e-6 * max(abs(fdExact), 1e-3), "\(name)[\(k)] exact")
        }
    }
}

@Test func homeostasisVanishesForTransposedFeedback() {
    let net = TestNetworks.network(symmetric: true)
    #expect(JacobianHomeostasis.exactLoss(net) == 0)
    var rng = RandomSource(seed: 3)
    let (loss, _) = JacobianHomeostasis.sampled(net, count: 5, using: &rng)
    #expect(abs(loss) < 1e-12)   // every probe value vanishes; the per-probe gradient only in expectation
    #expect(JacobianHomeostasis.exactGradient(net).norm == 0)
    #expect(abs(JacobianHomeostasis.symmetryScore(net) - 1) < 1e-15)
    #expect(JacobianHomeostasis.weightAngles(net).allSatisfy { $0 < 1e-5 })
}
