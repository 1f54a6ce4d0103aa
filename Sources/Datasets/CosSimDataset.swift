import Tensors

/// The CosSim task (spec §9.2; Kim et al., ICML 2023): rotation versus scaling symmetries.
///
/// Three vectors `x_i ~ N(0, I_3)` (3 V, 9 dims) and one scalar target
///
///     y = (1/3) Σ_i cos∠(x_i, x_{i+1 mod 3}) − c·extra
///
/// with `extra` by variant: `so3-scale` nothing (both exact); `so3` `mean_i ‖x_i‖` (SO3 exact, Scale broken);
/// `scale` `‖x_1‖₁ / (‖x_2‖₁ + ‖x_3‖₁)` (Scale exact, SO3 broken); `none` the difference of the two (neither).
public struct CosSimDataset: Sendable {
    /// Which symmetries hold.
    public enum Variant: String, Sendable, CaseIterable {
        case so3Scale = "so3-scale", so3, scale, none
    }

    /// One split: inputs `[n, 9]` and targets `[n, 1]`.
    public struct Part: Sendable {
        public var inputs: Tensor<Float>
        public var targets: Tensor<Float>
    }

    public var variant: Variant
    public var coefficient: Double
    public var train: Part
    public var validation: Part
    public var test: Part

    /// Draws the three splits in one sample.
    public init(variant: Variant, coefficient: Double = 1, trainCount: Int = 1000, validationCount: Int = 1000,
                testCount: Int = 1000, using rng: inout RandomSource) {
        self.variant = variant
        self.coefficient = coefficient
        let n = trainCount + validationCount + testCount
        let x = (0..<(n * 9)).map { _ in rng.normal() }
        let y = CosSimDataset.target(x, variant: variant, coefficient: coefficient)
        func part(_ r: Range<Int>) -> Part {
            Part(inputs: Tensor(shape: [r.count, 9], scalars: x[(r.lowerBound * 9)..<(r.upperBound * 9)].map { Float($0) }),
                 targets: Tensor(shape: [r.count, 1], scalars: y[r].map { Float($0) }))
        }
        train = part(0..<trainCount)
        validation = part(trainCount..<(trainCount + validationCount))
        test = part((trainCount + validationCount)..<n)
    }

    /// The data-generating function on a row-major batch `[n, 9]` → `[n]`.
    public static func target(_ x: [Double], variant: Variant, coefficient c: Double) -> [Double] {
        precondition(x.count % 9 == 0, "CosSim inputs need rows of 9 values")
        return (0..<(x.count / 9)).map { r in
            let v = (0..<3).map { i in Array(x[(r * 9 + 3 * i)..<(r * 9 + 3 * i + 3)]) }
            let norms = v.map { ($0[0] * $0[0] + $0[1] * $0[1] + $0[2] * $0[2]).squareRoot() }
            var cosine = 0.0
            for i in 0..<3 {
                let j = (i + 1) % 3
                let dot = v[i][0] * v[j][0] + v[i][1] * v[j][1] + v[i][2] * v[j][2]
                cosine += dot / max(norms[i] * norms[j], 1e-12) / 3
            }
            let meanNorm = norms.reduce(0, +) / 3
            let l1 = v.map { abs($0[0]) + abs($0[1]) + abs($0[2]) }
            let ratio = l1[0] / max(l1[1] + l1[2], 1e-12)
            switch variant {
            case .so3Scale: return cosine
            case .so3: return cosine - c * meanNorm
            case .scale: return cosine - c * ratio
            case .none: return cosine - c * (meanNorm - ratio)
            }
        }
    }
}
