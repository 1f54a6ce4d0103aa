/// A direct sum of tensor types `ρ = c_S·S ⊕ c_V·V ⊕ c_T·T`, laid out as all S channels, then all V channels
/// (3 entries each), then all T channels (9 entries each).
///
/// ```swift
/// let input = RepSum(scalars: 5, vectors: 5)      // inertia input: 5 masses, 5 positions, dim 20
/// input.blocks.map(\.type)                          // [S, S, S, S, S, V, V, V, V, V]
/// ```
public struct RepSum: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The number of S, V and T channels.
    public var scalars: Int
    public var vectors: Int
    public var tensors: Int

    /// One channel of the sum: its type and the offset of its first entry.
    public struct Block: Sendable, Hashable {
        public var type: Tensor3Type
        public var offset: Int
    }

    public init(scalars: Int = 0, vectors: Int = 0, tensors: Int = 0) {
        precondition(scalars >= 0 && vectors >= 0 && tensors >= 0, "negative channel count \(scalars),\(vectors),\(tensors)")
        self.scalars = scalars
        self.vectors = vectors
        self.tensors = tensors
    }

    /// The total dimension `c_S + 3·c_V + 9·c_T`.
    @inlinable public var dimension: Int { scalars + 3 * vectors + 9 * tensors }

    /// The offset of the first V entry.
    @inlinable public var vectorOffset: Int { scalars }
    /// The offset of the first T entry.
    @inlinable public var tensorOffset: Int { scalars + 3 * vectors }

    /// The number of channels of a type.
    public func count(of type: Tensor3Type) -> Int {
        switch type {
        case .scalar: scalars
        case .vector: vectors
        case .tensor: tensors
        }
    }

    /// Every channel in layout order.
    public var blocks: [Block] {
        (0..<scalars).map { Block(type: .scalar, offset: $0) }
            + (0..<vectors).map { Block(type: .vector, offset: scalars + 3 * $0) }
            + (0..<tensors).map { Block(type: .tensor, offset: tensorOffset + 9 * $0) }
    }

    /// `"5S+5V"`.
    public var description: String {
        let parts = [(scalars, "S"), (vectors, "V"), (tensors, "T")].filter { $0.0 > 0 }.map { "\($0.0)\($0.1)" }
        return parts.isEmpty ? "0" : parts.joined(separator: "+")
    }

    /// Applies `ρ(g)` to each row of a row-major batch `[batch, dimension]` (`S: x`, `V: g v`, `T: g T gᵀ`).
    ///
    /// - Parameter g: a 3×3 row-major matrix.
    public func act(_ g: [Double], on x: [Double]) -> [Double] {
        precondition(g.count == 9, "a 3×3 group element needs 9 entries")
        let d = dimension
        precondition(d > 0 && x.count % d == 0, "batch of \(x.count) values is not a multiple of dim \(d)")
        var out = x
        let rows = x.count / d
        for r in 0..<rows {
            let base = r * d
            for c in 0..<vectors {
                let o = base + vectorOffset + 3 * c
                for i in 0..<3 {
                    out[o + i] = g[3 * i] * x[o] + g[3 * i + 1] * x[o + 1] + g[3 * i + 2] * x[o + 2]
                }
            }
            for c in 0..<tensors {
                let o = base + tensorOffset + 9 * c
                var gt = [Double](repeating: 0, count: 9)   // g · T
                for i in 0..<3 { for j in 0..<3 {
                    gt[3 * i + j] = g[3 * i] * x[o + j] + g[3 * i + 1] * x[o + 3 + j] + g[3 * i + 2] * x[o + 6 + j]
                } }
                for i in 0..<3 { for j in 0..<3 {   // (g T) gᵀ
                    out[o + 3 * i + j] = gt[3 * i] * g[3 * j] + gt[3 * i + 1] * g[3 * j + 1] + gt[3 * i + 2] * g[3 * j + 2]
                } }
            }
        }
        return out
    }
}
