import Tensors

/// A batch of (possibly complex) unit vectors stored as split real and imaginary planes.
///
/// Layout: one flat buffer per plane, layer after layer; layer l occupies `batch · n_l` scalars starting at
/// `batch · offset_l`, row-major `[batch, n_l]`. `im` is `nil` for a real state (free phase, real nudges).
public struct SplitState<T: FloatingScalar>: Sendable, Equatable {
    /// Number of samples.
    public var batch: Int
    /// Sizes of the layers.
    public var layerSizes: [Int]
    /// Real parts, `[batch · n]`.
    public var re: [T]
    /// Imaginary parts, or `nil` when the state is real.
    public var im: [T]?

    /// The zero state.
    public init(batch: Int, layerSizes: [Int], complex: Bool = false) {
        self.batch = batch
        self.layerSizes = layerSizes
        let n = layerSizes.reduce(0, +)
        re = [T](repeating: 0, count: batch * n)
        im = complex ? [T](repeating: 0, count: batch * n) : nil
    }

    /// Total units per sample.
    @inlinable public var unitCount: Int { layerSizes.reduce(0, +) }

    /// Start of layer `l` in the flat planes.
    @inlinable public func start(ofLayer l: Int) -> Int { batch * layerSizes[..<l].reduce(0, +) }

    /// Layer `l` of the real plane as `[batch, n_l]` rows.
    public func realLayer(_ l: Int) -> ArraySlice<T> {
        let s = start(ofLayer: l)
        return re[s..<(s + batch * layerSizes[l])]
    }

    /// The vector of sample `b`, all layers concatenated (real parts).
    public func sampleVector(_ b: Int) -> [T] {
        var out: [T] = []
        out.reserveCapacity(unitCount)
        for l in layerSizes.indices {
            let s = start(ofLayer: l) + b * layerSizes[l]
            out.append(contentsOf: re[s..<(s + layerSizes[l])])
        }
        return out
    }

    /// The vector of sample `b` restricted to layer `l` (real parts).
    public func sampleLayer(_ b: Int, _ l: Int) -> ArraySlice<T> {
        let s = start(ofLayer: l) + b * layerSizes[l]
        return re[s..<(s + layerSizes[l])]
    }

    /// The same state made complex (zero imaginary part when it was real).
    public func complexified() -> SplitState {
        var out = self
        if out.im == nil { out.im = [T](repeating: 0, count: re.count) }
        return out
    }
}
