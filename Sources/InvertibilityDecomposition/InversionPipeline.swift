import Autodiff
import Foundation
import NN
import Tensors

/// Training hyperparameters of both stages (spec §3.4–3.5); the experiment exposes the live ones.
public struct InversionConfig: Sendable, Equatable, Codable {
    public var stage0Steps = 1500
    public var stage1Steps = 1500
    public var stage0Batch = 32
    public var stage1Batch = 16
    public var stage0LearningRate: Float = 2e-3
    public var stage1LearningRate: Float = 2e-3
    public var stage1FinalLearningRate: Float = 2e-4
    public var gradientClip: Float = 1
    /// Loss weights: pixel 40, mask-area hinge 5, binary 0.04 (times the hinge weight), binary warm-up fraction.
    public var pixelWeight: Float = 40
    public var maskWeight: Float = 5
    public var binaryWeight: Float = 0.04
    public var binaryStart: Double = 0.5
    /// Area budgets a_r per scale and for the final mask (key 0).
    public var budgets: [Int: Float] = [8: 0.20, 16: 0.15, 32: 0.12, 0: 0.12]
    public var alignment = AlignmentSettings()
    /// Progressive scales: {8} for the first 20 % of stage 1, {8, 16} until 40 %, then all.
    public var progressive = true

    public init() {}
}

/// The whole method: frozen-after-stage-0 generator and encoder, the alignment + invertibility module, their
/// optimizers and data, stepped one minibatch at a time (Yang, Xu & Chen, ICCV 2023, at CPU scale).
public final class InversionPipeline {
    public var config: InversionConfig
    public let generator: FaceGenerator
    public let encoder: FaceEncoder
    public let module: AlignmentModule
    let stage0Optimizer: Adam
    let stage1Optimizer: Adam
    public let data: FaceData
    var rng: RandomSource
    let seed: UInt64
    /// Steps taken (stage 0 first, then stage 1).
    public internal(set) var step = 0

    public init(config: InversionConfig, data: FaceData, seed: UInt64) {
        self.config = config
        self.data = data
        self.seed = seed
        var init0 = RandomSource(seed: seed)
        generator = FaceGenerator(rng: &init0)
        encoder = FaceEncoder(rng: &init0)
        module = AlignmentModule(rng: &init0, fusion: config.alignment.fusion)
        rng = RandomSource(seed: seed &+ 0x5EED)
        stage0Optimizer = Adam(learningRate: config.stage0LearningRate)
        stage1Optimizer = Adam(learningRate: config.stage1LearningRate, beta1: 0.9, beta2: 0.99)
    }

    /// A pipeline on the same data and seed whose generator and encoder are copies of this one's stage-0 weights,
    /// positioned at the start of stage 1 with the module setting `alignment` (B2 is `kappa = 0`; the variants change
    /// `fusion` or `warp`). Its module starts from the same initial weights as this one's (same seed); its minibatch
    /// stream is the seed's fresh one.
    public func stage1Sibling(alignment: AlignmentSettings) -> InversionPipeline {
        var c = config
        c.alignment = alignment
        let sibling = InversionPipeline(config: c, data: data, seed: seed)
        for (p, q) in zip(sibling.generator.parameters + sibling.encoder.parameters, generator.parameters + encoder.parameters) {
            p.value = q.value
        }
        sibling.step = c.stage0Steps
        return sibling
    }

    /// Every parameter, by name.
    public var allParameters: [Parameter] { generator.parameters + encoder.parameters + module.parameters }

    /// Whether stage 0 (generator + encoder) is still training.
    public var inStage0: Bool { step < config.stage0Steps }
    public var totalSteps: Int { config.stage0Steps + config.stage1Steps }

    /// How far stage 1 is, `(step − stage0Steps) / stage1Steps` (negative during stage 0, 1 at the end).
    public var stage1Progress: Double { Double(step - config.stage0Steps) / Double(max(config.stage1Steps, 1)) }

    /// The active scales at the current stage-1 step.
    public var activeScales: [Int] {
        guard config.progressive else { return config.alignment.activeScales }
        let t = stage1Progress
        let allowed = t < 0.2 ? [8] : (t < 0.4 ? [8, 16] : [8, 16, 32])
        return config.alignment.activeScales.filter { allowed.contains($0) }
    }

    func cosine(_ t: Double, from a: Float, to b: Float) -> Float {
        b + (a - b) * Float(0.5 * (1 + Foundation.cos(Double.pi * min(max(t, 0), 1))))
    }

    /// One optimisation step of whichever stage is current.
    public func trainStep() -> [String: Double] {
        defer { step += 1 }
        return inStage0 ? stage0Step() : stage1Step()
    }

    /// Stage 0's forward pass on the next minibatch (no backward, no update): the Benchmarks baseline for a stage-0
    /// step. Draws a minibatch like a step does.
    public func stage0ForwardOnly() -> Float { stage0Forward().loss.value.scalar }

    func stage0Forward() -> (loss: Variable<Float>, direct: Variable<Float>, code: Variable<Float>, cycle: Variable<Float>) {
        let half = config.stage0Batch / 2
        let cleanIdx = (0..<half).map { _ in rng.int(below: data.cleanCount) }
        let corruptIdx = (0..<(config.stage0Batch - half)).map { _ in rng.int(below: max(data.corruptedCount, 1)) }
        let all = cleanIdx + corruptIdx
        let p = Variable(data.codeBatch(all))
        let target = FaceData.batch(data.clean, all)
        let input = Tensor.concatenate([FaceData.batch(data.clean, cleanIdx), FaceData.batch(data.corrupted, corruptIdx)], axis: 0)
        for q in generator.parameters + encoder.parameters { q.isFrozen = false }
        let direct = generator(p).meanSquaredError(to: target)
        let code = encoder(Variable(input)).code
        let codeLoss = code.meanSquaredError(to: p.value)
        let cycle = generator(code).meanSquaredError(to: target)
        return (direct + codeLoss * 0.1 + cycle, direct, codeLoss, cycle)
    }

    func stage0Step() -> [String: Double] {
        let (loss, direct, codeLoss, cycle) = stage0Forward()
        let params = generator.parameters + encoder.parameters
        for q in params { q.zeroGradient() }
        loss.backward()
        stage0Optimizer.learningRate = cosine(Double(step) / Double(config.stage0Steps), from: config.stage0LearningRate, to: 0)
        stage0Optimizer.update(params)
        return ["loss": Double(loss.value.scalar), "loss/generator": Double(direct.value.scalar),
                "loss/code": Double(codeLoss.value.scalar), "loss/cycle": Double(cycle.value.scalar),
                "lr": Double(stage0Optimizer.learningRate)]
    }

    /// Freezes `G` and `E` (stage 1 trains only the module).
    func freezeBackbone() {
        for q in generator.parameters + encoder.parameters { q.isFrozen = true; q.zeroGradient() }
    }

    /// The frozen encoder's code and feature maps for inputs `x` (constants: no gradient reaches `E`).
    func encode(_ x: Tensor<Float>) -> (code: Tensor<Float>, features: [Int: Variable<Float>]) {
        freezeBackbone()
        let (code, features) = encoder(Variable(x))
        return (code.value, features.mapValues { Variable($0.value) })
    }

    /// The module's forward pass on inputs `x` and the blend `ŷ = M ⊙ x + (1 − M) ⊙ G̃`, from the frozen
    /// encoder's code (or `editedCode`) against the input's own features (`encoded`, computed when nil).
    func invert(_ x: Tensor<Float>, settings: AlignmentSettings, editedCode: Tensor<Float>? = nil,
                encoded: (code: Tensor<Float>, features: [Int: Variable<Float>])? = nil)
        -> (output: AlignmentOutput, code: Tensor<Float>, blend: Variable<Float>) {
        let (code, features) = encoded ?? encode(x)
        let out = module(generator: generator, code: Variable(editedCode ?? code), features: features, settings: settings)
        let blend = out.mask * Variable(x) + (Variable(Tensor(1)) - out.mask) * out.aligned
        return (out, code, blend)
    }

    func stage1Step() -> [String: Double] {
        let idx = (0..<config.stage1Batch).map { _ in rng.int(below: data.alignmentCount) }
        let x = FaceData.batch(data.alignmentInputs, idx)
        var settings = config.alignment
        settings.activeScales = activeScales
        let (out, _, blend) = invert(x, settings: settings)
        let pixel = blend.meanSquaredError(to: x)
        let t = stage1Progress
        let binaryOn: Float = t >= config.binaryStart ? 1 : 0
        var area = Variable(Tensor<Float>(0)), binary = Variable(Tensor<Float>(0))
        var masks = settings.activeScales.compactMap { r in out.masks[r].map { (r, $0) } }
        masks.append((0, out.mask))
        var metrics: [String: Double] = [:]
        for (r, m) in masks {
            let budget = config.budgets[r] ?? 0.12
            area = area + (m.mean() - budget).relu()
            binary = binary + m.elementwise({ Swift.min($0, 1 - $0) }, derivative: { x, _ in x < 0.5 ? 1 : -1 }).mean()
            metrics["mask/mean.\(r == 0 ? "out" : "\(r)")"] = Double(m.value.mean())
        }
        let loss = pixel * config.pixelWeight + area * config.maskWeight
            + binary * (config.maskWeight * config.binaryWeight * binaryOn)
        let params = module.parameters
        for q in params { q.zeroGradient() }
        loss.backward()
        clipGradientNorm(params, maxNorm: config.gradientClip)
        stage1Optimizer.learningRate = cosine(t, from: config.stage1LearningRate, to: config.stage1FinalLearningRate)
        stage1Optimizer.update(params)
        metrics["loss"] = Double(loss.value.scalar)
        metrics["loss/pixel"] = Double(pixel.value.scalar)
        metrics["loss/area"] = Double(area.value.scalar)
        metrics["loss/binary"] = Double(binary.value.scalar)
        metrics["lr"] = Double(stage1Optimizer.learningRate)
        return metrics
    }
}
