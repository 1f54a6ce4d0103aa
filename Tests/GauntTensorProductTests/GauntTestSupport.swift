import Symmetry
import Tensors
@testable import GauntTensorProduct

/// Ground truth by direct quadrature: `z_a = Σ_q w_q F_x(s_q) F_y(s_q) Y_a(s_q)` (spec §8a), exact for the band limit.
func quadratureProduct(_ x: [Double], _ y: [Double], _ L1: Int, _ L2: Int, _ Lout: Int) -> [Double] {
    let rule = SphereQuadrature(bandLimit: L1 + L2 + Lout)
    var z = [Double](repeating: 0, count: (Lout + 1) * (Lout + 1))
    let L = max(L1, L2, Lout)
    for (q, p) in rule.points.enumerated() {
        let ys = SphericalHarmonics.evaluateUnnormalised(maxDegree: L, x: p[0], y: p[1], z: p[2])
        var fx = 0.0, fy = 0.0
        for a in 0..<x.count { fx += x[a] * ys[a] }
        for b in 0..<y.count { fy += y[b] * ys[b] }
        let w = rule.weights[q] * fx * fy
        for c in 0..<z.count { z[c] += w * ys[c] }
    }
    return z
}

func randomCoefficients(_ L: Int, _ rng: inout RandomSource) -> [Double] {
    (0..<((L + 1) * (L + 1))).map { _ in rng.normal() }
}

func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "lengths \(a.count) vs \(b.count)")
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

/// One product through a kernel on plain arrays.
func product<K: GauntProductKernel>(_ k: K, _ x: [K.Scalar], _ y: [K.Scalar]) -> [K.Scalar] {
    k(Tensor(shape: [1, x.count], scalars: x), Tensor(shape: [1, y.count], scalars: y)).scalars
}
