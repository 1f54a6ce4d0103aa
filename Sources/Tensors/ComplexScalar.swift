import CBLAS

/// A complex scalar with BLAS support: `Complex<Float>` (cblas_cgemm) or `Complex<Double>` (cblas_zgemm).
///
/// `Complex<T>` from swift-numerics stores `(real, imaginary)` contiguously, the same layout as C's
/// `float _Complex` / FFTW's `fftwf_complex`, so complex tensors pass to BLAS and FFTW without copies.
public protocol ComplexScalar: TensorScalar {
    /// The scalar type of the real and imaginary parts.
    associatedtype RealScalar: FloatingScalar
    /// The real part.
    var real: RealScalar { get }
    /// The imaginary part.
    var imaginary: RealScalar { get }
    /// Creates `real + i·imaginary`.
    init(_ real: RealScalar, _ imaginary: RealScalar)
    /// The complex conjugate `real − i·imaginary`.
    var conjugate: Self { get }
    /// `real² + imaginary²`.
    var lengthSquared: RealScalar { get }
    /// Complex division.
    static func / (a: Self, b: Self) -> Self
}

extension Complex: ComplexScalar where RealType: FloatingScalar {
    public typealias RealScalar = RealType
}

/// How `gemm` reads an operand: as stored, transposed, or conjugate-transposed (the adjoint).
public enum MatrixOperation: Sendable, Hashable {
    case none, transpose, adjoint

    @inlinable var cblas: CBLAS_TRANSPOSE {
        switch self {
        case .none: CblasNoTrans
        case .transpose: CblasTrans
        case .adjoint: CblasConjTrans
        }
    }

    @inlinable var isTransposed: Bool { self != .none }
}

extension ComplexScalar {
    /// Complex general matrix multiply `C = alpha·op(A)·op(B) + beta·C` on row-major buffers
    /// (cblas_cgemm for `Complex<Float>`, cblas_zgemm for `Complex<Double>`).
    @inlinable
    public static func gemm(
        _ opA: MatrixOperation, _ opB: MatrixOperation, m: Int, n: Int, k: Int,
        alpha: Self, a: UnsafePointer<Self>, lda: Int,
        b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int
    ) {
        withUnsafePointer(to: alpha) { pa in
            withUnsafePointer(to: beta) { pb in
                if RealScalar.self == Float.self {
                    cblas_cgemm(CblasRowMajor, opA.cblas, opB.cblas, Int32(m), Int32(n), Int32(k),
                                pa, a, Int32(lda), b, Int32(ldb), pb, c, Int32(ldc))
                } else if RealScalar.self == Double.self {
                    cblas_zgemm(CblasRowMajor, opA.cblas, opB.cblas, Int32(m), Int32(n), Int32(k),
                                pa, a, Int32(lda), b, Int32(ldb), pb, c, Int32(ldc))
                } else {
                    preconditionFailure("complex gemm supports Complex<Float> and Complex<Double> only")
                }
            }
        }
    }
}
