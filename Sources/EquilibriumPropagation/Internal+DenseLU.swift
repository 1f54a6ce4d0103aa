/// A dense LU factorisation with partial pivoting, P·A = L·U, for the n ≲ 600 solves of the diagnostics.
///
/// Local stand-in for LAPACK dgesv/dgetrs (only Tensors may import CBLAS/LAPACK); a candidate to hoist.
struct DenseLU {
    let n: Int
    /// L (unit diagonal, below) and U (on and above the diagonal), row-major.
    var lu: [Double]
    /// Row i of P·A is row `pivots[i]` of A.
    var pivots: [Int]

    /// Factorises the row-major n×n matrix `a`.
    init(_ a: [Double], n: Int) {
        self.n = n
        lu = a
        pivots = Array(0..<n)
        lu.withUnsafeMutableBufferPointer { m in
            for k in 0..<n {
                var p = k, best = abs(m[k * n + k])
                for i in (k + 1)..<max(n, k + 1) where abs(m[i * n + k]) > best { best = abs(m[i * n + k]); p = i }
                if p != k {
                    for j in 0..<n { m.swapAt(k * n + j, p * n + j) }
                    pivots.swapAt(k, p)
                }
                let pivot = m[k * n + k]
                guard pivot != 0 else { continue }
                for i in (k + 1)..<max(n, k + 1) {
                    let f = m[i * n + k] / pivot
                    m[i * n + k] = f
                    if f != 0 { for j in (k + 1)..<n { m[i * n + j] -= f * m[k * n + j] } }
                }
            }
        }
    }

    /// Solves A x = b.
    func solve(_ b: [Double]) -> [Double] {
        var x = pivots.map { b[$0] }
        for i in 0..<n { var s = x[i]; for j in 0..<i { s -= lu[i * n + j] * x[j] }; x[i] = s }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = x[i]
            for j in (i + 1)..<max(n, i + 1) { s -= lu[i * n + j] * x[j] }
            x[i] = s / lu[i * n + i]
        }
        return x
    }

    /// Solves Aᵀ x = b (Aᵀ = Uᵀ Lᵀ P).
    func solveTransposed(_ b: [Double]) -> [Double] {
        var y = b
        for i in 0..<n { var s = y[i]; for j in 0..<i { s -= lu[j * n + i] * y[j] }; y[i] = s / lu[i * n + i] }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = y[i]
            for j in (i + 1)..<max(n, i + 1) { s -= lu[j * n + i] * y[j] }
            y[i] = s
        }
        var x = [Double](repeating: 0, count: n)
        for i in 0..<n { x[pivots[i]] = y[i] }
        return x
    }
}
