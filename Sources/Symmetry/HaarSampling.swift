import Tensors

/// How the rotation factors of a Monte Carlo sample set are placed on SO(2).
public enum RotationSampling: String, Sendable, Codable, CaseIterable {
    /// `θ_k = −π + 2πk/N`: N distinct equidistant angles (exact invariance to rotations by multiples of 2π/N).
    case equidistant
    /// Equidistant with one random global offset `2πu/N`, `u ~ U(0,1)`, per draw (rotation-invariant in law).
    case offset
    /// `θ_k = linspace(−π, π, N)` as in the reference code (its end points are the same rotation).
    case linspace
}

/// One sampled element `g = exp(X/2)·R(θ)` of GL+(2,R) or SL(2,R) with its inverse.
public struct GL2Sample<Scalar: FloatingScalar>: Sendable, Hashable, Codable {
    /// `g_k = exp(X_k/2)·R(θ_k)`.
    public var element: GL2Matrix<Scalar>
    /// `g_k⁻¹ = R(−θ_k)·exp(−X_k/2)`, built factor by factor (no matrix inversion).
    public var inverse: GL2Matrix<Scalar>
    /// The rotation angle `θ_k`.
    public var angle: Scalar
    /// The coordinates `v_k ~ N(0, σ² I)` of `X_k` in the orthonormal basis of `p`.
    public var algebraCoordinates: [Scalar]

    /// Creates a sample from its parts (the caller guarantees `element·inverse = I`).
    public init(element: GL2Matrix<Scalar>, inverse: GL2Matrix<Scalar>, angle: Scalar, algebraCoordinates: [Scalar]) {
        self.element = element
        self.inverse = inverse
        self.angle = angle
        self.algebraCoordinates = algebraCoordinates
    }
}

/// Factorised Monte Carlo sampling over `H = Pos(2)·SO(2)` (GL+(2)) or `SPos(2)·SO(2)` (SL(2)).
///
/// Each draw gives `N` elements paired factor by factor (not an N×N grid):
/// ```
/// rotation:          θ_k  (equidistant / random offset / linspace)
/// positive-definite: v_k ~ N(0, σ² I_m),  X_k = hat(v_k),  S_k = exp(X_k)      (σ² is a variance)
/// element, inverse:  g_k = exp(X_k/2)·R(θ_k),   g_k⁻¹ = R(−θ_k)·exp(−X_k/2)
/// ```
/// The Haar measure factorises as `dμ(g) = dμ_Pos(S)·dR` with `dμ_Pos(S) = det(S)^{-3/2} dS`; in exponential
/// coordinates `dμ_Pos ∝ sinh(Δ/2)/(Δ/2) dX` (`Δ = λ₁ − λ₂`, the eigenvalue gap of `X`). The network averages
/// against the log-normal proposal without weights (as the paper's code does); ``importanceWeight(_:)`` gives
/// `haar(X)/q(X)` for estimators that integrate against Haar itself.
///
/// Citation: Mironenco & Forré, ICLR 2024, §3–4 (factorised Haar measure, Monte Carlo over the factors).
public struct HaarSampler: Sendable, Hashable, Codable {
    /// GL+(2) or SL(2).
    public var group: GL2Group
    /// The number of samples `N` per draw.
    public var count: Int
    /// The variance `σ²` of the log-normal positive-definite factor (0 gives pure rotations).
    public var variance: Double
    /// How rotation angles are placed.
    public var rotation: RotationSampling

    /// Creates a sampler (`σ² = 0.1`, equidistant angles by default).
    public init(group: GL2Group, count: Int, variance: Double = 0.1, rotation: RotationSampling = .equidistant) {
        precondition(count >= 1, "HaarSampler needs at least one sample, got \(count)")
        precondition(variance >= 0, "HaarSampler variance must be non-negative, got \(variance)")
        self.group = group
        self.count = count
        self.variance = variance
        self.rotation = rotation
    }

    /// The N rotation angles of one draw.
    public func angles(using rng: inout RandomSource) -> [Double] {
        let n = Double(count)
        switch rotation {
        case .equidistant:
            return (0..<count).map { -Double.pi + 2 * Double.pi * Double($0) / n }
        case .offset:
            let u = rng.uniform()
            return (0..<count).map { -Double.pi + 2 * Double.pi * (Double($0) + u) / n }
        case .linspace:
            if count == 1 { return [-Double.pi] }
            return (0..<count).map { -Double.pi + 2 * Double.pi * Double($0) / (n - 1) }
        }
    }

    /// Draws one sample set of `count` elements with their inverses (batched: one pass, no matrix inverse).
    ///
    /// Consumes one uniform (offset mode) plus `count·m` normals from `rng`, in that order.
    public func draw<Scalar: FloatingScalar>(as: Scalar.Type = Scalar.self,
                                             using rng: inout RandomSource) -> [GL2Sample<Scalar>] {
        let thetas = angles(using: &rng)
        let sd = variance.squareRoot()
        let m = group.positiveDimension
        var out: [GL2Sample<Scalar>] = []
        out.reserveCapacity(count)
        for k in 0..<count {
            var v = [Double](repeating: 0, count: m)
            for a in 0..<m { v[a] = sd * rng.normal() }
            let x = group.symmetricMatrix(coordinates: v)
            let half = (0.5 * x).symmetricExp()
            let halfInverse = (-0.5 * x).symmetricExp()
            let r = GL2Matrix<Double>.rotation(thetas[k])
            out.append(GL2Sample(element: (half * r).converted(), inverse: (r.transposed * halfInverse).converted(),
                                 angle: Scalar(thetas[k]), algebraCoordinates: v.map { Scalar($0) }))
        }
        return out
    }

    // MARK: - Densities

    /// The Haar density of `Pos(2)` in exponential coordinates, `sinh(Δ/2)/(Δ/2)` (up to a constant).
    public static func positiveDefiniteHaarDensity(_ x: GL2Matrix<Double>) -> Double {
        let gap = 2 * x.symmetricSpectrum.halfGap
        let h = gap / 2
        return h < 1e-8 ? 1 : Double.sinh(h) / h
    }

    /// The proposal density `q(v) = (2πσ²)^{-m/2} exp(−|v|²/2σ²)` of the algebra coordinates.
    public func proposalDensity(_ v: [Double]) -> Double {
        precondition(variance > 0, "proposal density needs σ² > 0")
        let sq = v.reduce(0) { $0 + $1 * $1 }
        return Double.exp(-sq / (2 * variance)) / Double.pow(2 * Double.pi * variance, Double(v.count) / 2)
    }

    /// The importance weight `haar(X)/q(v)` that turns averages over draws into integrals against the
    /// Haar measure of `Pos(2)` (SL: `SPos(2)`), for `X = hat(v)`.
    public func importanceWeight(_ v: [Double]) -> Double {
        Self.positiveDefiniteHaarDensity(group.symmetricMatrix(coordinates: v)) / proposalDensity(v)
    }
}
