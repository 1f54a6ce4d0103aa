/// The compared models (spec §7).
public enum SoftModelKind: String, CaseIterable, Sendable, Codable {
    /// EMLP-lite with one regulariser per candidate group and automatically tuned strengths (§5).
    case per
    /// PER with every strength held at λ₀ (ablation).
    case perFixed = "per-fixed"
    /// EMLP-lite with λ = 0 (the unregularised network).
    case free
    /// EMLP-lite whose forward pass uses `P_G W, P_G b` (EMLP); `G` from `model.group`.
    case hard
    /// Residual pathway prior: `W = P_O3 W_e + W_f`, penalty `1.0·(‖W_f‖² + ‖b_f‖²)`.
    case rpp
    /// Swish MLP of width 128 on the flattened input.
    case mlp

    /// Whether the per-group regularisers act on this model.
    public var isRegularized: Bool { self == .per || self == .perFixed }
    /// Whether the model has typed linear layers (everything but the MLP).
    public var hasTypedLayers: Bool { self != .mlp }
}
