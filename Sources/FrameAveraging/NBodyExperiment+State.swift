import Session
import Tensors

// MARK: - Checkpoints

extension NBodyExperiment {
    /// Parameters, Adam moments, shuffling order, cursor, epoch and RNG of every model created so far, plus
    /// the live settings and best-validation trackers.
    public func saveState() throws -> ExperimentState {
        var state = ExperimentState()
        state.values["active"] = active
        state.values["group"] = group.rawValue
        state.values["mode"] = mode.rawValue
        state.values["samples"] = String(sampleCount)
        state.values["batch"] = String(batchSize)
        state.values["scatter"] = String(scatterIndex)
        state.values["steps"] = String(stepCount)
        state.values["models"] = trainers.keys.sorted().joined(separator: ",")
        for (name, lr) in learningRates { state.values["lr.\(name)"] = String(describing: lr) }
        for (name, b) in best {
            state.values["best.\(name)"] = "\(String(describing: b.validation)),\(String(describing: b.test))"
        }
        for (name, h) in history {
            state.values["history.\(name)"] = h.map { "\(String(describing: $0.epoch)):\(String(describing: $0.mse))" }
                .joined(separator: ",")
        }
        for (name, t) in trainers {
            for p in t.model.parameters { state.floatTensors["\(name)/\(p.name)"] = p.value }
            for (k, v) in t.optimizer.stateTensors() { state.floatTensors["\(name)/opt/\(k)"] = v }
            state.setRNG(t.rng, forKey: "\(name).rng")
            state.values["\(name).order"] = t.order.map(String.init).joined(separator: ",")
            state.values["\(name).cursor"] = String(t.cursor)
            state.values["\(name).epoch"] = String(t.epoch)
        }
        return state
    }

    public func restoreState(_ state: ExperimentState) throws {
        guard let a = state.values["active"], NBodyExperiment.modelNames.contains(a) else {
            throw ExperimentError.incompatibleState("missing or unknown active model")
        }
        active = a
        group = FrameGroup(rawValue: state.values["group"] ?? "E3") ?? .e3
        mode = FAMode(rawValue: state.values["mode"] ?? "per-layer") ?? .perLayer
        sampleCount = try state.int("samples")
        batchSize = try state.int("batch")
        scatterIndex = try state.int("scatter")
        stepCount = try state.int("steps")
        for name in NBodyExperiment.modelNames {
            if let lr = state.values["lr.\(name)"].flatMap(Float.init) { learningRates[name] = lr }
            if let b = state.values["best.\(name)"]?.split(separator: ",").compactMap({ Double($0) }), b.count == 2 {
                best[name] = (b[0], b[1])
            }
        }
        history = [:]
        for name in NBodyExperiment.modelNames {
            guard let text = state.values["history.\(name)"], !text.isEmpty else { continue }
            history[name] = text.split(separator: ",").compactMap { item in
                let parts = item.split(separator: ":").compactMap { Double($0) }
                return parts.count == 2 ? (parts[0], parts[1]) : nil
            }
        }
        trainers = [:]
        let names = (state.values["models"] ?? "").split(separator: ",").map(String.init)
        for name in names {
            let t = trainer(for: name)
            for p in t.model.parameters { p.value = try state.tensor("\(name)/\(p.name)", shape: p.value.shape) }
            let prefix = "\(name)/opt/"
            var opt: [String: Tensor<Float>] = [:]
            for (k, v) in state.floatTensors where k.hasPrefix(prefix) { opt[String(k.dropFirst(prefix.count))] = v }
            t.optimizer.loadState(opt)
            t.optimizer.learningRate = learningRates[name] ?? t.optimizer.learningRate
            t.rng = try state.rng(forKey: "\(name).rng")
            t.order = (state.values["\(name).order"] ?? "").split(separator: ",").compactMap { Int($0) }
            t.cursor = try state.int("\(name).cursor")
            t.epoch = try state.int("\(name).epoch")
            t.batchSize = batchSize
        }
        applyFrameSettings()
    }
}
