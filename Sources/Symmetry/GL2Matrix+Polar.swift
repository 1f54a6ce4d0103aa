import Tensors

// MARK: - Closed-form functions of symmetric 2×2 matrices

extension GL2Matrix {
    /// The spectral data of the symmetric part `[[p, q], [q, s]]`: mean eigenvalue `m` and half-gap `r`.
    ///
    /// Eigenvalues are `m ± r` with `m = (p+s)/2`, `r = √(((p−s)/2)² + q²)` (the off-diagonal entries are
    /// averaged, so a matrix that is symmetric up to round-off is treated as symmetric).
    @inlinable
    public var symmetricSpectrum: (mean: Scalar, halfGap: Scalar) {
        let q = (m01 + m10) / 2
        let h = (m00 - m11) / 2
        return ((m00 + m11) / 2, (h * h + q * q).squareRoot())
    }

    /// `f(S) = α·I + β·(S − m·I)` for symmetric `S`, given `α = (f(m+r) + f(m−r))/2` and
    /// `β = (f(m+r) − f(m−r))/(2r)` computed stably by the caller.
    @inlinable
    func symmetricFunction(alpha: Scalar, beta: Scalar, mean m: Scalar) -> GL2Matrix {
        let q = (m01 + m10) / 2
        return GL2Matrix(alpha + beta * (m00 - m), beta * q, beta * q, alpha + beta * (m11 - m))
    }

    /// The matrix exponential of a symmetric matrix (`exp: p → Pos(2)`), closed form.
    ///
    /// `α = e^m cosh r`, `β = e^m sinh(r)/r` (`→ e^m` as `r → 0`). Exact up to rounding.
    @inlinable
    public func symmetricExp() -> GL2Matrix {
        let (m, r) = symmetricSpectrum
        let em = Scalar.exp(m)
        let sinhc: Scalar = r < Scalar(1e-4) ? 1 + r * r / 6 : Scalar.sinh(r) / r
        return symmetricFunction(alpha: em * Scalar.cosh(r), beta: em * sinhc, mean: m)
    }

    /// The principal logarithm of a symmetric positive-definite matrix (`log: Pos(2) → p`), closed form.
    ///
    /// `α = (log(m+r) + log(m−r))/2`, `β = atanh(r/m)/r` (`→ 1/m` as `r → 0`).
    /// - Precondition: positive definite (`m > r`).
    @inlinable
    public func symmetricLog() -> GL2Matrix {
        let (m, r) = symmetricSpectrum
        precondition(m > r, "symmetricLog needs a positive-definite matrix, got \(self)")
        let alpha = (Scalar.log(m + r) + Scalar.log(m - r)) / 2
        let t = r / m
        let beta: Scalar = t < Scalar(1e-4) ? (1 + t * t / 3) / m : Scalar.atanh(t) / r
        return symmetricFunction(alpha: alpha, beta: beta, mean: m)
    }

    /// The positive-definite square root of a symmetric positive-definite matrix, closed form.
    ///
    /// `β = 1/(√(m+r) + √(m−r))` (no cancellation).
    @inlinable
    public func symmetricSquareRoot() -> GL2Matrix {
        let (m, r) = symmetricSpectrum
        precondition(m > r, "symmetricSquareRoot needs a positive-definite matrix, got \(self)")
        let a = (m + r).squareRoot(), b = (m - r).squareRoot()
        return symmetricFunction(alpha: (a + b) / 2, beta: 1 / (a + b), mean: m)
    }

    /// `S^{-1/2}` of a symmetric positive-definite matrix, closed form.
    @inlinable
    public func symmetricInverseSquareRoot() -> GL2Matrix {
        let (m, r) = symmetricSpectrum
        precondition(m > r, "symmetricInverseSquareRoot needs a positive-definite matrix, got \(self)")
        let a = (m + r).squareRoot(), b = (m - r).squareRoot()
        return symmetricFunction(alpha: (1 / a + 1 / b) / 2, beta: -1 / (a * b * (a + b)), mean: m)
    }
}

// MARK: - Polar (Cartan) decomposition

extension GL2Matrix {
    /// The polar decomposition `g = P·R` of `g ∈ GL+(2)`: `P = (g gᵀ)^{1/2} ∈ Pos(2)`, `R = P⁻¹g ∈ SO(2)`.
    ///
    /// Closed form: `R = R(φ)` with `φ = atan2(m10 − m01, m00 + m11)` (the unique rotation making `g Rᵀ`
    /// symmetric with positive trace), then `P = g·Rᵀ`, symmetrised. For `g ∈ SL(2)`, `det P = 1`.
    ///
    /// - Returns: `P`, `R` and the angle `φ ∈ (−π, π]` of `R`.
    /// - Precondition: `det g > 0`.
    @inlinable
    public func polarDecomposition() -> (positive: GL2Matrix, rotation: GL2Matrix, angle: Scalar) {
        precondition(determinant > 0, "polar decomposition needs det > 0, got \(determinant) for \(self)")
        let phi = Scalar.atan2(y: m10 - m01, x: m00 + m11)
        let r = GL2Matrix.rotation(phi)
        let p = self * r.transposed
        let q = (p.m01 + p.m10) / 2
        return (GL2Matrix(p.m00, q, q, p.m11), r, phi)
    }
}
