import Baseline
import EquilibriumPropagation
import FrameAveraging
import GauntTensorProduct
import InvertibilityDecomposition
import LieDecomposition
import Session
import SoftEquivariance

/// Every experiment kind the executable knows, by spec `kind`. Only the executable sees all six methods.
enum Registry {
    static var experimentTypes: [any Experiment.Type] {
        BaselineExperiments.all
            + SoftEquivarianceExperiments.all
            + LieDecompositionExperiments.all
            + InvertibilityDecompositionExperiments.all
            + FrameAveragingExperiments.all
            + GauntTensorProductExperiments.all
            + EquilibriumPropagationExperiments.all
    }

    /// The experiment type for a kind, if any.
    static func type(forKind kind: String) -> (any Experiment.Type)? {
        experimentTypes.first { $0.kind == kind }
    }
}
