import Autodiff
import Datasets
import Foundation
import Tensors

/// Test-set metrics of spec §3.7–3.8 for the method and its baselines, pooled over all pixels of all images.
public struct InversionEvaluation: Sendable, Equatable {
    /// Mask quality of ours (`M > 0.5`), of B1 at τ = 0.10 and at its oracle τ*, and of B3 (aligned error) at τ*.
    public var f1 = 0.0, iou = 0.0, ap = 0.0, maskArea = 0.0
    public var errorF1 = 0.0, errorIoU = 0.0, errorAP = 0.0
    public var oracleThreshold: Float = 0, oracleF1 = 0.0, oracleIoU = 0.0
    public var alignedErrorAP = 0.0, alignedErrorOracleF1 = 0.0
    /// Region PSNR (ID, OOD, all) of B0, of B1 (oracle) blending, of ours, and of the aligned generator alone.
    public var plainPSNR = (id: 0.0, ood: 0.0, all: 0.0)
    public var errorBlendPSNR = (id: 0.0, ood: 0.0, all: 0.0)
    public var oursPSNR = (id: 0.0, ood: 0.0, all: 0.0)
    public var alignedPSNRID = 0.0
    public var oursSSIM = 0.0, plainSSIM = 0.0
    /// Attribute edit vs the renderer's ground-truth edit: region PSNR and edit transfer.
    public var editOursPSNR = (id: 0.0, ood: 0.0), editPlainPSNR = (id: 0.0, ood: 0.0)
    public var editTransferOurs = 0.0, editTransferReuse = 0.0, editTransferPlain = 0.0
    /// Which half of the recompute pulls the edit back (report only): the edit transfer with the flows recomputed but
    /// the inversion's mask kept, and with the inversion's flows kept but the mask recomputed.
    public var editTransferFlowsRecomputed = 0.0, editTransferMaskRecomputed = 0.0
    public var images = 0

    public init() {}

    public static func == (a: InversionEvaluation, b: InversionEvaluation) -> Bool {
        a.metrics == b.metrics
    }

    /// Flat metric names and values (`eval/f1`, `eval/psnr.ours.all`, ...).
    public var metrics: [String: Double] {
        [
            "eval/f1": f1, "eval/iou": iou, "eval/ap": ap, "eval/mask_area": maskArea,
            "eval/b1.f1": errorF1, "eval/b1.iou": errorIoU, "eval/b1.ap": errorAP,
            "eval/b1.oracle_tau": Double(oracleThreshold), "eval/b1.oracle_f1": oracleF1, "eval/b1.oracle_iou": oracleIoU,
            "eval/b3.ap": alignedErrorAP, "eval/b3.oracle_f1": alignedErrorOracleF1,
            "eval/psnr.b0.id": plainPSNR.id, "eval/psnr.b0.ood": plainPSNR.ood, "eval/psnr.b0.all": plainPSNR.all,
            "eval/psnr.b1.id": errorBlendPSNR.id, "eval/psnr.b1.ood": errorBlendPSNR.ood, "eval/psnr.b1.all": errorBlendPSNR.all,
            "eval/psnr.ours.id": oursPSNR.id, "eval/psnr.ours.ood": oursPSNR.ood, "eval/psnr.ours.all": oursPSNR.all,
            "eval/psnr.aligned.id": alignedPSNRID, "eval/ssim.ours": oursSSIM, "eval/ssim.b0": plainSSIM,
            "eval/edit.ours.id": editOursPSNR.id, "eval/edit.ours.ood": editOursPSNR.ood,
            "eval/edit.b0.id": editPlainPSNR.id, "eval/edit.b0.ood": editPlainPSNR.ood,
            "eval/edit.transfer.ours": editTransferOurs, "eval/edit.transfer.reuse": editTransferReuse,
            "eval/edit.transfer.b0": editTransferPlain,
            "eval/edit.transfer.flows_recomputed": editTransferFlowsRecomputed,
            "eval/edit.transfer.mask_recomputed": editTransferMaskRecomputed,
        ]
    }
}

/// Everything computed for one batch of test images (also what the TUI's image pane shows).
public struct InversionOutputs: Sendable {
    public var input: [Float], truth: [Float], plain: [Float], aligned: [Float], mask: [Float], blend: [Float]
    public var errorScore: [Float], alignedErrorScore: [Float]
    public var editedPlain: [Float], editedBlend: [Float], editedReuse: [Float], editTarget: [Float], editTargetBase: [Float]
    /// The edit with recomputed flows but the inversion's mask, and with the inversion's flows but the recomputed mask.
    public var editedFlowsRecomputed: [Float], editedMaskRecomputed: [Float]
    /// The finest active scale's flow `[n, 2, r, r]` and its resolution.
    public var flow: [Float], flowSize: Int
}

extension InversionPipeline {
    /// Stage-0 calibration (spec §4 check 2) on fresh faces: PSNR(G(p), clean), PSNR(G(E(clean)), clean) and
    /// PSNR(G(E(corrupted)), clean).
    public func stage0Calibration(_ samples: [FaceSample]) -> (generator: Double, clean: Double, corrupted: Double) {
        let n = samples.count
        let p = Tensor<Float>(shape: [n, 17], scalars: samples.flatMap(\.parameters.code))
        let clean = Tensor<Float>(shape: [n, 1, 32, 32], scalars: samples.flatMap(\.clean))
        let corrupted = Tensor<Float>(shape: [n, 1, 32, 32], scalars: samples.flatMap(\.image))
        let g = generator(Variable(p)).value
        let ge = generator(encoder(Variable(clean)).code).value
        let gc = generator(encoder(Variable(corrupted)).code).value
        return (MaskMetrics.psnr(g.scalars, clean.scalars), MaskMetrics.psnr(ge.scalars, clean.scalars),
                MaskMetrics.psnr(gc.scalars, clean.scalars))
    }

    /// The attribute edit of §3.8: the `attribute` coordinate of the code (smile by default) moves by +0.8 if
    /// negative, else −0.8; with `strength`, every code moves by exactly that much instead. Returns the edited codes
    /// and each image's raw parameter change (code units × half the parameter's range: 0.8 smile = 0.12).
    static func editedCode(_ code: Tensor<Float>, attribute: String = "smile", strength: Float? = nil)
        -> (Tensor<Float>, [Double]) {
        var c = code
        var deltas: [Double] = []
        let index = FaceParameters.index(of: attribute)
        let range = FaceParameters.ranges[index]
        for i in 0..<code.shape[0] {
            let k = i * 17 + index
            let d: Float = strength ?? (c.scalars[k] < 0 ? 0.8 : -0.8)
            c.scalars[k] += d
            deltas.append(Double(d) * (range.upperBound - range.lowerBound) / 2)
        }
        return (c, deltas)
    }

    /// Runs B0, the module and the edits on test samples.
    public func outputs(for samples: [FaceSample], settings: AlignmentSettings? = nil,
                        editStrength: Float? = nil, editAttribute: String = "smile") -> InversionOutputs {
        let x = Tensor<Float>(shape: [samples.count, 1, 32, 32], scalars: samples.flatMap(\.image))
        let s = settings ?? config.alignment
        let encoded = encode(x)
        let (out, code, blend) = invert(x, settings: s, encoded: encoded)
        let plain = generator(Variable(code)).value
        let (edited, deltas) = Self.editedCode(code, attribute: editAttribute, strength: editStrength)
        let editPlain = generator(Variable(edited)).value
        // Recompute: flow and mask of the edited latent against the unedited input's features (the paper's
        // behaviour); reuse: the edited generator warped by the inversion's flows, blended with its mask.
        let (editOut, _, editBlend) = invert(x, settings: s, editedCode: edited, encoded: encoded)
        let m = out.mask.value
        let reusedAligned = module(generator: generator, code: Variable(edited), features: encoded.features, settings: s,
                                   fixed: out).aligned.value
        let reuse = m * x + (Tensor(1) - m) * reusedAligned
        let em = editOut.mask.value
        let flowsRecomputed = m * x + (Tensor(1) - m) * editOut.aligned.value
        let maskRecomputed = em * x + (Tensor(1) - em) * reusedAligned
        let targets = zip(samples, deltas).map { $0.edited(parameter: editAttribute, by: $1).image }
        let finest = s.activeScales.max() ?? 32
        return InversionOutputs(
            input: x.scalars, truth: samples.flatMap(\.mask), plain: plain.scalars, aligned: out.aligned.value.scalars,
            mask: m.scalars, blend: blend.value.scalars,
            errorScore: MaskMetrics.errorScore(input: x.scalars, reconstruction: plain.scalars, width: 32),
            alignedErrorScore: MaskMetrics.errorScore(input: x.scalars, reconstruction: out.aligned.value.scalars, width: 32),
            editedPlain: editPlain.scalars, editedBlend: editBlend.value.scalars, editedReuse: reuse.scalars,
            editTarget: targets.flatMap { $0 }, editTargetBase: x.scalars,
            editedFlowsRecomputed: flowsRecomputed.scalars, editedMaskRecomputed: maskRecomputed.scalars,
            flow: out.flows[finest]?.scalars ?? [], flowSize: out.flows[finest] == nil ? 0 : finest)
    }

    /// Evaluates on the first `count` test images (all by default) in batches of 50.
    public func evaluate(count: Int? = nil, settings: AlignmentSettings? = nil) -> InversionEvaluation {
        let n = min(count ?? data.test.count, data.test.count)
        var all: InversionOutputs? = nil
        for start in stride(from: 0, to: n, by: 50) {
            let o = outputs(for: Array(data.test[start..<min(start + 50, n)]), settings: settings)
            if var acc = all {
                acc.input += o.input; acc.truth += o.truth; acc.plain += o.plain; acc.aligned += o.aligned
                acc.mask += o.mask; acc.blend += o.blend; acc.errorScore += o.errorScore
                acc.alignedErrorScore += o.alignedErrorScore; acc.editedPlain += o.editedPlain
                acc.editedBlend += o.editedBlend; acc.editedReuse += o.editedReuse; acc.editTarget += o.editTarget
                acc.editTargetBase += o.editTargetBase
                acc.editedFlowsRecomputed += o.editedFlowsRecomputed; acc.editedMaskRecomputed += o.editedMaskRecomputed
                all = acc
            } else {
                all = o
            }
        }
        guard let o = all else { return InversionEvaluation() }
        return Self.score(o, images: n)
    }

    /// Pools the metrics of §3.7–3.8 over a batch of outputs.
    static func score(_ o: InversionOutputs, images: Int) -> InversionEvaluation {
        var e = InversionEvaluation()
        e.images = images
        let ours = MaskMetrics.confusion(scores: o.mask, truth: o.truth)
        e.f1 = ours.f1; e.iou = ours.iou
        e.ap = MaskMetrics.averagePrecision(scores: o.mask, truth: o.truth)
        e.maskArea = Double(o.mask.reduce(0, +)) / Double(max(o.mask.count, 1))
        let fixed = MaskMetrics.confusion(scores: o.errorScore, truth: o.truth, threshold: 0.10)
        e.errorF1 = fixed.f1; e.errorIoU = fixed.iou
        e.errorAP = MaskMetrics.averagePrecision(scores: o.errorScore, truth: o.truth)
        let oracle = MaskMetrics.oracleThreshold(scores: o.errorScore, truth: o.truth)
        e.oracleThreshold = oracle.threshold; e.oracleF1 = oracle.f1
        e.oracleIoU = MaskMetrics.confusion(scores: o.errorScore, truth: o.truth, threshold: oracle.threshold).iou
        e.alignedErrorAP = MaskMetrics.averagePrecision(scores: o.alignedErrorScore, truth: o.truth)
        e.alignedErrorOracleF1 = MaskMetrics.oracleThreshold(scores: o.alignedErrorScore, truth: o.truth).f1
        func regions(_ y: [Float], _ target: [Float]) -> (id: Double, ood: Double, all: Double) {
            (MaskMetrics.psnr(y, target, truth: o.truth, inOOD: false), MaskMetrics.psnr(y, target, truth: o.truth, inOOD: true),
             MaskMetrics.psnr(y, target))
        }
        e.plainPSNR = regions(o.plain, o.input)
        let b1Mask = o.errorScore.map { $0 > oracle.threshold ? Float(1) : 0 }
        let b1Blend = (0..<o.input.count).map { b1Mask[$0] * o.input[$0] + (1 - b1Mask[$0]) * o.plain[$0] }
        e.errorBlendPSNR = regions(b1Blend, o.input)
        e.oursPSNR = regions(o.blend, o.input)
        e.alignedPSNRID = MaskMetrics.psnr(o.aligned, o.input, truth: o.truth, inOOD: false)
        func meanSSIM(_ y: [Float]) -> Double {
            let per = stride(from: 0, to: y.count, by: 1024).map {
                MaskMetrics.ssim(Array(y[$0..<($0 + 1024)]), Array(o.input[$0..<($0 + 1024)]), width: 32)
            }
            return per.reduce(0, +) / Double(max(per.count, 1))
        }
        e.oursSSIM = meanSSIM(o.blend)
        e.plainSSIM = meanSSIM(o.plain)
        let ed = regions(o.editedBlend, o.editTarget), ep = regions(o.editedPlain, o.editTarget)
        e.editOursPSNR = (ed.id, ed.ood); e.editPlainPSNR = (ep.id, ep.ood)
        e.editTransferOurs = MaskMetrics.editTransfer(output: o.blend, editedOutput: o.editedBlend, target: o.input,
                                                      editedTarget: o.editTarget, truth: o.truth)
        e.editTransferReuse = MaskMetrics.editTransfer(output: o.blend, editedOutput: o.editedReuse, target: o.input,
                                                       editedTarget: o.editTarget, truth: o.truth)
        e.editTransferPlain = MaskMetrics.editTransfer(output: o.plain, editedOutput: o.editedPlain, target: o.input,
                                                       editedTarget: o.editTarget, truth: o.truth)
        e.editTransferFlowsRecomputed = MaskMetrics.editTransfer(output: o.blend, editedOutput: o.editedFlowsRecomputed,
                                                                 target: o.input, editedTarget: o.editTarget, truth: o.truth)
        e.editTransferMaskRecomputed = MaskMetrics.editTransfer(output: o.blend, editedOutput: o.editedMaskRecomputed,
                                                                target: o.input, editedTarget: o.editTarget, truth: o.truth)
        return e
    }
}
