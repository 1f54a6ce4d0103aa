import Testing
import Tensors
@testable import Symmetry

// MARK: - Acceptance checks 4–5 of the Lie-group-decomposition spec (§11): sampler and Haar density.

@Test(arguments: RotationSampling.allCases)
func samplerElementsAndInverses(rotation: RotationSampling) {
    var rng = RandomSource(seed: 21)
    for group in GL2Group.allCases {
        let sampler = HaarSampler(group: group, count: 10, variance: 0.1, rotation: rotation)
        for _ in 0..<200 {
            let samples: [GL2Sample<Float>] = sampler.draw(using: &rng)
            #expect(samples.count == 10)
            for s in samples {
                #expect(((s.element * s.inverse) - .identity).maxAbsEntry < 1e-5)
                if group == .specialLinear { #expect(abs(s.element.determinant - 1) < 1e-5) }
            }
        }
    }
}

@Test func samplerAlgebraVarianceMatchesSigmaSquared() {
    var rng = RandomSource(seed: 22)
    for group in GL2Group.allCases {
        let sampler = HaarSampler(group: group, count: 10, variance: 0.1, rotation: .offset)
        var sum = 0.0, sumSq = 0.0, n = 0.0
        for _ in 0..<1_000 {
            let samples: [GL2Sample<Double>] = sampler.draw(using: &rng)
            for s in samples { for v in s.algebraCoordinates { sum += v; sumSq += v * v; n += 1 } }
        }
        let variance = sumSq / n - (sum / n) * (sum / n)
        #expect(abs(variance / 0.1 - 1) < 0.1, "\(group) sample variance \(variance), σ² = 0.1")
        // log P = X/2, so the stretch part of the element's chart has half the spread.
        let s: [GL2Sample<Double>] = sampler.draw(using: &rng)
        let lp = s[0].element.polarDecomposition().positive.symmetricLog()
        #expect((lp - 0.5 * group.symmetricMatrix(coordinates: s[0].algebraCoordinates)).maxAbsEntry < 1e-12)
    }
}

@Test func samplerAnglesPerMode() {
    var rng = RandomSource(seed: 23)
    let eq = HaarSampler(group: .specialLinear, count: 4, rotation: .equidistant).angles(using: &rng)
    #expect(eq.enumerated().allSatisfy { abs($0.element - (-Double.pi + Double.pi / 2 * Double($0.offset))) < 1e-15 })
    let lin = HaarSampler(group: .specialLinear, count: 5, rotation: .linspace).angles(using: &rng)
    #expect(abs(lin[0] + Double.pi) < 1e-15 && abs(lin[4] - Double.pi) < 1e-15)
    let off = HaarSampler(group: .specialLinear, count: 4, rotation: .offset).angles(using: &rng)
    let shift = off[0] + Double.pi
    #expect(shift >= 0 && shift < Double.pi / 2)
    #expect(zip(off, eq).allSatisfy { abs($0 - $1 - shift) < 1e-12 })
}

@Test func importanceWeightsRecoverHaarInvariance() {
    // ∫ f(A S Aᵀ) dμ(S) / ∫ f(S) dμ(S) = 1 for the invariant measure dμ_Pos; f = exp(−‖log S‖²_F).
    let a = GL2Matrix<Double>(1.3, 0.4, 0, 0.9)
    let sampler = HaarSampler(group: .generalLinear, count: 1, variance: 1.0, rotation: .equidistant)
    var rng = RandomSource(seed: 24)
    var weighted = (num: 0.0, den: 0.0), plain = (num: 0.0, den: 0.0)
    func f(_ s: GL2Matrix<Double>) -> Double {
        let l = s.symmetricLog()
        return Double.exp(-(l.m00 * l.m00 + 2 * l.m01 * l.m01 + l.m11 * l.m11))
    }
    for _ in 0..<400_000 {
        let v = (0..<3).map { _ in rng.normal() }
        let s = sampler.group.symmetricMatrix(coordinates: v).symmetricExp()
        let moved = a * s * a.transposed
        let w = sampler.importanceWeight(v)
        weighted.num += w * f(moved); weighted.den += w * f(s)
        plain.num += f(moved); plain.den += f(s)
    }
    let ratio = weighted.num / weighted.den, naive = plain.num / plain.den
    #expect(abs(ratio - 1) < 0.02, "importance-weighted ratio \(ratio)")
    #expect(abs(naive - 1) > 0.1, "unweighted log-normal ratio \(naive) should differ from 1 (≈ 0.80)")
}
