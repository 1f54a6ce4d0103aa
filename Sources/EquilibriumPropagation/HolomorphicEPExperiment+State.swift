import Session
import Tensors

extension HolomorphicEPExperiment {
    /// The live hyperparameters stored in checkpoints (estimator as its index).
    static let savedHyperparameters = ["radius", "phases", "theta0", "estimator", "t1", "t2", "damping", "tolerance",
                                       "lambda", "probes", "lr", "feedback_angle", "diagnostics_every", "tied"]

    /// Parameters, own feedback draws, optimiser moments, step, probe RNG and live hyperparameters.
    public func saveState() throws -> ExperimentState {
        var state = ExperimentState()
        for (name, shape) in network.namedShapes {
            let values = network.namedTensors.first { $0.name == name }?.values ?? []
            state.floatTensors["net.\(name)"] = Tensor(shape: shape, scalars: values)
        }
        for (l, own) in ownFeedback.enumerated() {
            state.floatTensors["own.Wb\(l)"] = Tensor(shape: [own.count], scalars: own)
        }
        for (k, t) in optimizer.stateTensors() { state.floatTensors["opt.\(k)"] = t }
        state.values["step"] = String(stepCount)
        state.setRNG(probeRNG, forKey: "probe_rng")
        for h in hyperparameters where Self.savedHyperparameters.contains(h.name) {
            state.values["hp.\(h.name)"] = String(describing: h.value)
        }
        return state
    }

    /// Restores a state written by `saveState()`; the run then continues bit-identically.
    public func restoreState(_ state: ExperimentState) throws {
        var net = network
        for (name, shape) in network.namedShapes {
            net.setTensor(name, try state.tensor("net.\(name)", shape: shape).scalars)
        }
        var own = ownFeedback
        for l in own.indices { own[l] = try state.tensor("own.Wb\(l)", shape: [own[l].count]).scalars }
        for name in Self.savedHyperparameters {
            let v = try state.double("hp.\(name)")
            switch name {   // these two would re-mix the feedback; the saved tensors already hold it
            case "feedback_angle": configuration.feedbackAngle = v
            case "tied": configuration.isTied = v != 0
            default: apply(name, v)
            }
        }
        network = net
        ownFeedback = own
        optimizer = Self.makeOptimizer(configuration)
        var opt: [String: Tensor<Float>] = [:]
        for (k, t) in state.floatTensors where k.hasPrefix("opt.") { opt[String(k.dropFirst(4))] = t }
        optimizer.loadState(opt)
        stepCount = try state.int("step")
        probeRNG = try state.rng(forKey: "probe_rng")
        permutationEpoch = -1
        lastReport = nil
    }
}
