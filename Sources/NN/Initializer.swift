import Tensors

/// How a weight tensor is filled at construction.
///
/// Fan-in and fan-out follow PyTorch: for a dense weight `[in, out]` they are `in` and `out`; for a convolution
/// weight `[O, C, kh, kw]` they are `C·kh·kw` and `O·kh·kw` (for a transposed convolution `[Cin, Cout, kh, kw]`,
/// `Cout·kh·kw` and `Cin·kh·kw`, see ``ConvTranspose2d``).
///
/// - Xavier/Glorot (Glorot & Bengio, AISTATS 2010): variance `2 / (fanIn + fanOut)`.
/// - He/Kaiming (He et al., ICCV 2015): variance `2 / fanIn`, for ReLU-family activations.
public enum Initializer: Sendable, Hashable, Codable {
    /// All zeros.
    case zeros
    /// Every scalar equal to a constant.
    case constant(Float)
    /// Independent `U(lower, upper)`.
    case uniform(lower: Float, upper: Float)
    /// Independent `N(mean, standardDeviation²)`.
    case normal(mean: Float, standardDeviation: Float)
    /// `U(−a, a)` with `a = gain·√(6 / (fanIn + fanOut))`.
    case xavierUniform(gain: Float = 1)
    /// `N(0, gain²·2 / (fanIn + fanOut))`.
    case xavierNormal(gain: Float = 1)
    /// `U(−a, a)` with `a = √(6 / fanIn)` (variance `2 / fanIn`).
    case heUniform
    /// `N(0, 2 / fanIn)`.
    case heNormal

    /// A tensor of `shape` drawn from this distribution.
    public func make(_ shape: [Int], fanIn: Int, fanOut: Int, using rng: inout RandomSource) -> Tensor<Float> {
        let fi = Double(Swift.max(fanIn, 1)), fo = Double(Swift.max(fanOut, 1))
        switch self {
        case .zeros: return Tensor(zeros: shape)
        case .constant(let c): return Tensor(shape: shape, repeating: c)
        case .uniform(let lo, let hi): return .randomUniform(shape, in: Double(lo)...Double(hi), using: &rng)
        case .normal(let mean, let sd):
            return .randomNormal(shape, mean: Double(mean), standardDeviation: Double(sd), using: &rng)
        case .xavierUniform(let gain):
            let a = Double(gain) * (6 / (fi + fo)).squareRoot()
            return .randomUniform(shape, in: -a...a, using: &rng)
        case .xavierNormal(let gain):
            return .randomNormal(shape, standardDeviation: Double(gain) * (2 / (fi + fo)).squareRoot(), using: &rng)
        case .heUniform:
            let a = (6 / fi).squareRoot()
            return .randomUniform(shape, in: -a...a, using: &rng)
        case .heNormal:
            return .randomNormal(shape, standardDeviation: (2 / fi).squareRoot(), using: &rng)
        }
    }

    /// Fan-in and fan-out of a weight shape: `[in, out]` (dense) or `[O, C, kh, kw]` (convolution).
    public static func fans(of shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        switch shape.count {
        case 0: return (1, 1)
        case 1: return (shape[0], shape[0])
        case 2: return (shape[0], shape[1])
        default:
            let receptive = shape.dropFirst(2).reduce(1, *)
            return (shape[1] * receptive, shape[0] * receptive)
        }
    }
}
