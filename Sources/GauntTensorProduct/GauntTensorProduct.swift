import Session

/// Gaunt tensor products (Luo, Chen & Krishnapriyan, "Enabling Efficient Equivariant Operations in the Fourier
/// Basis via Gaunt Tensor Products", ICLR 2024) and the models that use them.
///
/// Paper symbol → code:
/// - `Y_{lm}`, real SH without Condon–Shortley phase → `SphericalHarmonics` (Symmetry)
/// - `G^{l,m}_{l1 m1, l2 m2}` Gaunt coefficients, `c(l1, l2, l)` → `GauntCoefficients`, `scale(_:_:_:)` (Symmetry)
/// - `W^{l1 l2 l}` real 3j tensor, CG → `ClebschGordan.realTensor` (Symmetry); `D^l(R)` → `WignerD`
/// - `y^{lm}_{u,v}` SH → 2D Fourier coefficients → `SHFourierExpansion`; `Z^a_{u,v}` projection → `GauntTables`
/// - `x ⊗Ga y` via 2D FFT → `GauntFFTProduct`; sparse and dense baselines → `GauntSparseProduct`, `GauntDenseProduct`
/// - learnable `α_{l1}, β_{l2}, γ_l` → `DegreeOps.scale` with parameters `layerN.alpha/beta/gamma` of `GauntNetwork`
/// - equivariant convolution `h_j ⊗Ga (ρ(|r_ij|) ⊙ Y(r̂_ij))` and self-mix → `GauntNetwork.features`
/// - differentiable product (backward = two Gaunt products) → `GauntProductOperator`
/// - many-body basis `project(F^ν)` (MACE-Gaunt) → `GauntPowerOperator`; CG control with odd paths → `CGDenseProduct`
public enum GauntTensorProductExperiments {
    /// Every experiment type of the module.
    public static var all: [any Experiment.Type] { [GauntTetrisExperiment.self, GauntNBodyExperiment.self] }
}
