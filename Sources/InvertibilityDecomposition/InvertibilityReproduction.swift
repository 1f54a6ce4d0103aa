import Foundation
import NN
import Tensors

/// The spec's reproduction (§3.9, §4): per seed, stage 0 then stage 1 for ours and for B2 (κ = 0, retrained
/// from the same stage-0 weights), scored on the 400-image test set; returns a markdown report.
public enum InvertibilityReproduction {
    /// Runs the protocol. `scale` < 1 shrinks data and steps proportionally (for a quick look). `alignment` is the
    /// module's setting for "ours"; every entry of `variants` (name, setting) is one more stage 1 retrained from the
    /// same stage-0 weights and reported beside it (the spec's report-only product-fusion and gated-warp variants).
    public static func run(seeds: [UInt64] = [1, 2], scale: Double = 1, alignment: AlignmentSettings = AlignmentSettings(),
                           variants: [(String, AlignmentSettings)] = [], log: (String) -> Void = { print($0) }) -> String {
        var rows: [(String, InversionEvaluation)] = []
        var timings: [String] = []
        var calibration: [String] = []
        var examples: [String] = []
        for seed in seeds {
            var config = InversionConfig()
            config.stage0Steps = Int(1500 * scale)
            config.stage1Steps = Int(1500 * scale)
            config.alignment = alignment
            let clock = ContinuousClock()
            let t0 = clock.now
            let data = FaceData(seed: seed, cleanCount: Int(20_000 * scale), corruptedCount: Int(10_000 * scale),
                                alignmentCount: Int(6000 * scale), testCount: 400)
            let tData = clock.now
            let ours = InversionPipeline(config: config, data: data, seed: seed)
            while ours.inStage0 {
                let m = ours.trainStep()
                if ours.step % 250 == 0 { log("seed \(seed) stage 0 step \(ours.step): loss \(m["loss"] ?? .nan)") }
            }
            let tStage0 = clock.now
            let c = ours.stage0Calibration(data.test)
            calibration.append(String(format: "seed %d: PSNR(G(p), clean) %.1f dB, PSNR(G(E(clean)), clean) %.1f dB, PSNR(G(E(corrupted)), clean) %.1f dB",
                                      Int(seed), c.generator, c.clean, c.corrupted))
            // B2 starts from the same frozen stage-0 weights with κ = 0.
            var b2Setting = alignment
            b2Setting.kappa = 0
            let b2 = ours.stage1Sibling(alignment: b2Setting)
            // Trains a pipeline to its last step, logging every 250 steps.
            func finish(_ pipeline: InversionPipeline, _ name: String) {
                while pipeline.step < pipeline.totalSteps {
                    let m = pipeline.trainStep()
                    if pipeline.step % 250 == 0 { log("seed \(seed) \(name) step \(pipeline.step): loss \(m["loss"] ?? .nan)") }
                }
            }
            finish(ours, "stage 1")
            let tStage1 = clock.now
            finish(b2, "B2")
            rows.append(("ours (seed \(seed))", ours.evaluate()))
            examples.append("seed \(seed):\n" + captures(ours, indices: [0, 1, 2, 3]))
            rows.append(("B2 κ=0 (seed \(seed))", b2.evaluate()))
            for (name, setting) in variants {
                let variant = ours.stage1Sibling(alignment: setting)
                finish(variant, name)
                rows.append(("\(name) (seed \(seed))", variant.evaluate()))
            }
            func s(_ d: Duration) -> String { String(format: "%.0f s", Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18) }
            timings.append("seed \(seed): data \(s(tData - t0)), stage 0 \(s(tStage0 - tData)), stage 1 \(s(tStage1 - tStage0))")
        }
        return report(rows, timings: timings, scale: scale) + "\nstage 0 on the 400 test faces: " + calibration.joined(separator: "; ") + "\n"
            + "\nText captures (spec §5 ramps; columns: input x | GT OOD | B0 G(E(x)) | mask M | blend ŷ):\n\n```\n"
            + examples.joined(separator: "\n") + "```\n"
    }

    /// ASCII strips of test images: the 10-level ramp for images, the 5-level mask ramp, two pixel rows per line.
    static func captures(_ pipeline: InversionPipeline, indices: [Int]) -> String {
        let ramp = Array(" .:-=+*#%@"), maskRamp = Array(" .:o#")
        func row(_ img: [Float], _ r: Int, mask: Bool) -> String {
            String((0..<32).map { c -> Character in
                let a = min(max(img[r * 32 + c], 0), 1), b = min(max(img[(r + 1) * 32 + c], 0), 1)
                if mask {
                    let v = max(a, b)
                    let k = v < 0.125 ? 0 : (v < 0.375 ? 1 : (v < 0.625 ? 2 : (v < 0.875 ? 3 : 4)))
                    return maskRamp[k]
                }
                return ramp[min(Int(10 * (a + b) / 2), 9)]
            })
        }
        var out = ""
        for i in indices where i < pipeline.data.test.count {
            let sample = pipeline.data.test[i]
            let o = pipeline.outputs(for: [sample])
            out += "test image \(i) (\(sample.overlays.kinds.isEmpty ? "no OOD" : sample.overlays.kinds.joined(separator: ", ")))\n"
            for r in stride(from: 0, to: 32, by: 2) {
                out += [row(o.input, r, mask: false), row(o.truth, r, mask: true), row(o.plain, r, mask: false),
                        row(o.mask, r, mask: true), row(o.blend, r, mask: false)].joined(separator: " | ") + "\n"
            }
        }
        return out
    }

    static func report(_ rows: [(String, InversionEvaluation)], timings: [String], scale: Double) -> String {
        func f(_ x: Double) -> String { x.isNaN ? "–" : String(format: "%.3f", x) }
        func db(_ x: Double) -> String { x.isNaN ? "–" : String(format: "%.1f", x) }
        var out = "| method | F1 | IoU | AP | mask area | PSNR ID | PSNR OOD | PSNR all |\n|---|---|---|---|---|---|---|---|\n"
        if let (_, e) = rows.first {
            out += "| B0 plain | – | – | – | – | \(db(e.plainPSNR.id)) | \(db(e.plainPSNR.ood)) | \(db(e.plainPSNR.all)) |\n"
            out += "| B1 τ = 0.10 | \(f(e.errorF1)) | \(f(e.errorIoU)) | \(f(e.errorAP)) | – | – | – | – |\n"
            out += "| B1 τ* = \(String(format: "%.2f", e.oracleThreshold)) (oracle) | \(f(e.oracleF1)) | \(f(e.oracleIoU)) | \(f(e.errorAP)) | – | \(db(e.errorBlendPSNR.id)) | \(db(e.errorBlendPSNR.ood)) | \(db(e.errorBlendPSNR.all)) |\n"
        }
        for (name, e) in rows {
            out += "| \(name) | \(f(e.f1)) | \(f(e.iou)) | \(f(e.ap)) | \(f(e.maskArea)) | \(db(e.oursPSNR.id)) | \(db(e.oursPSNR.ood)) | \(db(e.oursPSNR.all)) |\n"
        }
        out += "\n| run | aligned G̃ PSNR ID | B3 AP | B3 oracle F1 | edit PSNR ID (ours / B0) | edit PSNR OOD (ours / B0) | transfer ours / reuse / B0 | SSIM ours / B0 |\n|---|---|---|---|---|---|---|---|\n"
        for (name, e) in rows {
            out += "| \(name) | \(db(e.alignedPSNRID)) | \(f(e.alignedErrorAP)) | \(f(e.alignedErrorOracleF1)) | \(db(e.editOursPSNR.id)) / \(db(e.editPlainPSNR.id)) | \(db(e.editOursPSNR.ood)) / \(db(e.editPlainPSNR.ood)) | \(f(e.editTransferOurs)) / \(f(e.editTransferReuse)) / \(f(e.editTransferPlain)) | \(f(e.oursSSIM)) / \(f(e.plainSSIM)) |\n"
        }
        out += "\n| run | edit transfer: recompute | flows recomputed, mask kept | flows kept, mask recomputed | reuse (both kept) |\n|---|---|---|---|---|\n"
        for (name, e) in rows {
            out += "| \(name) | \(f(e.editTransferOurs)) | \(f(e.editTransferFlowsRecomputed)) | \(f(e.editTransferMaskRecomputed)) | \(f(e.editTransferReuse)) |\n"
        }
        out += "\nscale \(scale); wall time: " + timings.joined(separator: "; ") + "\n"
        return out
    }
}
