import Session

/// Every setting of a holomorphic-EP run, read from a session spec (or built directly by the reproduction).
///
/// ```yaml
/// kind: holomorphic-ep
/// data:     { directory: /usr/share/datasets/fashion-mnist, train_images: 30000, test_images: 10000, probe_images: 200 }
/// model:    { hidden: [256], outputs: 10, feedback_angle: 90, tied: false }
/// training: { epochs: 2, batch: 100, optimizer: adam, lr: 1e-3, momentum: 0.9, weight_decay: 0 }
/// method:   { estimator: hEP, radius: 0.1, phases: 4, theta0: 0, t1: 100, t2: 40, damping: 1, tolerance: 0,
///             lambda: 0, probes: 5, diagnostics_every: 100, sweep_images: 16, online_periods: 5 }
/// ```
public struct HolomorphicEPConfiguration: Sendable, Equatable {
    /// The seed of every random choice (initialisation, sample order, probes).
    public var seed: UInt64 = 0
    // data
    /// Folder holding the Fashion-MNIST IDX .gz files (`data.directory`).
    public var dataDirectory = FashionMNISTData.defaultDirectory
    /// Training images used (the first ones of the split; `data.train_images`).
    public var trainImages = 30_000
    /// Test images evaluated (`data.test_images`).
    public var testImages = 10_000
    /// Probe images for the diagnostics: the first training images (`data.probe_images`).
    public var probeImages = 200
    // model
    /// Hidden layer widths (`model.hidden`).
    public var hiddenSizes = [256]
    /// Units of the dynamical output layer (`model.outputs`).
    public var outputUnits = 10
    /// Feedback angle α in degrees (0 symmetric start, 90 independent).
    public var feedbackAngle = 90.0
    // training
    /// Epochs over `trainImages` (`training.epochs`).
    public var epochs = 2
    /// Minibatch size (`training.batch`).
    public var batchSize = 100
    /// `"adam"`, `"adamw"` or `"sgd"` (momentum).
    public var optimizer = "adam"
    /// Optimiser learning rate η (`training.lr`).
    public var learningRate = 1e-3
    /// SGD momentum (`training.momentum`).
    public var momentum = 0.9
    /// Weight decay (coupled for Adam/SGD, decoupled for AdamW; `training.weight_decay`).
    public var weightDecay = 0.0
    // method
    /// The error estimator (`method.estimator`).
    public var estimator = ErrorEstimator.holomorphic
    /// Nudge radius r = |β| (`method.radius`).
    public var radius = 0.1
    /// Phase points N (`method.phases`).
    public var phaseCount = 4
    /// Phase offset θ₀ in radians (`method.theta0`).
    public var phaseOffset = 0.0
    /// Free-phase steps T1 (`method.t1`).
    public var freeSteps = 100
    /// Nudged-phase steps T2, also the tangent/adjoint iterations (`method.t2`).
    public var nudgedSteps = 40
    /// Damping γ (`method.damping`).
    public var damping = 1.0
    /// Early-stop residual tolerance, 0 = off (`method.tolerance`).
    public var tolerance = 0.0
    /// λ of the homeostatic loss.
    public var lambda = 0.0
    /// Gaussian probes per sample for the homeostasis estimator (0: its exact expectation).
    public var homeostasisProbes = 5
    /// Probe-set diagnostics every this many steps (0: only on demand).
    public var diagnosticsInterval = 100
    /// Turns of the circle of the online estimator (blocks = periods · N, each T2 steps).
    public var onlinePeriods = 5
    /// Tied weights: feedback ≡ forwardᵀ as one parameter (energy-based net; ν = δ always).
    public var isTied = false
    /// Images of the finite-nudge sweep.
    public var sweepImages = 16
    /// Evaluate on the test set every this many steps (0: once per epoch).
    public var evaluationInterval = 0

    /// The spec §11 defaults.
    public init() {}

    /// The spec keys, with ranges; errors name the file, line, field and fix.
    public init(spec: SessionSpec) throws {
        seed = spec.seed
        let data = spec.section("data"), model = spec.section("model")
        let training = spec.section("training"), method = spec.section("method")
        dataDirectory = try data.string("directory", default: dataDirectory)
        trainImages = try data.int("train_images", default: trainImages, in: 1...60_000)
        testImages = try data.int("test_images", default: testImages, in: 1...10_000)
        probeImages = try data.int("probe_images", default: probeImages, in: 1...2_000)
        let hidden = try model.doubles("hidden", default: hiddenSizes.map(Double.init))
        guard !hidden.isEmpty, hidden.allSatisfy({ $0 >= 1 && $0 <= 4096 && $0 == $0.rounded() }) else {
            throw model.error("hidden", "expected a list of layer widths between 1 and 4096, e.g. [256]")
        }
        hiddenSizes = hidden.map { Int($0) }
        outputUnits = try model.int("outputs", default: outputUnits, in: 1...1024)
        feedbackAngle = try model.double("feedback_angle", default: feedbackAngle, in: 0...180)
        epochs = try training.int("epochs", default: epochs, in: 1...1000)
        batchSize = try training.int("batch", default: batchSize, in: 1...10_000)
        optimizer = try training.string("optimizer", default: optimizer, oneOf: ["adam", "adamw", "sgd"])
        learningRate = try training.double("lr", default: learningRate, in: 1e-7...10)
        momentum = try training.double("momentum", default: momentum, in: 0...0.9999)
        weightDecay = try training.double("weight_decay", default: weightDecay, in: 0...1)
        evaluationInterval = try training.int("evaluate_every", default: evaluationInterval, in: 0...1_000_000)
        let name = try method.string("estimator", default: estimator.rawValue, oneOf: ErrorEstimator.choiceNames)
        estimator = ErrorEstimator(rawValue: name) ?? .holomorphic
        radius = try method.double("radius", default: radius, in: 1e-3...2)
        phaseCount = try method.int("phases", default: phaseCount, in: 1...16)
        phaseOffset = try method.double("theta0", default: phaseOffset, in: -Double.pi...Double.pi)
        freeSteps = try method.int("t1", default: freeSteps, in: 1...10_000)
        nudgedSteps = try method.int("t2", default: nudgedSteps, in: 1...10_000)
        damping = try method.double("damping", default: damping, in: 0.01...1)
        tolerance = try method.double("tolerance", default: tolerance, in: 0...1)
        lambda = try method.double("lambda", default: lambda, in: 0...100)
        homeostasisProbes = try method.int("probes", default: homeostasisProbes, in: 0...64)
        diagnosticsInterval = try method.int("diagnostics_every", default: diagnosticsInterval, in: 0...1_000_000)
        sweepImages = try method.int("sweep_images", default: sweepImages, in: 1...2_000)
        onlinePeriods = try method.int("online_periods", default: onlinePeriods, in: 1...100)
        isTied = try model.bool("tied", default: isTied)
        if probeImages > trainImages {
            throw data.error("probe_images", "probe_images (\(probeImages)) exceeds train_images (\(trainImages)); lower it")
        }
    }

    /// The dynamical layer sizes: hidden layers then the output layer.
    public var layerSizes: [Int] { hiddenSizes + [outputUnits] }

    /// The nudge settings of this configuration.
    public var nudge: NudgeSettings {
        NudgeSettings(radius: radius, phaseCount: estimator == .classic ? 1 : phaseCount,
                      phaseOffset: estimator == .classic ? 0 : phaseOffset, steps: nudgedSteps, damping: damping,
                      tolerance: tolerance)
    }
}
