import Datasets
import Session
import Symmetry
import Tensors

// MARK: - Checkpoints: parameters, Adam moments, generators, data cursor, live settings

extension LieGCNNExperiment {
    /// Everything that influences later steps.
    public func saveState() throws -> ExperimentState {
        var state = ExperimentState()
        for p in trainer.model.parameters { state.floatTensors["param.\(p.name)"] = p.value }
        for (k, t) in trainer.optimizer.stateTensors() { state.floatTensors["opt.\(k)"] = t }
        state.setRNG(trainer.dataRNG, forKey: "rng.data")
        state.setRNG(trainer.sampleRNG, forKey: "rng.samples")
        state.values["step"] = String(trainer.stepCount)
        state.values["cursor"] = String(trainer.cursor)
        state.values["order"] = trainer.order.map(String.init).joined(separator: ",")
        for h in hyperparameters where h.isLive { state.values["hyper.\(h.name)"] = String(describing: h.value) }
        state.values["history.clean"] = history.clean.map { String(describing: $0) }.joined(separator: ",")
        state.values["history.affine"] = history.affine.map { String(describing: $0) }.joined(separator: ",")
        return state
    }

    /// Restores a state written by `saveState()`.
    public func restoreState(_ state: ExperimentState) throws {
        for p in trainer.model.parameters { p.value = try state.tensor("param.\(p.name)", shape: p.value.shape) }
        var opt: [String: Tensor<Float>] = [:]
        for (k, t) in state.floatTensors where k.hasPrefix("opt.") { opt[String(k.dropFirst(4))] = t }
        trainer.optimizer.loadState(opt)
        trainer.dataRNG = try state.rng(forKey: "rng.data")
        trainer.sampleRNG = try state.rng(forKey: "rng.samples")
        trainer.stepCount = try state.int("step")
        trainer.cursor = try state.int("cursor")
        trainer.order = (state.values["order"] ?? "").split(separator: ",").compactMap { Int($0) }
        guard trainer.order.allSatisfy({ $0 >= 0 && $0 < trainer.data.trainCount }) else {
            throw ExperimentError.incompatibleState("data order refers to images beyond data.train = \(trainer.data.trainCount)")
        }
        for h in hyperparameters where h.isLive {
            if state.values["hyper.\(h.name)"] != nil { try setHyperparameter(h.name, to: try state.double("hyper.\(h.name)")) }
        }
        history.clean = (state.values["history.clean"] ?? "").split(separator: ",").compactMap { Double($0) }
        history.affine = (state.values["history.affine"] ?? "").split(separator: ",").compactMap { Double($0) }
    }
}
