import Tensors

/// Exact neuronal errors of one sample by dense solves, for diagnostics and tests (spec §3–§4).
///
/// With A = I − D M (M the coupling matrix, D = diag φ'(u*)), c the nudge current on the output units:
/// ν = A⁻¹ D c (EP error) and δ = (I − D Mᵀ)⁻¹ D c = D A⁻ᵀ c (true error); one LU serves both.
public struct ExactErrors: Sendable {
    /// ν = ds*/dβ at β = 0, all units concatenated.
    public var nu: [Double]
    /// δ = dL/dG, all units concatenated.
    public var delta: [Double]
    /// Leading eigenvalue estimate of D·M (power iteration; Rayleigh quotient of the last iterate).
    public var leadingEigenvalue: Double
    /// Spectral radius estimate of D·M (geometric growth over the last power steps).
    public var spectralRadius: Double

    /// Solves for one sample. `slopes` and `current` are n-vectors (current zero outside the output layer).
    public init(network: LayeredNetwork<Double>, slopes: [Double], current: [Double], powerSteps: Int = 60) {
        let m = ExactErrors.couplingMatrix(network)
        let n = network.unitCount
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { a[i * n + j] = (i == j ? 1 : 0) - slopes[i] * m[i * n + j] } }
        let lu = DenseLU(a, n: n)
        nu = lu.solve((0..<n).map { slopes[$0] * current[$0] })
        let z = lu.solveTransposed(current)
        delta = (0..<n).map { slopes[$0] * z[$0] }
        // power iteration on D·M = I − A
        var x = (0..<n).map { Double(($0 * 7919) % 13) - 6 + 0.5 }
        var rho = 0.0, lambda = 0.0
        func apply(_ v: [Double]) -> [Double] {
            (0..<n).map { i in var s = 0.0; for j in 0..<n { s += m[i * n + j] * v[j] }; return slopes[i] * s }
        }
        var norm = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
        x = x.map { $0 / norm }
        for _ in 0..<max(powerSteps / 2, 1) {
            let y = apply(x), y2 = apply(y)
            norm = y2.reduce(0) { $0 + $1 * $1 }.squareRoot()
            rho = norm.squareRoot()
            lambda = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
            guard norm > 0 else { rho = 0; break }
            x = y2.map { $0 / norm }
        }
        leadingEigenvalue = lambda
        spectralRadius = rho
    }

    /// The dense coupling matrix M (n×n, row-major): W_{l+1←l} and W_{l←l+1} blocks, zero elsewhere.
    public static func couplingMatrix(_ net: LayeredNetwork<Double>) -> [Double] {
        let n = net.unitCount, off = net.layerOffsets
        var m = [Double](repeating: 0, count: n * n)
        for l in 0..<(net.layerCount - 1) {
            let lo = net.layerSizes[l], hi = net.layerSizes[l + 1]
            for i in 0..<hi {
                for j in 0..<lo {
                    m[(off[l + 1] + i) * n + off[l] + j] = net.forward[l][i * lo + j]
                    m[(off[l] + j) * n + off[l + 1] + i] = net.feedback[l][j * hi + i]
                }
            }
        }
        return m
    }
}
