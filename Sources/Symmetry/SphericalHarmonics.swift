import Tensors

/// Real orthonormal spherical harmonics without the Condon–Shortley phase (Gaunt spec §2).
///
/// ```
/// Y_{l,0}  = Pbar_l^0(cos t)
/// Y_{l,m}  = √2 Pbar_l^m(cos t) cos(m p)      (m > 0)
/// Y_{l,-m} = √2 Pbar_l^m(cos t) sin(m p)      (m > 0)
/// ```
/// with `Pbar_l^m` the normalised associated Legendre function (no `(-1)^m`). Coefficients of all degrees
/// `<= L` are stored flat at `a(l, m) = l² + l + m`, `(L+1)²` numbers.
///
/// Evaluation goes through `Pbar_l^m(c, s) = s^m Q_l^m(c)` and `s^m e^{imp} = ((x + iy)/r)^m`, so a point is
/// given as Cartesian coordinates and no angle is ever formed: negating the point changes every `Y_l` by
/// exactly `(-1)^l` in floating point (mirror tests rely on it). For the torus extension of §4, pass
/// `(x, y, z) = (sin t cos p, sin t sin p, cos t)` with the *signed* `sin t` (`evaluate(theta:phi:)` does).
public enum SphericalHarmonics {
    /// The flat index `l² + l + m` of degree `l`, order `m`.
    @inlinable public static func index(l: Int, m: Int) -> Int { l * l + l + m }

    /// The number of coefficients of all degrees `<= maxDegree`: `(L+1)²`.
    @inlinable public static func count(maxDegree: Int) -> Int { (maxDegree + 1) * (maxDegree + 1) }

    /// The degree of flat index `a`.
    @inlinable public static func degree(ofIndex a: Int) -> Int { Int(Double(a).squareRoot().rounded(.down)) }

    /// The packed index of `Q_l^m` (`m >= 0`) in a Legendre table: `l(l+1)/2 + m`.
    @inlinable public static func legendreIndex(l: Int, m: Int) -> Int { l * (l + 1) / 2 + m }

    /// `Q_l^m(c)` for all `0 <= m <= l <= L`, where `Pbar_l^m(c, s) = s^m Q_l^m(c)` (stable three-term recurrence).
    ///
    /// `Q_0^0 = 1/√(4π)`, `Q_m^m = √((2m+1)/(2m)) Q_{m-1}^{m-1}`, `Q_{m+1}^m = √(2m+3) c Q_m^m`,
    /// `Q_l^m = a_lm (c Q_{l-1}^m − Q_{l-2}^m / a_{l-1,m})`, `a_lm = √((4l²−1)/(l²−m²))`.
    /// - Returns: the packed table, `(L+1)(L+2)/2` values.
    public static func legendreTable(maxDegree L: Int, cosTheta c: Double) -> [Double] {
        var q = [Double](repeating: 0, count: (L + 1) * (L + 2) / 2)
        var diag = 1 / (4 * Double.pi).squareRoot()
        for m in 0...L {
            if m > 0 { diag *= (Double(2 * m + 1) / Double(2 * m)).squareRoot() }
            q[legendreIndex(l: m, m: m)] = diag
            if m + 1 <= L { q[legendreIndex(l: m + 1, m: m)] = Double(2 * m + 3).squareRoot() * c * diag }
            if m + 2 <= L {
                for l in (m + 2)...L {
                    let a = coefficient(l, m), aPrev = coefficient(l - 1, m)
                    q[legendreIndex(l: l, m: m)] =
                        a * (c * q[legendreIndex(l: l - 1, m: m)] - q[legendreIndex(l: l - 2, m: m)] / aPrev)
                }
            }
        }
        return q
    }

    @inlinable static func coefficient(_ l: Int, _ m: Int) -> Double {
        (Double(4 * l * l - 1) / Double(l * l - m * m)).squareRoot()
    }

    /// All `Y_a` of degree `<= L` at the point `(x, y, z)`, normalised to the unit sphere first.
    ///
    /// - Precondition: the point is not the origin.
    public static func evaluate(maxDegree L: Int, x: Double, y: Double, z: Double) -> [Double] {
        let r = (x * x + y * y + z * z).squareRoot()
        precondition(r > 0, "spherical harmonics of the origin")
        return evaluateUnnormalised(maxDegree: L, x: x / r, y: y / r, z: z / r)
    }

    /// All `Y_a` of degree `<= L` on the torus extension at polar angle `theta ∈ [0, 2π)` (signed `sin`), azimuth `phi`.
    public static func evaluate(maxDegree L: Int, theta: Double, phi: Double) -> [Double] {
        let s = Double.sin(theta)
        return evaluateUnnormalised(maxDegree: L, x: s * Double.cos(phi), y: s * Double.sin(phi), z: Double.cos(theta))
    }

    /// All `Y_a` with `c = z` and `s^m e^{imp} = (x + iy)^m` taken as given (no normalisation).
    public static func evaluateUnnormalised(maxDegree L: Int, x: Double, y: Double, z: Double) -> [Double] {
        let q = legendreTable(maxDegree: L, cosTheta: z)
        var out = [Double](repeating: 0, count: count(maxDegree: L))
        var re = 1.0, im = 0.0
        let root2 = 2.0.squareRoot()
        for m in 0...L {
            if m > 0 { (re, im) = (re * x - im * y, re * y + im * x) }
            for l in m...L {
                let p = q[legendreIndex(l: l, m: m)]
                if m == 0 {
                    out[index(l: l, m: 0)] = p
                } else {
                    out[index(l: l, m: m)] = root2 * p * re
                    out[index(l: l, m: -m)] = root2 * p * im
                }
            }
        }
        return out
    }

    /// `Y` of many directions at once: `[n, 3]` points to `[n, (L+1)²]` (each point normalised).
    public static func evaluate<S: FloatingScalar>(maxDegree L: Int, directions: Tensor<S>) -> Tensor<S> {
        precondition(directions.rank == 2 && directions.shape[1] == 3, "directions must be [n, 3], got \(directions.shape)")
        let n = directions.shape[0], k = count(maxDegree: L)
        var out = [S]()
        out.reserveCapacity(n * k)
        for i in 0..<n {
            let p = directions.scalars[(3 * i)..<(3 * i + 3)].map { Double($0) }
            out.append(contentsOf: evaluate(maxDegree: L, x: p[0], y: p[1], z: p[2]).map { S($0) })
        }
        return Tensor(shape: [n, k], scalars: out)
    }
}
