import Session

/// Frame Averaging (Puny, Atzmon, Ben-Hamu, Misra, Grover, Smith, Lipman, ICLR 2022): exact invariance and
/// equivariance for any backbone by averaging over a small input-dependent subset of the group, the frame.
///
/// Paper symbol → code:
/// - `F(X)` (frame) → `PCAFrame` (E(3)/O(3)/SE(3)/SO(3) on point clouds, §3.1), `SpectralFrame` (S_n on graphs,
///   §3.2); frame elements `F_k = U·diag(s_k)` → `PCAFrame.elements`; `t` → `PCAFrame.centroid`.
/// - `<φ>_F`, `<Φ>_F` (FA-inv, FA-eq) → `FrameAverage.apply(to:group:output:…)` with `OutputKind` = ρ2.
/// - approximate FA (k samples of F(X)) → `PCAFrame.sampledElements`, `SpectralFrame.sample`, `FAMode.sampled`.
/// - λ1 ≤ λ2 ≤ λ3, relative gaps → `PCAFrame.eigenvalues`, `relativeGaps`, `isDegenerate` (gap < 1e-6).
/// - FA-GNN (§4: input frame, latent re-symmetrisation after layers 1–3) → `FAGNN`, `FrameOps.resymmetrize`;
///   baselines `PlainGNN` (Satorras et al. GNN), `LinearDrift` (x + τv).
/// - Experiments: `NBodyExperiment` (n-body), `GraphSeparationExperiment` (GRAPH8c), `NormalsExperiment`
///   (point-cloud normals); the CPU reproduction is `FrameAveragingReproduction.run`.
public enum FrameAveragingExperiments {
    /// Every experiment type of the module.
    public static var all: [any Experiment.Type] { [NBodyExperiment.self, GraphSeparationExperiment.self, NormalsExperiment.self] }
}
