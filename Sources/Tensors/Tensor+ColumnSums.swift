// MARK: - Column sums through BLAS

extension Tensor where Scalar: FloatingScalar {
    /// Column sums of a rank-2 tensor, `[n, m] -> [m]`, as one gemm `1ᵀ·A` (vectorised by BLAS).
    @inlinable
    public func columnSums() -> Tensor {
        precondition(rank == 2, "columnSums needs rank 2, got \(shape)")
        let n = shape[0], m = shape[1]
        guard n > 0 && m > 0 else { return Tensor(zeros: [m]) }
        let ones = [Scalar](repeating: 1, count: n)
        let out = [Scalar](unsafeUninitializedCapacity: m) { c, initialized in
            ones.withUnsafeBufferPointer { po in
                scalars.withUnsafeBufferPointer { pa in
                    Scalar.gemm(transposeA: false, transposeB: false, m: 1, n: m, k: n, alpha: 1,
                                a: po.baseAddress!, lda: n, b: pa.baseAddress!, ldb: m, beta: 0,
                                c: c.baseAddress!, ldc: m)
                }
            }
            initialized = m
        }
        return Tensor(shape: [m], scalars: out)
    }
}
