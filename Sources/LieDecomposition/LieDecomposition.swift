import Session

/// Lie group decompositions for equivariant networks (Mironenco & Forré, ICLR 2024) at CPU scale.
///
/// Paper symbol → code:
/// - `H = GL+(2,R) / SL(2,R)` → `GL2Group` (Symmetry); `g = P·R` (polar) → `GL2Matrix.polarDecomposition()`
/// - global chart `ξ⁻¹(g) = log P + log R`, `ξ` → `GL2Chart.coordinates(of:in:)`, `GL2Chart.element(coordinates:in:)`
/// - factorised Haar measure, sampling `g_k = exp(X_k/2) R(θ_k)` → `HaarSampler` (`σ²` = `variance`, `N` = `count`)
/// - kernel MLP (SIREN, `ω₀`) → `SIRENKernel`; lifting / group convolution → `GroupKernelLayer` on a `KernelGrid`
/// - `|det g|⁻¹` volume factors, masks → `KernelGrid.multipliers`, `KernelMask`
/// - network of §10 → `LieGCNN`; parameter-matched CNN → `ConvBaseline`; invariant pooling → `globalMax(groupSize:)`
/// - affNIST-style test set → `AffineFashion` (Datasets), session kind `lie-gcnn` → `LieGCNNExperiment`
/// - reproduction of §10 → `LieDecompositionReproduction.run(_:log:)`
public enum LieDecompositionExperiments {
    /// Every experiment type of the module.
    public static var all: [any Experiment.Type] { [LieGCNNExperiment.self] }
}
