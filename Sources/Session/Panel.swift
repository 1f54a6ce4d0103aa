/// A method's diagnostics, typed so every front end can draw them without knowing the method.
///
/// Experiments return panels from `diagnostics()`; the engine puts the latest ones in each `Snapshot`.
public enum Panel: Sendable, Equatable {
    /// Per-symmetry regularizer strengths and measured equivariance errors (soft equivariance).
    case symmetry(SymmetryPanel)
    /// Equilibrium-propagation nudge diagnostics.
    case nudge(NudgePanel)
    /// Small grey-scale images and masks shown side by side.
    case images(ImagePanel)
    /// A titled table of text cells.
    case table(TablePanel)
    /// Named scalar series that are not per-step metrics (a sweep, a benchmark curve): x/y points.
    case curves(CurvePanel)
    /// Free text lines (a phase line, a warning).
    case text(title: String, lines: [String])

    /// The panel's title.
    public var title: String {
        switch self {
        case .symmetry(let p): p.title
        case .nudge(let p): p.title
        case .images(let p): p.title
        case .table(let p): p.title
        case .curves(let p): p.title
        case .text(let title, _): title
        }
    }
}

/// One candidate symmetry group's row in the symmetry panel.
public struct SymmetryRow: Sendable, Equatable, Codable {
    /// Group name (`"O3"`, `"O2xy"`, `"Scale"`).
    public var group: String
    /// The current regularizer strength λ_k.
    public var strength: Double
    /// λ_k over time (for a sparkline).
    public var strengthHistory: [Double]
    /// The tracked regularizer value R_k (and its recent history).
    public var regularizer: Double
    public var regularizerHistory: [Double]
    /// The adjustment statistic a_k (method specific; NaN when not applicable).
    public var adjustment: Double
    /// The model's measured relative equivariance error EE_k.
    public var modelError: Double
    /// The data-generating function's equivariance error, when known (NaN otherwise).
    public var trueError: Double
    /// Marked as the selected / winning group.
    public var isWinner: Bool
    /// Strength frozen (by the method's rule or the user).
    public var isFrozen: Bool
    /// Whether the group is among the active candidates.
    public var isEnabled: Bool

    public init(group: String, strength: Double, strengthHistory: [Double] = [], regularizer: Double,
                regularizerHistory: [Double] = [], adjustment: Double = .nan, modelError: Double,
                trueError: Double = .nan, isWinner: Bool = false, isFrozen: Bool = false, isEnabled: Bool = true) {
        self.group = group
        self.strength = strength
        self.strengthHistory = strengthHistory
        self.regularizer = regularizer
        self.regularizerHistory = regularizerHistory
        self.adjustment = adjustment
        self.modelError = modelError
        self.trueError = trueError
        self.isWinner = isWinner
        self.isFrozen = isFrozen
        self.isEnabled = isEnabled
    }
}

/// The per-symmetry table of a soft-equivariance model.
public struct SymmetryPanel: Sendable, Equatable {
    public var title: String
    public var rows: [SymmetryRow]
    /// A status line: the phase and the countdown to the next adjustment.
    public var phase: String
    /// Loss breakdown (task, each regularizer) as name/value pairs.
    public var lossBreakdown: [(name: String, value: Double)]
    /// Warnings shown as badges (e.g. a weak λ₀).
    public var warnings: [String]

    public init(title: String = "symmetries", rows: [SymmetryRow], phase: String = "",
                lossBreakdown: [(name: String, value: Double)] = [], warnings: [String] = []) {
        self.title = title
        self.rows = rows
        self.phase = phase
        self.lossBreakdown = lossBreakdown
        self.warnings = warnings
    }

    public static func == (a: SymmetryPanel, b: SymmetryPanel) -> Bool {
        a.title == b.title && a.rows == b.rows && a.phase == b.phase && a.warnings == b.warnings
            && a.lossBreakdown.map(\.name) == b.lossBreakdown.map(\.name)
            && a.lossBreakdown.map(\.value) == b.lossBreakdown.map(\.value)
    }
}

/// Equilibrium-propagation nudge diagnostics.
public struct NudgePanel: Sendable, Equatable {
    public var title: String
    /// The estimator in use (`"hEP"`, `"EP"`, `"RBP"`, ...).
    public var estimator: String
    /// Nudge radius |β| (r) and number of phase points N.
    public var radius: Double
    public var phaseCount: Int
    /// The nudges β_k as (re, im) points on the circle.
    public var phasePoints: [(re: Double, im: Double)]
    /// Fixed-point residual of the free phase and of each nudged phase.
    public var freeResidual: Double
    public var nudgedResiduals: [Double]
    /// Per layer: name and cosine between estimated and exact gradient.
    public var layerAlignment: [(layer: String, cosine: Double)]
    /// Jacobian asymmetry ‖J − Jᵀ‖_F / ‖J‖_F (or the method's symmetry score).
    public var jacobianAsymmetry: Double
    /// Further named scalars (spectral radius, L_homeo, finite-nudge error, …).
    public var extras: [(name: String, value: Double)]

    public init(title: String = "nudge", estimator: String, radius: Double, phaseCount: Int,
                phasePoints: [(re: Double, im: Double)], freeResidual: Double, nudgedResiduals: [Double],
                layerAlignment: [(layer: String, cosine: Double)], jacobianAsymmetry: Double,
                extras: [(name: String, value: Double)] = []) {
        self.title = title
        self.estimator = estimator
        self.radius = radius
        self.phaseCount = phaseCount
        self.phasePoints = phasePoints
        self.freeResidual = freeResidual
        self.nudgedResiduals = nudgedResiduals
        self.layerAlignment = layerAlignment
        self.jacobianAsymmetry = jacobianAsymmetry
        self.extras = extras
    }

    public static func == (a: NudgePanel, b: NudgePanel) -> Bool {
        a.title == b.title && a.estimator == b.estimator && a.radius == b.radius && a.phaseCount == b.phaseCount
            && a.phasePoints.map(\.re) == b.phasePoints.map(\.re) && a.phasePoints.map(\.im) == b.phasePoints.map(\.im)
            && a.freeResidual == b.freeResidual && a.nudgedResiduals == b.nudgedResiduals
            && a.layerAlignment.map(\.layer) == b.layerAlignment.map(\.layer)
            && a.layerAlignment.map(\.cosine) == b.layerAlignment.map(\.cosine)
            && a.jacobianAsymmetry == b.jacobianAsymmetry
            && a.extras.map(\.name) == b.extras.map(\.name) && a.extras.map(\.value) == b.extras.map(\.value)
    }
}

/// A small grey-scale image (values in [0, 1], row-major `[height, width]`).
public struct PanelImage: Sendable, Equatable, Codable {
    public var label: String
    public var width: Int
    public var height: Int
    public var pixels: [Float]

    public init(label: String, width: Int, height: Int, pixels: [Float]) {
        precondition(pixels.count == width * height, "image \(label): \(pixels.count) pixels for \(width)x\(height)")
        self.label = label
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}

/// Images side by side (input, inversion, masks, blend, ...).
public struct ImagePanel: Sendable, Equatable {
    public var title: String
    public var images: [PanelImage]
    /// A caption under the strip (which test image, IoU, ...).
    public var caption: String

    public init(title: String, images: [PanelImage], caption: String = "") {
        self.title = title
        self.images = images
        self.caption = caption
    }
}

/// A table of text cells.
public struct TablePanel: Sendable, Equatable {
    public var title: String
    public var columns: [String]
    public var rows: [[String]]

    public init(title: String, columns: [String], rows: [[String]]) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }
}

/// Named x/y curves (e.g. finite-nudge error vs N, time per product vs L).
public struct CurvePanel: Sendable, Equatable {
    public struct Curve: Sendable, Equatable {
        public var name: String
        public var x: [Double]
        public var y: [Double]
        public init(name: String, x: [Double], y: [Double]) { self.name = name; self.x = x; self.y = y }
    }
    public var title: String
    public var curves: [Curve]
    public var logX: Bool
    public var logY: Bool

    public init(title: String, curves: [Curve], logX: Bool = false, logY: Bool = false) {
        self.title = title
        self.curves = curves
        self.logX = logX
        self.logY = logY
    }
}
