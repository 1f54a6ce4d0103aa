import Foundation
import Tensors

extension LieDecompositionReproduction {
    /// Throughput of one model: training and inference images/s and the share of time inside conv GEMMs.
    struct Speed {
        var label: String
        var trainImagesPerSecond: Double
        var inferenceImagesPerSecond: Double
        var gemmShare: Double
        var multiplyAdds: Double
    }

    /// Times 5 training steps and 5 inference batches of 64 (after one warm-up) for the SL G-CNN and the CNN,
    /// in thread CPU seconds (robust to a busy shared machine).
    static func benchmark(options: Options, data: AffineFashionData) -> [Speed] {
        var out: [Speed] = []
        for label in ["gcnn-sl", "cnn-26"] {
            guard let trainer = makeTrainer(label, options: options, data: data) else { continue }
            _ = trainer.trainStep()
            GEMMProfiler.start()
            let t0 = GEMMProfiler.cpuSeconds(CLOCK_THREAD_CPUTIME_ID)
            for _ in 0..<5 { _ = trainer.trainStep() }
            let train = GEMMProfiler.cpuSeconds(CLOCK_THREAD_CPUTIME_ID) - t0
            let trainGemm = GEMMProfiler.stop().seconds
            let x = AffineFashionData.padded(AffineFashionData.batch(data.testCentred, Array(0..<min(64, data.testCount))),
                                             by: options.inputMargin)
            var rng = RandomSource(seed: 5)
            let t1 = GEMMProfiler.cpuSeconds(CLOCK_THREAD_CPUTIME_ID)
            trainer.inference { for _ in 0..<5 { _ = trainer.model.logits(x, using: &rng) } }
            let infer = GEMMProfiler.cpuSeconds(CLOCK_THREAD_CPUTIME_ID) - t1
            let c = Double(label == "gcnn-sl" ? 16 * options.samples : 26)
            let macs = c * 25 * 36 * 36 + c * c * 25 * 18 * 18 + c * c * 9 * 7 * 7
            out.append(Speed(label: label, trainImagesPerSecond: Double(5 * trainer.batchSize) / train,
                             inferenceImagesPerSecond: Double(5 * x.shape[0]) / infer, gemmShare: trainGemm / train,
                             multiplyAdds: macs))
        }
        return out
    }

    /// `| label | clean | acc / change … | affine / change |` for the one-component table.
    static func componentRow(_ label: String, clean: Double, _ components: [(String, Double, Double)], affine: Double,
                             change: Double) -> String {
        String(format: "| %@ | %.1f | ", label, 100 * clean)
            + components.map { String(format: "%.1f / %.2f", 100 * $0.1, $0.2) }.joined(separator: " | ")
            + String(format: " | %.1f / %.2f |\n", 100 * affine, change)
    }

    /// `| label | a % | b % | … |`.
    static func percentRow(_ label: String, _ values: [Double]) -> String {
        "| \(label) | " + values.map { String(format: "%.1f", 100 * $0) }.joined(separator: " | ") + " |\n"
    }

    static func report(rows: [Row], speed: [Speed], options: Options) -> String {
        var s = "## Lie group decompositions: CPU reproduction (spec §10)\n\n"
        let source = options.directory == FashionMNISTLoader.defaultDirectory
            ? "Fashion-MNIST" : "IDX (\(options.directory))"
        s += "Train: first \(options.trainCount) \(source) training images, centred on 40×40. "
        s += "Test: first \(options.testCount) test images, centred and under \(options.testCopies == 1 ? "one seeded affNIST-range affine map" : "\(options.testCopies) seeded affNIST-range affine maps") each "
        s += "(rotation ±20°, shear ±0.2, scale 0.8–1.2 per axis, in-canvas translation). "
        s += "\(options.epochs) epochs, batch 64, Adam with cosine schedule, seed \(options.seed), N = \(options.samples), "
        s += "SIREN hidden \(options.kernelWidth), ω₀ = \(options.omega), \(options.rotation.rawValue) rotations, σ² = \(options.variance), "
        s += "mask \(options.mask?.rawValue ?? "reference (hard disc SL, smooth GL)"), "
        s += "G-CNN lr \(options.gcnnLearningRate), CNN lr \(options.cnnLearningRate), \(options.evaluationDraws) evaluation draw(s), "
        s += "background margin \(options.inputMargin) px.\n\n"
        s += "| model | params | clean % | affine % | affine/clean | gap (pts) | clean/affine %, 4 draws | rel. logit change | noise | train s | img/s |\n"
        s += "|---|---|---|---|---|---|---|---|---|---|---|\n"
        for r in rows {
            let four = r.clean4.isNaN ? "–" : String(format: "%.1f / %.1f", 100 * r.clean4, 100 * r.affine4)
            s += String(format: "| %@ | %d | %.1f | %.1f | %.2f | %.1f | %@ | %.2f | %.2f | %.0f | %.0f |\n", r.label, r.parameters,
                        100 * r.clean, 100 * r.affine, r.affine / max(r.clean, 1e-9), 100 * (r.clean - r.affine), four,
                        r.change, r.noise, r.trainSeconds, r.imagesPerSecond)
        }
        if let g = rows.first(where: { $0.label == "gcnn-sl" }), let c = rows.first(where: { $0.label == "cnn-26" }) {
            s += "\nG-CNN (SL) vs parameter-matched CNN: affine accuracy \(g.affine > c.affine ? "higher" : "NOT higher") "
            s += String(format: "(%.1f vs %.1f %%), clean-to-affine gap %@ (%.1f vs %.1f pts).\n", 100 * g.affine, 100 * c.affine,
                        (g.clean - g.affine) < (c.clean - c.affine) ? "smaller" : "NOT smaller",
                        100 * (g.clean - g.affine), 100 * (c.clean - c.affine))
        }
        if let first = rows.first(where: { !$0.components.isEmpty }) {
            s += "\n### One component of the affine map at a time (accuracy % / relative logit change)\n\n"
            s += "| model | clean | " + first.components.map(\.0).joined(separator: " | ") + " | all (affNIST ranges) |\n"
            s += "|---|---|" + String(repeating: "---|", count: first.components.count + 1) + "\n"
            for r in rows where !r.components.isEmpty {
                s += componentRow(r.label, clean: r.clean, r.components, affine: r.affine, change: r.change)
                if let p = r.padded {
                    s += componentRow("\(r.label), test images in a \(options.testPadding) px background margin", clean: p.clean,
                                      r.paddedComponents, affine: p.affine, change: p.change)
                }
            }
        }
        if let first = rows.first(where: { !$0.shiftAccuracy.isEmpty }) {
            s += "\n### Whole-pixel shifts of the centred test images along x (accuracy %, first "
                + "\(min(shiftImages, options.testCount)) images)\n\n"
            s += "| model | " + shifts.map { "dx = \($0)" }.joined(separator: " | ") + " |\n"
            s += "|---|" + String(repeating: "---|", count: first.shiftAccuracy.count) + "\n"
            for r in rows where !r.shiftAccuracy.isEmpty {
                s += percentRow(r.label, r.shiftAccuracy)
                if !r.paddedShiftAccuracy.isEmpty {
                    s += percentRow("\(r.label), \(options.testPadding) px margin", r.paddedShiftAccuracy)
                }
            }
        }
        s += "\n### Speed (one BLAS thread, batch 64, per CPU-second of the training thread)\n\n"
        s += "| model | multiply-adds/image (convs) | train img/s | inference img/s | share of train time in conv GEMM |\n|---|---|---|---|---|\n"
        for v in speed {
            s += String(format: "| %@ | %.1fM | %.0f | %.0f | %.0f%% |\n", v.label, v.multiplyAdds / 1e6, v.trainImagesPerSecond,
                        v.inferenceImagesPerSecond, 100 * v.gemmShare)
        }
        s += "\n### Paper (affNIST, 50 epochs on 50k MNIST digits; Mironenco & Forré 2024, Table 1)\n\n"
        s += "| model | affNIST acc. % | params |\n|---|---|---|\n"
        s += "| CNN baseline (Sabour et al. 2017) | 66 | 35.4M |\n| CapsNet (Sabour et al. 2017) | 79 | ≈8M |\n"
        s += "| affConv (MacDonald et al. 2022) | 95.08 ± 0.31 | 373K |\n| RU-CapsNet | 97.69 | > 580K |\n"
        s += "| R²⋊SL(2,R), N = 10 | ≈ 98 | ≈ 339K |\n| R²⋊GL+(2,R), N = 10 | ≈ 98 | ≈ 339K |\n"
        return s
    }
}
