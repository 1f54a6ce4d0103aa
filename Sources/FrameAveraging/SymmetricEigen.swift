import Tensors

/// Eigen-decomposition of small real symmetric matrices by the cyclic Jacobi method, in Double.
///
/// Used for the 3×3 covariance of PCA frames and the n×n Laplacians of spectral frames (n ≤ a few dozen),
/// where LAPACK is not available to method modules. Converges quadratically; results are orthonormal to
/// about 1e-15 and eigenvalues are accurate to about `1e-15·‖A‖`.
public enum SymmetricEigen {
    /// Eigenvalues in ascending order and the matching eigenvectors as the columns of a row-major `n×n` matrix.
    ///
    /// - Parameters:
    ///   - matrix: row-major `n×n` symmetric entries (only the symmetric part is used).
    ///   - n: the order.
    /// - Returns: `values[j]` ascending, `vectors[i*n + j]` = component i of eigenvector j.
    /// - Complexity: O(n³) per sweep, typically 5–10 sweeps.
    public static func decompose(_ matrix: [Double], n: Int) -> (values: [Double], vectors: [Double]) {
        precondition(matrix.count == n * n, "decompose needs \(n * n) entries, got \(matrix.count)")
        var a = matrix
        for i in 0..<n { for j in (i + 1)..<max(n, i + 1) { let s = 0.5 * (a[i * n + j] + a[j * n + i]); a[i * n + j] = s; a[j * n + i] = s } }
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        var scale = 0.0
        for x in a { scale = max(scale, abs(x)) }
        if scale > 0 && scale.isFinite {
            for _ in 0..<60 {
                var off = 0.0
                for i in 0..<n { for j in (i + 1)..<max(n, i + 1) { off += a[i * n + j] * a[i * n + j] } }
                if off <= 1e-300 || off.squareRoot() <= 1e-17 * scale { break }
                for p in 0..<n {
                    for q in (p + 1)..<max(n, p + 1) {
                        let apq = a[p * n + q]
                        if abs(apq) <= 1e-300 { continue }
                        let app = a[p * n + p], aqq = a[q * n + q]
                        let theta = (aqq - app) / (2 * apq)
                        let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                        let c = 1 / (t * t + 1).squareRoot(), s = t * c
                        for k in 0..<n {
                            let akp = a[k * n + p], akq = a[k * n + q]
                            a[k * n + p] = c * akp - s * akq
                            a[k * n + q] = s * akp + c * akq
                        }
                        for k in 0..<n {
                            let apk = a[p * n + k], aqk = a[q * n + k]
                            a[p * n + k] = c * apk - s * aqk
                            a[q * n + k] = s * apk + c * aqk
                        }
                        for k in 0..<n {
                            let vkp = v[k * n + p], vkq = v[k * n + q]
                            v[k * n + p] = c * vkp - s * vkq
                            v[k * n + q] = s * vkp + c * vkq
                        }
                    }
                }
            }
        }
        let diag = (0..<n).map { a[$0 * n + $0] }
        let order = (0..<n).sorted { diag[$0] < diag[$1] || (diag[$0] == diag[$1] && $0 < $1) }
        var vectors = [Double](repeating: 0, count: n * n)
        for (newJ, oldJ) in order.enumerated() { for i in 0..<n { vectors[i * n + newJ] = v[i * n + oldJ] } }
        return (order.map { diag[$0] }, vectors)
    }
}
