import Tensors

/// How the neuronal error vector that drives the local weight update is obtained (spec §3–§5).
public enum ErrorEstimator: String, CaseIterable, Sendable, Codable {
    /// Holomorphic EP: N nudged phases β_k = r·e^{i(θ₀ + 2πk/N)}, Cauchy mean ν̂_N (spec §5).
    case holomorphic = "hEP"
    /// The exact EP tangent ν = ds*/dβ at β = 0 by the iteration w ← M D w + c*, ν = D w (spec §4).
    case tangent = "tangent"
    /// The true error δ = (I − D Mᵀ)⁻¹ D c* by the adjoint iteration: recurrent backprop (spec §3).
    case recurrentBackprop = "RBP"
    /// Classic one-sided real EP: N = 1, θ₀ = 0, ν̂ = [s*(r) − s*(0)]/r.
    case classic = "EP"
    /// The online "oscillation" form (NeurIPS 2022): one relaxation from u = 0 with β stepped around the
    /// circle, β_k held for T2 steps, `periods` turns; ν̂ = Re mean_k s(end of block)/β_k, u* = Re mean u.
    case online = "online"

    /// The names offered by the live choice editor, in order.
    public static var choiceNames: [String] { allCases.map(\.rawValue) }
}

/// The settings of the nudged phases and of the error iterations.
public struct NudgeSettings: Sendable, Equatable {
    /// Nudge radius r = |β|.
    public var radius: Double
    /// Number of phase points N on the circle.
    public var phaseCount: Int
    /// Phase offset θ₀ (radians).
    public var phaseOffset: Double
    /// Steps of each nudged phase (and of the tangent/adjoint iterations), T2.
    public var steps: Int
    /// Damping γ of the dynamics.
    public var damping: Double
    /// Early-stop tolerance on the residual (0: run all steps).
    public var tolerance: Double

    /// Settings with r, N, θ₀ (radians), T2, γ and the early-stop tolerance.
    public init(radius: Double, phaseCount: Int, phaseOffset: Double = 0, steps: Int, damping: Double = 1,
                tolerance: Double = 0) {
        self.radius = radius
        self.phaseCount = phaseCount
        self.phaseOffset = phaseOffset
        self.steps = steps
        self.damping = damping
        self.tolerance = tolerance
    }
}

/// One nudge point of the Cauchy estimate: its angle θ_k and its weight (2 when it also stands for its
/// complex conjugate).
public struct PhasePoint: Sendable, Equatable {
    /// θ_k in [0, 2π).
    public var angle: Double
    /// 1, or 2 when the point also stands for its conjugate.
    public var weight: Double

    /// The phase points for N, θ₀ with the conjugate-pair trick (spec §5).
    ///
    /// When the set {θ₀ + 2πk/N} is closed under θ ↦ −θ (N·θ₀/π whole), only the angles in [0, π] are
    /// relaxed, the real ones (θ = 0, π) with weight 1 and the others with weight 2: for real parameters
    /// s*(β̄) = conj s*(β), so the conjugate phase adds the same real part. Otherwise all N are returned.
    public static func circle(count n: Int, offset theta0: Double) -> [PhasePoint] {
        precondition(n >= 1, "need at least one phase")
        let angles = (0..<n).map { k -> Double in
            var a = (theta0 + 2 * Double.pi * Double(k) / Double(n)).truncatingRemainder(dividingBy: 2 * Double.pi)
            if a < 0 { a += 2 * Double.pi }
            return a
        }
        let q = Double(n) * theta0 / Double.pi
        guard abs(q - q.rounded()) < 1e-9 else { return angles.map { PhasePoint(angle: $0, weight: 1) } }
        let eps = 1e-9
        var out: [PhasePoint] = []
        for a in angles {
            if abs(a) < eps || abs(a - 2 * Double.pi) < eps { out.append(PhasePoint(angle: 0, weight: 1)) }
            else if abs(a - Double.pi) < eps { out.append(PhasePoint(angle: Double.pi, weight: 1)) }
            else if a < Double.pi { out.append(PhasePoint(angle: a, weight: 2)) }
        }
        return out
    }
}
