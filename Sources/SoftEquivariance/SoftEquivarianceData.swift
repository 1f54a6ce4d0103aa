import Datasets
import Tensors

/// The train/validation/test arrays of a run and, when known, the data-generating function.
public struct SoftEquivarianceData: Sendable {
    public var trainInputs: Tensor<Float>
    public var trainTargets: Tensor<Float>
    public var validationInputs: Tensor<Float>
    public var validationTargets: Tensor<Float>
    public var testInputs: Tensor<Float>
    public var testTargets: Tensor<Float>
    /// Motion: `(s_xy, s_z)` of each test track, to report ADE in metres.
    public var testScales: [(horizontal: Double, vertical: Double)]
    /// The analytic data function on row-major Double batches (inertia), or nil (motion).
    public var trueFunction: (@Sendable ([Double]) -> [Double])?

    /// Generates the data of `config` from its seed (a stream independent of the model's initialisation).
    public init(config: SoftEquivarianceConfig) {
        var rng = RandomSource(seed: config.seed &* 0x9E37_79B9_7F4A_7C15 &+ 0xDA7A)
        switch config.task {
        case .inertia:
            let d = InertiaDataset(columnScales: config.columnScales, trainCount: config.trainCount,
                                   validationCount: config.validationCount, testCount: config.testCount, using: &rng)
            trainInputs = d.train.inputs; trainTargets = d.train.targets
            validationInputs = d.validation.inputs; validationTargets = d.validation.targets
            testInputs = d.test.inputs; testTargets = d.test.targets
            testScales = []
            let scales = config.columnScales
            trueFunction = { InertiaDataset.target($0, columnScales: scales) }
        case .cossim:
            let variant = CosSimDataset.Variant(rawValue: config.cosSimVariant) ?? .so3
            let c = config.cosSimCoefficient
            let d = CosSimDataset(variant: variant, coefficient: c, trainCount: config.trainCount,
                                  validationCount: config.validationCount, testCount: config.testCount, using: &rng)
            trainInputs = d.train.inputs; trainTargets = d.train.targets
            validationInputs = d.validation.inputs; validationTargets = d.validation.targets
            testInputs = d.test.inputs; testTargets = d.test.targets
            testScales = []
            trueFunction = { CosSimDataset.target($0, variant: variant, coefficient: c) }
        case .motion:
            let d = MotionForecastingDataset(lanePull: config.lanePull, verticalDamping: config.verticalDamping,
                                             trainCount: config.trainCount, validationCount: config.validationCount,
                                             testCount: config.testCount, using: &rng)
            trainInputs = d.train.inputs; trainTargets = d.train.targets
            validationInputs = d.validation.inputs; validationTargets = d.validation.targets
            testInputs = d.test.inputs; testTargets = d.test.targets
            testScales = d.test.scales
            trueFunction = nil
        }
    }
}
