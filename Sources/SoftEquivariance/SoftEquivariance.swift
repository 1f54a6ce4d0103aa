import Session

/// Soft equivariance under mixed symmetries: the projection-based equivariance regulariser (PER) with one
/// regulariser per candidate group and automatically tuned strengths.
///
/// H. Kim, H. Lee, H. Yang, J. Lee, *Regularizing Towards Soft Equivariance Under Mixed Symmetries*,
/// ICML 2023 (arXiv 2306.00356). Developer spec: `docs/soft-equivariance.md`.
///
/// Paper symbol → code:
///
/// | paper | code |
/// |---|---|
/// | S, V, T, ρ = c_S S ⊕ c_V V ⊕ c_T T | `Tensor3Type`, `RepSum` (Symmetry) |
/// | G_k (O3, SO3, O2xy, O2yz, O2xz, Scale) | `ContinuousGroup` (Symmetry) |
/// | P_k (blockwise projector) | `RepGroupProjectors`, `RepLayerProjector` (Symmetry) |
/// | R_k(θ), ∂R_k/∂W = W − P_k W | `EquivarianceRegularizer` |
/// | λ_k, λ0, p, T_adj, R*, a_k | `StrengthAdjustment`, `SoftEquivarianceExperiment.lambda0/exponent/adjustEpoch` |
/// | EE_G(f) | `RepEquivarianceError` (Symmetry), `modelEquivarianceErrors()` |
/// | EMLP-lite (products, gates) | `EMLPLiteNetwork`, `EMLPLiteNonlinearity` |
/// | MLP, Free, Hard(G), RPP, PER-fixed, PER | `SoftModelKind`, `SoftEquivarianceModel` |
public enum SoftEquivarianceExperiments {
    /// Every experiment type of the module.
    public static var all: [any Experiment.Type] { [SoftEquivarianceExperiment.self] }
}
