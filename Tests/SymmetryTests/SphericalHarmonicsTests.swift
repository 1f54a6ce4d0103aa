import Tensors
import Testing
@testable import Symmetry

@Suite struct SphericalHarmonicsTests {
    @Test func spotValuesAndClosedFormsUpToDegreeThree() {
        var rng = RandomSource(seed: 1)
        let pi = Double.pi
        for _ in 0..<50 {
            var p = [rng.normal(), rng.normal(), rng.normal()]
            let r = p.reduce(0) { $0 + $1 * $1 }.squareRoot()
            p = p.map { $0 / r }
            let (x, y, z) = (p[0], p[1], p[2])
            let got = SphericalHarmonics.evaluate(maxDegree: 3, x: x, y: y, z: z)
            let c1 = (3 / (4 * pi)).squareRoot()
            let c2 = (15 / (4 * pi)).squareRoot(), c20 = (5 / (16 * pi)).squareRoot()
            let expected: [Double] = [
                0.28209479177387814,
                c1 * y, c1 * z, c1 * x,
                c2 * x * y, c2 * y * z, c20 * (3 * z * z - 1), c2 * x * z, c2 / 2 * (x * x - y * y),
                (35 / (32 * pi)).squareRoot() * y * (3 * x * x - y * y), (105 / (4 * pi)).squareRoot() * x * y * z,
                (21 / (32 * pi)).squareRoot() * y * (5 * z * z - 1), (7 / (16 * pi)).squareRoot() * z * (5 * z * z - 3),
                (21 / (32 * pi)).squareRoot() * x * (5 * z * z - 1), (105 / (16 * pi)).squareRoot() * z * (x * x - y * y),
                (35 / (32 * pi)).squareRoot() * x * (x * x - 3 * y * y),
            ]
            for a in 0..<16 { #expect(abs(got[a] - expected[a]) <= 1e-13, "a=\(a): \(got[a]) vs \(expected[a])") }
        }
        #expect(abs(0.4886025119029199 - (3 / (4 * pi)).squareRoot()) < 1e-16)
    }

    @Test func orthonormalUpToDegree32() {
        let L = 32, k = (L + 1) * (L + 1)
        let rule = SphereQuadrature(bandLimit: 2 * L)
        var rows: [Double] = [], weighted: [Double] = []
        for (q, p) in rule.points.enumerated() {
            let y = SphericalHarmonics.evaluate(maxDegree: L, x: p[0], y: p[1], z: p[2])
            rows += y
            weighted += y.map { $0 * rule.weights[q] }
        }
        let n = rule.points.count
        let gram = Tensor(shape: [n, k], scalars: weighted).matmul(Tensor(shape: [n, k], scalars: rows), transposeSelf: true)
        var worst = 0.0
        for i in 0..<k { for j in 0..<k { worst = max(worst, abs(gram.scalars[i * k + j] - (i == j ? 1 : 0))) } }
        #expect(worst <= 1e-13, "orthonormality error \(worst)")
    }

    @Test func inversionFlipsOddDegreesExactly() {
        var rng = RandomSource(seed: 2)
        for _ in 0..<20 {
            let p = [rng.normal(), rng.normal(), rng.normal()]
            let a = SphericalHarmonics.evaluate(maxDegree: 8, x: p[0], y: p[1], z: p[2])
            let b = SphericalHarmonics.evaluate(maxDegree: 8, x: -p[0], y: -p[1], z: -p[2])
            for i in 0..<a.count {
                let l = SphericalHarmonics.degree(ofIndex: i)
                #expect(b[i] == (l % 2 == 0 ? a[i] : -a[i]))
            }
        }
    }
}

@Suite struct WignerDTests {
    @Test func orthogonalAndRepresentsRotations() {
        var rng = RandomSource(seed: 4)
        let L = 8
        for _ in 0..<5 {
            let r = SO3Sampling.randomRotation(using: &rng)
            let blocks = WignerD.blocks(maxDegree: L, rotation: r)
            for (l, d) in blocks.enumerated() {
                let n = 2 * l + 1
                let ddt = d.matmul(d, transposeOther: true)
                for i in 0..<n { for j in 0..<n { #expect(abs(ddt.scalars[i * n + j] - (i == j ? 1 : 0)) <= 1e-12) } }
            }
            let p = [rng.normal(), rng.normal(), rng.normal()]
            let rp = SO3Sampling.apply(r, to: p)
            let y = Tensor(shape: [1, 81], scalars: SphericalHarmonics.evaluate(maxDegree: L, x: p[0], y: p[1], z: p[2]))
            let yr = SphericalHarmonics.evaluate(maxDegree: L, x: rp[0], y: rp[1], z: rp[2])
            let dy = WignerD.apply(blocks, to: y).scalars
            for i in 0..<81 { #expect(abs(dy[i] - yr[i]) <= 1e-12) }
        }
    }
}
