import Autodiff
import Datasets
import Foundation
import NN
import Session
import Symmetry
import Tensors

/// The `lie-gcnn` session: an affine G-CNN (or its CNN baseline) trained on centred Fashion-MNIST and tested on
/// the centred and the affine-transformed ("affFashion") test images, with the §12 diagnostics.
///
/// Spec keys (defaults = the §10 CPU preset):
/// ```yaml
/// data:     { directory: /usr/share/datasets/fashion-mnist, train: 8000, test: 2000, affine_seed: 123,
///             rotation: 20, shear: 0.2, scale_low: 0.8, scale_high: 1.2, translate: true, margin: 0 }
/// model:    { kind: gcnn, group: SL, channels: 16, samples: 4, variance: 0.1, rotation_sampling: offset,
///             mask: auto, det_factors: true, omega: 10, kernel_width: 32, kernel_depth: 2, head_width: 64 }
/// training: { epochs: 3, batch: 64, lr: 2e-3, weight_decay: 0, eval_every: 125, eval_draws: 1 }
/// ```
public final class LieGCNNExperiment: Experiment {
    /// The spec kind.
    public static let kind = "lie-gcnn"
    /// One line for `equilab list`.
    public static let summary = "affine G-CNN on R²⋊SL(2)/GL+(2) (Lie group decompositions) vs CNN, affFashion test"

    let trainer: LieTrainer
    let modelKind: LieModelKind
    let group: GL2Group
    let channels: Int
    let kernelWidth: Int
    let trainCount: Int
    let seed: UInt64
    /// Steps between evaluations.
    public let evaluationInterval: Int
    /// The planned number of steps.
    public let totalSteps: Int
    var history: (clean: [Double], affine: [Double]) = ([], [])
    var lastInvariance: (change: Double, noise: Double, agreement: Double)?
    var lastPerClass: [Double] = []

    /// Builds the experiment from a spec.
    /// - Throws: `SpecError` naming the field and fix; `ExperimentError.data` when Fashion-MNIST is missing.
    public init(spec: SessionSpec) throws {
        let data = spec.section("data"), model = spec.section("model"), training = spec.section("training")
        let directory = try data.string("directory", default: FashionMNISTLoader.defaultDirectory)
        trainCount = try data.int("train", default: 8_000, in: 64...60_000)
        let testCount = try data.int("test", default: 2_000, in: 10...10_000)
        // Background pixels around every image (the network's canvas is 40 + 2·margin); 0 = the §10 protocol.
        let margin = try data.int("margin", default: 0, in: 0...32)
        let affineSeed = UInt64(try data.int("affine_seed", default: Int(spec.seed), in: 0...Int.max))
        let ranges = AffineFashionRanges(
            rotationDegrees: try data.double("rotation", default: 20, in: 0...180),
            shear: try data.double("shear", default: 0.2, in: 0...1),
            scaleLow: try data.double("scale_low", default: 0.8, in: 0.3...1),
            scaleHigh: try data.double("scale_high", default: 1.2, in: 1...2),
            translates: try data.bool("translate", default: true))
        modelKind = LieModelKind(rawValue: try model.string("kind", default: "gcnn", oneOf: ["gcnn", "cnn"])) ?? .gcnn
        group = GL2Group(rawValue: try model.string("group", default: "SL", oneOf: ["SL", "GL"])) ?? .specialLinear
        channels = try model.int("channels", default: modelKind == .gcnn ? 16 : 26, in: 1...256)
        kernelWidth = try model.int("kernel_width", default: 32, in: 4...256)
        let maskText = try model.string("mask", default: "auto", oneOf: ["auto"] + KernelMask.allCases.map(\.rawValue))
        let config = LieGCNNConfiguration(
            group: group, channels: channels, samples: try model.int("samples", default: 4, in: 1...32),
            variance: try model.double("variance", default: 0.1, in: 0...2),
            rotation: RotationSampling(rawValue: try model.string("rotation_sampling", default: "offset",
                                                                  oneOf: RotationSampling.allCases.map(\.rawValue))) ?? .offset,
            mask: KernelMask(rawValue: maskText),
            determinantFactors: try model.bool("det_factors", default: true),
            omega: try model.double("omega", default: 10, in: 0.1...100), kernelWidth: kernelWidth,
            kernelDepth: try model.int("kernel_depth", default: 2, in: 0...8),
            headWidth: try model.int("head_width", default: 64, in: 4...1024))
        let epochs = try training.int("epochs", default: 3, in: 1...1_000)
        let batch = try training.int("batch", default: 64, in: 1...1_024)
        let lr = try training.double("lr", default: modelKind == .gcnn ? 2e-3 : 3e-3, in: 1e-6...1)
        let weightDecay = try training.double("weight_decay", default: 0, in: 0...1)
        let draws = try training.int("eval_draws", default: 1, in: 1...16)
        guard batch <= trainCount else {
            throw training.error("batch", "batch \(batch) exceeds data.train \(trainCount); lower training.batch")
        }
        seed = spec.seed
        let set = try AffineFashionData(directory: directory, trainCount: trainCount, testCount: testCount,
                                        ranges: ranges, affineSeed: affineSeed, specFile: spec.file)
        let stepsPerEpoch = max(1, set.trainCount / batch)
        totalSteps = try training.int("steps", default: epochs * stepsPerEpoch, in: 1...10_000_000)
        evaluationInterval = try training.int("eval_every", default: stepsPerEpoch, in: 0...1_000_000)
        trainer = LieTrainer(kind: modelKind, configuration: config, cnnWidth: channels, data: set, learningRate: lr,
                             weightDecay: weightDecay, totalSteps: totalSteps, batchSize: batch,
                             evaluationDraws: draws, seed: spec.seed, inputMargin: margin)
    }

    /// Steps per epoch.
    public var stepsPerEpoch: Int { trainer.stepsPerEpoch }

    var gcnn: LieGCNN? { trainer.model as? LieGCNN }

    /// One Adam step.
    public func step() throws -> [String: Double] {
        let r = trainer.trainStep()
        return ["loss": r.loss, "accuracy": r.accuracy, "lr": Double(trainer.optimizer.learningRate)]
    }

    /// Clean and affine test accuracy, their gap, and the invariance meter.
    public func evaluate() throws -> [String: Double] {
        let acc = trainer.evaluate()
        let inv = trainer.invariance()
        history.clean.append(acc.clean)
        history.affine.append(acc.affine)
        lastInvariance = inv
        lastPerClass = acc.perClassAffine
        return ["eval/clean_accuracy": acc.clean, "eval/affine_accuracy": acc.affine, "eval/gap": acc.clean - acc.affine,
                "eval/affine_over_clean": acc.affine / max(acc.clean, 1e-9), "eval/logit_change": inv.change,
                "eval/resampling_noise": inv.noise, "eval/agreement": inv.agreement]
    }
}
