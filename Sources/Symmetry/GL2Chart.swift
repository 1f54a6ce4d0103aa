import Tensors

/// The linear part `H` of the affine group `R² ⋊ H`: GL+(2,R) or SL(2,R).
///
/// Both are non-compact and `exp` is not onto, so kernels see `H` through the global chart of
/// ``GL2Chart`` built from the polar (Cartan) decomposition (Mironenco & Forré, ICLR 2024, §3).
public enum GL2Group: String, Sendable, Codable, CaseIterable {
    /// GL+(2,R): orientation-preserving linear maps (dimension 4).
    case generalLinear = "GL"
    /// SL(2,R): area-preserving linear maps (dimension 3).
    case specialLinear = "SL"

    /// The dimension of the group (length of a chart vector).
    @inlinable public var dimension: Int { self == .generalLinear ? 4 : 3 }

    /// The dimension of the positive-definite factor's tangent space `p` (3 for GL, 2 traceless for SL).
    @inlinable public var positiveDimension: Int { self == .generalLinear ? 3 : 2 }

    /// `hat(v)`: the symmetric matrix with coordinates `v` in the orthonormal basis of `p`
    /// (`<X, Y> = tr(XᵀY)`): GL `{E₀₀, (E₀₁+E₁₀)/√2, E₁₁}`, SL `{diag(1,−1)/√2, (E₀₁+E₁₀)/√2}`.
    @inlinable
    public func symmetricMatrix<Scalar: FloatingScalar>(coordinates v: [Scalar]) -> GL2Matrix<Scalar> {
        precondition(v.count == positiveDimension, "\(rawValue) needs \(positiveDimension) coordinates, got \(v.count)")
        let s = 1 / Scalar(2).squareRoot()
        switch self {
        case .generalLinear: return GL2Matrix(v[0], v[1] * s, v[1] * s, v[2])
        case .specialLinear: return GL2Matrix(v[0] * s, v[1] * s, v[1] * s, -v[0] * s)
        }
    }
}

/// The global chart `ξ⁻¹: H → R^d` of GL+(2,R) or SL(2,R) and its inverse `ξ`.
///
/// ```
/// ξ(X_p + X_k) = exp(X_p)·exp(X_k)          ξ⁻¹(g) = log P + log R,   g = P·R (polar)
/// SL(2):  z = (√2·b, θ, √2·a)               log P = [[a, b], [b, −a]]
/// GL+(2): z = (a, √2·b, d, θ)               log P = [[a, b], [b, d]]
/// ```
/// `θ = atan2(R₁₀, R₀₀) mod 2π ∈ [0, 2π)`, with `|R₁₀| < 1e-6` snapped to 0 first, so the identity maps to
/// `θ = 0` and not to `2π` after round-off. Coordinates are orthonormal for `<X, Y> = tr(XᵀY)`.
///
/// Tolerance: `ξ(ξ⁻¹(g)) = g` to about 1e-12 relative in Double and 1e-6 in Float (the snap may add up to
/// 1e-6 when `θ ≈ 0`). Citation: Mironenco & Forré, "Lie Group Decompositions for Equivariant Neural
/// Networks", ICLR 2024, §3 (Cartan decomposition and global chart).
public enum GL2Chart {
    /// The threshold below which `|sin θ|` is snapped to 0.
    public static let angleSnap = 1e-6

    /// Chart coordinates `ξ⁻¹(g)` of `g` in `group`, written into `out[0..<group.dimension]`.
    @inlinable
    public static func coordinates<Scalar: FloatingScalar>(
        of g: GL2Matrix<Scalar>, in group: GL2Group, into out: UnsafeMutablePointer<Scalar>
    ) {
        let (p, _, phi) = g.polarDecomposition()
        var sine = Scalar.sin(phi)
        let cosine = Scalar.cos(phi)
        if abs(sine) < Scalar(angleSnap) { sine = 0 }
        var theta = Scalar.atan2(y: sine, x: cosine)
        if theta < 0 { theta += 2 * Scalar.pi }
        if theta >= 2 * Scalar.pi { theta -= 2 * Scalar.pi }
        let l = p.symmetricLog()
        let root2 = Scalar(2).squareRoot()
        switch group {
        case .specialLinear:
            out[0] = root2 * l.m01
            out[1] = theta
            out[2] = root2 * (l.m00 - l.m11) / 2
        case .generalLinear:
            out[0] = l.m00
            out[1] = root2 * l.m01
            out[2] = l.m11
            out[3] = theta
        }
    }

    /// Chart coordinates `ξ⁻¹(g)` as an array.
    @inlinable
    public static func coordinates<Scalar: FloatingScalar>(of g: GL2Matrix<Scalar>, in group: GL2Group) -> [Scalar] {
        var out = [Scalar](repeating: 0, count: group.dimension)
        out.withUnsafeMutableBufferPointer { coordinates(of: g, in: group, into: $0.baseAddress!) }
        return out
    }

    /// The group element `ξ(z) = exp(X_p)·R(θ)` with chart coordinates `z`.
    @inlinable
    public static func element<Scalar: FloatingScalar>(coordinates z: [Scalar], in group: GL2Group) -> GL2Matrix<Scalar> {
        precondition(z.count == group.dimension, "\(group.rawValue) chart needs \(group.dimension) coordinates, got \(z.count)")
        let s = 1 / Scalar(2).squareRoot()
        let x: GL2Matrix<Scalar>
        let theta: Scalar
        switch group {
        case .specialLinear:
            x = GL2Matrix(z[2] * s, z[0] * s, z[0] * s, -z[2] * s)
            theta = z[1]
        case .generalLinear:
            x = GL2Matrix(z[0], z[1] * s, z[1] * s, z[2])
            theta = z[3]
        }
        return x.symmetricExp() * GL2Matrix.rotation(theta)
    }

    /// Projects `g ∈ GL+(2)` to SL(2) by dividing by `√det g`.
    @inlinable
    public static func normalizedToSL<Scalar: FloatingScalar>(_ g: GL2Matrix<Scalar>) -> GL2Matrix<Scalar> {
        (1 / g.determinant.squareRoot()) * g
    }
}
