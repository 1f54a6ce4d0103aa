import Session

extension SoftEquivarianceExperiment {
    /// λ₀, p, T_adj, auto-tuning, lr, wd (live); batch and model kind (restart); per group
    /// `lambda.<G>` (override, freezes the row), `freeze.<G>`, `enable.<G>`.
    public var hyperparameters: [HyperparameterSpec] {
        var list: [HyperparameterSpec] = [
            HyperparameterSpec(name: "lambda0", symbol: "λ₀", summary: "initial strength of every regulariser",
                               value: lambda0, range: 1e-6...1e6, scale: .log),
            HyperparameterSpec(name: "p", symbol: "p", summary: "adjust exponent: λ_k ← λ_k·(R_min/R*_k)^p",
                               value: exponent, range: 0...20),
            HyperparameterSpec(name: "T_adj", symbol: "T_adj", summary: "epoch of the one-time strength adjustment",
                               value: Double(adjustEpoch), range: 1...Double(config.epochs), kind: .integer),
            .toggle(name: "autoTune", symbol: "auto", summary: "adjust the strengths automatically at T_adj", isOn: autoTune),
            HyperparameterSpec(name: "lr", symbol: "η", summary: "Adam learning rate (cosine decay to 0)",
                               value: learningRate, range: 1e-6...1, scale: .log),
            HyperparameterSpec(name: "wd", symbol: "wd", summary: "weight decay (wd/2)·Σ‖θ‖²", value: weightDecay, range: 0...1),
            HyperparameterSpec(name: "batch", symbol: "B", summary: "batch size", value: Double(config.batchSize),
                               range: 1...Double(config.trainCount), isLive: false, kind: .integer),
            .choice(name: "model.kind", symbol: "model", summary: "compared model (restart)",
                    options: SoftModelKind.allCases.map(\.rawValue), selected: config.model.rawValue, isLive: false),
        ]
        switch config.task {
        case .inertia:
            list.append(.choice(name: "data.axis", symbol: "a", summary: "axis of Y = I + c (I e_a) e_aᵀ (restart)",
                                options: ["x", "y", "z"], selected: ["x", "y", "z"][config.axis], isLive: false))
            list.append(HyperparameterSpec(name: "data.coefficient", symbol: "c", summary: "coefficient c (0: exact O3; restart)",
                                           value: config.coefficient, range: -100...100, isLive: false))
        case .cossim:
            list.append(.choice(name: "data.variant", symbol: "sym", summary: "which symmetries hold (restart)",
                                options: ["so3-scale", "so3", "scale", "none"], selected: config.cosSimVariant, isLive: false))
        case .motion:
            list.append(HyperparameterSpec(name: "data.lanePull", symbol: "lane", summary: "pull towards the lane grid (restart)",
                                           value: config.lanePull, range: 0...10, isLive: false))
            list.append(HyperparameterSpec(name: "data.verticalDamping", symbol: "damp", summary: "vertical damping (restart)",
                                           value: config.verticalDamping, range: 0...100, isLive: false))
        }
        list.append(HyperparameterSpec(name: "data.train", symbol: "N", summary: "training examples (restart)",
                                       value: Double(config.trainCount), range: 1...1_000_000, isLive: false, kind: .integer))
        let lambdas = strengths
        for (k, g) in config.groups.enumerated() {
            list.append(HyperparameterSpec(name: "lambda.\(g.name)", symbol: "λ_\(g.name)",
                                           summary: "strength of the \(g.name) regulariser (setting it freezes the row)",
                                           value: lambdas[k], range: 0...1e6))
            list.append(.toggle(name: "freeze.\(g.name)", symbol: "frozen", summary: "hold λ_\(g.name) at its value",
                                isOn: adjustment.overrides[k] != nil))
            list.append(.toggle(name: "enable.\(g.name)", symbol: "on", summary: "\(g.name) among the active candidates",
                                isOn: adjustment.isEnabled[k]))
        }
        return list
    }

    public func setHyperparameter(_ name: String, to value: Double) throws(ExperimentError) {
        _ = try checkedHyperparameter(name, value)
        switch name {
        case "lambda0": lambda0 = value
        case "p": exponent = value
        case "T_adj": adjustEpoch = Int(value.rounded())
        case "autoTune": autoTune = value != 0
        case "lr": learningRate = value
        case "wd": weightDecay = value
        default:
            let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2, let k = config.groups.firstIndex(where: { $0.name == parts[1] }) else {
                throw .unknownHyperparameter(name: name, known: hyperparameters.map(\.name))
            }
            switch parts[0] {
            case "lambda": adjustment.overrides[k] = value
            case "freeze": adjustment.overrides[k] = value != 0 ? strengths[k] : nil
            case "enable": adjustment.isEnabled[k] = value != 0
            default: throw .unknownHyperparameter(name: name, known: hyperparameters.map(\.name))
            }
        }
    }

    public var actions: [ActionSpec] {
        [ActionSpec(name: "adjust-now", summary: "apply the strength adjustment now (R* or the current R) and freeze λ")]
    }

    public func perform(_ action: String) throws(ExperimentError) {
        guard action == "adjust-now" else { throw .unknownAction(name: action, known: actions.map(\.name)) }
        if adjustment.isAdjusted || !adjustment.bestRegularizers.contains(where: \.isFinite) {
            adjustment.bestRegularizers = adjustment.groups.map { _ in .infinity }
        }
        adjustment.levels = adjustment.levels.map { _ in nil }
        adjustment.adjust(current: lastRegularizers, lambda0: lambda0, exponent: exponent, epoch: epoch)
    }
}
