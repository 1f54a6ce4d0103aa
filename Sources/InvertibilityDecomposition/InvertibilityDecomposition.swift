import Session

/// The experiments this module contributes to the `equilab` registry.
public enum InvertibilityDecompositionExperiments {
    /// Every experiment type of the module (empty until the method lands).
    public static var all: [any Experiment.Type] { [] }
}
