import Session

/// Out-of-domain GAN inversion via invertibility decomposition (Yang, Xu & Chen, ICCV 2023), at CPU scale.
///
/// Paper symbols → code names:
/// - `G` generator → `FaceGenerator`; `E` encoder → `FaceEncoder`; `w` latent → `FaceGenerator.latent(_:)`
/// - `g_r` hooked generator feature → `FaceGenerator.hooked`; `ê_r` → `ScaleHead.encoderBranch`
/// - `H_r` head, `(Δu, Δv) = κ·tanh(o₁,₂)`, `a = σ(o₃)` → `ScaleHead.head`; κ → `AlignmentSettings.kappa`; K → `passes`
/// - `W(g, f)` warp → `warp(_:by:)`; `M` invertibility mask → `AlignmentOutput.mask`
/// - `ŷ = M ⊙ x + (1 − M) ⊙ G̃` → `InversionPipeline.invert`; area budgets `a_r` → `InversionConfig.budgets`
/// - baselines B0 (plain), B1 (error mask), B2 (κ = 0), B3 (aligned error) → `InversionEvaluation`
public enum InvertibilityDecompositionExperiments {
    /// Every experiment type of the module.
    public static var all: [any Experiment.Type] { [InvertibilityExperiment.self] }
}
