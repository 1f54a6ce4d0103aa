// MARK: - Complex tensors: parts, conjugation, division

extension Tensor where Scalar: ComplexScalar {
    /// A complex tensor from equally shaped real and imaginary parts.
    @inlinable
    public init(real: Tensor<Scalar.RealScalar>, imaginary: Tensor<Scalar.RealScalar>) {
        precondition(real.shape == imaginary.shape, "complex parts differ in shape: \(real.shape) vs \(imaginary.shape)")
        let n = real.count
        let out = [Scalar](unsafeUninitializedCapacity: n) { buffer, initialized in
            real.scalars.withUnsafeBufferPointer { re in
                imaginary.scalars.withUnsafeBufferPointer { im in
                    for i in 0..<n { (buffer.baseAddress! + i).initialize(to: Scalar(re[i], im[i])) }
                }
            }
            initialized = n
        }
        self.init(shape: real.shape, scalars: out)
    }

    /// A complex tensor with the given real part and zero imaginary part.
    @inlinable
    public init(real: Tensor<Scalar.RealScalar>) {
        self.init(shape: real.shape, scalars: real.scalars.map { Scalar($0, 0) })
    }

    /// The real parts.
    @inlinable public var real: Tensor<Scalar.RealScalar> { map { $0.real } }
    /// The imaginary parts.
    @inlinable public var imaginary: Tensor<Scalar.RealScalar> { map { $0.imaginary } }
    /// `|z|²` elementwise.
    @inlinable public var magnitudeSquared: Tensor<Scalar.RealScalar> { map { $0.lengthSquared } }
    /// `|z|` elementwise.
    @inlinable public var magnitude: Tensor<Scalar.RealScalar> { map { $0.lengthSquared.squareRoot() } }
    /// The elementwise complex conjugate.
    @inlinable public func conjugated() -> Tensor { map { $0.conjugate } }

    /// Elementwise complex division with broadcasting.
    @inlinable public static func / (a: Tensor, b: Tensor) -> Tensor { broadcastZip(a, b, /) }

    /// Scales every scalar by a real factor.
    @inlinable
    public static func * (a: Tensor, s: Scalar.RealScalar) -> Tensor { a.map { Scalar($0.real * s, $0.imaginary * s) } }

    /// Whether shapes agree and `|a − b| <= atol + rtol·|b|` elementwise (complex modulus).
    @inlinable
    public func isClose(to other: Tensor, rtol: Scalar.RealScalar = 1e-5, atol: Scalar.RealScalar = 1e-8) -> Bool {
        guard shape == other.shape else { return false }
        for i in 0..<count {
            let d = (scalars[i] - other.scalars[i]).lengthSquared.squareRoot()
            if !(d <= atol + rtol * other.scalars[i].lengthSquared.squareRoot()) { return false }
        }
        return true
    }
}

// MARK: - Complex matrix products

extension Tensor where Scalar: ComplexScalar {
    /// Complex matrix product of rank-2 tensors `op(self)·op(other)` through cblas_cgemm / cblas_zgemm.
    ///
    /// `op` is the identity, the transpose, or the adjoint (conjugate transpose): `[m, k] x [k, n] -> [m, n]`
    /// after the operations.
    @inlinable
    public func matmul(_ other: Tensor, _ opSelf: MatrixOperation = .none, _ opOther: MatrixOperation = .none) -> Tensor {
        precondition(rank == 2 && other.rank == 2, "matmul needs rank-2 tensors, got \(shape) and \(other.shape)")
        let m = opSelf.isTransposed ? shape[1] : shape[0]
        let k = opSelf.isTransposed ? shape[0] : shape[1]
        let k2 = opOther.isTransposed ? other.shape[1] : other.shape[0]
        let n = opOther.isTransposed ? other.shape[0] : other.shape[1]
        precondition(k == k2, "complex matmul inner extents differ: \(shape) (\(opSelf)) x \(other.shape) (\(opOther))")
        guard m > 0 && n > 0 && k > 0 else { return Tensor(zeros: [m, n]) }
        let lda = shape[1], ldb = other.shape[1]
        let out = [Scalar](unsafeUninitializedCapacity: m * n) { c, initialized in
            scalars.withUnsafeBufferPointer { a in
                other.scalars.withUnsafeBufferPointer { b in
                    Scalar.gemm(opSelf, opOther, m: m, n: n, k: k, alpha: Scalar(1, 0), a: a.baseAddress!, lda: lda,
                                b: b.baseAddress!, ldb: ldb, beta: Scalar(0, 0), c: c.baseAddress!, ldc: n)
                }
            }
            initialized = m * n
        }
        return Tensor(shape: [m, n], scalars: out)
    }

    /// Batched complex matrix product `[b, m, k] x [b, k, n] -> [b, m, n]` (one gemm per batch item).
    @inlinable
    public func batchedMatmul(_ other: Tensor, _ opSelf: MatrixOperation = .none,
                              _ opOther: MatrixOperation = .none) -> Tensor {
        precondition(rank == 3 && other.rank == 3 && shape[0] == other.shape[0],
                     "batchedMatmul needs [b,m,k] x [b,k,n], got \(shape) and \(other.shape)")
        let batch = shape[0]
        let m = opSelf.isTransposed ? shape[2] : shape[1]
        let k = opSelf.isTransposed ? shape[1] : shape[2]
        let n = opOther.isTransposed ? other.shape[1] : other.shape[2]
        precondition(k == (opOther.isTransposed ? other.shape[2] : other.shape[1]),
                     "batchedMatmul inner extents differ: \(shape) x \(other.shape)")
        guard batch > 0 && m > 0 && n > 0 && k > 0 else { return Tensor(zeros: [batch, m, n]) }
        let aStride = shape[1] * shape[2], bStride = other.shape[1] * other.shape[2]
        let lda = shape[2], ldb = other.shape[2]
        let out = [Scalar](unsafeUninitializedCapacity: batch * m * n) { c, initialized in
            scalars.withUnsafeBufferPointer { a in
                other.scalars.withUnsafeBufferPointer { b in
                    for i in 0..<batch {
                        Scalar.gemm(opSelf, opOther, m: m, n: n, k: k, alpha: Scalar(1, 0),
                                    a: a.baseAddress! + i * aStride, lda: lda, b: b.baseAddress! + i * bStride,
                                    ldb: ldb, beta: Scalar(0, 0), c: c.baseAddress! + i * m * n, ldc: n)
                    }
                }
            }
            initialized = batch * m * n
        }
        return Tensor(shape: [batch, m, n], scalars: out)
    }
}

extension Tensor where Scalar: FloatingScalar {
    /// This real tensor as a complex one with zero imaginary part.
    @inlinable
    public func complexified<C: ComplexScalar>(_ type: C.Type = C.self) -> Tensor<C> where C.RealScalar == Scalar {
        Tensor<C>(real: self)
    }
}
