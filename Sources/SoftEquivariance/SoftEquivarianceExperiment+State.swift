import Session
import Tensors

extension SoftEquivarianceExperiment {
    static func encode(_ values: [Double]) -> String { values.map { String(describing: $0) }.joined(separator: ",") }
    static func decode(_ text: String?) -> [Double] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: ",").map { Double(String($0)) ?? .nan }
    }

    /// Parameters, Adam moments, the shuffling RNG, the data cursor and permutation, the live hyperparameters,
    /// the adjustment rule's state, the model-selection checkpoint and the display histories.
    public func saveState() throws -> ExperimentState {
        var s = ExperimentState()
        for p in model.parameters { s.floatTensors["param.\(p.name)"] = p.value }
        for (k, t) in optimizer.stateTensors() { s.floatTensors["opt.\(k)"] = t }
        for (k, t) in bestParameters { s.floatTensors["best.\(k)"] = t }
        s.setRNG(rng, forKey: "rng")
        let ints: [String: Int] = ["step": stepIndex, "epoch": epoch, "cursor": cursor, "T_adj": adjustEpoch,
                                   "autoTune": autoTune ? 1 : 0, "adj.epoch": adjustment.adjustedAtEpoch ?? -1,
                                   "best.epoch": bestEpoch ?? -1]
        for (k, v) in ints { s.values[k] = String(v) }
        s.values["perm"] = permutation.map(String.init).joined(separator: ",")
        let doubles: [String: Double] = ["lambda0": lambda0, "p": exponent, "lr": learningRate, "wd": weightDecay,
                                         "best.val": bestValidation]
        for (k, v) in doubles { s.values[k] = String(describing: v) }
        s.values["adj.enabled"] = Self.encode(adjustment.isEnabled.map { $0 ? 1 : 0 })
        s.values["adj.overrides"] = Self.encode(adjustment.overrides.map { $0 ?? .nan })
        s.values["adj.levels"] = Self.encode(adjustment.levels.map { $0 ?? .nan })
        s.values["adj.best"] = Self.encode(adjustment.bestRegularizers)
        s.values["adj.init"] = Self.encode(adjustment.initialRegularizers)
        s.values["R.last"] = Self.encode(lastRegularizers)
        s.values["hist.R"] = regularizerHistory.map(Self.encode).joined(separator: ";")
        s.values["hist.lambda"] = strengthHistory.map(Self.encode).joined(separator: ";")
        return s
    }

    public func restoreState(_ state: ExperimentState) throws {
        for p in model.parameters { p.value = try state.tensor("param.\(p.name)", shape: p.value.shape) }
        var opt: [String: Tensor<Float>] = [:]
        for (k, t) in state.floatTensors where k.hasPrefix("opt.") { opt[String(k.dropFirst(4))] = t }
        optimizer.loadState(opt)
        bestParameters = [:]
        for (k, t) in state.floatTensors where k.hasPrefix("best.") { bestParameters[String(k.dropFirst(5))] = t }
        rng = try state.rng(forKey: "rng")
        stepIndex = try state.int("step")
        epoch = try state.int("epoch")
        cursor = try state.int("cursor")
        adjustEpoch = try state.int("T_adj")
        autoTune = try state.int("autoTune") != 0
        let at = try state.int("adj.epoch")
        adjustment.adjustedAtEpoch = at >= 0 ? at : nil
        let be = try state.int("best.epoch")
        bestEpoch = be >= 0 ? be : nil
        permutation = (state.values["perm"] ?? "").split(separator: ",").compactMap { Int(String($0)) }
        guard permutation.count == config.trainCount || (permutation.isEmpty && cursor == 0) else {
            throw ExperimentError.incompatibleState("data permutation has \(permutation.count) entries, expected \(config.trainCount)")
        }
        lambda0 = try state.double("lambda0")
        exponent = try state.double("p")
        learningRate = try state.double("lr")
        weightDecay = try state.double("wd")
        bestValidation = try state.double("best.val")
        let k = config.groups.count
        func vector(_ key: String) throws -> [Double] {
            let v = Self.decode(state.values[key])
            guard v.count == k else { throw ExperimentError.incompatibleState("'\(key)' has \(v.count) entries, expected \(k)") }
            return v
        }
        adjustment.isEnabled = try vector("adj.enabled").map { $0 != 0 }
        adjustment.overrides = try vector("adj.overrides").map { $0.isNaN ? nil : $0 }
        adjustment.levels = try vector("adj.levels").map { $0.isNaN ? nil : $0 }
        adjustment.bestRegularizers = try vector("adj.best")
        adjustment.initialRegularizers = try vector("adj.init")
        lastRegularizers = try vector("R.last")
        regularizerHistory = (state.values["hist.R"] ?? "").split(separator: ";").map { Self.decode(String($0)) }
        strengthHistory = (state.values["hist.lambda"] ?? "").split(separator: ";").map { Self.decode(String($0)) }
        equivarianceCache = nil
    }
}
