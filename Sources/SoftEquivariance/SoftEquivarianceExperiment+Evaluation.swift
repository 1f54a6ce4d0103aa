import Session
import Symmetry
import Tensors

extension SoftEquivarianceExperiment {
    /// Runs `body` with the model's parameters set to the selected checkpoint (best validation MSE among
    /// epochs > 2·T_adj), or the current ones when no checkpoint exists yet; restores them afterwards.
    public func withSelectedModel<R>(_ body: () -> R) -> R {
        guard !bestParameters.isEmpty else { return body() }
        let saved = model.parameters.map(\.value)
        for p in model.parameters { if let v = bestParameters[p.name] { p.value = v } }
        defer { for (p, v) in zip(model.parameters, saved) { p.value = v } }
        return body()
    }

    /// `EE_G` of the current model for every candidate (spec §8; a fixed probe stream, so values are comparable
    /// across epochs and the training RNG is untouched).
    public func modelEquivarianceErrors() -> [Double] {
        var probeRNG = RandomSource(seed: 0xEE)
        let dIn = config.inRep.dimension
        let f: ([Double]) -> [Double] = { x in
            let t = Tensor<Float>(shape: [x.count / dIn, dIn], scalars: x.map { Float($0) })
            return self.model.predict(t).scalars.map { Double($0) }
        }
        return config.groups.map {
            RepEquivarianceError.estimate(group: $0, inRep: config.inRep, outRep: config.outRep,
                                          probes: config.equivarianceProbes, samples: config.equivarianceSamples,
                                          using: &probeRNG, function: f)
        }
    }

    /// Held-out metrics at the selected checkpoint: `test_mse`, `val_mse`, `ee.<G>` (model), `ee_true.<G>`,
    /// `ade_m` (motion, metres), `test_mse_current` (the current parameters), `selected_epoch`.
    public func evaluate() throws -> [String: Double] {
        var out: [String: Double] = [:]
        out["test_mse_current"] = meanSquaredError(model.predict(data.testInputs), data.testTargets)
        withSelectedModel {
            let prediction = model.predict(data.testInputs)
            out["test_mse"] = meanSquaredError(prediction, data.testTargets)
            out["val_mse"] = meanSquaredError(model.predict(data.validationInputs), data.validationTargets)
            if config.task == .motion { out["ade_m"] = averageDisplacement(prediction) }
            let ee = modelEquivarianceErrors()
            for (k, g) in config.groups.enumerated() {
                out["ee.\(g.name)"] = ee[k]
                if trueEquivarianceErrors[k].isFinite { out["ee_true.\(g.name)"] = trueEquivarianceErrors[k] }
            }
            equivarianceCache = (epoch, ee)
        }
        out["selected_epoch"] = Double(bestEpoch ?? epoch)
        return out
    }

    /// ADE in metres: mean over tracks and the 6 future points of the Euclidean error, scaled back per axis.
    func averageDisplacement(_ prediction: Tensor<Float>) -> Double {
        let targets = data.testTargets
        var total = 0.0
        let n = targets.shape[0]
        for r in 0..<n {
            let s = data.testScales[r]
            for t in 0..<6 {
                var sq = 0.0
                for i in 0..<3 {
                    let j = r * 18 + 3 * t + i
                    let d = Double(prediction.scalars[j] - targets.scalars[j]) * (i < 2 ? s.horizontal : s.vertical)
                    sq += d * d
                }
                total += sq.squareRoot()
            }
        }
        return total / Double(n * 6)
    }
}
