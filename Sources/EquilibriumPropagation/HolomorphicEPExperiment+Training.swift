import NN
import Session
import Tensors

extension HolomorphicEPExperiment {
    /// The error vector of the configured estimator and the nudged phases it ran (empty for tangent/RBP).
    func estimateError(_ sys: BatchSystem<Float>, free: Phase<Float>, slopes: [Float], current: [Float])
        -> (error: [Float], phases: [Phase<Float>]) {
        let c = configuration
        switch c.estimator {
        case .holomorphic, .classic:
            let h = sys.holomorphicError(free: free, settings: c.nudge)
            return (h.error, h.phases)
        case .tangent:
            return (sys.tangentError(slopes: slopes, current: current, steps: c.nudgedSteps, damping: c.damping), [])
        case .recurrentBackprop:
            return (sys.adjointError(slopes: slopes, current: current, steps: c.nudgedSteps, damping: c.damping), [])
        case .online:
            let o = sys.onlineError(settings: c.nudge, periods: c.onlinePeriods)
            return (o.error, o.blocks)
        }
    }

    /// The training indices of step `k` of epoch `e`.
    func batchIndices(step: Int) -> ArraySlice<Int> {
        let e = step / stepsPerEpoch, k = step % stepsPerEpoch
        if permutationEpoch != e {
            var rng = RandomSource(seed: configuration.seed &+ 0x5EED &+ UInt64(e) &* 0x9E37_79B9)
            permutation = rng.permutation(train.count)
            permutationEpoch = e
        }
        let b = configuration.batchSize
        return permutation[(k * b)..<min((k + 1) * b, permutation.count)]
    }

    /// One minibatch (spec §8): free phase, error estimate, local gradient (+ λ∇L_homeo), optimiser step.
    public func step() throws -> [String: Double] {
        let c = configuration
        var metrics: [String: Double] = [:]
        if c.diagnosticsInterval > 0 && stepCount % c.diagnosticsInterval == 0 {
            metrics.merge(measureProbe().metrics) { a, _ in a }
        }
        let (x, y) = train.batch(batchIndices(step: stepCount))
        let sys = BatchSystem(network: network, inputs: x, labels: y, profile: profile)
        let free: Phase<Float>
        var error: [Float] = [], phases: [Phase<Float>] = []
        if c.estimator == .online {
            // The online form has no separate free phase: u* is the mean of the oscillating state.
            let o = sys.onlineError(settings: c.nudge, periods: c.onlinePeriods)
            (free, error, phases) = (o.free, o.error, o.blocks)
        } else {
            free = sys.relax(steps: c.freeSteps, damping: c.damping, tolerance: c.tolerance)
        }
        let (pmy, current, losses, predictions) = sys.readout(at: free.s)
        let slopes = sys.slopes(atActivities: free.s)
        if c.estimator != .online {
            (error, phases) = estimateError(sys, free: free, slopes: slopes, current: current)
        }
        var gradient = sys.localGradient(error: error, activities: free.s, readoutErrors: pmy)
        let taskNorm = gradient.norm
        if c.lambda > 0 {
            let h = c.homeostasisProbes > 0
                ? JacobianHomeostasis.sampled(network, count: c.homeostasisProbes * sys.batch, using: &probeRNG)
                : (loss: JacobianHomeostasis.exactLoss(network), gradient: JacobianHomeostasis.exactGradient(network))
            gradient.add(h.gradient, scale: Float(c.lambda))
            metrics["loss/homeostasis"] = h.loss
            metrics["homeostasis_ratio"] = c.lambda * h.gradient.norm / max(taskNorm, 1e-30)
        }
        apply(gradient)
        stepCount += 1
        let loss = losses.reduce(0, +) / Double(losses.count)
        metrics["loss"] = loss
        metrics["loss/task"] = loss
        metrics["accuracy"] = Double(zip(predictions, y).filter { $0 == $1 }.count) / Double(y.count)
        metrics["residual/free_max"] = free.residuals.max() ?? .nan
        metrics["residual/nudged_max"] = phases.flatMap(\.residuals).max() ?? 0
        metrics["max_imag_u"] = phases.map(\.maxImaginary).max() ?? 0
        metrics["gradient_norm"] = taskNorm
        return metrics
    }

    /// One optimiser step along `gradient` (names as in ``LayeredNetwork/namedTensors``).
    ///
    /// Tied weights: the shared matrix W_f (= W_bᵀ) gets ∂W_f + ∂W_bᵀ, the feedback is then reset to W_fᵀ.
    func apply(_ gradient: LayeredNetwork<Float>) {
        var gradient = gradient
        let tied = configuration.isTied
        if tied {
            for l in 0..<(network.layerCount - 1) {
                let lo = network.layerSizes[l], hi = network.layerSizes[l + 1]
                for i in 0..<hi { for j in 0..<lo { gradient.forward[l][i * lo + j] += gradient.feedback[l][j * hi + i] } }
            }
        }
        let grads = Dictionary(uniqueKeysWithValues: gradient.namedTensors.map { ($0.name, $0.values) })
        let values = Dictionary(uniqueKeysWithValues: network.namedTensors.map { ($0.name, $0.values) })
        var parameters: [Parameter] = []
        for (name, shape) in network.namedShapes where !(tied && name.hasPrefix("Wb")) {
            guard let v = values[name], let g = grads[name] else { continue }
            let p = Parameter(name: name, value: Tensor(shape: shape, scalars: v))
            p.gradient = Tensor(shape: shape, scalars: g)
            parameters.append(p)
        }
        optimizer.update(parameters)
        for p in parameters { network.setTensor(p.name, p.value.scalars) }
        if tied { network.mixFeedback(own: ownFeedback, angleDegrees: 0) }
    }

    /// Test-set accuracy, loss and the fraction of free-phase residuals above 1e-3 (Float, T1 free steps).
    public func evaluate() throws -> [String: Double] {
        let c = configuration, chunk = 500
        var correct = 0, lossSum = 0.0, large = 0
        var start = 0
        while start < test.count {
            let idx = Array(start..<min(start + chunk, test.count))
            let (x, y) = test.batch(idx[...])
            let sys = BatchSystem(network: network, inputs: x, labels: y)
            let free = sys.relax(steps: c.freeSteps, damping: c.damping, tolerance: c.tolerance)
            let r = sys.readout(at: free.s)
            correct += zip(r.predictions, y).filter { $0 == $1 }.count
            lossSum += r.losses.reduce(0, +)
            large += free.residuals.filter { $0 > 1e-3 }.count
            start += chunk
        }
        let n = Double(test.count)
        return ["eval/accuracy": Double(correct) / n, "eval/loss": lossSum / n,
                "eval/free_residual_fraction": Double(large) / n]
    }
}
