/// Orthonormal null-space bases by one-sided Jacobi (Hestenes) SVD in Double.
///
/// For a constraint matrix `C` (`rows × cols`, row-major), the right singular vectors whose singular value is
/// below `relativeTolerance · σ_max` span `null(C)`. One-sided Jacobi rotates pairs of columns of `C` until all
/// are mutually orthogonal, accumulating the rotations in `V`; the column norms are then the singular values.
/// Accurate to a few ulps of `σ_max` at the sizes used here (at most 81 columns).
public enum RepNullSpace {
    /// An orthonormal basis of `null(C)` as the columns of a `cols × k` row-major matrix (returned as `k` vectors).
    ///
    /// - Parameters:
    ///   - c: the row-major constraint matrix.
    ///   - rows: its row count (may be 0: then the whole space is returned).
    ///   - cols: its column count.
    ///   - relativeTolerance: singular values below this times `σ_max` count as zero (spec: `1e−7`).
    /// - Returns: the basis vectors, each of length `cols`.
    public static func basis(_ c: [Double], rows: Int, cols: Int, relativeTolerance: Double = 1e-7) -> [[Double]] {
        precondition(c.count == rows * cols, "constraint matrix has \(c.count) entries, expected \(rows)x\(cols)")
        if rows == 0 || c.allSatisfy({ $0 == 0 }) {
            return (0..<cols).map { j in (0..<cols).map { $0 == j ? 1 : 0 } }
        }
        // Column-major copies: a[j] is column j of C, v[j] column j of V.
        var a = (0..<cols).map { j in (0..<rows).map { c[$0 * cols + j] } }
        var v = (0..<cols).map { j in (0..<cols).map { $0 == j ? 1.0 : 0.0 } }
        for _ in 0..<60 {
            var rotated = false
            for p in 0..<(cols - 1) {
                for q in (p + 1)..<cols {
                    var alpha = 0.0, beta = 0.0, gamma = 0.0
                    for i in 0..<rows {
                        alpha += a[p][i] * a[p][i]
                        beta += a[q][i] * a[q][i]
                        gamma += a[p][i] * a[q][i]
                    }
                    if gamma == 0 || abs(gamma) <= 1e-15 * (alpha * beta).squareRoot() { continue }
                    rotated = true
                    let zeta = (beta - alpha) / (2 * gamma)
                    let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                    let cs = 1 / (1 + t * t).squareRoot(), sn = cs * t
                    for i in 0..<rows {
                        let x = a[p][i], y = a[q][i]
                        a[p][i] = cs * x - sn * y
                        a[q][i] = sn * x + cs * y
                    }
                    for i in 0..<cols {
                        let x = v[p][i], y = v[q][i]
                        v[p][i] = cs * x - sn * y
                        v[q][i] = sn * x + cs * y
                    }
                }
            }
            if !rotated { break }
        }
        let sigma = a.map { col in col.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let sigmaMax = sigma.max() ?? 0
        return (0..<cols).filter { sigma[$0] <= relativeTolerance * sigmaMax }.map { v[$0] }
    }
}
