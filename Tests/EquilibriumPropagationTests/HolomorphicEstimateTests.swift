import Testing
import Tensors
@testable import EquilibriumPropagation

// MARK: - Spec §12 checks 3–5: the Cauchy estimate, asymmetry, phase offset

private func estimate(_ sys: BatchSystem<Double>, _ free: Phase<Double>, r: Double, n: Int, theta0: Double = 0) -> [Double] {
    sys.holomorphicError(free: free, settings: TestNetworks.settings(r: r, n: n, theta0: theta0)).error
}

@Test func symmetricWeightsGiveExactGradientsAndGeometricDecay() throws {
    let net = TestNetworks.network(symmetric: true)
    let sys = TestNetworks.system(net)
    let free = TestNetworks.freePhase(sys)
    let exact = TestNetworks.exact(sys, free)
    try #require(exact.rho < 0.7, "test net must have ρ(DW) < 0.7, got \(exact.rho)")
    #expect(TestNetworks.relativeError(exact.nu, exact.delta) < 1e-12)
    let r = 0.1
    let errors = [1, 2, 4, 8].map { TestNetworks.relativeError(estimate(sys, free, r: r, n: $0), exact.nu) }
    #expect(errors[0] > 1e-3 && errors[0] < 1e-1, "N=1: \(errors[0])")
    #expect(errors[1] < 1e-2, "N=2: \(errors[1])")
    #expect(errors[2] < 1e-5, "N=4: \(errors[2])")
    #expect(errors[3] < 1e-10, "N=8: \(errors[3])")
    #expect(errors[2] * 4 <= errors[1] && errors[3] * 16 <= errors[2], "decay \(errors)")
    // Gradient cosine per tensor for N ≥ 4.
    let (pmy, _, _, _) = sys.readout(at: free.s)
    let g = sys.localGradient(error: exact.delta, activities: free.s, readoutErrors: pmy)
    for n in [4, 8] {
        let gh = sys.localGradient(error: estimate(sys, free, r: r, n: n), activities: free.s, readoutErrors: pmy)
        for (t, e) in zip(gh.namedTensors, g.namedTensors) {
            #expect(TestNetworks.cosine(t.values, e.values) > 0.999999, "N=\(n) \(t.name)")
        }
    }
}

@Test func asymmetricWeightsKeepTheDecayButNotTheAlignment() throws {
    let net = TestNetworks.network(symmetric: false)
    let sys = TestNetworks.system(net)
    let free = TestNetworks.freePhase(sys)
    let exact = TestNetworks.exact(sys, free)
    try #require(exact.rho < 0.7)
    let cosNuDelta = TestNetworks.cosine(exact.nu, exact.delta)
    #expect(cosNuDelta < 0.999)
    let e2 = TestNetworks.relativeError(estimate(sys, free, r: 0.1, n: 2), exact.nu)
    let e4 = TestNetworks.relativeError(estimate(sys, free, r: 0.1, n: 4), exact.nu)
    let e8 = TestNetworks.relativeError(estimate(sys, free, r: 0.1, n: 8), exact.nu)
    #expect(e4 < 1e-5 && e8 < 1e-10 && e4 * 4 <= e2 && e8 * 16 <= e4, "\(e2) \(e4) \(e8)")
    for (r, n) in [(0.05, 4), (0.1, 6), (0.2, 8)] {
        let c = TestNetworks.cosine(estimate(sys, free, r: r, n: n), exact.delta)
        #expect(abs(c - cosNuDelta) < 1e-4, "r=\(r) N=\(n): \(c) vs \(cosNuDelta)")
    }
}

@Test func phaseOffsetChangesTheEstimateOnlyAtOrderRToTheN() {
    let net = TestNetworks.network(symmetric: false)
    let sys = TestNetworks.system(net)
    let free = TestNetworks.freePhase(sys)
    let nu = TestNetworks.exact(sys, free).nu
    let r = 0.1
    for n in [2, 4] {
        let a = estimate(sys, free, r: r, n: n), b = estimate(sys, free, r: r, n: n, theta0: 0.37)
        let shift = TestNetworks.relativeError(a, b)
        #expect(shift < 50 * Double.pow(r, Double(n)), "N=\(n): shift \(shift)")
        #expect(TestNetworks.relativeError(b, nu) < 50 * Double.pow(r, Double(n)))
    }
    // N = 2, θ₀ = 0 is the symmetric ±r difference quotient.
    let plus = sys.relax(from: free.u, beta: Complex(r, 0), steps: 2000, tolerance: 1e-14)
    let minus = sys.relax(from: free.u, beta: Complex(-r, 0), steps: 2000, tolerance: 1e-14)
    let symmetric = zip(plus.s.re, minus.s.re).map { ($0 - $1) / (2 * r) }
    #expect(TestNetworks.relativeError(estimate(sys, free, r: r, n: 2), symmetric) < 1e-12)
    // N = 1, θ₀ = 0 is classic one-sided EP.
    let oneSided = zip(plus.s.re, free.s.re).map { ($0 - $1) / r }
    #expect(TestNetworks.relativeError(estimate(sys, free, r: r, n: 1), oneSided) < 1e-12)
}

@Test func conjugatePairTrickMatchesTheFullCircle() {
    // θ₀ = 0.37 is not conjugate-closed (all N phases run); θ₀ = π/4 with N = 4 is (3 phases).
    #expect(PhasePoint.circle(count: 4, offset: 0).count == 3)
    #expect(PhasePoint.circle(count: 4, offset: 0.37).count == 4)
    #expect(PhasePoint.circle(count: 4, offset: Double.pi / 4).count == 2)
    #expect(PhasePoint.circle(count: 5, offset: 0).map(\.weight).reduce(0, +) == 5)
    let net = TestNetworks.network(symmetric: false)
    let sys = TestNetworks.system(net)
    let free = TestNetworks.freePhase(sys)
    let tricked = estimate(sys, free, r: 0.1, n: 4, theta0: Double.pi / 4)
    let full = estimate(sys, free, r: 0.1, n: 4, theta0: Double.pi / 4 + 1e-7)
    #expect(TestNetworks.relativeError(tricked, full) < 1e-5)
}

@Test func phaseWheelMarksEveryPointAndFlagsLargeResiduals() {
    let pts = PhasePoint.circle(count: 4, offset: 0).isEmpty ? [] : (0..<4).map { k -> (re: Double, im: Double) in
        let a = Double.pi / 2 * Double(k); return (0.1 * Double.cos(a), 0.1 * Double.sin(a))
    }
    let lines = PhaseWheel.render(points: pts, residuals: [1e-6, 2e-2, 1e-6, 2e-2], rows: 9)
    let wheel = lines.prefix(9).joined()
    for mark in ["0", "1", "2", "3", "+"] { #expect(wheel.contains(mark)) }
    #expect(lines[0].contains("1"))            // β₁ = 0.1i sits at the top
    #expect(lines.filter { $0.hasSuffix("!") }.count == 2)
}
