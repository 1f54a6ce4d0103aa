import ComplexModule
import RealModule

/// A scalar a ``Tensor`` can hold: `Float`, `Double`, `Complex<Float>`, `Complex<Double>`.
public protocol TensorScalar: Numeric, Sendable, Hashable {}

extension Float: TensorScalar {}
extension Double: TensorScalar {}
extension Complex: TensorScalar where RealType: TensorScalar {}

/// A real floating-point scalar with BLAS support: `Float` (training) or `Double` (references, gradient checks).
public protocol FloatingScalar: TensorScalar, BinaryFloatingPoint, Real, Codable
where Magnitude == Self {
    /// General matrix multiply `C = alpha * op(A) * op(B) + beta * C` on row-major buffers (cblas s/dgemm).
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Self, a: UnsafePointer<Self>, lda: Int,
        b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
}

/// A dense, contiguous, row-major tensor with value semantics (copy on write through `Array`).
///
/// Shapes are `[Int]`; a rank-0 tensor has shape `[]` and one scalar. Broadcasting follows NumPy:
/// shapes are aligned at the trailing axis and axes of extent 1 stretch.
///
/// ```swift
/// let x = Tensor<Float>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
/// let y = x + Tensor(shape: [3], scalars: [10, 20, 30])   // broadcast over rows
/// ```
public struct Tensor<Scalar: TensorScalar>: Sendable {
    /// The extent of each axis.
    public let shape: [Int]
    /// The scalars in row-major order; `scalars.count == shape.reduce(1, *)`.
    public var scalars: [Scalar]

    /// Creates a tensor from a shape and its row-major scalars.
    /// - Precondition: `scalars.count` equals the product of `shape`.
    @inlinable
    public init(shape: [Int], scalars: [Scalar]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative extent in shape \(shape)")
        precondition(
            shape.reduce(1, *) == scalars.count,
            "shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// Creates a tensor filled with one value.
    @inlinable
    public init(shape: [Int], repeating value: Scalar) {
        self.init(shape: shape, scalars: Array(repeating: value, count: shape.reduce(1, *)))
    }

    /// Creates a tensor of zeros.
    @inlinable
    public init(zeros shape: [Int]) {
        self.init(shape: shape, repeating: .zero)
    }

    /// Creates a rank-0 tensor holding one scalar.
    @inlinable
    public init(_ scalar: Scalar) {
        self.init(shape: [], scalars: [scalar])
    }

    /// Builds a tensor by evaluating `body` at every flat (row-major) index.
    @inlinable
    public init(shape: [Int], generator body: (Int) throws -> Scalar) rethrows {
        let n = shape.reduce(1, *)
        var out = [Scalar]()
        out.reserveCapacity(n)
        for i in 0..<n { out.append(try body(i)) }
        self.init(shape: shape, scalars: out)
    }

    /// The number of scalars.
    @inlinable public var count: Int { scalars.count }
    /// The number of axes.
    @inlinable public var rank: Int { shape.count }
    /// The only scalar of a tensor with one element.
    @inlinable public var scalar: Scalar {
        precondition(count == 1, "scalar of a tensor with shape \(shape)")
        return scalars[0]
    }

    /// Row-major strides of `shape`.
    @inlinable public var strides: [Int] { Tensor.contiguousStrides(shape) }

    /// Row-major strides for a shape.
    @inlinable
    public static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var acc = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = acc
            acc *= shape[axis]
        }
        return strides
    }

    /// The flat offset of a multi-index.
    @inlinable
    public func offset(of index: [Int]) -> Int {
        precondition(index.count == rank, "index \(index) for shape \(shape)")
        var off = 0
        var acc = 1
        for axis in stride(from: rank - 1, through: 0, by: -1) {
            precondition(index[axis] >= 0 && index[axis] < shape[axis], "index \(index) out of shape \(shape)")
            off += index[axis] * acc
            acc *= shape[axis]
        }
        return off
    }

    /// Reads or writes the scalar at a multi-index.
    @inlinable
    public subscript(index: Int...) -> Scalar {
        get { scalars[offset(of: index)] }
        set { scalars[offset(of: index)] = newValue }
    }

    /// The same scalars under another shape; one extent may be `-1` and is inferred.
    @inlinable
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var s = newShape
        if let hole = s.firstIndex(of: -1) {
            let known = s.enumerated().filter { $0.offset != hole }.map(\.element).reduce(1, *)
            precondition(known > 0 && count % known == 0, "cannot reshape \(shape) to \(newShape)")
            s[hole] = count / known
        }
        precondition(s.reduce(1, *) == count, "cannot reshape \(shape) to \(newShape)")
        return Tensor(shape: s, scalars: scalars)
    }

    /// Applies `body` to every scalar.
    @inlinable
    public func map<R: TensorScalar>(_ body: (Scalar) throws -> R) rethrows -> Tensor<R> {
        Tensor<R>(shape: shape, scalars: try scalars.map(body))
    }
}

extension Tensor: Equatable {
    /// Exact equality of shape and every scalar (use `isClose` for numerical comparisons).
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        lhs.shape == rhs.shape && lhs.scalars == rhs.scalars
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let shown = scalars.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(shown)\(count > 8 ? ", …" : "")])"
    }
}

extension Tensor where Scalar: FloatingScalar {
    /// Whether every scalar is finite (no NaN, no infinity).
    @inlinable public var isFinite: Bool { scalars.allSatisfy { $0.isFinite } }

    /// Converts every scalar to another floating type.
    @inlinable
    public func converted<T: FloatingScalar>(to: T.Type = T.self) -> Tensor<T> {
        Tensor<T>(shape: shape, scalars: scalars.map { T($0) })
    }

    /// Whether two tensors have the same shape and `|a - b| <= atol + rtol * |b|` elementwise.
    @inlinable
    public func isClose(to other: Tensor, rtol: Scalar = 1e-5, atol: Scalar = 1e-8) -> Bool {
        guard shape == other.shape else { return false }
        for i in 0..<count where !(abs(scalars[i] - other.scalars[i]) <= atol + rtol * abs(other.scalars[i])) {
            return false
        }
        return true
    }
}
