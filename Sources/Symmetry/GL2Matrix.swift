import Tensors

/// A real 2×2 matrix, the element type of GL+(2,R) and SL(2,R) and of their Lie algebra gl(2).
///
/// Row-major entries `[[m00, m01], [m10, m11]]`; it acts on column vectors `(x, y)` by `h·(x, y)`.
/// A plain value type: products, inverses and the closed-form functions of `GL2Matrix+Polar.swift` allocate
/// nothing, so batched samplers and kernel grids can call them in tight loops.
///
/// ```swift
/// let g = GL2Matrix<Double>(2, 1, 0, 0.5)
/// let (p, r) = g.polarDecomposition()     // g = P·R, P ∈ Pos(2), R ∈ SO(2)
/// ```
public struct GL2Matrix<Scalar: FloatingScalar>: Sendable, Hashable, Codable {
    /// Entry (0, 0).
    public var m00: Scalar
    /// Entry (0, 1).
    public var m01: Scalar
    /// Entry (1, 0).
    public var m10: Scalar
    /// Entry (1, 1).
    public var m11: Scalar

    /// Creates `[[m00, m01], [m10, m11]]`.
    @inlinable
    public init(_ m00: Scalar, _ m01: Scalar, _ m10: Scalar, _ m11: Scalar) {
        self.m00 = m00
        self.m01 = m01
        self.m10 = m10
        self.m11 = m11
    }

    /// The identity matrix.
    @inlinable public static var identity: GL2Matrix { GL2Matrix(1, 0, 0, 1) }

    /// The rotation by `angle` radians, `[[cos, −sin], [sin, cos]]`.
    @inlinable
    public static func rotation(_ angle: Scalar) -> GL2Matrix {
        let c = Scalar.cos(angle), s = Scalar.sin(angle)
        return GL2Matrix(c, -s, s, c)
    }

    /// A diagonal matrix.
    @inlinable
    public static func diagonal(_ a: Scalar, _ d: Scalar) -> GL2Matrix { GL2Matrix(a, 0, 0, d) }

    /// The determinant `m00·m11 − m01·m10`.
    @inlinable public var determinant: Scalar { m00 * m11 - m01 * m10 }

    /// The trace.
    @inlinable public var trace: Scalar { m00 + m11 }

    /// The transpose.
    @inlinable public var transposed: GL2Matrix { GL2Matrix(m00, m10, m01, m11) }

    /// The inverse (adjugate over determinant).
    /// - Precondition: the determinant is non-zero.
    @inlinable
    public var inverse: GL2Matrix {
        let d = determinant
        precondition(d != 0, "GL2Matrix.inverse of a singular matrix \(self)")
        return GL2Matrix(m11 / d, -m01 / d, -m10 / d, m00 / d)
    }

    /// The matrix product `a·b`.
    @inlinable
    public static func * (a: GL2Matrix, b: GL2Matrix) -> GL2Matrix {
        GL2Matrix(a.m00 * b.m00 + a.m01 * b.m10, a.m00 * b.m01 + a.m01 * b.m11,
                  a.m10 * b.m00 + a.m11 * b.m10, a.m10 * b.m01 + a.m11 * b.m11)
    }

    /// Entrywise sum.
    @inlinable
    public static func + (a: GL2Matrix, b: GL2Matrix) -> GL2Matrix {
        GL2Matrix(a.m00 + b.m00, a.m01 + b.m01, a.m10 + b.m10, a.m11 + b.m11)
    }

    /// Entrywise difference.
    @inlinable
    public static func - (a: GL2Matrix, b: GL2Matrix) -> GL2Matrix {
        GL2Matrix(a.m00 - b.m00, a.m01 - b.m01, a.m10 - b.m10, a.m11 - b.m11)
    }

    /// Scalar multiple.
    @inlinable
    public static func * (s: Scalar, a: GL2Matrix) -> GL2Matrix {
        GL2Matrix(s * a.m00, s * a.m01, s * a.m10, s * a.m11)
    }

    /// The image `h·(x, y)` of a point.
    @inlinable
    public func apply(_ x: Scalar, _ y: Scalar) -> (x: Scalar, y: Scalar) {
        (m00 * x + m01 * y, m10 * x + m11 * y)
    }

    /// The Frobenius norm `√tr(AᵀA)`.
    @inlinable
    public var frobeniusNorm: Scalar { (m00 * m00 + m01 * m01 + m10 * m10 + m11 * m11).squareRoot() }

    /// The largest absolute entry.
    @inlinable
    public var maxAbsEntry: Scalar { Swift.max(Swift.max(abs(m00), abs(m01)), Swift.max(abs(m10), abs(m11))) }

    /// The same matrix in another floating type.
    @inlinable
    public func converted<T: FloatingScalar>(to: T.Type = T.self) -> GL2Matrix<T> {
        GL2Matrix<T>(T(m00), T(m01), T(m10), T(m11))
    }

    /// The entries row-major `[m00, m01, m10, m11]`.
    @inlinable public var entries: [Scalar] { [m00, m01, m10, m11] }
}
