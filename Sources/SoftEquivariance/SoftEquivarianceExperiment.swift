import Foundation
import NN
import Session
import Symmetry
import Tensors

/// The soft-equivariance experiment (kind `"soft-equivariance"`): one model of spec §7 trained with the
/// objective of §4 and, for PER, the strength adjustment of §5; diagnostics per §14.
///
/// Per step: task gradient (hand-written backward), `+ Σ_k λ_k (W − P_k W)`, `+ wd·θ`, global-norm clipping,
/// Adam with a cosine learning-rate decay to 0. Per epoch: the regularisers of every candidate, the tracking
/// window and the adjustment at T_adj, model selection on validation MSE every `evalEvery` epochs after 2·T_adj.
public final class SoftEquivarianceExperiment: Experiment {
    public static let kind = "soft-equivariance"
    public static let summary = "PER: per-group equivariance regularisers with automatically tuned strengths (Kim et al., ICML 2023)"

    /// The resolved configuration.
    public let config: SoftEquivarianceConfig
    /// The arrays and the true function.
    public let data: SoftEquivarianceData
    /// The trained model.
    public let model: SoftEquivarianceModel
    /// One regulariser per candidate group (typed models only).
    let regularizers: [EquivarianceRegularizer<Float>]
    let optimizer: Adam

    // MARK: live hyperparameters
    public internal(set) var lambda0: Double
    public internal(set) var exponent: Double
    public internal(set) var adjustEpoch: Int
    public internal(set) var autoTune: Bool
    public internal(set) var learningRate: Double
    public internal(set) var weightDecay: Double

    // MARK: training state
    var rng: RandomSource
    public internal(set) var stepIndex = 0
    public internal(set) var epoch = 0
    var cursor = 0
    var permutation: [Int] = []
    public internal(set) var adjustment: StrengthAdjustment
    /// The regularisers after the last completed epoch (NaN for the MLP).
    public internal(set) var lastRegularizers: [Double]
    var regularizerHistory: [[Double]] = []
    var strengthHistory: [[Double]] = []
    /// Model selection: best validation MSE among epochs > selectionStart, and the parameters there.
    public internal(set) var bestEpoch: Int?
    public internal(set) var bestValidation = Double.infinity
    var bestParameters: [String: Tensor<Float>] = [:]
    var lastBreakdown: [(name: String, value: Double)] = []

    // MARK: display caches (not part of the training state)
    var equivarianceCache: (epoch: Int, values: [Double])?
    public let trueEquivarianceErrors: [Double]

    public convenience init(spec: SessionSpec) throws {
        self.init(config: try SoftEquivarianceConfig(spec: spec))
    }

    /// Builds a run from a configuration (the reproduction uses this directly).
    public init(config: SoftEquivarianceConfig, data: SoftEquivarianceData? = nil) {
        self.config = config
        self.data = data ?? SoftEquivarianceData(config: config)
        var initRNG = RandomSource(seed: config.seed)
        model = SoftEquivarianceModel(kind: config.model, architecture: config.architecture, hardGroup: config.hardGroup,
                                      mlpHidden: config.mlpHidden, residualPenalty: Float(config.residualPenalty),
                                      rng: &initRNG)
        let reps = config.architecture.layerReps
        regularizers = config.model.hasTypedLayers
            ? config.groups.map { EquivarianceRegularizer(group: $0, layerReps: reps, includesBias: config.includesBias) } : []
        optimizer = Adam(learningRate: Float(config.learningRate))
        lambda0 = config.lambda0
        exponent = config.exponent
        adjustEpoch = config.adjustEpoch
        autoTune = config.autoTune
        learningRate = config.learningRate
        weightDecay = config.weightDecay
        rng = RandomSource(seed: config.seed &+ 0x5EED_0F_DA7A)
        adjustment = StrengthAdjustment(groups: config.groups.map(\.name), reference: config.reference)
        lastRegularizers = config.groups.map { _ in .nan }
        var eeRNG = RandomSource(seed: 0xEE)
        if let f = self.data.trueFunction {
            trueEquivarianceErrors = config.groups.map {
                RepEquivarianceError.estimate(group: $0, inRep: config.inRep, outRep: config.outRep,
                                              probes: config.equivarianceProbes, samples: config.equivarianceSamples,
                                              using: &eeRNG, function: f)
            }
        } else {
            trueEquivarianceErrors = config.groups.map { _ in .nan }
        }
        lastRegularizers = regularizerValues()
        adjustment.initialRegularizers = lastRegularizers
        regularizerHistory = [lastRegularizers]
        strengthHistory = [strengths]
    }

    // MARK: - Shape of the run

    public var stepsPerEpoch: Int { (config.trainCount + config.batchSize - 1) / config.batchSize }
    public var totalSteps: Int { config.epochs * stepsPerEpoch }
    public var evaluationInterval: Int { config.evaluationEvery * stepsPerEpoch }

    /// Model selection considers epochs after this one: `method.selectAfter`, else 2·T_adj (follows live T_adj).
    public var selectionStart: Int { config.selectAfter ?? 2 * adjustEpoch }

    /// The current λ_k (0 for the reference entry, disabled groups and unregularised models).
    public var strengths: [Double] {
        guard config.model.isRegularized else { return config.groups.map { _ in 0 } }
        return adjustment.strengths(lambda0: lambda0, exponent: exponent)
    }

    /// The weights the regularisers measure: raw for PER/Free, effective for Hard/RPP.
    func regularizedParameters() -> (weights: [Tensor<Float>], biases: [Tensor<Float>]) {
        if config.model == .hard || config.model == .rpp { return model.effectiveParameters() }
        return (model.weights.map(\.value), model.biases.map(\.value))
    }

    /// `R_k` of every candidate (NaN for the MLP).
    public func regularizerValues() -> [Double] {
        guard !regularizers.isEmpty else { return config.groups.map { _ in .nan } }
        let (w, b) = regularizedParameters()
        return regularizers.map { $0.value(weights: w, biases: b) }
    }

    // MARK: - Training

    public func step() throws -> [String: Double] {
        if cursor == 0 { permutation = rng.permutation(config.trainCount) }
        let end = min(cursor + config.batchSize, config.trainCount)
        let rows = Array(permutation[cursor..<end])
        let x = data.trainInputs.gatherRows(rows), y = data.trainTargets.gatherRows(rows)
        let (mse, penalty) = model.computeGradients(inputs: x, targets: y)
        var metrics: [String: Double] = ["loss/task": mse]
        var total = mse + penalty
        if config.model == .rpp { metrics["loss/residual"] = penalty }
        let lambdas = strengths
        for (k, reg) in regularizers.enumerated() where lambdas[k] > 0 {
            let r = reg.evaluate(weights: model.weights.map(\.value), biases: model.biases.map(\.value))
            let s = Float(lambdas[k])
            for l in model.weights.indices {
                model.weights[l].gradient = (model.weights[l].gradient ?? r.weights[l] * 0) + r.weights[l] * s
                model.biases[l].gradient = (model.biases[l].gradient ?? r.biases[l] * 0) + r.biases[l] * s
            }
            metrics["loss/reg.\(config.groups[k].name)"] = lambdas[k] * r.value
            total += lambdas[k] * r.value
        }
        for (k, g) in config.groups.enumerated() { metrics["lambda.\(g.name)"] = lambdas[k] }
        if weightDecay > 0 {
            var sq = 0.0
            let wd = Float(weightDecay)
            for p in model.parameters {
                sq += p.value.scalars.reduce(0.0) { $0 + Double($1 * $1) }
                p.gradient = (p.gradient ?? p.value * 0) + p.value * wd
            }
            metrics["loss/wd"] = weightDecay / 2 * sq
            total += weightDecay / 2 * sq
        }
        if config.clipNorm > 0 { clipGradientNorm(model.parameters, maxNorm: Float(config.clipNorm)) }
        let lr = learningRate * 0.5 * (1 + cos(Double.pi * Double(stepIndex) / Double(max(totalSteps, 1))))
        optimizer.learningRate = Float(lr)
        optimizer.weightDecay = 0
        optimizer.update(model.parameters)
        model.zeroGradients()
        metrics["loss"] = total
        metrics["lr"] = lr
        lastBreakdown = [("MSE", mse), ("Σλ·R", total - mse - penalty - (metrics["loss/wd"] ?? 0)),
                         ("wd", metrics["loss/wd"] ?? 0)] + (config.model == .rpp ? [("RPP", penalty)] : [])
        stepIndex += 1
        cursor = end
        if cursor >= config.trainCount {
            cursor = 0
            epoch += 1
            endEpoch(into: &metrics)
        }
        return metrics
    }

    /// Per-epoch work: regularisers, tracking window, adjustment at T_adj, model selection.
    func endEpoch(into metrics: inout [String: Double]) {
        lastRegularizers = regularizerValues()
        for (k, g) in config.groups.enumerated() where lastRegularizers[k].isFinite {
            metrics["R.\(g.name)"] = lastRegularizers[k]
        }
        if config.model.isRegularized && autoTune && !adjustment.isAdjusted {
            let window = config.trackingWindow ?? max(1, adjustEpoch / 4)
            if epoch > adjustEpoch - window { adjustment.track(lastRegularizers) }
            if epoch >= adjustEpoch {
                adjustment.adjust(current: lastRegularizers, lambda0: lambda0, exponent: exponent, epoch: epoch)
            }
        }
        regularizerHistory.append(lastRegularizers)
        strengthHistory.append(strengths)
        if regularizerHistory.count > 400 { regularizerHistory.removeFirst() }
        if strengthHistory.count > 400 { strengthHistory.removeFirst() }
        if epoch > selectionStart && epoch % config.evaluationEvery == 0 {
            let validation = meanSquaredError(model.predict(data.validationInputs), data.validationTargets)
            metrics["val/mse"] = validation
            if validation < bestValidation {
                bestValidation = validation
                bestEpoch = epoch
                bestParameters = Dictionary(uniqueKeysWithValues: model.parameters.map { ($0.name, $0.value) })
            }
        }
    }

    /// The mean squared error over all entries.
    func meanSquaredError(_ a: Tensor<Float>, _ b: Tensor<Float>) -> Double {
        var s = 0.0
        for i in 0..<a.count { let d = Double(a.scalars[i]) - Double(b.scalars[i]); s += d * d }
        return s / Double(max(a.count, 1))
    }
}
