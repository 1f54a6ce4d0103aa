import Session

/// The experiments this module contributes to the `equilab` registry.
public enum BaselineExperiments {
    /// Every experiment type of the module.
    public static var all: [any Experiment.Type] { [] }
}
