import Tensors

/// The modified-inertia regression task (spec §9.1; Kim et al., ICML 2023; after Finzi et al., ICML 2021).
///
/// k = 5 point masses. Input `x = (m_1..m_5, r_1..r_5)` (5 S ⊕ 5 V, 20 dims) with `m_i = softplus(u_i)`,
/// `u_i ~ N(0,1)`, `r_i ~ N(0, I_3)`. Inertia `I = Σ_i m_i (‖r_i‖² I_3 − r_i r_iᵀ)`. Target (one T, 9 dims,
/// row-major): `Y = I·D` with `D = diag(d)`; the main setting `Y = I + c·(I e_a) e_aᵀ` is `d = 1 + c·e_a`
/// (axis a = z, c = −1: O2xy exact, O3/O2yz/O2xz broken). `c = 0` gives exact O3.
public struct InertiaDataset: Sendable {
    /// One split: inputs `[n, 20]` and targets `[n, 9]`.
    public struct Part: Sendable {
        public var inputs: Tensor<Float>
        public var targets: Tensor<Float>
    }

    /// The number of point masses.
    public static let massCount = 5
    /// The per-axis column scales `d` of `Y = I·diag(d)`.
    public var columnScales: [Double]
    public var train: Part
    public var validation: Part
    public var test: Part

    /// The column scales for `Y = I + c·(I e_a) e_aᵀ`.
    /// - Parameters:
    ///   - axis: 0 (x), 1 (y) or 2 (z).
    ///   - coefficient: `c`.
    public static func columnScales(axis: Int, coefficient: Double) -> [Double] {
        precondition((0..<3).contains(axis), "axis must be 0, 1 or 2, got \(axis)")
        return (0..<3).map { $0 == axis ? 1 + coefficient : 1 }
    }

    /// Draws `trainCount + validationCount + testCount` examples in one sample and splits them in that order.
    public init(columnScales: [Double], trainCount: Int = 1000, validationCount: Int = 1000, testCount: Int = 1000,
                using rng: inout RandomSource) {
        precondition(columnScales.count == 3, "column scales need 3 entries")
        self.columnScales = columnScales
        let n = trainCount + validationCount + testCount
        let dim = InertiaDataset.massCount * 4
        var x = [Double](repeating: 0, count: n * dim)
        for r in 0..<n {
            for i in 0..<InertiaDataset.massCount {
                let u = rng.normal()
                x[r * dim + i] = u > 30 ? u : Double.log(1 + Double.exp(u))
            }
            for j in InertiaDataset.massCount..<dim { x[r * dim + j] = rng.normal() }
        }
        let y = InertiaDataset.target(x, columnScales: columnScales)
        func part(_ range: Range<Int>) -> Part {
            Part(inputs: Tensor(shape: [range.count, dim], scalars: x[(range.lowerBound * dim)..<(range.upperBound * dim)].map { Float($0) }),
                 targets: Tensor(shape: [range.count, 9], scalars: y[(range.lowerBound * 9)..<(range.upperBound * 9)].map { Float($0) }))
        }
        train = part(0..<trainCount)
        validation = part(trainCount..<(trainCount + validationCount))
        test = part((trainCount + validationCount)..<n)
    }

    /// The data-generating function on a row-major batch `[n, 20]` → `[n, 9]` (any real masses).
    public static func target(_ x: [Double], columnScales d: [Double]) -> [Double] {
        let dim = massCount * 4
        precondition(x.count % dim == 0, "inertia inputs need rows of \(dim) values")
        let n = x.count / dim
        var y = [Double](repeating: 0, count: n * 9)
        for r in 0..<n {
            var inertia = [Double](repeating: 0, count: 9)
            for i in 0..<massCount {
                let m = x[r * dim + i]
                let o = r * dim + massCount + 3 * i
                let p = [x[o], x[o + 1], x[o + 2]]
                let sq = p[0] * p[0] + p[1] * p[1] + p[2] * p[2]
                for a in 0..<3 { for b in 0..<3 { inertia[3 * a + b] += m * ((a == b ? sq : 0) - p[a] * p[b]) } }
            }
            for a in 0..<3 { for b in 0..<3 { y[r * 9 + 3 * a + b] = inertia[3 * a + b] * d[b] } }
        }
        return y
    }
}
