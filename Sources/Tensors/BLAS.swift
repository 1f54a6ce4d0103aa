import CBLAS

extension Float: FloatingScalar {
    @inlinable
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}

extension Double: FloatingScalar {
    @inlinable
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        cblas_dgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}

/// Process-wide BLAS settings.
public enum BLAS {
    /// Sets the number of OpenBLAS threads. Equilab uses 1 by default: results are then bit-reproducible and the
    /// second core stays free for the front end. `EQUILAB_BLAS_THREADS` overrides it at start-up.
    public static func setThreadCount(_ n: Int) {
        openblas_set_num_threads(Int32(max(1, n)))
    }

    /// The number of OpenBLAS threads in use.
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// Applies the default (one thread, or `EQUILAB_BLAS_THREADS` when set).
    public static func configureFromEnvironment() {
        if let raw = getenv("EQUILAB_BLAS_THREADS"), let n = Int(String(cString: raw)), n > 0 {
            setThreadCount(n)
        } else {
            setThreadCount(1)
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif

// MARK: - Matrix products

extension Tensor where Scalar: FloatingScalar {
    /// Matrix product of rank-2 tensors through BLAS: `[m, k] x [k, n] -> [m, n]`, with optional transposes.
    ///
    /// - Complexity: O(m·n·k), one `gemm` call.
    @inlinable
    public func matmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false) -> Tensor {
        precondition(rank == 2 && other.rank == 2, "matmul needs rank-2 tensors, got \(shape) and \(other.shape)")
        let m = transposeSelf ? shape[1] : shape[0]
        let k = transposeSelf ? shape[0] : shape[1]
        let k2 = transposeOther ? other.shape[1] : other.shape[0]
        let n = transposeOther ? other.shape[0] : other.shape[1]
        precondition(k == k2, "matmul inner extents differ: \(shape)\(transposeSelf ? "ᵀ" : "") x \(other.shape)\(transposeOther ? "ᵀ" : "")")
        guard m > 0 && n > 0 && k > 0 else { return Tensor(zeros: [m, n]) }
        // beta = 0: gemm never reads C, so the output buffer is left uninitialised until gemm writes it.
        let lda = shape[1], ldb = other.shape[1]
        let out = [Scalar](unsafeUninitializedCapacity: m * n) { c, initialized in
            scalars.withUnsafeBufferPointer { a in
                other.scalars.withUnsafeBufferPointer { b in
                    Scalar.gemm(
                        transposeA: transposeSelf, transposeB: transposeOther, m: m, n: n, k: k,
                        alpha: 1, a: a.baseAddress!, lda: lda, b: b.baseAddress!, ldb: ldb,
                        beta: 0, c: c.baseAddress!, ldc: n)
                }
            }
            initialized = m * n
        }
        return Tensor(shape: [m, n], scalars: out)
    }

    /// Batched matrix product of rank-3 tensors: `[b, m, k] x [b, k, n] -> [b, m, n]` (one `gemm` per batch item).
    @inlinable
    public func batchedMatmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false) -> Tensor {
        precondition(rank == 3 && other.rank == 3 && shape[0] == other.shape[0],
                     "batchedMatmul needs [b,m,k] x [b,k,n], got \(shape) and \(other.shape)")
        let batch = shape[0]
        let m = transposeSelf ? shape[2] : shape[1]
        let k = transposeSelf ? shape[1] : shape[2]
        let n = transposeOther ? other.shape[1] : other.shape[2]
        precondition(k == (transposeOther ? other.shape[2] : other.shape[1]), "batchedMatmul inner extents differ: \(shape) x \(other.shape)")
        guard batch > 0 && m > 0 && n > 0 && k > 0 else { return Tensor(zeros: [batch, m, n]) }
        let aStride = shape[1] * shape[2], bStride = other.shape[1] * other.shape[2]
        let lda = shape[2], ldb = other.shape[2]
        let out = [Scalar](unsafeUninitializedCapacity: batch * m * n) { c, initialized in
            scalars.withUnsafeBufferPointer { a in
                other.scalars.withUnsafeBufferPointer { b in
                    for i in 0..<batch {
                        Scalar.gemm(
                            transposeA: transposeSelf, transposeB: transposeOther, m: m, n: n, k: k,
                            alpha: 1, a: a.baseAddress! + i * aStride, lda: lda,
                            b: b.baseAddress! + i * bStride, ldb: ldb,
                            beta: 0, c: c.baseAddress! + i * m * n, ldc: n)
                    }
                }
            }
            initialized = batch * m * n
        }
        return Tensor(shape: [batch, m, n], scalars: out)
    }

    /// The transpose of a rank-2 tensor.
    @inlinable
    public func transposed() -> Tensor {
        precondition(rank == 2, "transposed() needs rank 2, got \(shape)")
        let r = shape[0], c = shape[1]
        var out = [Scalar](repeating: 0, count: count)
        scalars.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for i in 0..<r { for j in 0..<c { dst[j * r + i] = src[i * c + j] } }
            }
        }
        return Tensor(shape: [c, r], scalars: out)
    }
}
