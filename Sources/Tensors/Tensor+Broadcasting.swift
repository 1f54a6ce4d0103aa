// MARK: - Broadcasting

/// NumPy broadcasting of two shapes, or `nil` when they are incompatible.
@inlinable
public func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
    let rank = max(a.count, b.count)
    var out = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
        let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
        let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
        if da == db || db == 1 { out[i] = da } else if da == 1 { out[i] = db } else { return nil }
    }
    return out
}

extension Tensor {
    /// Combines two tensors elementwise under NumPy broadcasting.
    ///
    /// Fast paths: equal shapes, a scalar operand, and an operand whose shape is a suffix of the other's
    /// (a bias row); every other layout goes through an index walk.
    @inlinable
    public static func broadcastZip(_ a: Tensor, _ b: Tensor, _ op: (Scalar, Scalar) -> Scalar) -> Tensor {
        if a.shape == b.shape {
            let n = a.count
            let out = [Scalar](unsafeUninitializedCapacity: n) { po, initialized in
                a.scalars.withUnsafeBufferPointer { pa in
                    b.scalars.withUnsafeBufferPointer { pb in
                        for i in 0..<n { (po.baseAddress! + i).initialize(to: op(pa[i], pb[i])) }
                    }
                }
                initialized = n
            }
            return Tensor(shape: a.shape, scalars: out)
        }
        guard let shape = broadcastShape(a.shape, b.shape) else {
            preconditionFailure("cannot broadcast shapes \(a.shape) and \(b.shape)")
        }
        let n = shape.reduce(1, *)
        if n == 0 { return Tensor(zeros: shape) }
        var out = [Scalar](repeating: .zero, count: n)
        if b.count == 1 || a.count == 1 || (shape == a.shape && a.shape.suffix(b.rank).elementsEqual(b.shape))
            || (shape == b.shape && b.shape.suffix(a.rank).elementsEqual(a.shape)) {
            // Either operand repeats with a period equal to its own size.
            // Row by row, so each inner loop is a plain vectorisable pass.
            let ca = a.count, cb = b.count
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    out.withUnsafeMutableBufferPointer { po in
                        if ca == n {
                            if cb == 1 { let y = pb[0]; for i in 0..<n { po[i] = op(pa[i], y) }; return }
                            for r in 0..<(n / cb) {
                                let base = r * cb
                                for j in 0..<cb { po[base + j] = op(pa[base + j], pb[j]) }
                            }
                        } else {
                            if ca == 1 { let x = pa[0]; for i in 0..<n { po[i] = op(x, pb[i]) }; return }
                            for r in 0..<(n / ca) {
                                let base = r * ca
                                for j in 0..<ca { po[base + j] = op(pa[j], pb[base + j]) }
                            }
                        }
                    }
                }
            }
            return Tensor(shape: shape, scalars: out)
        }
        let sa = broadcastStrides(a.shape, to: shape), sb = broadcastStrides(b.shape, to: shape)
        var index = [Int](repeating: 0, count: shape.count)
        var oa = 0, ob = 0
        for i in 0..<n {
            out[i] = op(a.scalars[oa], b.scalars[ob])
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                oa += sa[axis]; ob += sb[axis]
                if index[axis] < shape[axis] { break }
                oa -= sa[axis] * shape[axis]; ob -= sb[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return Tensor(shape: shape, scalars: out)
    }

    /// Strides that read `shape` as if broadcast to `target` (0 on stretched axes).
    @inlinable
    public static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = contiguousStrides(shape)
        let lead = target.count - shape.count
        return (0..<target.count).map { i in
            i < lead ? 0 : (shape[i - lead] == 1 && target[i] != 1 ? 0 : own[i - lead])
        }
    }

    /// Materialises this tensor broadcast to a larger shape.
    @inlinable
    public func broadcast(to target: [Int]) -> Tensor {
        if shape == target { return self }
        precondition(broadcastShape(shape, target) == target, "cannot broadcast \(shape) to \(target)")
        return Tensor.broadcastZip(Tensor(zeros: target), self) { _, y in y }
    }

    /// Sums this tensor down to `target`, the reverse of broadcasting (the VJP of a broadcast).
    @inlinable
    public func sumToShape(_ target: [Int]) -> Tensor {
        if shape == target { return self }
        if target.reduce(1, *) == 1 {
            return Tensor(shape: target, scalars: [scalars.reduce(.zero, +)])
        }
        precondition(broadcastShape(target, shape) == shape, "cannot reduce \(shape) to \(target)")
        let n = target.reduce(1, *)
        if n == 0 || count == 0 { return Tensor(zeros: target) }
        var out = [Scalar](repeating: .zero, count: n)
        if shape.suffix(target.count).elementsEqual(target) {
            scalars.withUnsafeBufferPointer { p in
                out.withUnsafeMutableBufferPointer { o in
                    for r in 0..<(p.count / n) {
                        let base = r * n
                        for j in 0..<n { o[j] += p[base + j] }
                    }
                }
            }
            return Tensor(shape: target, scalars: out)
        }
        let st = Tensor.broadcastStrides(target, to: shape)
        var index = [Int](repeating: 0, count: shape.count)
        var ot = 0
        for i in 0..<count {
            out[ot] += scalars[i]
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                ot += st[axis]
                if index[axis] < shape[axis] { break }
                ot -= st[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return Tensor(shape: target, scalars: out)
    }
}

// MARK: - Arithmetic

extension Tensor {
    @inlinable public static func + (a: Tensor, b: Tensor) -> Tensor { broadcastZip(a, b, +) }
    @inlinable public static func - (a: Tensor, b: Tensor) -> Tensor { broadcastZip(a, b, -) }
    @inlinable public static func * (a: Tensor, b: Tensor) -> Tensor { broadcastZip(a, b, *) }
    @inlinable public static func + (a: Tensor, s: Scalar) -> Tensor { a.map { $0 + s } }
    @inlinable public static func - (a: Tensor, s: Scalar) -> Tensor { a.map { $0 - s } }
    @inlinable public static func * (a: Tensor, s: Scalar) -> Tensor { a.map { $0 * s } }
    @inlinable public static func * (s: Scalar, a: Tensor) -> Tensor { a.map { s * $0 } }
    @inlinable public static prefix func - (a: Tensor) -> Tensor { a.map { .zero - $0 } }
    @inlinable public static func += (a: inout Tensor, b: Tensor) {
        if a.shape == b.shape {
            a.scalars.withUnsafeMutableBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in for i in 0..<pa.count { pa[i] += pb[i] } }
            }
        } else {
            a = a + b
        }
    }
    @inlinable public static func -= (a: inout Tensor, b: Tensor) { a = a - b }
    @inlinable public static func *= (a: inout Tensor, s: Scalar) {
        a.scalars.withUnsafeMutableBufferPointer { p in for i in 0..<p.count { p[i] *= s } }
    }

    /// The sum of every scalar.
    @inlinable public func sum() -> Scalar { scalars.reduce(.zero, +) }
}

extension Tensor where Scalar: FloatingPoint {
    @inlinable public static func / (a: Tensor, b: Tensor) -> Tensor { broadcastZip(a, b, /) }
    @inlinable public static func / (a: Tensor, s: Scalar) -> Tensor { a.map { $0 / s } }
    /// The mean of every scalar.
    @inlinable public func mean() -> Scalar { count == 0 ? .zero : sum() / Scalar(count) }
}
