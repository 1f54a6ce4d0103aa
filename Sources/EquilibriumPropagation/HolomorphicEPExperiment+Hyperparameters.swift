import Session

extension HolomorphicEPExperiment {
    /// Every hyperparameter is live: it applies at the next minibatch (spec §13). Changing α re-mixes the
    /// feedback blocks at once: feedback = sin α · own init + cos α · forwardᵀ (a feedback re-initialisation).
    public var hyperparameters: [HyperparameterSpec] {
        let c = configuration
        return [
            HyperparameterSpec(name: "radius", symbol: "r = |β|", summary: "nudge radius of the phase circle",
                               value: c.radius, range: 1e-3...2, scale: .log),
            HyperparameterSpec(name: "phases", symbol: "N", summary: "nudge phases on the circle (1 = one-sided)",
                               value: Double(c.phaseCount), range: 1...16, kind: .integer),
            HyperparameterSpec(name: "theta0", symbol: "θ₀", summary: "phase offset of the first nudge (radians)",
                               value: c.phaseOffset, range: -Double.pi...Double.pi),
            .choice(name: "estimator", symbol: "ν̂", summary: "error estimator: hEP, exact tangent, RBP reference, classic EP",
                    options: ErrorEstimator.choiceNames, selected: c.estimator.rawValue),
            HyperparameterSpec(name: "t1", symbol: "T1", summary: "free-phase steps", value: Double(c.freeSteps),
                               range: 1...10_000, kind: .integer),
            HyperparameterSpec(name: "t2", symbol: "T2", summary: "steps per nudged phase / error iteration",
                               value: Double(c.nudgedSteps), range: 1...10_000, kind: .integer),
            HyperparameterSpec(name: "damping", symbol: "γ", summary: "damping of u ← (1−γ)u + γH(u)",
                               value: c.damping, range: 0.01...1),
            HyperparameterSpec(name: "tolerance", symbol: "tol", summary: "early stop when every residual ≤ tol (0: off)",
                               value: c.tolerance, range: 0...1),
            HyperparameterSpec(name: "lambda", symbol: "λ", summary: "weight of the Jacobian homeostasis loss",
                               value: c.lambda, range: 0...100),
            HyperparameterSpec(name: "probes", symbol: "ε/sample", summary: "homeostasis probes per sample (0: exact expectation)",
                               value: Double(c.homeostasisProbes), range: 0...64, kind: .integer),
            HyperparameterSpec(name: "lr", symbol: "η", summary: "optimiser learning rate", value: c.learningRate,
                               range: 1e-7...10, scale: .log),
            HyperparameterSpec(name: "feedback_angle", symbol: "α", summary: "feedback angle (deg); a change re-initialises feedback",
                               value: c.feedbackAngle, range: 0...180),
            .toggle(name: "tied", symbol: "W_b ≡ W_fᵀ", summary: "tied weights (one shared matrix per pair; energy-based)",
                    isOn: c.isTied),
            HyperparameterSpec(name: "diagnostics_every", symbol: "K", summary: "probe diagnostics every K batches (0: on demand)",
                               value: Double(c.diagnosticsInterval), range: 0...1_000_000, kind: .integer),
        ]
    }

    /// Validates and applies a live change; the next `diagnostics()` re-measures.
    public func setHyperparameter(_ name: String, to value: Double) throws(ExperimentError) {
        _ = try checkedHyperparameter(name, value)
        apply(name, value)
        lastReport = nil
    }

    /// Writes a validated value into the configuration (shared by live edits and restore).
    func apply(_ name: String, _ value: Double) {
        let i = Int(value.rounded())
        switch name {
        case "radius": configuration.radius = value
        case "phases": configuration.phaseCount = i
        case "theta0": configuration.phaseOffset = value
        case "estimator": configuration.estimator = ErrorEstimator.allCases[min(max(i, 0), ErrorEstimator.allCases.count - 1)]
        case "t1": configuration.freeSteps = i
        case "t2": configuration.nudgedSteps = i
        case "damping": configuration.damping = value
        case "tolerance": configuration.tolerance = value
        case "lambda": configuration.lambda = value
        case "probes": configuration.homeostasisProbes = i
        case "lr":
            configuration.learningRate = value
            optimizer.learningRate = Float(value)
        case "feedback_angle":
            configuration.feedbackAngle = value
            network.mixFeedback(own: ownFeedback, angleDegrees: value)
        case "diagnostics_every": configuration.diagnosticsInterval = i
        case "tied":
            configuration.isTied = value != 0
            if configuration.isTied { network.mixFeedback(own: ownFeedback, angleDegrees: 0) }
        default: break
        }
    }

    /// `measure` and `reinit-feedback`.
    public var actions: [ActionSpec] {
        [ActionSpec(name: "measure", summary: "run the probe-set diagnostics now"),
         ActionSpec(name: "reinit-feedback", summary: "re-mix feedback = sin α·own + cos α·forwardᵀ with the current α")]
    }

    /// Runs an action between steps.
    public func perform(_ action: String) throws(ExperimentError) {
        switch action {
        case "measure": measureProbe()
        case "reinit-feedback":
            network.mixFeedback(own: ownFeedback, angleDegrees: configuration.feedbackAngle)
            lastReport = nil
        default: throw .unknownAction(name: action, known: actions.map(\.name))
        }
    }
}
