// MARK: - Axis reductions

extension Tensor {
    /// Splits `shape` around `axis` into (outer, extent, inner) sizes.
    @inlinable
    func split(at axis: Int) -> (outer: Int, extent: Int, inner: Int) {
        precondition(axis >= 0 && axis < rank, "axis \(axis) out of range for shape \(shape)")
        return (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    /// Sums along one axis. `[a, b, c].sum(axis: 1) -> [a, c]` (or `[a, 1, c]` with `keepingDimension`).
    @inlinable
    public func sum(axis: Int, keepingDimension: Bool = false) -> Tensor {
        let ax = axis < 0 ? axis + rank : axis
        let (outer, extent, inner) = split(at: ax)
        var out = [Scalar](repeating: .zero, count: outer * inner)
        scalars.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<outer {
                    for j in 0..<extent {
                        let base = (i * extent + j) * inner
                        for k in 0..<inner { o[i * inner + k] += p[base + k] }
                    }
                }
            }
        }
        var newShape = shape
        if keepingDimension { newShape[ax] = 1 } else { newShape.remove(at: ax) }
        return Tensor(shape: newShape, scalars: out)
    }
}

extension Tensor where Scalar: FloatingPoint {
    /// Mean along one axis.
    @inlinable
    public func mean(axis: Int, keepingDimension: Bool = false) -> Tensor {
        let ax = axis < 0 ? axis + rank : axis
        return sum(axis: ax, keepingDimension: keepingDimension) / Scalar(shape[ax])
    }

    /// Maximum along one axis.
    @inlinable
    public func max(axis: Int, keepingDimension: Bool = false) -> Tensor {
        let ax = axis < 0 ? axis + rank : axis
        let (outer, extent, inner) = split(at: ax)
        var out = [Scalar](repeating: -.infinity, count: outer * inner)
        for i in 0..<outer {
            for j in 0..<extent {
                let base = (i * extent + j) * inner
                for k in 0..<inner where scalars[base + k] > out[i * inner + k] { out[i * inner + k] = scalars[base + k] }
            }
        }
        var newShape = shape
        if keepingDimension { newShape[ax] = 1 } else { newShape.remove(at: ax) }
        return Tensor(shape: newShape, scalars: out)
    }

    /// Index of the maximum along the last axis of a rank-2 tensor `[n, c] -> [n]`.
    @inlinable
    public func argmaxRows() -> [Int] {
        precondition(rank == 2, "argmaxRows needs rank 2, got \(shape)")
        let c = shape[1]
        return (0..<shape[0]).map { r in
            var best = 0
            for j in 1..<c where scalars[r * c + j] > scalars[r * c + best] { best = j }
            return best
        }
    }
}

// MARK: - Layout: permutation, slicing, concatenation, gather and scatter

extension Tensor {
    /// Reorders axes: `result.shape[i] == shape[axes[i]]`.
    @inlinable
    public func permuted(_ axes: [Int]) -> Tensor {
        precondition(axes.sorted() == Array(0..<rank), "permutation \(axes) invalid for rank \(rank)")
        let newShape = axes.map { shape[$0] }
        let src = strides
        let gatherStrides = axes.map { src[$0] }
        var out = [Scalar]()
        out.reserveCapacity(count)
        var index = [Int](repeating: 0, count: rank)
        var off = 0
        for _ in 0..<count {
            out.append(scalars[off])
            var axis = rank - 1
            while axis >= 0 {
                index[axis] += 1
                off += gatherStrides[axis]
                if index[axis] < newShape[axis] { break }
                off -= gatherStrides[axis] * newShape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return Tensor(shape: newShape, scalars: out)
    }

    /// The sub-tensor with `axis` restricted to `range`.
    @inlinable
    public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
        let (outer, extent, inner) = split(at: axis)
        precondition(range.lowerBound >= 0 && range.upperBound <= extent, "slice \(range) out of extent \(extent) on axis \(axis)")
        var out = [Scalar]()
        out.reserveCapacity(outer * range.count * inner)
        for i in 0..<outer {
            let start = (i * extent + range.lowerBound) * inner
            out.append(contentsOf: scalars[start..<(start + range.count * inner)])
        }
        var newShape = shape
        newShape[axis] = range.count
        return Tensor(shape: newShape, scalars: out)
    }

    /// Concatenates tensors along an axis; every other extent must agree.
    @inlinable
    public static func concatenate(_ parts: [Tensor], axis: Int) -> Tensor {
        precondition(!parts.isEmpty, "concatenate of no tensors")
        let first = parts[0]
        for p in parts {
            precondition(p.rank == first.rank, "concatenate rank mismatch: \(p.shape) vs \(first.shape)")
            for a in 0..<first.rank where a != axis {
                precondition(p.shape[a] == first.shape[a], "concatenate shape mismatch: \(p.shape) vs \(first.shape) off axis \(axis)")
            }
        }
        let outer = first.shape[..<axis].reduce(1, *)
        let inner = first.shape[(axis + 1)...].reduce(1, *)
        var out = [Scalar]()
        out.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for i in 0..<outer {
            for p in parts {
                let chunk = p.shape[axis] * inner
                out.append(contentsOf: p.scalars[(i * chunk)..<((i + 1) * chunk)])
            }
        }
        var newShape = first.shape
        newShape[axis] = parts.reduce(0) { $0 + $1.shape[axis] }
        return Tensor(shape: newShape, scalars: out)
    }

    /// Stacks equally shaped tensors along a new axis.
    @inlinable
    public static func stack(_ parts: [Tensor], axis: Int = 0) -> Tensor {
        precondition(!parts.isEmpty, "stack of no tensors")
        let expanded = parts.map { p -> Tensor in
            precondition(p.shape == parts[0].shape, "stack shape mismatch: \(p.shape) vs \(parts[0].shape)")
            var s = p.shape
            s.insert(1, at: axis)
            return p.reshaped(s)
        }
        return concatenate(expanded, axis: axis)
    }

    /// Rows of a tensor selected by index along axis 0: `[n, ...] -> [indices.count, ...]` (message passing gather).
    @inlinable
    public func gatherRows(_ indices: [Int]) -> Tensor {
        let rowSize = count / Swift.max(shape[0], 1)
        var out = [Scalar]()
        out.reserveCapacity(indices.count * rowSize)
        for i in indices {
            precondition(i >= 0 && i < shape[0], "gather index \(i) out of \(shape[0]) rows")
            out.append(contentsOf: scalars[(i * rowSize)..<((i + 1) * rowSize)])
        }
        var newShape = shape
        newShape[0] = indices.count
        return Tensor(shape: newShape, scalars: out)
    }

    /// Adds row `r` of `self` into row `indices[r]` of a zero tensor with `rowCount` rows (the gather's adjoint).
    @inlinable
    public func scatterAddRows(_ indices: [Int], rowCount: Int) -> Tensor {
        precondition(indices.count == shape[0], "scatter needs one index per row: \(indices.count) vs \(shape[0])")
        let rowSize = shape[0] == 0 ? shape.dropFirst().reduce(1, *) : count / shape[0]
        var out = [Scalar](repeating: .zero, count: rowCount * rowSize)
        scalars.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                for (r, t) in indices.enumerated() {
                    precondition(t >= 0 && t < rowCount, "scatter index \(t) out of \(rowCount) rows")
                    for k in 0..<rowSize { o[t * rowSize + k] += p[r * rowSize + k] }
                }
            }
        }
        var newShape = shape
        newShape[0] = rowCount
        return Tensor(shape: newShape, scalars: out)
    }
}
