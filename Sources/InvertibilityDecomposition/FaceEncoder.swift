import Autodiff
import NN
import Tensors

/// The inversion encoder `E` of spec §3.4 (≈ 61k parameters), standing in for e4e.
///
/// ```
/// x [N,1,32,32] ─conv 1→8─conv 8→8─▶ e32 [N,8,32,32]
///               ─s2 conv 8→16─conv 16→16─▶ e16 [N,16,16,16]
///               ─s2 conv 16→32─conv 32→32─▶ e8 [N,32,8,8]
///               ─s2 conv 32→32─▶ [N,32,4,4] ─FC 512→64→17─▶ p̂
/// ```
/// All convolutions 3×3 with leaky ReLU 0.2; the last FC layer starts with std 0.01.
public final class FaceEncoder: ParameterContainer {
    let convs: [ConvUnit]
    let fc1: Linear
    let fc2: Parameter, fc2Bias: Parameter

    public init(rng: inout RandomSource) {
        let plan: [(Int, Int, Int)] = [(1, 8, 1), (8, 8, 1), (8, 16, 2), (16, 16, 1), (16, 32, 2), (32, 32, 1), (32, 32, 2)]
        convs = plan.enumerated().map { i, p in ConvUnit(p.0, p.1, stride: p.2, name: "E.conv.\(i)", rng: &rng) }
        fc1 = Linear(512, 64, name: "E.fc.0", rng: &rng)
        fc2 = Parameter(name: "E.fc.1.weight", value: .randomNormal([64, 17], standardDeviation: 0.01, using: &rng))
        fc2Bias = Parameter(name: "E.fc.1.bias", value: Tensor(zeros: [17]))
    }

    public var parameters: [Parameter] { convs.flatMap(\.parameters) + fc1.parameters + [fc2, fc2Bias] }

    /// The code `p̂` and the feature maps by resolution (`32`, `16`, `8`).
    func callAsFunction(_ x: Variable<Float>) -> (code: Variable<Float>, features: [Int: Variable<Float>]) {
        var h = x
        var features: [Int: Variable<Float>] = [:]
        for (i, conv) in convs.enumerated() {
            h = conv(h).lrelu()
            switch i {
            case 1: features[32] = h
            case 3: features[16] = h
            case 5: features[8] = h
            default: break
            }
        }
        let n = x.shape[0]
        let code = fc1(h.reshaped([n, 512])).lrelu().matmul(fc2.variable()) + fc2Bias.variable()
        return (code, features)
    }
}
