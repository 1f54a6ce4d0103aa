import Session
import Symmetry

/// Everything a soft-equivariance run is built from, read from a session spec (or built in code for the
/// reproduction). Defaults follow the [CPU] columns of spec §10 for the chosen task.
public struct SoftEquivarianceConfig: Sendable {
    /// The data set (spec §9).
    public enum Task: String, Sendable, CaseIterable { case inertia, motion, cossim }

    public var seed: UInt64
    public var task: Task
    // MARK: data
    /// Inertia: `Y = I·diag(columnScales)`; from `axis` and `coefficient` unless `data.diagonal` is given.
    public var columnScales: [Double]
    /// Inertia: the axis a (0, 1, 2) and coefficient c of `Y = I + c·(I e_a) e_aᵀ` (shown as restart knobs).
    public var axis = 2
    public var coefficient = -1.0
    /// Motion knobs.
    /// CosSim (optional task, §9.2): which symmetries hold, and the coefficient of the extra term.
    public var cosSimVariant = "so3"
    public var cosSimCoefficient = 1.0
    public var lanePull = 0.5
    public var verticalDamping = 1.5
    public var trainCount: Int
    public var validationCount: Int
    public var testCount: Int
    // MARK: model
    public var model: SoftModelKind
    /// The group of Hard(G).
    public var hardGroup: ContinuousGroup = .o3
    public var hidden: RepSum
    public var blocks = 3
    public var mlpHidden = [128, 128, 128]
    public var residualPenalty = 1.0
    // MARK: training
    public var epochs: Int
    public var batchSize: Int
    public var learningRate: Double
    public var weightDecay: Double
    public var clipNorm = 10.0
    /// Model selection evaluates the validation MSE every this many epochs (after `selectAfter`).
    public var evaluationEvery: Int
    // MARK: method
    /// The candidate groups, in table order.
    public var groups: [ContinuousGroup] = [.o3, .o2xy, .o2yz, .o2xz]
    /// The reference entry whose λ is 0 and stays 0 (nil: none).
    public var reference: String? = "O3"
    public var lambda0: Double
    /// The adjust exponent p.
    public var exponent: Double
    /// T_adj in epochs.
    public var adjustEpoch: Int
    /// The tracking window length in epochs (default T_adj/4).
    public var trackingWindow: Int?
    /// Automatic adjustment on (PER) or off (PER-fixed).
    public var autoTune: Bool
    public var includesBias = true
    /// Model selection only among epochs > this (default 2·T_adj).
    public var selectAfter: Int?
    /// EE probes (x), group samples (g), refresh interval in epochs.
    public var equivarianceProbes = 64
    public var equivarianceSamples = 16
    public var equivarianceEvery = 10

    /// The [CPU] defaults of spec §10 for a task and model (inertia λ0 = 3, see the note in the body).
    public init(task: Task, model: SoftModelKind = .per, seed: UInt64 = 0) {
        self.seed = seed
        self.task = task
        self.model = model
        self.autoTune = model == .per
        switch task {
        case .inertia:
            columnScales = [1, 1, 0]
            trainCount = 1000; validationCount = 1000; testCount = 1000
            hidden = RepSum(scalars: 16, vectors: 10, tensors: 6)
            // λ0 = 3, not the [CPU] column's 1: by the spec's own rule (initial λ0·ΣR 10–100× the initial MSE)
            // λ0 = 1 sits at the edge for this initialisation (≈12×); 3 gives ≈37× (docs/soft-equivariance.md).
            lambda0 = 3; exponent = 2; epochs = 800; adjustEpoch = 200
            learningRate = 2e-3; batchSize = 250; weightDecay = 2e-5; evaluationEvery = 10
        case .cossim:
            columnScales = [1, 1, 1]
            trainCount = 1000; validationCount = 1000; testCount = 1000
            hidden = RepSum(scalars: 16, vectors: 10, tensors: 6)
            lambda0 = 1; exponent = 2; epochs = 400; adjustEpoch = 100
            learningRate = 2e-3; batchSize = 250; weightDecay = 2e-5; evaluationEvery = 10
            groups = [.so3, .scale]
            reference = nil
        case .motion:
            columnScales = [1, 1, 1]
            trainCount = 500; validationCount = 1000; testCount = 2000
            hidden = RepSum(scalars: 16, vectors: 12, tensors: 2)
            lambda0 = 1; exponent = 5; epochs = 300; adjustEpoch = 30
            learningRate = 2e-3; batchSize = 50; weightDecay = 0; evaluationEvery = 5
        }
        equivarianceEvery = evaluationEvery
    }

    /// The input and output representations of the task.
    public var inRep: RepSum {
        switch task {
        case .inertia: RepSum(scalars: 5, vectors: 5)
        case .motion: RepSum(vectors: 6)
        case .cossim: RepSum(vectors: 3)
        }
    }
    public var outRep: RepSum {
        switch task {
        case .inertia: RepSum(tensors: 1)
        case .motion: RepSum(vectors: 6)
        case .cossim: RepSum(scalars: 1)
        }
    }
    /// The EMLP-lite layout.
    public var architecture: EMLPLiteArchitecture {
        EMLPLiteArchitecture(inRep: inRep, hidden: hidden, outRep: outRep, blocks: blocks,
                             usesScaleCompatibleProducts: task == .cossim)
    }
    /// The effective tracking window and selection start.
    public var window: Int { trackingWindow ?? max(1, adjustEpoch / 4) }
    public var selectionStart: Int { selectAfter ?? 2 * adjustEpoch }
}
