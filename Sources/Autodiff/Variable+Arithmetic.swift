import Tensors

// MARK: - Broadcasting arithmetic (VJPs reduce back to each operand's shape)

extension Variable {
    /// `a + b` with broadcasting.
    @inlinable
    public static func + (a: Variable, b: Variable) -> Variable {
        let sa = a.shape, sb = b.shape
        return Variable(a.value + b.value, inputs: [a, b]) { g in [g.sumToShape(sa), g.sumToShape(sb)] }
    }

    /// `a - b` with broadcasting.
    @inlinable
    public static func - (a: Variable, b: Variable) -> Variable {
        let sa = a.shape, sb = b.shape
        return Variable(a.value - b.value, inputs: [a, b]) { g in [g.sumToShape(sa), (-g).sumToShape(sb)] }
    }

    /// `a * b` elementwise with broadcasting.
    @inlinable
    public static func * (a: Variable, b: Variable) -> Variable {
        let va = a.value, vb = b.value
        return Variable(va * vb, inputs: [a, b]) { g in
            [a.requiresGradient ? (g * vb).sumToShape(va.shape) : nil,
             b.requiresGradient ? (g * va).sumToShape(vb.shape) : nil]
        }
    }

    /// `a / b` elementwise with broadcasting.
    @inlinable
    public static func / (a: Variable, b: Variable) -> Variable {
        let va = a.value, vb = b.value
        return Variable(va / vb, inputs: [a, b]) { g in
            [a.requiresGradient ? (g / vb).sumToShape(va.shape) : nil,
             b.requiresGradient ? (-(g * va) / (vb * vb)).sumToShape(vb.shape) : nil]
        }
    }

    /// Negation.
    @inlinable
    public static prefix func - (a: Variable) -> Variable {
        Variable(-a.value, inputs: [a]) { g in [-g] }
    }

    /// Adds a constant.
    @inlinable
    public static func + (a: Variable, s: Scalar) -> Variable {
        Variable(a.value + s, inputs: [a]) { g in [g] }
    }

    /// Scales by a constant.
    @inlinable
    public static func * (a: Variable, s: Scalar) -> Variable {
        Variable(a.value * s, inputs: [a]) { g in [g * s] }
    }

    /// Scales by a constant.
    @inlinable
    public static func * (s: Scalar, a: Variable) -> Variable { a * s }

    /// Subtracts a constant.
    @inlinable
    public static func - (a: Variable, s: Scalar) -> Variable { a + (-s) }
}

// MARK: - Matrix products

extension Variable {
    /// Matrix product `[m, k] x [k, n] -> [m, n]`, with optional transposes (BLAS forward and backward).
    ///
    /// VJP: `dA = dC · Bᵀ`, `dB = Aᵀ · dC` (transposes folded into the gemm flags).
    @inlinable
    public func matmul(_ other: Variable, transposeSelf: Bool = false, transposeOther: Bool = false) -> Variable {
        let a = value, b = other.value
        let out = a.matmul(b, transposeSelf: transposeSelf, transposeOther: transposeOther)
        let needA = requiresGradient, needB = other.requiresGradient
        return Variable(out, inputs: [self, other]) { g in
            var ga: Tensor<Scalar>? = nil, gb: Tensor<Scalar>? = nil
            if needA {
                ga = transposeSelf
                    ? b.matmul(g, transposeSelf: transposeOther, transposeOther: true)
                    : g.matmul(b, transposeSelf: false, transposeOther: !transposeOther)
            }
            if needB {
                gb = transposeOther
                    ? g.matmul(a, transposeSelf: true, transposeOther: transposeSelf)
                    : a.matmul(g, transposeSelf: !transposeSelf, transposeOther: false)
            }
            return [ga, gb]
        }
    }

    /// Batched matrix product `[b, m, k] x [b, k, n] -> [b, m, n]` (VJP computes only the gradients needed).
    @inlinable
    public func batchedMatmul(_ other: Variable) -> Variable {
        batchedMatmul(other, transposeSelf: false, transposeOther: false)
    }
}

// MARK: - Shape operations

extension Variable {
    /// The same scalars under another shape.
    @inlinable
    public func reshaped(_ newShape: [Int]) -> Variable {
        let old = shape
        return Variable(value.reshaped(newShape), inputs: [self]) { g in [g.reshaped(old)] }
    }

    /// Transpose of a rank-2 variable.
    @inlinable
    public func transposed() -> Variable {
        Variable(value.transposed(), inputs: [self]) { g in [g.transposed()] }
    }

    /// Axis permutation.
    @inlinable
    public func permuted(_ axes: [Int]) -> Variable {
        var inverse = [Int](repeating: 0, count: axes.count)
        for (i, a) in axes.enumerated() { inverse[a] = i }
        return Variable(value.permuted(axes), inputs: [self]) { g in [g.permuted(inverse)] }
    }

    /// Slice along an axis.
    @inlinable
    public func slice(axis: Int, _ range: Range<Int>) -> Variable {
        let shape = self.shape
        return Variable(value.slice(axis: axis, range), inputs: [self]) { g in
            var parts: [Tensor<Scalar>] = []
            var before = shape, after = shape
            before[axis] = range.lowerBound
            after[axis] = shape[axis] - range.upperBound
            if range.lowerBound > 0 { parts.append(Tensor(zeros: before)) }
            parts.append(g)
            if after[axis] > 0 { parts.append(Tensor(zeros: after)) }
            return [Tensor.concatenate(parts, axis: axis)]
        }
    }

    /// Concatenation along an axis.
    @inlinable
    public static func concatenate(_ parts: [Variable], axis: Int) -> Variable {
        let extents = parts.map { $0.shape[axis] }
        return Variable(Tensor.concatenate(parts.map(\.value), axis: axis), inputs: parts) { g in
            var start = 0
            return extents.map { e in
                defer { start += e }
                return g.slice(axis: axis, start..<(start + e))
            }
        }
    }

    /// Rows gathered by index along axis 0 (VJP: scatter-add).
    @inlinable
    public func gatherRows(_ indices: [Int]) -> Variable {
        let rows = shape[0]
        return Variable(value.gatherRows(indices), inputs: [self]) { g in [g.scatterAddRows(indices, rowCount: rows)] }
    }

    /// Rows scatter-added by index into `rowCount` rows (VJP: gather). Message passing's aggregation.
    @inlinable
    public func scatterAddRows(_ indices: [Int], rowCount: Int) -> Variable {
        Variable(value.scatterAddRows(indices, rowCount: rowCount), inputs: [self]) { g in [g.gatherRows(indices)] }
    }
}

// MARK: - Reductions

extension Variable {
    /// The sum of every scalar (rank 0).
    @inlinable
    public func sum() -> Variable {
        let s = shape
        return Variable(Tensor(value.sum()), inputs: [self]) { g in [Tensor(shape: s, repeating: g.scalar)] }
    }

    /// The mean of every scalar (rank 0).
    @inlinable
    public func mean() -> Variable {
        let s = shape, n = Scalar(value.count)
        return Variable(Tensor(value.mean()), inputs: [self]) { g in [Tensor(shape: s, repeating: g.scalar / n)] }
    }

    /// Sum along an axis.
    @inlinable
    public func sum(axis: Int, keepingDimension: Bool = false) -> Variable {
        let s = shape
        let ax = axis < 0 ? axis + s.count : axis
        var kept = s
        kept[ax] = 1
        return Variable(value.sum(axis: ax, keepingDimension: keepingDimension), inputs: [self]) { g in
            [g.reshaped(kept).broadcast(to: s)]
        }
    }

    /// Mean along an axis.
    @inlinable
    public func mean(axis: Int, keepingDimension: Bool = false) -> Variable {
        let ax = axis < 0 ? axis + shape.count : axis
        return sum(axis: ax, keepingDimension: keepingDimension) * (1 / Scalar(shape[ax]))
    }
}
