import NN
import Session
import Tensors

/// The `holomorphic-ep` experiment: a layered untied network on Fashion-MNIST trained with holomorphic EP
/// (or the exact tangent, recurrent backprop, classic EP), optionally with Jacobian homeostasis.
///
/// One `step()` = one minibatch: free phase (T1 steps) → error vector by the chosen estimator → local
/// weight gradient (+ λ ∇L_homeo) → optimiser step; every `diagnostics_every` steps the §6 diagnostics run
/// on the first `probe_images` training images in Double (spec §8).
public final class HolomorphicEPExperiment: Experiment {
    /// The spec `kind`.
    public static let kind = "holomorphic-ep"
    /// One line for `equilab list`.
    public static let summary = "holomorphic equilibrium propagation without weight symmetry + Jacobian homeostasis (Fashion-MNIST)"

    /// The live configuration (hyperparameter edits write here).
    public internal(set) var configuration: HolomorphicEPConfiguration
    /// The network (Float, the training precision).
    public internal(set) var network: LayeredNetwork<Float>
    /// The own feedback draws, re-mixed with the forward weights when α changes.
    var ownFeedback: [[Float]]
    var optimizer: any Optimizer
    let train: FashionMNISTData
    let test: FashionMNISTData
    /// Homeostasis probes.
    var probeRNG: RandomSource
    /// The sample order of the current epoch (a function of the seed and the epoch only).
    var permutation: [Int] = []
    var permutationEpoch = -1
    /// Steps taken.
    public internal(set) var stepCount = 0
    /// The latest probe diagnostics and the step they were measured at.
    public internal(set) var lastReport: ProbeReport?
    var lastReportStep = -1
    /// Optional timing of GEMM vs elementwise work in the relaxations.
    public let profile = RelaxationProfile()

    /// Builds the experiment from a validated session spec.
    public convenience init(spec: SessionSpec) throws {
        try self.init(configuration: HolomorphicEPConfiguration(spec: spec))
    }

    /// Builds the experiment from a configuration (loads Fashion-MNIST).
    public init(configuration: HolomorphicEPConfiguration) throws {
        self.configuration = configuration
        train = try FashionMNISTData.load(split: "train", directory: configuration.dataDirectory,
                                          limit: configuration.trainImages)
        test = try FashionMNISTData.load(split: "t10k", directory: configuration.dataDirectory,
                                         limit: configuration.testImages)
        var rng = RandomSource(seed: configuration.seed)
        let (net, own) = LayeredNetwork<Float>.lecunInitialized(
            inputSize: 784, layerSizes: configuration.layerSizes, classCount: 10,
            feedbackAngle: configuration.feedbackAngle, using: &rng)
        network = net
        ownFeedback = own
        if configuration.isTied { network.mixFeedback(own: own, angleDegrees: 0) }
        probeRNG = RandomSource(seed: configuration.seed &+ 0x9E37)
        optimizer = HolomorphicEPExperiment.makeOptimizer(configuration)
    }

    static func makeOptimizer(_ c: HolomorphicEPConfiguration) -> any Optimizer {
        switch c.optimizer {
        case "sgd": SGD(learningRate: Float(c.learningRate), momentum: Float(c.momentum), weightDecay: Float(c.weightDecay))
        case "adamw": Adam(learningRate: Float(c.learningRate), weightDecay: Float(c.weightDecay), decoupled: true)
        default: Adam(learningRate: Float(c.learningRate), weightDecay: Float(c.weightDecay))
        }
    }

    // MARK: - Schedule

    /// Minibatches per epoch.
    public var stepsPerEpoch: Int { max(train.count / configuration.batchSize, 1) }
    /// Planned steps: epochs × steps per epoch.
    public var totalSteps: Int { configuration.epochs * stepsPerEpoch }
    /// Test evaluation every `evaluate_every` steps (default: once per epoch).
    public var evaluationInterval: Int {
        configuration.evaluationInterval > 0 ? configuration.evaluationInterval : stepsPerEpoch
    }

    // MARK: - Diagnostics

    /// The probe set (first `probe_images` training images) in Double.
    var probeBatch: (x: [Double], y: [Int]) {
        let n = min(configuration.probeImages, train.count)
        let (x, y) = train.batch(Array(0..<n)[...])
        return (x.map(Double.init), y)
    }

    /// Measures the probe diagnostics now (Double precision) and caches them.
    @discardableResult
    public func measureProbe() -> ProbeReport {
        let (x, y) = probeBatch
        let c = configuration
        let report = ProbeDiagnostics.measure(
            network: network.converted(to: Double.self), inputs: x, labels: y, estimator: c.estimator, nudge: c.nudge,
            freeSteps: c.freeSteps, lambda: c.lambda, sweepImages: c.sweepImages, onlinePeriods: c.onlinePeriods)
        lastReport = report
        lastReportStep = stepCount
        return report
    }

    /// The latest probe diagnostics as panels (measured now if none is cached).
    public func diagnostics() -> [Panel] {
        let report = lastReport ?? measureProbe()
        return report.panels(estimator: configuration.estimator, radius: configuration.nudge.radius,
                             phaseCount: configuration.nudge.phaseCount, step: lastReportStep)
    }
}
