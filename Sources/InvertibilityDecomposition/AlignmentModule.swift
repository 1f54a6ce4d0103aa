import Autodiff
import NN
import Tensors

/// How the mask proposals `a = σ(o₃)` of the passes and scales are combined (spec §3.5 option `fusion`).
public enum MaskFusion: String, Sendable, Equatable, CaseIterable, Codable {
    /// This project's default (§3.5): the mask logit starts from the upsampled logit of the coarser scale and adds
    /// `o₃` of the last pass only (decided after alignment); `M = σ(↑ℓ_finest)`.
    case logit
    /// The paper's rule (§2.2–2.3): `m₁ = a₁`, `m_k = fuse(m_{k−1}, a_k)` on every pass, `M_r = fuse(↑M_{r/2}, m_K)`
    /// across scales and once more over the upsampled per-scale masks for the output, with
    /// `fuse(p, a) = clip(a ⊙ p + p ⊙ (1 − p), 0, 1)`.
    case product
}

/// Whether the warp is gated by the mask (spec §3.5 option `warp`).
public enum WarpMode: String, Sendable, Equatable, CaseIterable, Codable {
    /// `g̃ = W(g_r, f)` everywhere (this project's default).
    case full
    /// The reference code's `g̃ = m ⊙ W(g_r, f) + (1 − m) ⊙ g_r`: only masked pixels are aligned.
    case gated
}

/// Settings of the alignment + invertibility module (spec §3.5).
public struct AlignmentSettings: Sendable, Equatable, Codable {
    /// Flow bound κ in normalised grid units (image width = 2); 0 disables alignment (baseline B2). 0.08 is the
    /// paper's reference value (`warp_scale`); the spec's CPU recipe (§3.5) chose 0.15, which aligns so far that
    /// it also pulls an edit back (docs/ood-gan-inversion.md compares both).
    public var kappa: Float = 0.08
    /// Alignment passes K.
    public var passes: Int = 2
    /// Active generator scales (progressive training adds 16 and 32).
    public var activeScales: [Int] = [8, 16, 32]
    /// Mask fusion rule and warp gating (report-only variants of §4).
    public var fusion: MaskFusion = .logit
    public var warp: WarpMode = .full

    public init(kappa: Float = 0.08, passes: Int = 2, activeScales: [Int] = [8, 16, 32],
                fusion: MaskFusion = .logit, warp: WarpMode = .full) {
        self.kappa = kappa
        self.passes = passes
        self.activeScales = activeScales
        self.fusion = fusion
        self.warp = warp
    }
}

/// `fuse(p, a) = clip(a ⊙ p + p ⊙ (1 − p), 0, 1)` (spec §2.2): for a binary `p` it is `a ⊙ p`, so a finer scale or a
/// later pass can only remove mask inside the earlier one.
func fuse<S: FloatingScalar>(_ p: Variable<S>, _ a: Variable<S>) -> Variable<S> {
    (a * p + p * (Variable(Tensor<S>(1)) - p)).elementwise({ min(max($0, 0), 1) },
                                                           derivative: { x, _ in x > 0 && x < 1 ? 1 : 0 })
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
    /// Per active scale under `WarpMode.gated`: the mask that gated the last pass's warp, `[N, 1, r, r]`.
    var gates: [Int: Tensor<Float>] = [:]
}

/// One scale's encoder branch and head (spec §3.5):
/// `ê_r = LReLU(FiLM(conv3(conv1×1(F_r)), w))`; head on `[IN(g̃) − IN(ê_r), IN(ê_r)]`:
/// conv → h, LReLU, conv h→h, LReLU, conv h→3 (weights ×0.1), binomial blur → `(o₁, o₂, o₃)`.
final class ScaleHead: ParameterContainer {
    let projection: ConvUnit, encoderConv: ConvUnit, encoderFiLM: FiLMUnit
    let head1: ConvUnit, head2: ConvUnit, head3: ConvUnit

    init(scale r: Int, generatorChannels c: Int, encoderChannels e: Int, isFirst: Bool, fusion: MaskFusion,
         rng: inout RandomSource) {
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
        } else if fusion == .product {
            // Product rule: a newly added finer scale starts at a ≈ 0.95, passing the coarser mask through.
            head3.bias.value = Tensor(shape: [3], scalars: [0, 0, 3])
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

    /// `fusion` sets the finer scales' initial mask bias (+3 for the product rule, 0 for the logit rule).
    public init(rng: inout RandomSource, fusion: MaskFusion = .logit) {
        var heads: [Int: ScaleHead] = [:]
        let encoderChannels = [8: 32, 16: 16, 32: 8]
        for (i, r) in FaceGenerator.scales.enumerated() {
            heads[r] = ScaleHead(scale: r, generatorChannels: FaceGenerator.channels[r] ?? 8,
                                 encoderChannels: encoderChannels[r] ?? 8, isFirst: i == 0, fusion: fusion, rng: &rng)
        }
        self.heads = heads
    }

    public var parameters: [Parameter] { FaceGenerator.scales.flatMap { heads[$0]?.parameters ?? [] } }

    /// Runs `G` from the code `p` with the module hooked in, against the encoder features of the input.
    ///
    /// With `fixed` (an earlier output's per-scale flows and warp gates) the heads are not run: every active scale is
    /// warped by the given flow (gated by the given gate under `.gated`) and no mask is produced (the §3.8 "reuse"
    /// edit, which keeps the inversion's flow and mask).
    func callAsFunction(generator: FaceGenerator, code p: Variable<Float>, features: [Int: Variable<Float>],
                        settings: AlignmentSettings, fixed: AlignmentOutput? = nil) -> AlignmentOutput {
        var masks: [Int: Variable<Float>] = [:]
        var flows: [Int: Tensor<Float>] = [:]
        var gates: [Int: Tensor<Float>] = [:]
        var logit: Variable<Float>? = nil
        var previousScale = 0
        let kappa = settings.kappa
        let aligned = generator(p) { r, g, w in
            guard settings.activeScales.contains(r), let head = self.heads[r], let feat = features[r] else { return g }
            if let fixed {
                guard let f = fixed.flows[r] else { return g }
                flows[r] = f
                let warped = warp(g, by: Variable(f))
                guard settings.warp == .gated, let m = fixed.gates[r].map({ Variable($0) }) else { return warped }
                gates[r] = m.value
                return m * warped + (Variable(Tensor<Float>(1)) - m) * g
            }
            let n = g.shape[0]
            let encoded = head.encoderBranch(feat, w)
            var flow = Variable(Tensor<Float>(zeros: [n, 2, r, r]))
            var current = g
            var o3 = Variable(Tensor<Float>(zeros: [n, 1, r, r]))
            // The coarser scale's logit (logit rule) or fused mask (product rule), upsampled to r.
            var previous: Variable<Float>? = nil
            if let coarse = settings.fusion == .logit ? logit : masks[previousScale] {
                var up = coarse, s = previousScale
                while s < r { up = up.upsampleBilinear2x(); s *= 2 }
                previous = up
            }
            var passMask: Variable<Float>? = nil
            for _ in 0..<max(settings.passes, 1) {
                let o = head.head(current, encoded)
                let logits = o.slice(axis: 1, 2..<3)
                o3 = logits
                switch settings.fusion {
                case .product:
                    let a = logits.sigmoid()
                    passMask = passMask.map { fuse($0, a) } ?? a
                case .logit where settings.warp == .gated:
                    // The gate of this pass: the mask as it would be decided now.
                    passMask = (previous.map { $0 + logits } ?? logits).sigmoid()
                case .logit: break
                }
                if kappa > 0 {
                    let delta = o.slice(axis: 1, 0..<2).tanh() * kappa
                    flow = (flow + delta).elementwise({ min(max($0, -kappa), kappa) },
                                                      derivative: { x, _ in x > -kappa && x < kappa ? 1 : 0 })
                    let warped = warp(g, by: flow)
                    if settings.warp == .gated, let m = passMask {
                        current = m * warped + (Variable(Tensor<Float>(1)) - m) * g
                        gates[r] = m.value
                    } else {
                        current = warped
                    }
                }
            }
            switch settings.fusion {
            case .logit:
                let l = previous.map { $0 + o3 } ?? o3
                logit = l
                masks[r] = l.sigmoid()
            case .product:
                let m = passMask ?? Variable(Tensor(zeros: [n, 1, r, r]))
                masks[r] = previous.map { fuse($0, m) } ?? m
            }
            previousScale = r
            flows[r] = flow.value
            return current
        }
        let mask: Variable<Float>
        switch settings.fusion {
        case .logit:
            var finalLogit = logit ?? Variable(Tensor(shape: [p.shape[0], 1, 32, 32], repeating: -10))
            var s = logit == nil ? 32 : previousScale
            while s < 32 { finalLogit = finalLogit.upsampleBilinear2x(); s *= 2 }
            mask = finalLogit.sigmoid()
        case .product:
            // §2.3: the same fusion once more over the per-scale masks brought to output size.
            var fused: Variable<Float>? = nil
            for r in settings.activeScales.sorted() {
                guard var m = masks[r] else { continue }
                var s = r
                while s < 32 { m = m.upsampleBilinear2x(); s *= 2 }
                fused = fused.map { fuse($0, m) } ?? m
            }
            mask = fused ?? Variable(Tensor(zeros: [p.shape[0], 1, 32, 32]))
        }
        return AlignmentOutput(aligned: aligned, masks: masks, mask: mask, flows: flows, gates: gates)
    }
}

/// `W(g, f)(p)`: bilinear sample of `g` at `p + f(p)·(N/2)` (flow in normalised units, edge clamp, pixel
/// centres; zero flow is an exact copy).
func warp<S: FloatingScalar>(_ g: Variable<S>, by flow: Variable<S>) -> Variable<S> {
    let s = g.shape
    let identity = Variable(Tensor<S>.identityGrid(batch: s[0], height: s[2], width: s[3]))
    return g.gridSample(identity + flow.permuted([0, 2, 3, 1]), padding: .border)
}
