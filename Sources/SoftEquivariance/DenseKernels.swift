import Tensors

/// Dense layer and activation kernels with hand-written backward passes, generic over Float/Double.
///
/// Weights are `[d_out, d_in]` (the spec's `W: ρ_in → ρ_out`), inputs `[batch, d_in]`: `y = x Wᵀ + b`.
public enum DenseKernels {
    /// `y = x Wᵀ + b`.
    @inlinable
    public static func linear<Scalar: FloatingScalar>(_ x: Tensor<Scalar>, weight: Tensor<Scalar>,
                                                      bias: Tensor<Scalar>) -> Tensor<Scalar> {
        var y = x.matmul(weight, transposeOther: true)
        let n = y.shape[0], d = y.shape[1]
        y.scalars.withUnsafeMutableBufferPointer { yp in
            bias.scalars.withUnsafeBufferPointer { bp in
                for r in 0..<n { for j in 0..<d { yp[r * d + j] += bp[j] } }
            }
        }
        return y
    }

    /// Gradients of `y = x Wᵀ + b`: `dW = dyᵀ x`, `db = Σ_rows dy`, and `dx = dy W` when requested.
    @inlinable
    public static func linearBackward<Scalar: FloatingScalar>(
        _ dy: Tensor<Scalar>, input x: Tensor<Scalar>, weight: Tensor<Scalar>, needsInputGradient: Bool
    ) -> (dx: Tensor<Scalar>?, dWeight: Tensor<Scalar>, dBias: Tensor<Scalar>) {
        let dW = dy.matmul(x, transposeSelf: true)
        let n = dy.shape[0], d = dy.shape[1]
        var db = [Scalar](repeating: 0, count: d)
        dy.scalars.withUnsafeBufferPointer { p in
            for r in 0..<n { for j in 0..<d { db[j] += p[r * d + j] } }
        }
        let dx = needsInputGradient ? dy.matmul(weight) : nil
        return (dx, dW, Tensor(shape: [d], scalars: db))
    }

    /// `swish(x) = x·σ(x)` elementwise.
    @inlinable
    public static func swish<Scalar: FloatingScalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        x.map { $0 / (1 + Scalar.exp(-$0)) }
    }

    /// `dx = dy · (σ(x) + x σ(x)(1 − σ(x)))`.
    @inlinable
    public static func swishBackward<Scalar: FloatingScalar>(_ dy: Tensor<Scalar>, input x: Tensor<Scalar>) -> Tensor<Scalar> {
        var out = dy.scalars
        x.scalars.withUnsafeBufferPointer { xp in
            out.withUnsafeMutableBufferPointer { op in
                for i in 0..<op.count {
                    let s = 1 / (1 + Scalar.exp(-xp[i]))
                    op[i] *= s + xp[i] * s * (1 - s)
                }
            }
        }
        return Tensor(shape: dy.shape, scalars: out)
    }
}
