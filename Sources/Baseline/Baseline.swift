import Session

/// The plain baseline every paper method is compared against: an MLP classifier on Fashion-MNIST.
///
/// | symbol | code |
/// |---|---|
/// | η (learning rate) | `lr`, `Adam.learningRate` |
/// | λ (weight decay) | `weight_decay`, `Adam.weightDecay` |
/// | B (batch size) | `batch_size` (restart only) |
public enum BaselineExperiments {
    /// Every experiment type of the module.
    public static var all: [any Experiment.Type] { [FashionMLPExperiment.self] }
}
