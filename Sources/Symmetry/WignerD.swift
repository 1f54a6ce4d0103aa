import Tensors

/// Wigner D matrices in the real SH basis of ``SphericalHarmonics``, by exact quadrature.
///
/// `D^l(R)` is defined by `Y_l(R s) = D^l(R) Y_l(s)`; the function `F_x(R⁻¹ s)` has coefficients `D(R) x`.
/// `D^l_ab = Σ_q w_q Y_a(R s_q) Y_b(s_q)` on a rule exact to degree `2L` (Gaunt spec §2); `D` is orthogonal.
public enum WignerD {
    /// The blocks `D^0 … D^L` of a rotation (row-major 3×3), each `[2l+1, 2l+1]`.
    public static func blocks(maxDegree L: Int, rotation r: [Double]) -> [Tensor<Double>] {
        let rule = SphereQuadrature(bandLimit: 2 * L)
        var blocks = (0...L).map { l in Tensor<Double>(zeros: [2 * l + 1, 2 * l + 1]) }
        for (q, p) in rule.points.enumerated() {
            let rp = SO3Sampling.apply(r, to: p)
            let yr = SphericalHarmonics.evaluate(maxDegree: L, x: rp[0], y: rp[1], z: rp[2])
            let y = SphericalHarmonics.evaluateUnnormalised(maxDegree: L, x: p[0], y: p[1], z: p[2])
            let w = rule.weights[q]
            for l in 0...L {
                let o = l * l, d = 2 * l + 1
                blocks[l].scalars.withUnsafeMutableBufferPointer { b in
                    for i in 0..<d { let wi = w * yr[o + i]; for j in 0..<d { b[i * d + j] += wi * y[o + j] } }
                }
            }
        }
        return blocks
    }

    /// Applies block-diagonal `D` to coefficient vectors: `[n, (L+1)²] -> [n, (L+1)²]`.
    public static func apply<S: FloatingScalar>(_ blocks: [Tensor<Double>], to x: Tensor<S>) -> Tensor<S> {
        let k = x.shape[x.rank - 1]
        let L = SphericalHarmonics.degree(ofIndex: k - 1)
        precondition(L < blocks.count && (L + 1) * (L + 1) == k, "need D blocks up to degree \(L) for \(x.shape)")
        var out = x
        let rows = x.count / k
        for r in 0..<rows {
            for l in 0...L {
                let o = l * l, d = 2 * l + 1
                for i in 0..<d {
                    var s = 0.0
                    for j in 0..<d { s += blocks[l].scalars[i * d + j] * Double(x.scalars[r * k + o + j]) }
                    out.scalars[r * k + o + i] = S(s)
                }
            }
        }
        return out
    }
}
