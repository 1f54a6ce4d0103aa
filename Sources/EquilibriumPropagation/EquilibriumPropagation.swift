import Session

/// Holomorphic equilibrium propagation without weight symmetry, with Jacobian homeostasis
/// (Laborieux & Zenke, NeurIPS 2022 and ICLR 2024); spec: shared/papers/holomorphic-ep.md.
///
/// Paper symbol → code name:
///
/// | paper | code |
/// |---|---|
/// | u, s = φ(u) | ``SplitState`` (re/im planes), ``BatchSystem/activities(of:)`` |
/// | φ(z) = sigmoid(4z − 2) | ``HolomorphicSigmoid`` |
/// | W_{l+1←l}, W_{l←l+1}, B, b, R, r₀ | ``LayeredNetwork`` `forward`, `feedback`, `inputWeight`, `biases`, `readout`, `readoutBias` |
/// | H_β(u) = G(φ(u); x) + β c(φ(u)), damping γ | ``BatchSystem/relax(from:beta:steps:damping:tolerance:)`` |
/// | T1, T2, β_k = r e^{i(θ₀+2πk/N)} | `freeSteps`, `nudgedSteps`, ``NudgeSettings``, ``PhasePoint`` |
/// | ν̂_N (Cauchy mean) | ``BatchSystem/holomorphicError(free:settings:)`` |
/// | ν = (I − DM)⁻¹ D c* (EP tangent) | ``BatchSystem/tangentError(slopes:current:steps:damping:)`` |
/// | δ = (I − DMᵀ)⁻¹ D c* (RBP) | ``BatchSystem/adjointError(slopes:current:steps:damping:)``, ``ExactErrors`` |
/// | ĝ = ν_post s_preᵀ | ``BatchSystem/localGradient(error:activities:readoutErrors:)`` |
/// | L_homeo = ‖J − Jᵀ‖²_F, λ | ``JacobianHomeostasis``, `lambda` |
/// | §6 diagnostics | ``ProbeDiagnostics``, ``ProbeReport`` |
///
/// The experiment kind `holomorphic-ep` is ``HolomorphicEPExperiment``.
public enum EquilibriumPropagationExperiments {
    /// Every experiment type of the module.
    public static var all: [any Experiment.Type] { [HolomorphicEPExperiment.self] }
}
