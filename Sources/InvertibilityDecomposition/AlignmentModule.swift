import Autodiff
import NN
import Tensors

/// Settings of the alignment + invertibility module (spec §3.5).
public struct AlignmentSettings: Sendable, Equatable {
    /// Flow bound κ in normalised grid units (image width = 2); 0 disables alignment (baseline B2).
    public var kappa: Float = 0.15
    /// Alignment passes K.
    public var passes: Int = 2
    /// Active generator scales (progressive training adds 16 and 32).
    public var activeScales: [Int] = [8, 16, 32]

    public init(kappa: Float = 0.15, passes: Int = 2, activeScales: [Int] = [8, 16, 32]) {
        self.kappa = kappa
        self.passes = passes
        self.activeScales = activeScales
    }
}

/// What one forward pass of the module produced, for losses, metrics and the TUI.
struct AlignmentOutput {
    /// `G̃`: the generator image with aligned features, `[N, 1, 32, 32]`.
    var aligned: Variable<Float>
    /// Per active scale: the mask `m_r = σ(ℓ_r)`, `[N, 1, r, r]`.
    var masks: [Int: Variable<Float>]
    /// The final mask `M = σ(↑ℓ_finest)`, `[N, 1, 32, 32]`.
    var mask: Variable<Float>
    /// Per active scale: the final flow `f_r`, `[N, 2, r, r]` (normalised units).
    var flows: [Int: Tensor<Float>]
}

/// One scale's encoder branch and head (spec §3.5):
/// `ê_r = LReLU(FiLM(conv3(conv1×1(F_r)), w))`; head on `[IN(g̃) − IN(ê_r), IN(ê_r)]`:
/// conv → h, LReLU, conv h→h, LReLU, conv h→3 (weights ×0.1), binomial blur → `(o₁, o₂, o₃)`.
final class ScaleHead: ParameterContainer {
    let projection: ConvUnit, encoderConv: ConvUnit, encoderFiLM: FiLMUnit
    let head1: ConvUnit, head2: ConvUnit, head3: ConvUnit

    init(scale r: Int, generatorChannels c: Int, encoderChannels e: Int, isFirst: Bool, rng: inout RandomSource) {
        let h = max(c, 16)
        projection = ConvUnit(e, c, kernel: 1, name: "align.\(r).proj", rng: &rng)
        encoderConv = ConvUnit(c, c, name: "align.\(r).enc", rng: &rng)
        encoderFiLM = FiLMUnit(latent: FaceGenerator.latentSize, channels: c, name: "align.\(r).film", rng: &rng)
        head1 = ConvUnit(2 * c, h, name: "align.\(r).head.0", rng: &rng)
        head2 = ConvUnit(h, h, name: "align.\(r).head.1", rng: &rng)
        head3 = ConvUnit(h, 3, name: "align.\(r).head.2", gain: 0.1, rng: &rng)
        if isFirst {
            // The mask channel starts at logit −2 (mask ≈ 0.12) on the first scale.
            head3.bias.value = Tensor(shape: [3], scalars: [0, 0, -2])
        }
    }

    var parameters: [Parameter] {
        [projection, encoderConv, head1, head2, head3].flatMap(\.parameters) + encoderFiLM.parameters
    }

    func encoderBranch(_ features: Variable<Float>, _ w: Variable<Float>) -> Variable<Float> {
        encoderFiLM(encoderConv(projection(features)), w).lrelu()
    }

    func head(_ aligned: Variable<Float>, _ encoded: Variable<Float>) -> Variable<Float> {
        let e = encoded.instanceNorm()
        let z = Variable.concatenate([aligned.instanceNorm() - e, e], axis: 1)
        return head3(head2(head1(z).lrelu()).lrelu()).binomialBlur()
    }
}

/// The per-scale alignment + invertibility module trained on top of the frozen `G` and `E` (spec §3.5).
///
/// Paper symbols → code: `g_r` hooked generator activation, `ê_r` `encoderBranch`, `Δf = κ·tanh(o₁,₂)`,
/// `f` flow (clipped to ±κ), `W(g, f)` `warp`, `ℓ_r` mask logit, `m_r = σ(ℓ_r)`, `M` final mask,
/// `ŷ = M ⊙ x + (1 − M) ⊙ G̃` the blend.
public final class AlignmentModule: ParameterContainer {
    let heads: [Int: ScaleHead]

    public init(rng: inout RandomSource) {
        var heads: [Int: ScaleHead] = [:]
        let encoderChannels = [8: 32, 16: 16, 32: 8]
        for (i, r) in FaceGenerator.scales.enumerated() {
            heads[r] = ScaleHead(scale: r, generatorChannels: FaceGenerator.channels[r] ?? 8,
                                 encoderChannels: encoderChannels[r] ?? 8, isFirst: i == 0, rng: &rng)
        }
        self.heads = heads
    }

    public var parameters: [Parameter] { FaceGenerator.scales.flatMap { heads[$0]?.parameters ?? [] } }

    /// Runs `G` from the code `p` with the module hooked in, against the encoder features of the input.
    ///
    /// With `fixedFlows` (per scale, from an earlier pass) the heads are not run: every active scale is warped by
    /// the given flow and no mask is produced (the §3.8 "reuse" edit, which keeps the inversion's flow and mask).
    func callAsFunction(generator: FaceGenerator, code p: Variable<Float>, features: [Int: Variable<Float>],
                        settings: AlignmentSettings, fixedFlows: [Int: Tensor<Float>]? = nil) -> AlignmentOutput {
        var masks: [Int: Variable<Float>] = [:]
        var flows: [Int: Tensor<Float>] = [:]
        var logit: Variable<Float>? = nil
        var logitScale = 0
        let kappa = settings.kappa
        let aligned = generator(p) { r, g, w in
            guard settings.activeScales.contains(r), let head = self.heads[r], let feat = features[r] else { return g }
            if let fixedFlows {
                guard let f = fixedFlows[r] else { return g }
                flows[r] = f
                return warp(g, by: Variable(f))
            }
            let n = g.shape[0]
            let encoded = head.encoderBranch(feat, w)
            var flow = Variable(Tensor<Float>(zeros: [n, 2, r, r]))
            var current = g
            var o3: Variable<Float>? = nil
            for _ in 0..<max(settings.passes, 1) {
                let o = head.head(current, encoded)
                o3 = o.slice(axis: 1, 2..<3)
                if kappa > 0 {
                    let delta = o.slice(axis: 1, 0..<2).tanh() * kappa
                    flow = (flow + delta).elementwise({ min(max($0, -kappa), kappa) },
                                                      derivative: { x, _ in x > -kappa && x < kappa ? 1 : 0 })
                    current = warp(g, by: flow)
                }
            }
            var l = o3 ?? Variable(Tensor(zeros: [n, 1, r, r]))
            if var previous = logit {
                var s = logitScale
                while s < r { previous = previous.upsampleBilinear2x(); s *= 2 }
                l = previous + l
            }
            logit = l
            logitScale = r
            masks[r] = l.sigmoid()
            flows[r] = flow.value
            return current
        }
        var finalLogit = logit ?? Variable(Tensor(shape: [p.shape[0], 1, 32, 32], repeating: -10))
        var s = logit == nil ? 32 : logitScale
        while s < 32 { finalLogit = finalLogit.upsampleBilinear2x(); s *= 2 }
        return AlignmentOutput(aligned: aligned, masks: masks, mask: finalLogit.sigmoid(), flows: flows)
    }
}

/// `W(g, f)(p)`: bilinear sample of `g` at `p + f(p)·(N/2)` (flow in normalised units, edge clamp, pixel
/// centres; zero flow is an exact copy).
func warp<S: FloatingScalar>(_ g: Variable<S>, by flow: Variable<S>) -> Variable<S> {
    let s = g.shape
    let identity = Variable(Tensor<S>.identityGrid(batch: s[0], height: s[2], width: s[3]))
    return g.gridSample(identity + flow.permuted([0, 2, 3, 1]), padding: .border)
}
