import InvertibilityDecomposition
import Tensors

/// OOD GAN inversion training steps at the spec's sizes (§3.4–3.5, 32×32 faces), each against a baseline from the
/// same run: a stage-0 step (generator + encoder, batch 32, fwd + bwd + Adam) against its forward pass alone, and a
/// stage-1 step of the alignment + invertibility module (κ = 0.08, K = 2, scales 8/16/32, batch 16) against the same
/// step of baseline B2 (κ = 0: the detector without alignment), so the ratio is the price of the alignment.
enum InversionBenchmarks {
    static func run() -> [BenchmarkResult] {
        let data = FaceData(seed: 7, cleanCount: 512, corruptedCount: 256, alignmentCount: 512, testCount: 1)
        var stage0 = InversionConfig()
        stage0.stage0Steps = 1_000_000
        let generatorStage = InversionPipeline(config: stage0, data: data, seed: 7)
        var stage1 = InversionConfig()
        stage1.stage0Steps = 0
        stage1.stage1Steps = 1_000_000
        stage1.progressive = false
        let ours = InversionPipeline(config: stage1, data: data, seed: 7)
        var b2Config = stage1
        b2Config.alignment.kappa = 0
        let b2 = InversionPipeline(config: b2Config, data: data, seed: 7)
        var loss = 0.0
        let (s0, forward) = compare(warmup: 3, budget: 3, candidate: { loss = generatorStage.trainStep()["loss"] ?? .nan },
                                    baseline: { _ = generatorStage.stage0ForwardOnly() })
        let (s1, detector) = compare(warmup: 3, budget: 3, candidate: { loss = ours.trainStep()["loss"] ?? .nan },
                                     baseline: { _ = b2.trainStep() })
        return [
            row(suite: "ood-stage0", name: "stage 0: G + E step, batch 32 (baseline: its forward pass)", s0, forward ?? s0,
                what: "step / forward", loss: loss),
            row(suite: "ood-stage1", name: "stage 1: alignment + mask step, κ 0.08, K 2, batch 16 (baseline: B2, κ = 0)",
                s1, detector ?? s1, what: "step / B2 step", loss: loss),
        ]
    }

    static func row(suite: String, name: String, _ c: Timing, _ b: Timing, what: String, loss: Double) -> BenchmarkResult {
        print("\(suite): \(name): step \(formatTime(c.median)) (±\(pct(c.relativeSpread))), "
              + "\(String(format: "%.1f", 1 / c.median)) steps/s, \(String(format: "%.1f", 1 / c.cpuMedian)) steps per CPU-s; "
              + "baseline \(formatTime(b.median)); \(what) = \(fmt(c.median / b.median)) (CPU \(fmt(c.cpuMedian / b.cpuMedian)))")
        return BenchmarkResult(suite: suite, name: name, candidate: c, baseline: b, throughputRatio: b.median / c.median,
                               cpuThroughputRatio: b.cpuMedian / c.cpuMedian,
                               figures: ["stepsPerSecond": 1 / c.median, "stepsPerCPUSecond": 1 / c.cpuMedian,
                                         "stepOverBaseline": c.median / b.median, "finalLoss": loss])
    }
}
