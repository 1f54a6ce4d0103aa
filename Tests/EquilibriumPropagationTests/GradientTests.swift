import Testing
import Tensors
@testable import EquilibriumPropagation

// MARK: - Spec §12 checks 1–2: implicit differentiation and the EP tangent against finite differences

@Test func recurrentBackpropGradientMatchesFiniteDifferences() throws {
    let net = TestNetworks.network(symmetric: false)
    let sys = TestNetworks.system(net)
    let free = TestNetworks.freePhase(sys)
    #expect(free.residuals.allSatisfy { $0 < 1e-12 })
    let (pmy, current, _, _) = sys.readout(at: free.s)
    let delta = sys.adjointError(slopes: sys.slopes(atActivities: free.s), current: current, steps: 3000)
    let g = sys.localGradient(error: delta, activities: free.s, readoutErrors: pmy)
    let h = 1e-5
    var worst = 0.0
    for (name, values) in net.namedTensors {
        let analytic = g.namedTensors.first { $0.name == name }!.values
        for k in values.indices {
            var plus = net, minus = net
            var vp = values, vm = values
            vp[k] += h; vm[k] -= h
            plus.setTensor(name, vp); minus.setTensor(name, vm)
            let fd = (TestNetworks.loss(plus) - TestNetworks.loss(minus)) / (2 * h)
            let err = abs(analytic[k] - fd) / (abs(fd) + 1e-4)
            worst = max(worst, err)
            #expect(abs(analytic[k] - fd) <= 1e-6 * abs(fd) + 1e-10, "\(name)[\(k)]: \(analytic[k]) vs \(fd)")
        }
    }
    #expect(worst < 1e-6)
}

@Test func tangentMatchesCentralDifferenceOfNudgedFixedPoints() {
    let net = TestNetworks.network(symmetric: false)
    let sys = TestNetworks.system(net)
    let free = TestNetworks.freePhase(sys)
    let (_, current, _, _) = sys.readout(at: free.s)
    let nu = sys.tangentError(slopes: sys.slopes(atActivities: free.s), current: current, steps: 3000)
    let h = 1e-6
    let plus = sys.relax(from: free.u, beta: Complex(h, 0), steps: 2000, tolerance: 1e-15)
    let minus = sys.relax(from: free.u, beta: Complex(-h, 0), steps: 2000, tolerance: 1e-15)
    let fd = zip(plus.s.re, minus.s.re).map { ($0 - $1) / (2 * h) }
    #expect(TestNetworks.relativeError(nu, fd) < 1e-6)
    // The dense solve agrees with the iterations.
    let exact = TestNetworks.exact(sys, free)
    #expect(TestNetworks.relativeError(nu, exact.nu) < 1e-12)
    let delta = sys.adjointError(slopes: sys.slopes(atActivities: free.s), current: current, steps: 3000)
    #expect(TestNetworks.relativeError(delta, exact.delta) < 1e-12)
}

@Test func complexActivationIsTheAnalyticSigmoid() {
    for (a, b) in [(0.3, 0.2), (-2.5, -0.6), (4.0, 0.7), (0.5, 0.0)] {
        let ur = [a], ui = [b]
        var sr = [0.0], si = [0.0]
        ur.withUnsafeBufferPointer { urp in ui.withUnsafeBufferPointer { uip in
            sr.withUnsafeMutableBufferPointer { srp in si.withUnsafeMutableBufferPointer { sip in
                HolomorphicSigmoid.apply(re: urp, im: uip, re: srp, im: sip)
            } }
        } }
        let z = HolomorphicSigmoid.value(Complex(a, b))
        #expect(abs(sr[0] - z.real) < 1e-13 && abs(si[0] - z.imaginary) < 1e-13)
    }
}
