import Datasets
import Session
import Tensors

/// The image strips and ASCII diagnostics of spec §5 for one test image.
enum InvertibilityPanels {
    static func image(_ label: String, _ pixels: ArraySlice<Float>, side: Int = 32) -> PanelImage {
        PanelImage(label: label, width: side, height: side, pixels: pixels.map { min(max($0, 0), 1) })
    }

    /// The edit the panes show: attribute, strength in code units, and recomputed or reused flow and mask.
    struct Edit {
        var attribute: String, strength: Double, reuse: Bool
    }

    static func panels(pipeline: InversionPipeline, sample: FaceSample, index: Int, threshold: Float, edit: Edit,
                       evaluation: InversionEvaluation?, b2: InversionPipeline? = nil,
                       b2Evaluation: InversionEvaluation? = nil) -> [Panel] {
        let o = pipeline.outputs(for: [sample], editStrength: Float(edit.strength), editAttribute: edit.attribute)
        let error = zip(o.input, o.plain).map { abs($0 - $1) }
        let b1 = o.errorScore.map { $0 > threshold ? Float(1) : 0 }
        // M vs GT as grey levels: TP 1, FP 0.66, FN 0.33, TN 0 (the text panel gives the spec's glyphs).
        let versus = zip(o.mask, o.truth).map { m, t -> Float in
            switch (m > 0.5, t > 0.5) {
            case (true, true): 1
            case (true, false): 0.66
            case (false, true): 0.33
            case (false, false): 0
            }
        }
        var baselineImages = [image("B1 mask τ=\(String(format: "%.2f", threshold))", b1[...])]
        if let b2, b2.stage1Progress > 0 {
            // Only B2's mask: its forward pass on the shown image, no edits or baselines.
            let x = Tensor<Float>(shape: [1, 1, 32, 32], scalars: sample.image)
            let mask = b2.invert(x, settings: b2.config.alignment).output.mask.value.scalars
            let progress = b2.stage1Progress
            baselineImages.append(image(progress >= 1 ? "B2 mask" : String(format: "B2 mask %.0f%%", 100 * progress),
                                        mask[...]))
        }
        baselineImages += [image(edit.reuse ? "edited ŷ (reuse)" : "edited ŷ", (edit.reuse ? o.editedReuse : o.editedBlend)[...]),
                           image("edited B0", o.editedPlain[...]), image("target edit", o.editTarget[...])]
        let editCaption = "\(edit.attribute) edit δ = \(String(format: "%+.2f", edit.strength)) (code units), "
            + (edit.reuse ? "inversion's flow and mask reused" : "flow and mask recomputed")
        let caption = "test image \(index): \(sample.overlays.kinds.isEmpty ? "no OOD content" : sample.overlays.kinds.joined(separator: ", "))"
        var panels: [Panel] = [
            .images(ImagePanel(title: "inversion", images: [
                image("input x", o.input[...]), image("GT OOD", o.truth[...]), image("B0 G(E(x))", o.plain[...]),
                image("|x−G(E(x))|", error[...]),
            ], caption: caption)),
            .images(ImagePanel(title: "invertibility", images: [
                image("mask M", o.mask[...]), image("M vs GT", versus[...]), image("aligned G̃", o.aligned[...]),
                image("blend ŷ", o.blend[...]),
            ], caption: "stage \(pipeline.inStage0 ? 0 : 1), step \(pipeline.step)")),
            .images(ImagePanel(title: "baselines and edit", images: baselineImages, caption: editCaption)),
            .text(title: "mask vs GT (# TP, + FP, - FN)", lines: maskVersusTruth(o.mask, o.truth)),
        ]
        if o.flowSize > 0 {
            panels.append(.text(title: "flow at \(o.flowSize)² (κ = \(pipeline.config.alignment.kappa))",
                                lines: flowArrows(o.flow, size: o.flowSize, kappa: pipeline.config.alignment.kappa)))
        }
        if let e = evaluation { panels.append(.table(table(e, b2: b2Evaluation))) }
        return panels
    }

    /// The spec's mask-vs-GT glyphs, two pixel rows per line; FN wins over FP over TP inside a cell.
    static func maskVersusTruth(_ mask: [Float], _ truth: [Float]) -> [String] {
        stride(from: 0, to: 32, by: 2).map { r in
            String((0..<32).map { c -> Character in
                var glyph: Character = " "
                var rank = 0
                for rr in [r, r + 1] {
                    let m = mask[rr * 32 + c] > 0.5, t = truth[rr * 32 + c] > 0.5
                    let (g, k): (Character, Int) = m && t ? ("#", 1) : (m ? ("+", 2) : (t ? ("-", 3) : (" ", 0)))
                    if k > rank { glyph = g; rank = k }
                }
                return glyph
            })
        }
    }

    /// Flow arrows by direction (`·` below 0.1 κ), one per flow pixel (sub-sampled to at most 16 columns).
    static func flowArrows(_ flow: [Float], size: Int, kappa: Float) -> [String] {
        let step = max(size / 16, 1)
        let arrows: [Character] = ["→", "↘", "↓", "↙", "←", "↖", "↑", "↗"]
        return stride(from: 0, to: size, by: step).map { r in
            String(stride(from: 0, to: size, by: step).map { c -> Character in
                let u = flow[r * size + c], v = flow[size * size + r * size + c]
                if (u * u + v * v).squareRoot() < 0.1 * max(kappa, 1e-6) { return "·" }
                let angle = Double(atan2(v, u))
                let k = Int(((angle / (2 * .pi)) * 8).rounded()) & 7
                return arrows[(k + 8) % 8]
            })
        }
    }

    static func table(_ e: InversionEvaluation, b2: InversionEvaluation? = nil) -> TablePanel {
        func f(_ x: Double) -> String { x.isNaN ? "–" : String(format: "%.3f", x) }
        func db(_ x: Double) -> String { x.isNaN ? "–" : String(format: "%.1f", x) }
        return TablePanel(title: "probe (\(e.images) images) — spec calibration in brackets",
                          columns: ["", "F1", "IoU", "AP", "PSNR ID", "PSNR OOD", "PSNR all"],
                          rows: [
                            ["B0 plain", "–", "–", "–", db(e.plainPSNR.id), db(e.plainPSNR.ood), db(e.plainPSNR.all)],
                            ["B1 τ=0.10", f(e.errorF1), f(e.errorIoU), f(e.errorAP), "–", "–", "–"],
                            ["B1 τ*=\(String(format: "%.2f", e.oracleThreshold))", f(e.oracleF1), f(e.oracleIoU), f(e.errorAP),
                             db(e.errorBlendPSNR.id), db(e.errorBlendPSNR.ood), db(e.errorBlendPSNR.all)],
                            ["B3 aligned err", f(e.alignedErrorOracleF1), "–", f(e.alignedErrorAP), db(e.alignedPSNRID), "–", "–"],
                            ["ours", f(e.f1), f(e.iou), f(e.ap), db(e.oursPSNR.id), db(e.oursPSNR.ood), db(e.oursPSNR.all)],
                            ["(spec ours)", "[0.46–0.49]", "[0.30–0.33]", "[0.43–0.47]", "[26.3–26.6]", "[19.1–19.7]", "[24.7–25.0]"],
                          ] + (b2.map { b in
                            [["B2 κ=0 (retrained)", f(b.f1), f(b.iou), f(b.ap), db(b.oursPSNR.id), db(b.oursPSNR.ood), db(b.oursPSNR.all)]]
                          } ?? []))
    }
}

import Foundation
