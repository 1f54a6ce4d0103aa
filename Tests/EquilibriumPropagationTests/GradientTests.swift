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

@Test func tiedGradientIsTheSumOfBothBlocks() {
    // With W_b ≡ W_fᵀ as one parameter, dL/dW_f = ∂W_f + ∂W_bᵀ (spec §4, tied option), and ν = δ.
    let (net, sys, free, exact, pmy) = TestNetworks.tiedFixture()
    let g = sys.localGradient(error: exact.nu, activities: free.s, readoutErrors: pmy)
    let lo = net.layerSizes[0], hi = net.layerSizes[1]
    let h = 1e-5
    for i in 0..<hi {
        for j in 0..<lo {
            var plus = net, minus = net
            plus.forward[0][i * lo + j] += h; minus.forward[0][i * lo + j] -= h
            plus.mixFeedback(own: plus.feedback, angleDegrees: 0); minus.mixFeedback(own: minus.feedback, angleDegrees: 0)
            let fd = (TestNetworks.loss(plus) - TestNetworks.loss(minus)) / (2 * h)
            let analytic = g.forward[0][i * lo + j] + g.feedback[0][j * hi + i]
            #expect(abs(analytic - fd) <= 1e-6 * abs(fd) + 1e-10)
        }
    }
}

@Test func onlineOscillationEstimateApproachesTheTangent() {
    let net = TestNetworks.network(symmetric: false)
    let sys = TestNetworks.system(net)
    let free = TestNetworks.freePhase(sys)
    let nu = TestNetworks.exact(sys, free).nu
    let settings = NudgeSettings(radius: 0.1, phaseCount: 4, steps: 60)
    let online = sys.onlineError(settings: settings, periods: 5)
    // u* is the mean of the oscillation: close to the free fixed point; ν̂ close to ν (O(r^N) plus transients).
    #expect(TestNetworks.relativeError(online.free.u.re, free.u.re) < 1e-3)
    #expect(TestNetworks.relativeError(online.error, nu) < 2e-2)
    #expect(TestNetworks.cosine(online.error, nu) > 0.999)
}

@Test func energyFormCauchyEstimateMatchesTheVectorFieldForm() {
    // Spec §5 cross-check: with tied symmetric weights the Cauchy mean of the Hebbian term s_{l+1}s_lᵀ equals
    // the ICLR form ν_{l+1}s_lᵀ + (ν_l s_{l+1}ᵀ)ᵀ, and both equal the exact tied gradient up to O(r^N).
    let (net, sys, free, exact, pmy) = TestNetworks.tiedFixture()
    let g = sys.localGradient(error: exact.delta, activities: free.s, readoutErrors: pmy)
    func tied(_ grad: LayeredNetwork<Double>, _ l: Int) -> [Double] {
        let lo = net.layerSizes[l], hi = net.layerSizes[l + 1]
        return (0..<(hi * lo)).map { k in grad.forward[l][k] + grad.feedback[l][(k % lo) * hi + k / lo] }
    }
    var errors: [Int: Double] = [:]
    for n in [2, 4, 8] {
        let r = 0.1
        let est = sys.holomorphicError(free: free, settings: TestNetworks.settings(r: r, n: n))
        let energy = sys.energyFormGradient(free: free, estimate: est, radius: r, phaseCount: n)
        let vector = sys.localGradient(error: est.error, activities: free.s, readoutErrors: pmy)
        var worst = 0.0
        for l in 0..<(net.layerSizes.count - 1) {
            let e = TestNetworks.relativeError(energy[l], tied(g, l))
            worst = max(worst, e)
            // The two estimators differ only by the O(r^N) cross term ν̂-products, never by more than the bias.
            #expect(TestNetworks.relativeError(energy[l], tied(vector, l)) < max(10 * e, 1e-9), "N=\(n) layer \(l)")
        }
        errors[n] = worst
    }
    #expect(errors[8]! < 1e-8, "N=8 energy form vs exact tied gradient: \(errors[8]!)")
    #expect(errors[4]! < 1e-4 && errors[2]! < 1e-1, "\(errors)")
    #expect(errors[8]! * 16 < errors[4]!, "geometric decay \(errors)")
}
