import Testing
import Tensors
@testable import Symmetry

// MARK: - Acceptance checks 1–2 of the Lie-group-decomposition spec (§11): the global chart.

/// A random element of GL+(2) (entries U(−2, 2), det > 0.05) or of SL(2) (the same, divided by √det).
func randomElement(_ group: GL2Group, using rng: inout RandomSource) -> GL2Matrix<Double> {
    while true {
        let g = GL2Matrix<Double>(rng.uniform(-2...2), rng.uniform(-2...2), rng.uniform(-2...2), rng.uniform(-2...2))
        if g.determinant > 0.05 { return group == .specialLinear ? GL2Chart.normalizedToSL(g) : g }
    }
}

@Test(arguments: GL2Group.allCases)
func chartRoundTripDouble(group: GL2Group) {
    var rng = RandomSource(seed: 11)
    var worst = 0.0
    for _ in 0..<10_000 {
        let g = randomElement(group, using: &rng)
        let back = GL2Chart.element(coordinates: GL2Chart.coordinates(of: g, in: group), in: group)
        worst = max(worst, (back - g).maxAbsEntry / g.maxAbsEntry)
    }
    #expect(worst < 1e-9, "ξ(ξ⁻¹ g) = g: worst relative error \(worst), tolerance 1e-9")
}

@Test(arguments: GL2Group.allCases)
func chartRoundTripFloat(group: GL2Group) {
    var rng = RandomSource(seed: 12)
    var worst: Float = 0
    for _ in 0..<10_000 {
        let g = randomElement(group, using: &rng).converted(to: Float.self)
        let back = GL2Chart.element(coordinates: GL2Chart.coordinates(of: g, in: group), in: group)
        worst = max(worst, (back - g).maxAbsEntry / g.maxAbsEntry)
    }
    #expect(worst < 1e-4, "Float round trip: worst relative error \(worst), tolerance 1e-4")
}

@Test(arguments: GL2Group.allCases)
func chartOfIdentityProductIsZero(group: GL2Group) {
    var rng = RandomSource(seed: 13)
    var worst = 0.0
    var worstFloat: Float = 0
    for _ in 0..<2_000 {
        let g = randomElement(group, using: &rng)
        let z = GL2Chart.coordinates(of: g * g.inverse, in: group)
        worst = max(worst, z.map(abs).max() ?? 0)
    }
    // Float: the relative elements the network forms, g_k⁻¹ g_k, from sampled (well-conditioned) elements.
    let sampler = HaarSampler(group: group, count: 10, variance: 0.1, rotation: .offset)
    for _ in 0..<200 {
        for s in sampler.draw(as: Float.self, using: &rng) {
            worstFloat = max(worstFloat, GL2Chart.coordinates(of: s.inverse * s.element, in: group).map(abs).max() ?? 0)
        }
    }
    #expect(worst < 1e-6, "ξ⁻¹(g g⁻¹) = 0: worst |z| \(worst) (θ must not wrap to 2π)")
    #expect(worstFloat < 1e-5, "Float ξ⁻¹(g⁻¹ g): worst |z| \(worstFloat)")
}

@Test func chartHeldOutValues() {
    let sl = GL2Chart.coordinates(of: GL2Matrix<Double>(2, 1, 0, 0.5), in: .specialLinear)
    let expectedSL = [0.235958, 5.902679, 1.120801]
    for (a, b) in zip(sl, expectedSL) { #expect(abs(a - b) < 1e-5, "SL z = \(sl), expected \(expectedSL)") }
    let gl = GL2Chart.coordinates(of: GL2Matrix<Double>(1.5, 0.3, -0.2, 0.8), in: .generalLinear)
    let expectedGL = [0.424731, -0.031608, -0.193620, 6.069125]
    for (a, b) in zip(gl, expectedGL) { #expect(abs(a - b) < 1e-5, "GL z = \(gl), expected \(expectedGL)") }
}

@Test func polarFactorsAreSymmetricPositiveAndRotation() {
    var rng = RandomSource(seed: 14)
    for _ in 0..<1_000 {
        let g = randomElement(.generalLinear, using: &rng)
        let (p, r, _) = g.polarDecomposition()
        #expect(p.m01 == p.m10)
        #expect(p.m00 > 0 && p.determinant > 0)
        #expect(((r * r.transposed) - .identity).maxAbsEntry < 1e-12)
        #expect(((p * r) - g).maxAbsEntry < 1e-12 * max(1, g.maxAbsEntry))
        // P agrees with the closed-form (g gᵀ)^{1/2}, and the log trace is log det g.
        #expect(((g * g.transposed).symmetricSquareRoot() - p).maxAbsEntry < 1e-10 * max(1, p.maxAbsEntry))
        #expect(abs(p.symmetricLog().trace - Double.log(g.determinant)) < 1e-10)
    }
}

@Test func symmetricFunctionsInvertEachOther() {
    var rng = RandomSource(seed: 15)
    for _ in 0..<1_000 {
        let q = rng.uniform(-1...1)
        let x = GL2Matrix<Double>(rng.uniform(-1...1), q, q, rng.uniform(-1...1))
        let s = x.symmetricExp()
        #expect((s.symmetricLog() - x).maxAbsEntry < 1e-12)
        let root = s.symmetricSquareRoot()
        #expect(((root * root) - s).maxAbsEntry < 1e-12 * s.maxAbsEntry)
        #expect(((s.symmetricInverseSquareRoot() * root) - .identity).maxAbsEntry < 1e-12)
    }
}
