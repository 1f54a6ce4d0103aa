import Tensors
import Testing
@testable import Symmetry

@Suite struct GauntCoefficientsTests {
    @Test func oddPathsVanishAndPermutationsAgree() {
        let L = 4
        let t = GauntCoefficients.Table(maxTotalDegree: 3 * L, maxDegree: L)
        var worstOdd = 0.0, worstSym = 0.0
        for l1 in 0...L { for l2 in 0...L { for l in 0...L {
            for m1 in -l1...l1 { for m2 in -l2...l2 { for m in -l...l {
                let g = t.value(l1, m1, l2, m2, l, m)
                if (l1 + l2 + l) % 2 == 1 { worstOdd = max(worstOdd, abs(g)) }
                for h in [t.value(l2, m2, l1, m1, l, m), t.value(l, m, l2, m2, l1, m1), t.value(l1, m1, l, m, l2, m2)] {
                    worstSym = max(worstSym, abs(g - h))
                }
            } } }
        } } }
        #expect(worstOdd <= 1e-14)
        #expect(worstSym <= 1e-14)
    }

    @Test func blocksAreScaledThreeJTensors() {
        #expect(abs(GauntCoefficients.scale(1, 1, 2) - 0.690988298943) < 1e-12)
        #expect(abs(GauntCoefficients.scale(2, 2, 4) - 1.011503297017) < 1e-12)
        for l in 0...6 { #expect(abs(GauntCoefficients.scale(0, l, l) - (Double(2 * l + 1) / (4 * Double.pi)).squareRoot()) < 1e-12) }
        for l1 in 0...5 { for l2 in 0...5 {
            for l in stride(from: abs(l1 - l2), through: l1 + l2, by: 2) {
                let g = GauntCoefficients.denseBlock(l1, l2, l), w = ClebschGordan.realTensor(l1, l2, l)
                let c = zip(g.scalars, w.scalars).map { $0 * $1 }.reduce(0, +)   // <G, W>
                #expect(abs(c - GauntCoefficients.scale(l1, l2, l)) <= 1e-12, "c(\(l1),\(l2),\(l))")
                let residual = zip(g.scalars, w.scalars).map { abs($0 - c * $1) }.max() ?? 0
                #expect(residual <= 1e-13, "G != c W at (\(l1),\(l2),\(l))")
            }
        } }
    }

    @Test func crossProductPathIsTheLeviCivitaTensor() {
        let w = ClebschGordan.realTensor(1, 1, 1)
        // real order (y, z, x): the nonzero entries are ±1/√6 at the six permutations
        let nonzero = w.scalars.filter { abs($0) > 1e-12 }
        #expect(nonzero.count == 6)
        #expect(nonzero.allSatisfy { abs(abs($0) - 1 / 6.0.squareRoot()) < 1e-14 })
        for a in 0..<3 { for b in 0..<3 { for c in 0..<3 {
            #expect(abs(w[a, b, c] + w[b, a, c]) < 1e-14)
        } } }
    }

    @Test func realThreeJTensorsAreEquivariant() {
        var rng = RandomSource(seed: 8)
        let r = SO3Sampling.randomRotation(using: &rng)
        let d = WignerD.blocks(maxDegree: 3, rotation: r)
        for (l1, l2, l) in [(1, 1, 1), (2, 1, 2), (2, 2, 3), (3, 2, 1)] {
            let w = ClebschGordan.realTensor(l1, l2, l)
            let n1 = 2 * l1 + 1, n2 = 2 * l2 + 1, n = 2 * l + 1
            var worst = 0.0
            for a in 0..<n1 { for b in 0..<n2 { for c in 0..<n {
                var s = 0.0
                for i in 0..<n1 { for j in 0..<n2 { for k in 0..<n {
                    s += d[l1][a, i] * d[l2][b, j] * d[l][c, k] * w[i, j, k]
                } } }
                worst = max(worst, abs(s - w[a, b, c]))
            } } }
            #expect(worst <= 1e-12, "W^{\(l1)\(l2)\(l)} not invariant: \(worst)")
        }
    }
}
