import Datasets
import Session
import Symmetry

// MARK: - Hyperparameters (live ones apply at the next step)

extension LieGCNNExperiment {
    /// The declared hyperparameters with their current values (G-CNN-only ones are omitted for the CNN).
    public var hyperparameters: [HyperparameterSpec] {
        let r = trainer.data.ranges
        var out: [HyperparameterSpec] = [
            HyperparameterSpec(name: "lr", symbol: "η", summary: "peak learning rate of the cosine schedule",
                               value: Double(trainer.baseLearningRate), range: 1e-6...1, scale: .log),
            .choice(name: "model", symbol: "model", summary: "G-CNN or CNN baseline (restart to change)",
                    options: LieModelKind.allCases.map(\.rawValue), selected: modelKind.rawValue, isLive: false),
            HyperparameterSpec(name: "channels", symbol: "C", summary: "channels per sample (CNN: width); restart",
                               value: Double(channels), range: 1...256, isLive: false, kind: .integer),
            HyperparameterSpec(name: "train_size", symbol: "n", summary: "training images; restart",
                               value: Double(trainCount), range: 64...60_000, isLive: false, kind: .integer),
            HyperparameterSpec(name: "seed", symbol: "seed", summary: "seed of the run; restart",
                               value: Double(seed), range: 0...Double(UInt32.max), isLive: false, kind: .integer),
            HyperparameterSpec(name: "test_rotation", symbol: "θmax", summary: "affine test set: max rotation (degrees)",
                               value: r.rotationDegrees, range: 0...180),
            HyperparameterSpec(name: "test_shear", symbol: "smax", summary: "affine test set: max shear",
                               value: r.shear, range: 0...1),
            HyperparameterSpec(name: "test_scale_low", symbol: "s_lo", summary: "affine test set: lowest axis scale",
                               value: r.scaleLow, range: 0.3...1),
            HyperparameterSpec(name: "test_scale_high", symbol: "s_hi", summary: "affine test set: highest axis scale",
                               value: r.scaleHigh, range: 1...2),
            .toggle(name: "test_translate", symbol: "t", summary: "affine test set: random in-canvas translation",
                    isOn: r.translates),
        ]
        if let g = gcnn {
            let c = g.configuration
            out += [
                .choice(name: "group", symbol: "H", summary: "SL(2) or GL+(2) (σ² = 0: rotations only); restart",
                        options: GL2Group.allCases.map(\.rawValue), selected: group.rawValue, isLive: false),
                HyperparameterSpec(name: "samples", symbol: "N", summary: "Monte Carlo group samples per forward pass",
                                   value: Double(c.samples), range: 1...32, kind: .integer),
                HyperparameterSpec(name: "variance", symbol: "σ²", summary: "log-normal variance of the stretch factor",
                                   value: c.variance, range: 0...2),
                .choice(name: "rotation_sampling", symbol: "θ_k", summary: "rotation placement of the samples",
                        options: RotationSampling.allCases.map(\.rawValue), selected: c.rotation.rawValue),
                .choice(name: "mask", symbol: "mask", summary: "kernel mask (hard disc / smooth / none)",
                        options: KernelMask.allCases.map(\.rawValue), selected: c.mask.rawValue),
                .toggle(name: "det_factors", symbol: "|det g|⁻¹", summary: "Haar volume factors on the kernels",
                        isOn: c.determinantFactors),
                HyperparameterSpec(name: "omega", symbol: "ω₀", summary: "SIREN frequency", value: c.omega,
                                   range: 0.1...100, scale: .log),
                HyperparameterSpec(name: "kernel_width", symbol: "H_mlp", summary: "SIREN hidden width; restart",
                                   value: Double(kernelWidth), range: 4...256, isLive: false, kind: .integer),
                HyperparameterSpec(name: "eval_draws", symbol: "draws", summary: "sample draws averaged at evaluation",
                                   value: Double(trainer.evaluationDraws), range: 1...16, kind: .integer),
            ]
        }
        return out
    }

    /// Changes one live hyperparameter.
    public func setHyperparameter(_ name: String, to value: Double) throws(ExperimentError) {
        _ = try checkedHyperparameter(name, value)
        var ranges = trainer.data.ranges
        switch name {
        case "lr": trainer.baseLearningRate = Float(value)
        case "test_rotation": ranges.rotationDegrees = value
        case "test_shear": ranges.shear = value
        case "test_scale_low": ranges.scaleLow = value
        case "test_scale_high": ranges.scaleHigh = value
        case "test_translate": ranges.translates = value != 0
        case "eval_draws": trainer.evaluationDraws = Int(value.rounded())
        default:
            guard let g = gcnn else { throw .unknownHyperparameter(name: name, known: hyperparameters.map(\.name)) }
            switch name {
            case "samples": g.configuration.samples = Int(value.rounded())
            case "variance": g.configuration.variance = value
            case "rotation_sampling": g.configuration.rotation = RotationSampling.allCases[Int(value.rounded())]
            case "mask": g.configuration.mask = KernelMask.allCases[Int(value.rounded())]
            case "det_factors": g.configuration.determinantFactors = value != 0
            case "omega":
                g.configuration.omega = value
                for layer in [g.lifting, g.middle, g.last] { layer.kernel.omega = Float(value) }
            default: throw .unknownHyperparameter(name: name, known: hyperparameters.map(\.name))
            }
        }
        if ranges != trainer.data.ranges { trainer.data.setRanges(ranges) }
    }
}
