import Autodiff
import NN
import Tensors

/// The small FiLM generator `G` of spec §3.4 (≈ 50k parameters), standing in for StyleGAN2.
///
/// ```
/// p [N,17] ─mapping 17→64→32─▶ w
/// const 4×4×32 ─conv─FiLM─LReLU─▶ h4
/// for r in 8, 16, 32 (C_r = 32, 16, 8):
///     ↑2 nearest ─conv1_r─FiLM─▶ g_r  [hook: stage 1 replaces g_r by the aligned g̃_r]
///     ─LReLU─conv2_r─FiLM─LReLU─▶ h_r
/// 1×1 conv 8→1 (bias 0.5), linear output ─▶ image [N,1,32,32]
/// ```
public final class FaceGenerator: ParameterContainer {
    /// The generator resolutions with hooks, and their channel counts `C_r`.
    public static let scales = [8, 16, 32]
    public static let channels = [8: 32, 16: 16, 32: 8]
    public static let latentSize = 32

    let map1: Linear, map2: Linear
    let constant: Parameter
    let baseConv: ConvUnit, baseFiLM: FiLMUnit
    var conv1: [Int: ConvUnit] = [:], film1: [Int: FiLMUnit] = [:]
    var conv2: [Int: ConvUnit] = [:], film2: [Int: FiLMUnit] = [:]
    let toImage: ConvUnit

    public init(rng: inout RandomSource) {
        map1 = Linear(17, 64, name: "G.map.0", rng: &rng)
        map2 = Linear(64, Self.latentSize, name: "G.map.1", rng: &rng)
        constant = Parameter(name: "G.const", value: .randomNormal([1, 32, 4, 4], using: &rng))
        baseConv = ConvUnit(32, 32, name: "G.base.conv", rng: &rng)
        baseFiLM = FiLMUnit(latent: Self.latentSize, channels: 32, name: "G.base.film", rng: &rng)
        var cin = 32
        for r in Self.scales {
            let c = Self.channels[r] ?? 8
            conv1[r] = ConvUnit(cin, c, name: "G.\(r).conv1", rng: &rng)
            film1[r] = FiLMUnit(latent: Self.latentSize, channels: c, name: "G.\(r).film1", rng: &rng)
            conv2[r] = ConvUnit(c, c, name: "G.\(r).conv2", rng: &rng)
            film2[r] = FiLMUnit(latent: Self.latentSize, channels: c, name: "G.\(r).film2", rng: &rng)
            cin = c
        }
        toImage = ConvUnit(8, 1, kernel: 1, name: "G.toImage", biasValue: 0.5, rng: &rng)
    }

    public var parameters: [Parameter] {
        var out = map1.parameters + map2.parameters + [constant] + baseConv.parameters + baseFiLM.parameters
        for r in Self.scales {
            for unit in [conv1[r], conv2[r]] { out += unit?.parameters ?? [] }
            for unit in [film1[r], film2[r]] { out += unit?.parameters ?? [] }
        }
        return out + toImage.parameters
    }

    /// The mapping network: code `p [N, 17]` → latent `w [N, 32]`.
    func latent(_ p: Variable<Float>) -> Variable<Float> {
        map2(map1(p).lrelu()).lrelu()
    }

    /// The 4×4 base block.
    func base(_ w: Variable<Float>) -> Variable<Float> {
        let n = w.shape[0]
        let c = constant.variable().reshaped([1, 32 * 16]).broadcastRows(n).reshaped([n, 32, 4, 4])
        return baseFiLM(baseConv(c), w).lrelu()
    }

    /// Upsample and first conv of scale `r`: the hooked pre-activation `g_r`.
    func hooked(_ r: Int, _ h: Variable<Float>, _ w: Variable<Float>) -> Variable<Float> {
        guard let conv = conv1[r], let film = film1[r] else { preconditionFailure("no generator scale \(r)") }
        return film(conv(h.upsampleNearest2x()), w)
    }

    /// The rest of scale `r` after the hook.
    func finish(_ r: Int, _ g: Variable<Float>, _ w: Variable<Float>) -> Variable<Float> {
        guard let conv = conv2[r], let film = film2[r] else { preconditionFailure("no generator scale \(r)") }
        return film(conv(g.lrelu()), w).lrelu()
    }

    /// `G(p)`: `[N, 17] → [N, 1, 32, 32]`, optionally replacing each hooked activation (`replace(r, g_r, w)`).
    func callAsFunction(_ p: Variable<Float>,
                        replace: ((Int, Variable<Float>, Variable<Float>) -> Variable<Float>)? = nil) -> Variable<Float> {
        let w = latent(p)
        var h = base(w)
        for r in Self.scales {
            var g = hooked(r, h, w)
            if let replace { g = replace(r, g, w) }
            h = finish(r, g, w)
        }
        return toImage(h)
    }
}

extension Variable {
    /// Repeats a `[1, k]` row `n` times: `[n, k]`.
    func broadcastRows(_ n: Int) -> Variable {
        precondition(shape.count == 2 && shape[0] == 1, "broadcastRows needs [1, k], got \(shape)")
        return self + Variable(Tensor(zeros: [n, shape[1]]))
    }
}
