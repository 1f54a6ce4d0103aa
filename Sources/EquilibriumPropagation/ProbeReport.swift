/// The nudge diagnostics of spec §6/§13 measured on a fixed probe set (Double precision).
public struct ProbeReport: Sendable, Equatable {
    /// Layer names (`h0`, `h1`, …, `out`).
    public var layers: [String]
    /// Per layer, mean over probe samples of cos(ν̂_N, ν) [finite-nudge bias].
    public var cosEstimateTangent: [Double]
    /// Per layer, cos(ν, δ) [asymmetry bias].
    public var cosTangentTrue: [Double]
    /// Per layer, cos(ν̂_N, δ) [total].
    public var cosEstimateTrue: [Double]
    /// Per weight tensor, cos(ĝ, g) of the training estimator's gradient against the exact gradient.
    public var tensorCosines: [(name: String, cosine: Double)]
    /// ‖ν̂_N − ν‖/‖ν‖ over the probe set.
    public var finiteNudgeError: Double
    /// ‖ν̂_N(θ₀) − ν̂_N(θ₀ + π/N)‖/‖ν̂_N‖ on the sweep images.
    public var aliasingError: Double
    /// Finite-nudge error vs N on the sweep images: (N, ‖ν̂_N − ν‖/‖ν‖).
    public var errorVersusPhases: [(phases: Int, error: Double)]
    /// Free phase: median and max residual, fraction above 1e-3, steps used.
    public var freeResidualMedian: Double
    public var freeResidualMax: Double
    public var freeResidualFractionLarge: Double
    public var freeSteps: Int
    /// The N nudges on the circle and the median residual of each (conjugate points share their partner's).
    public var phasePoints: [(re: Double, im: Double)]
    public var phaseResiduals: [Double]
    /// max |Im u| over the nudged phases (poles at π/4).
    public var maxImaginary: Double
    /// Spectral radius and leading (Rayleigh) eigenvalue of D·M, max over the first probe samples.
    public var spectralRadius: Double
    public var leadingEigenvalue: Double
    /// Angle (degrees) between each forward block and its transposed feedback block.
    public var weightAngles: [Double]
    /// ‖J_s‖/(‖J_s‖ + ‖J_a‖).
    public var symmetryScore: Double
    /// L_homeo (code scale) and ‖λ∇L_homeo‖/‖task gradient‖.
    public var homeostasisLoss: Double
    public var homeostasisRatio: Double
    /// Loss and accuracy on the probe set.
    public var loss: Double
    public var accuracy: Double
    /// Whether the free or nudged dynamics looked period-2 / stalled.
    public var oscillationWarning: Bool

    /// A human warning when the radius looks too large (§5 symptoms), else `nil`.
    public var radiusWarning: String? {
        var why: [String] = []
        if maxImaginary > 0.6 * HolomorphicSigmoid.poleDistance {
            why.append("max|Im u| = \(fmt(maxImaginary)) near the pole distance π/4")
        }
        if let worst = phaseResiduals.max(), worst > 1e-3 { why.append("nudged residual \(fmt(worst)) > 1e-3") }
        let tail = errorVersusPhases.filter { $0.phases >= 4 }
        if tail.count >= 2, let a = tail.first, let b = tail.last, b.error > 1e-12, b.error > 0.25 * a.error {
            why.append("error stalls with N (\(fmt(a.error)) → \(fmt(b.error)))")
        }
        return why.isEmpty ? nil : "radius r may exceed the analytic radius: " + why.joined(separator: "; ")
    }

    /// Advice on the stability of the undamped map from λ₁ of D·M (spec §13).
    public var stabilityNote: String? {
        guard spectralRadius > 1 else { return nil }
        if leadingEigenvalue > 1 { return "λ₁ = \(fmt(leadingEigenvalue)) > 1: the fixed point is unstable; no damping helps" }
        return "ρ(DM) = \(fmt(spectralRadius)) > 1: the undamped map oscillates; damping γ < 2/(1+ρ) = \(fmt(2 / (1 + spectralRadius))) restores convergence"
    }

    public static func == (a: ProbeReport, b: ProbeReport) -> Bool {
        a.layers == b.layers && a.cosEstimateTangent == b.cosEstimateTangent && a.cosTangentTrue == b.cosTangentTrue
            && a.cosEstimateTrue == b.cosEstimateTrue && a.tensorCosines.map(\.cosine) == b.tensorCosines.map(\.cosine)
            && a.finiteNudgeError == b.finiteNudgeError && a.freeResidualMax == b.freeResidualMax
            && a.phaseResiduals == b.phaseResiduals && a.homeostasisLoss == b.homeostasisLoss && a.loss == b.loss
    }
}

func fmt(_ x: Double) -> String {
    let a = abs(x)
    if a != 0 && (a < 1e-3 || a >= 1e4) { return String(format: "%.2e", x) }
    return String(format: "%.4g", x)
}
