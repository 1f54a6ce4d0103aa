import Session

extension ProbeReport {
    /// The report as front-end panels: the EP nudge pane, the finite-nudge error vs N curve, a per-layer angle
    /// table and a warnings text panel.
    public func panels(estimator: ErrorEstimator, radius: Double, phaseCount: Int, step: Int) -> [Panel] {
        var alignment: [(layer: String, cosine: Double)] = zip(layers, cosEstimateTrue).map { ($0, $1) }
        alignment += tensorCosines.map { ("∇\($0.name)", $0.cosine) }
        var extras: [(name: String, value: Double)] = []
        for (l, name) in layers.enumerated() {
            extras.append(("cos(ν̂,ν) \(name)", cosEstimateTangent[l]))
            extras.append(("cos(ν,δ) \(name)", cosTangentTrue[l]))
            extras.append(("cos(ν̂,δ) \(name)", cosEstimateTrue[l]))
        }
        extras += [
            ("‖ν̂−ν‖/‖ν‖", finiteNudgeError), ("aliasing", aliasingError),
            ("free residual max", freeResidualMax), ("free residual >1e-3", freeResidualFractionLarge),
            ("free steps", Double(freeSteps)),
            ("max|Im u|", maxImaginary), ("π/4", HolomorphicSigmoid.poleDistance),
            ("ρ(DM)", spectralRadius), ("λ₁(DM)", leadingEigenvalue),
        ]
        for (l, a) in weightAngles.enumerated() { extras.append(("∠(Wf\(l),Wb\(l)ᵀ)°", a)) }
        extras += [("L_homeo", homeostasisLoss), ("‖λ∇L_homeo‖/‖ĝ‖", homeostasisRatio),
                   ("probe loss", loss), ("probe accuracy", accuracy)]
        let nudge = NudgePanel(
            title: "nudge (probe set, step \(step))", estimator: estimator.rawValue, radius: radius,
            phaseCount: phaseCount, phasePoints: phasePoints, freeResidual: freeResidualMedian,
            nudgedResiduals: phaseResiduals, layerAlignment: alignment, jacobianAsymmetry: symmetryScore,
            extras: extras)
        let curve = CurvePanel(
            title: "finite-nudge error vs N (r = \(fmt(radius)))",
            curves: [.init(name: "‖ν̂_N−ν‖/‖ν‖", x: errorVersusPhases.map { Double($0.phases) },
                           y: errorVersusPhases.map(\.error))],
            logX: false, logY: true)
        func deg(_ c: Double) -> String { c.isFinite ? String(format: "%.2f°", Double.acos(min(1, max(-1, c))) * 180 / Double.pi) : "–" }
        var rows = layers.indices.map { l in
            [layers[l], deg(cosEstimateTangent[l]), deg(cosTangentTrue[l]), deg(cosEstimateTrue[l])]
        }
        rows += tensorCosines.map { ["∇\($0.name)", "", "", deg($0.cosine)] }
        let table = TablePanel(title: "angles per layer / tensor",
                               columns: ["", "∠(ν̂,ν) finite nudge", "∠(ν,δ) asymmetry", "∠(ν̂,δ) total"], rows: rows)
        var warnings: [String] = []
        if let w = radiusWarning { warnings.append(w) }
        if let w = stabilityNote { warnings.append(w) }
        if oscillationWarning { warnings.append("period-2 / stalled relaxation: residual flat and > 1e-3; lower damping γ") }
        if freeResidualFractionLarge > 0.01 {
            warnings.append("free phase not converged on \(fmt(100 * freeResidualFractionLarge)) % of probe images; raise T1")
        }
        return [.nudge(nudge), .curves(curve), .table(table),
                .text(title: "phase wheel", lines: PhaseWheel.render(points: phasePoints, residuals: phaseResiduals)),
                .text(title: "EP warnings", lines: warnings.isEmpty ? ["none"] : warnings)]
    }

    /// Key scalars as metrics (`diag/…`), for the metrics log and the reproduction.
    public var metrics: [String: Double] {
        var out: [String: Double] = [:]
        for (l, name) in layers.enumerated() {
            out["diag/cos_nuhat_nu/\(name)"] = cosEstimateTangent[l]
            out["diag/cos_nu_delta/\(name)"] = cosTangentTrue[l]
            out["diag/cos_nuhat_delta/\(name)"] = cosEstimateTrue[l]
        }
        for t in tensorCosines { out["diag/cos_g/\(t.name)"] = t.cosine }
        for (l, a) in weightAngles.enumerated() { out["diag/weight_angle/\(l)"] = a }
        out["diag/finite_nudge_error"] = finiteNudgeError
        out["diag/aliasing"] = aliasingError
        out["diag/free_residual_max"] = freeResidualMax
        out["diag/free_residual_fraction"] = freeResidualFractionLarge
        out["diag/max_imag_u"] = maxImaginary
        out["diag/spectral_radius"] = spectralRadius
        out["diag/jacobian_symmetry"] = symmetryScore
        out["diag/homeostasis_loss"] = homeostasisLoss
        out["diag/homeostasis_ratio"] = homeostasisRatio
        return out
    }
}
