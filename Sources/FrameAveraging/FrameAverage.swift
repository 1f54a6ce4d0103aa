import Tensors

/// How a model's output transforms under E(3): the representation ρ2 of the FA operator.
public enum OutputKind: Sendable {
    /// Invariant scalars (FA-inv): outputs are averaged as they are.
    case scalars
    /// Vectors such as velocities and normals: `y ↦ y Rᵀ` (no translation).
    case vectors
    /// Positions: `y ↦ y Rᵀ + 1tᵀ`.
    case positions
}

/// The frame-averaging operators of Puny et al. (ICLR 2022), eq. (FA-inv)/(FA-eq), for point clouds.
///
/// ```
/// <φ>_F(X) = 1/|F| Σ_{g∈F(X)} φ(ρ1(g)⁻¹X)            <Φ>_F(X) = 1/|F| Σ_{g∈F(X)} ρ2(g) Φ(ρ1(g)⁻¹X)
/// ```
/// The backbone is any function of an `[n·3]` canonical cloud; its output is `[m·3]` for vector/position
/// outputs (transformed back by each frame element) or any length for scalars. Theorem 1: with an equivariant
/// frame the result is exactly invariant/equivariant for any backbone.
public enum FrameAverage {
    /// Averages `backbone` over the frame of `points` (PCA frame of `group`).
    ///
    /// - Parameters:
    ///   - points: `[n·3]` particle-major coordinates.
    ///   - group: which PCA frame to use.
    ///   - output: how the backbone output transforms.
    ///   - fallbackSamples: for degenerate clouds, average over this many random eigenspace bases (0: use the
    ///     8/4 Jacobi elements as they are; still finite).
    ///   - rng: used only by the fallback.
    ///   - backbone: `[n·3] → [m·3]` (or `[m]` for scalars), arbitrary.
    /// - Returns: the averaged output and the frame used.
    public static func apply(
        to points: [Double], group: FrameGroup, output: OutputKind, fallbackSamples: Int = 0,
        using rng: inout RandomSource, backbone: ([Double]) -> [Double]
    ) -> (output: [Double], frame: PCAFrame) {
        let frame = PCAFrame(points: points, group: group)
        let elements = fallbackSamples > 0 ? frame.sampledElements(samples: fallbackSamples, using: &rng)
            : frame.elements
        var sum: [Double] = []
        for f in elements {
            let canonical = PCAFrame.apply(points, f, transpose: false, shift: frame.centroid, subtract: true)
            let y = backbone(canonical)
            let mapped: [Double]
            switch output {
            case .scalars: mapped = y
            case .vectors: mapped = PCAFrame.apply(y, f, transpose: true, shift: nil, subtract: false)
            case .positions: mapped = PCAFrame.apply(y, f, transpose: true, shift: frame.centroid, subtract: false)
            }
            if sum.isEmpty { sum = mapped } else { for i in 0..<sum.count { sum[i] += mapped[i] } }
        }
        let scale = 1 / Double(elements.count)
        return (sum.map { $0 * scale }, frame)
    }

    /// The per-element outputs before averaging (mapped back), for the "spread of per-frame outputs" diagnostic.
    public static func perElementOutputs(
        points: [Double], group: FrameGroup, output: OutputKind, backbone: ([Double]) -> [Double]
    ) -> [[Double]] {
        let frame = PCAFrame(points: points, group: group)
        return frame.elements.map { f in
            let y = backbone(PCAFrame.apply(points, f, transpose: false, shift: frame.centroid, subtract: true))
            switch output {
            case .scalars: return y
            case .vectors: return PCAFrame.apply(y, f, transpose: true, shift: nil, subtract: false)
            case .positions: return PCAFrame.apply(y, f, transpose: true, shift: frame.centroid, subtract: false)
            }
        }
    }

    /// Applies `(R, t)` to a cloud: `X Rᵀ + 1tᵀ` (`t` ignored for vectors).
    public static func transform(_ points: [Double], rotation r: [Double], translation t: [Double]?) -> [Double] {
        PCAFrame.apply(points, r, transpose: true, shift: t, subtract: false)
    }
}
