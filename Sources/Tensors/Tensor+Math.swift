// MARK: - Elementwise math on real tensors
//
// The transcendental functions are free functions, as in mlx-swift (`exp(x)`, `abs(x)`, `maximum(a, b)`):
// instance methods named `exp`, `abs`, `sqrt`… would shadow the scalar free functions inside every
// `extension Tensor` written in other modules.

/// e^x elementwise.
@inlinable public func exp<S: FloatingScalar>(_ x: Tensor<S>) -> Tensor<S> { x.mapScalars { S.exp($0) } }
/// Natural logarithm elementwise.
@inlinable public func log<S: FloatingScalar>(_ x: Tensor<S>) -> Tensor<S> { x.mapScalars { S.log($0) } }
/// sin(x) elementwise.
@inlinable public func sin<S: FloatingScalar>(_ x: Tensor<S>) -> Tensor<S> { x.mapScalars { S.sin($0) } }
/// cos(x) elementwise.
@inlinable public func cos<S: FloatingScalar>(_ x: Tensor<S>) -> Tensor<S> { x.mapScalars { S.cos($0) } }
/// tanh(x) elementwise.
@inlinable public func tanh<S: FloatingScalar>(_ x: Tensor<S>) -> Tensor<S> { x.mapScalars { S.tanh($0) } }
/// √x elementwise.
@inlinable public func sqrt<S: FloatingScalar>(_ x: Tensor<S>) -> Tensor<S> { x.mapScalars { $0.squareRoot() } }
/// |x| elementwise.
@inlinable public func abs<S: FloatingScalar>(_ x: Tensor<S>) -> Tensor<S> { x.mapScalars { Swift.abs($0) } }
/// x^p elementwise for a constant exponent (`Real.pow`: negative bases give NaN for non-integer `p`).
@inlinable public func pow<S: FloatingScalar>(_ x: Tensor<S>, _ p: S) -> Tensor<S> { x.mapScalars { S.pow($0, p) } }
/// The logistic function σ(x) = 1 / (1 + e^{-x}) elementwise, computed without overflow.
@inlinable public func sigmoid<S: FloatingScalar>(_ x: Tensor<S>) -> Tensor<S> {
    x.mapScalars { v in v >= 0 ? 1 / (1 + S.exp(-v)) : S.exp(v) / (1 + S.exp(v)) }
}
/// max(x, 0) elementwise.
@inlinable public func relu<S: FloatingScalar>(_ x: Tensor<S>) -> Tensor<S> { x.mapScalars { $0 > 0 ? $0 : 0 } }
/// Elementwise maximum with broadcasting (the first operand wins ties).
@inlinable public func maximum<S: FloatingScalar>(_ a: Tensor<S>, _ b: Tensor<S>) -> Tensor<S> {
    Tensor.broadcastZip(a, b) { $0 >= $1 ? $0 : $1 }
}
/// Elementwise minimum with broadcasting (the first operand wins ties).
@inlinable public func minimum<S: FloatingScalar>(_ a: Tensor<S>, _ b: Tensor<S>) -> Tensor<S> {
    Tensor.broadcastZip(a, b) { $0 <= $1 ? $0 : $1 }
}

extension Tensor where Scalar: FloatingScalar {
    /// Applies `body` to every scalar into a fresh buffer (no zero fill, no per-element allocation).
    @inlinable
    public func mapScalars(_ body: (Scalar) -> Scalar) -> Tensor {
        let n = count
        let out = [Scalar](unsafeUninitializedCapacity: n) { buffer, initialized in
            scalars.withUnsafeBufferPointer { src in
                for i in 0..<n { (buffer.baseAddress! + i).initialize(to: body(src[i])) }
            }
            initialized = n
        }
        return Tensor(shape: shape, scalars: out)
    }

    /// x² elementwise.
    @inlinable public func squared() -> Tensor { mapScalars { $0 * $0 } }

    /// Every scalar clamped into `[lower, upper]`.
    @inlinable
    public func clamped(to range: ClosedRange<Scalar>) -> Tensor {
        let lo = range.lowerBound, hi = range.upperBound
        return mapScalars { Swift.min(Swift.max($0, lo), hi) }
    }

    /// The largest absolute value (0 for an empty tensor): the ∞-norm of the flattened tensor.
    @inlinable
    public var maximumMagnitude: Scalar { scalars.reduce(0) { Swift.max($0, Swift.abs($1)) } }

    /// The Euclidean norm of the flattened tensor.
    @inlinable
    public var euclideanNorm: Scalar { scalars.reduce(0) { $0 + $1 * $1 }.squareRoot() }
}

// MARK: - Softmax

extension Tensor where Scalar: FloatingScalar {
    /// Softmax along `axis`: `exp(x - max) / Σ exp(x - max)`, stable for large inputs.
    @inlinable
    public func softmax(axis: Int = -1) -> Tensor {
        let ax = axis < 0 ? axis + rank : axis
        let (outer, extent, inner) = split(at: ax)
        var out = scalars
        out.withUnsafeMutableBufferPointer { p in
            for i in 0..<outer {
                for k in 0..<inner {
                    let base = i * extent * inner + k
                    var m = -Scalar.infinity
                    for j in 0..<extent { m = Swift.max(m, p[base + j * inner]) }
                    var s: Scalar = 0
                    for j in 0..<extent { let e = Scalar.exp(p[base + j * inner] - m); p[base + j * inner] = e; s += e }
                    let r = 1 / s
                    for j in 0..<extent { p[base + j * inner] *= r }
                }
            }
        }
        return Tensor(shape: shape, scalars: out)
    }

    /// Log-softmax along `axis`: `x - max - log Σ exp(x - max)`.
    @inlinable
    public func logSoftmax(axis: Int = -1) -> Tensor {
        let ax = axis < 0 ? axis + rank : axis
        let (outer, extent, inner) = split(at: ax)
        var out = scalars
        out.withUnsafeMutableBufferPointer { p in
            for i in 0..<outer {
                for k in 0..<inner {
                    let base = i * extent * inner + k
                    var m = -Scalar.infinity
                    for j in 0..<extent { m = Swift.max(m, p[base + j * inner]) }
                    var s: Scalar = 0
                    for j in 0..<extent { s += Scalar.exp(p[base + j * inner] - m) }
                    let shift = m + Scalar.log(s)
                    for j in 0..<extent { p[base + j * inner] -= shift }
                }
            }
        }
        return Tensor(shape: shape, scalars: out)
    }
}
