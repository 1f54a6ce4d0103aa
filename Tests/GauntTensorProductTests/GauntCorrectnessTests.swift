import Symmetry
import Tensors
import Testing
@testable import GauntTensorProduct

@Suite struct FourierConversionTests {
    @Test(arguments: [2, 4, 8, 16]) func nonzeroCountsAndPattern(L: Int) {
        let e = SHFourierExpansion(maxDegree: L)
        let expected = [2: 34, 4: 163, 8: 949, 16: 6521][L]
        #expect(e.nonzeroCount == expected)
        for l in 0...L { for m in -l...l {
            for en in e.entries(of: l * l + l + m) {
                #expect(en.v == abs(m) || en.v == -abs(m))
                #expect(abs(en.u) <= l && (en.u - l) % 2 == 0)
                if abs(m) % 2 == 1 { #expect(en.u != 0) }
                #expect(en.re == 0 || abs(en.im) < 1e-15 * max(1, abs(en.re)) || abs(en.re) < 1e-15)
            }
            // conjugate symmetry y_{-u,-v} = conj(y_{u,v})
            let list = Array(e.entries(of: l * l + l + m))
            for en in list {
                let mirror = list.first { $0.u == -en.u && $0.v == -en.v }
                #expect(mirror != nil)
                if let mirror { #expect(abs(mirror.re - en.re) < 1e-14 && abs(mirror.im + en.im) < 1e-14) }
            }
        } }
    }

    @Test func expansionReproducesHarmonicsOnTheTorus() {
        let L = 16
        let e = GauntTables.expansion(maxDegree: L)
        var rng = RandomSource(seed: 7)
        var worst = 0.0
        for _ in 0..<100 {
            let t = rng.uniform(0...(2 * Double.pi)), p = rng.uniform(0...(2 * Double.pi))
            let y = SphericalHarmonics.evaluate(maxDegree: L, theta: t, phi: p)
            for a in 0..<y.count { worst = max(worst, abs(e.evaluate(a, theta: t, phi: p) - y[a])) }
        }
        #expect(worst <= 1e-13, "max error \(worst)")
    }

    @Test func gridSizesAreFastAndLargeEnough() {
        for lo in 1...64 {
            let n = GauntTables.fastGridSize(atLeast: 2 * lo + 1)
            #expect(n >= 2 * lo + 1)
            var r = n
            for p in [2, 3, 5, 7] { while r % p == 0 { r /= p } }
            #expect(r == 1)
        }
    }
}

@Suite struct GauntProductAgreementTests {
    @Test(arguments: [1, 2, 3, 4, 8, 12, 16]) func allMethodsMatchQuadrature(L: Int) {
        var rng = RandomSource(seed: UInt64(100 + L))
        let x = randomCoefficients(L, &rng), y = randomCoefficients(L, &rng)
        let truth = quadratureProduct(x, y, L, L, 2 * L)
        let tol = 1e-11 * (1 + norm(x) * norm(y))
        let fft = product(GauntFFTProduct<Double>(L, L), x, y)
        #expect(maxAbsDifference(fft, truth) <= tol, "fft error \(maxAbsDifference(fft, truth)) at L=\(L)")
        let sparse = product(GauntSparseProduct<Double>(L, L), x, y)
        #expect(maxAbsDifference(sparse, truth) <= tol, "sparse error \(maxAbsDifference(sparse, truth))")
        let dense = product(GauntDenseProduct<Double>(L, L), x, y)
        #expect(maxAbsDifference(dense, truth) <= tol, "dense error \(maxAbsDifference(dense, truth))")
        let z00 = (zip(x, y).map { $0 * $1 }.reduce(0, +)) / (4 * Double.pi).squareRoot()
        #expect(abs(fft[0] - z00) <= 1e-13 * (1 + norm(x) * norm(y)))
    }

    @Test func truncatedAndUnequalDegreesMatchQuadrature() {
        var rng = RandomSource(seed: 3)
        for (l1, l2, lo) in [(3, 1, 2), (2, 5, 4), (4, 4, 3), (6, 2, 8)] {
            let x = randomCoefficients(l1, &rng), y = randomCoefficients(l2, &rng)
            let truth = quadratureProduct(x, y, l1, l2, lo)
            let fft = product(GauntFFTProduct<Double>(l1, l2, outputDegree: lo), x, y)
            #expect(maxAbsDifference(fft, truth) <= 1e-11 * (1 + norm(x) * norm(y)))
        }
    }

    @Test(arguments: [1, 2, 4, 8]) func floatRelativeErrorIsSmall(L: Int) {
        var rng = RandomSource(seed: UInt64(L))
        let x = randomCoefficients(L, &rng), y = randomCoefficients(L, &rng)
        let truth = quadratureProduct(x, y, L, L, 2 * L)
        let z = product(GauntFFTProduct<Float>(L, L), x.map { Float($0) }, y.map { Float($0) }).map { Double($0) }
        #expect(maxAbsDifference(z, truth) / norm(truth) <= 1e-4)
    }

    @Test func identitiesOfSection3() {
        var rng = RandomSource(seed: 11)
        let L = 4
        let y = randomCoefficients(L, &rng)
        var e00 = [Double](repeating: 0, count: 25)
        e00[0] = 1
        let z = product(GauntFFTProduct<Double>(L, L, outputDegree: L), e00, y)
        #expect(maxAbsDifference(z, y.map { $0 / (4 * Double.pi).squareRoot() }) <= 1e-13)
        let x = randomCoefficients(L, &rng)
        let k = GauntFFTProduct<Double>(L, L)
        #expect(maxAbsDifference(product(k, x, y), product(k, y, x)) <= 1e-12)  // commutative
    }

    @Test func gridOneTooSmallAliases() {
        var rng = RandomSource(seed: 5)
        let L = 4
        let x = randomCoefficients(L, &rng), y = randomCoefficients(L, &rng)
        let truth = quadratureProduct(x, y, L, L, 2 * L)
        let good = product(GauntFFTProduct<Double>(L, L, gridSize: 2 * 2 * L + 1), x, y)
        let bad = product(GauntFFTProduct<Double>(L, L, gridSize: 2 * 2 * L), x, y)
        #expect(maxAbsDifference(good, truth) <= 1e-11 * (1 + norm(x) * norm(y)))
        #expect(maxAbsDifference(bad, truth) > 1e-3)
    }

    @Test func batchedEqualsOneByOne() {
        var rng = RandomSource(seed: 9)
        let L = 3, count = 70, k = 16
        let x = Tensor<Double>.randomNormal([count, k], using: &rng), y = Tensor<Double>.randomNormal([count, k], using: &rng)
        let kernel = GauntFFTProduct<Double>(L, L, chunk: 32)
        let batched = kernel(x, y)
        for r in [0, 31, 32, 69] {
            let one = product(kernel, Array(x.scalars[(r * k)..<(r * k + k)]), Array(y.scalars[(r * k)..<(r * k + k)]))
            #expect(maxAbsDifference(one, Array(batched.scalars[(r * 49)..<(r * 49 + 49)])) <= 1e-13)
        }
    }
}
