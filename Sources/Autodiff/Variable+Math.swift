import Tensors

// MARK: - Clamping, elementwise extrema, softmax

extension Variable {
    /// Every scalar clamped into `range` (VJP passes the gradient where the input lies strictly inside).
    @inlinable
    public func clamped(to range: ClosedRange<Scalar>) -> Variable {
        let lo = range.lowerBound, hi = range.upperBound
        return elementwise({ Swift.min(Swift.max($0, lo), hi) }, derivative: { x, _ in x > lo && x < hi ? 1 : 0 })
    }

    /// Elementwise maximum with broadcasting; ties send the gradient to `a`.
    @inlinable
    public static func maximum(_ a: Variable, _ b: Variable) -> Variable {
        select(a, b) { $0 >= $1 }
    }

    /// Elementwise minimum with broadcasting; ties send the gradient to `a`.
    @inlinable
    public static func minimum(_ a: Variable, _ b: Variable) -> Variable {
        select(a, b) { $0 <= $1 }
    }

    /// Picks `a` where `takeA(a, b)`, else `b`, routing each gradient to the operand that was picked.
    @inlinable
    static func select(_ a: Variable, _ b: Variable, _ takeA: @escaping (Scalar, Scalar) -> Bool) -> Variable {
        let va = a.value, vb = b.value
        let mask = Tensor.broadcastZip(va, vb) { takeA($0, $1) ? 1 : 0 }
        let out = Tensor.broadcastZip(va, vb) { takeA($0, $1) ? $0 : $1 }
        return Variable(out, inputs: [a, b]) { g in
            [a.requiresGradient ? (g * mask).sumToShape(va.shape) : nil,
             b.requiresGradient ? (g - g * mask).sumToShape(vb.shape) : nil]
        }
    }

    /// Softmax along `axis`. VJP: `y ⊙ (g − Σ_axis g ⊙ y)`.
    @inlinable
    public func softmax(axis: Int = -1) -> Variable {
        let ax = axis < 0 ? axis + shape.count : axis
        let y = value.softmax(axis: ax)
        return Variable(y, inputs: [self]) { g in
            let dot = (g * y).sum(axis: ax, keepingDimension: true)
            return [y * (g - dot)]
        }
    }

    /// Log-softmax along `axis`. VJP: `g − softmax(x) · Σ_axis g`.
    @inlinable
    public func logSoftmax(axis: Int = -1) -> Variable {
        let ax = axis < 0 ? axis + shape.count : axis
        let y = value.logSoftmax(axis: ax)
        return Variable(y, inputs: [self]) { g in
            let total = g.sum(axis: ax, keepingDimension: true)
            return [g - Tensors.exp(y) * total]
        }
    }

    /// Batched matrix product `[b, m, k] x [b, k, n] -> [b, m, n]` with optional transposes of either operand.
    ///
    /// VJP per batch item as for `matmul`: `dA = dC · op(B)ᵀ`, `dB = op(A)ᵀ · dC`, transposes folded into gemm.
    @inlinable
    public func batchedMatmul(_ other: Variable, transposeSelf: Bool, transposeOther: Bool = false) -> Variable {
        let a = value, b = other.value
        let out = a.batchedMatmul(b, transposeSelf: transposeSelf, transposeOther: transposeOther)
        let needA = requiresGradient, needB = other.requiresGradient
        return Variable(out, inputs: [self, other]) { g in
            var ga: Tensor<Scalar>? = nil, gb: Tensor<Scalar>? = nil
            if needA {
                ga = transposeSelf
                    ? b.batchedMatmul(g, transposeSelf: transposeOther, transposeOther: true)
                    : g.batchedMatmul(b, transposeSelf: false, transposeOther: !transposeOther)
            }
            if needB {
                gb = transposeOther
                    ? g.batchedMatmul(a, transposeSelf: true, transposeOther: transposeSelf)
                    : a.batchedMatmul(g, transposeSelf: !transposeSelf, transposeOther: false)
            }
            return [ga, gb]
        }
    }

    /// Stacks equally shaped variables along a new axis (VJP: the matching slices).
    @inlinable
    public static func stack(_ parts: [Variable], axis: Int = 0) -> Variable {
        precondition(!parts.isEmpty, "stack of no variables")
        var expanded = parts[0].shape
        expanded.insert(1, at: axis)
        return concatenate(parts.map { p in
            precondition(p.shape == parts[0].shape, "stack shape mismatch: \(p.shape) vs \(parts[0].shape)")
            return p.reshaped(expanded)
        }, axis: axis)
    }
}
