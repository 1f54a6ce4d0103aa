import Tensors

/// The symmetry group a PCA frame is built for (Puny et al. 2022, §3.1).
public enum FrameGroup: String, Sendable, CaseIterable, Codable {
    /// Rotations and reflections about the origin: 8 frame elements, no centring.
    case o3 = "O3"
    /// Proper rotations about the origin: 4 elements (det +1).
    case so3 = "SO3"
    /// O(3) ⋉ translations: 8 elements, centred at the centroid.
    case e3 = "E3"
    /// SO(3) ⋉ translations: 4 elements, centred at the centroid.
    case se3 = "SE3"

    /// Whether the group contains translations (the frame then centres at the centroid).
    public var hasTranslations: Bool { self == .e3 || self == .se3 }
    /// Whether only det +1 elements are kept.
    public var isProper: Bool { self == .so3 || self == .se3 }
}

/// The PCA frame of a 3-D point cloud: `F(X) = {(U·diag(s), t)}` over sign patterns `s ∈ {±1}³`.
///
/// ```
/// t = mean of rows of X            C = (X − 1tᵀ)ᵀ(X − 1tᵀ) = U Λ Uᵀ  (ascending λ, float64 Jacobi)
/// canonicalise:  (X − 1tᵀ) U diag(s)          map back:  Y (U diag(s))ᵀ (+ 1tᵀ for positions)
/// ```
/// Equivariance: `F(X Rᵀ + 1tᵀ) = (R, t)·F(X)` as sets whenever λ1 < λ2 < λ3. When a relative gap
/// `(λ2−λ1)/λ3` or `(λ3−λ2)/λ3` is below `degeneracyTolerance` the frame is flagged `isDegenerate` (it stays
/// orthonormal and finite; use `sampledElements` for the approximate-FA fallback).
public struct PCAFrame: Sendable, Equatable {
    /// Relative eigen-gap below which a cloud counts as degenerate.
    public static let degeneracyTolerance = 1e-6

    /// The group.
    public var group: FrameGroup
    /// The centroid `t` (zero for O(3)/SO(3)).
    public var centroid: [Double]
    /// The eigenvector matrix `U` (row-major 3×3, columns ascending).
    public var basis: [Double]
    /// Eigenvalues of `C`, ascending.
    public var eigenvalues: [Double]
    /// The frame elements `F_k = U diag(s_k)` (row-major 3×3), 8 or 4.
    public var elements: [[Double]]

    /// Builds the frame of `points` (`[n·3]`, particle-major).
    public init(points: [Double], group: FrameGroup) {
        precondition(points.count % 3 == 0, "PCAFrame needs n·3 coordinates, got \(points.count)")
        let n = points.count / 3
        var t = [0.0, 0.0, 0.0]
        if group.hasTranslations && n > 0 {
            for i in 0..<n { for d in 0..<3 { t[d] += points[i * 3 + d] } }
            for d in 0..<3 { t[d] /= Double(n) }
        }
        var c = [Double](repeating: 0, count: 9)
        for i in 0..<n {
            let a = points[i * 3] - t[0], b = points[i * 3 + 1] - t[1], e = points[i * 3 + 2] - t[2]
            let r = [a, b, e]
            for p in 0..<3 { for q in 0..<3 { c[p * 3 + q] += r[p] * r[q] } }
        }
        self.init(centroid: t, covariance: c, group: group)
    }

    /// Builds the frame from a centroid and a 3×3 covariance (for latent vector sets).
    public init(centroid: [Double], covariance: [Double], group: FrameGroup) {
        let finite = covariance.allSatisfy { $0.isFinite }
        let (values, vectors) = SymmetricEigen.decompose(finite ? covariance : [Double](repeating: 0, count: 9), n: 3)
        self.group = group
        self.centroid = centroid
        self.basis = vectors
        self.eigenvalues = values
        self.elements = PCAFrame.signedElements(vectors, proper: group.isProper)
    }

    /// `U diag(s)` for the 8 sign patterns (or the 4 with det +1), in a fixed order (bit b of k flips column b).
    public static func signedElements(_ u: [Double], proper: Bool) -> [[Double]] {
        var out: [[Double]] = []
        let detU = determinant3(u)
        for k in 0..<8 {
            let s = (0..<3).map { ((k >> $0) & 1) == 1 ? -1.0 : 1.0 }
            if proper && detU * s[0] * s[1] * s[2] < 0 { continue }
            var f = u
            for r in 0..<3 { for col in 0..<3 { f[r * 3 + col] *= s[col] } }
            out.append(f)
        }
        return out
    }

    /// The relative gaps `((λ2−λ1)/λ3, (λ3−λ2)/λ3)` (0 when λ3 = 0).
    public var relativeGaps: (Double, Double) {
        let top = eigenvalues[2]
        guard top > 0 else { return (0, 0) }
        return ((eigenvalues[1] - eigenvalues[0]) / top, (eigenvalues[2] - eigenvalues[1]) / top)
    }

    /// The smaller relative gap.
    public var minimumGap: Double { let g = relativeGaps; return Swift.min(g.0, g.1) }

    /// Whether the spectrum is (nearly) repeated, so the 8-element frame is not equivariant.
    public var isDegenerate: Bool { minimumGap < PCAFrame.degeneracyTolerance }

    /// Coordinates of `points` in element `k`'s basis: `(X − 1tᵀ) F_k` (translation only for E(3)/SE(3)).
    public func canonicalize(_ points: [Double], element k: Int, isVector: Bool = false) -> [Double] {
        PCAFrame.apply(points, elements[k], transpose: false, shift: isVector ? nil : centroid, subtract: true)
    }

    /// Maps canonical outputs back: `Y F_kᵀ (+ 1tᵀ for positions)`.
    public func mapBack(_ outputs: [Double], element k: Int, isVector: Bool) -> [Double] {
        PCAFrame.apply(outputs, elements[k], transpose: true, shift: isVector ? nil : centroid, subtract: false)
    }

    /// `rows · M` (or `rows · Mᵀ`), with the shift subtracted before or added after.
    static func apply(_ rows: [Double], _ m: [Double], transpose: Bool, shift: [Double]?, subtract: Bool) -> [Double] {
        let n = rows.count / 3
        var out = [Double](repeating: 0, count: rows.count)
        for i in 0..<n {
            var r = [rows[i * 3], rows[i * 3 + 1], rows[i * 3 + 2]]
            if subtract, let shift { for d in 0..<3 { r[d] -= shift[d] } }
            for col in 0..<3 {
                var acc = 0.0
                for d in 0..<3 { acc += r[d] * (transpose ? m[col * 3 + d] : m[d * 3 + col]) }
                out[i * 3 + col] = acc
            }
            if !subtract, let shift { for d in 0..<3 { out[i * 3 + d] += shift[d] } }
        }
        return out
    }
}

/// The determinant of a row-major 3×3 matrix.
@inlinable
func determinant3(_ m: [Double]) -> Double {
    m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6])
}
