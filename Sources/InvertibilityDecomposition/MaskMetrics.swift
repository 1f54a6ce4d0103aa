import Foundation

/// Pixel-pooled metrics of spec §3.7: mask F1/IoU/AP against the ground truth and region PSNR.
///
/// Every function pools over all pixels of all images passed (images concatenated), as the spec prescribes.
public enum MaskMetrics {
    /// Confusion counts of a binary prediction `score > threshold` against a binary truth.
    public struct Confusion: Sendable, Equatable {
        public var truePositive = 0, falsePositive = 0, falseNegative = 0, trueNegative = 0
        public init() {}

        /// F1 = 2TP / (2TP + FP + FN) (1 when there is nothing to find and nothing was found).
        public var f1: Double {
            let d = 2 * truePositive + falsePositive + falseNegative
            return d == 0 ? 1 : Double(2 * truePositive) / Double(d)
        }

        /// IoU = TP / (TP + FP + FN).
        public var iou: Double {
            let d = truePositive + falsePositive + falseNegative
            return d == 0 ? 1 : Double(truePositive) / Double(d)
        }
    }

    /// Counts `score > threshold` against `truth > 0.5`.
    public static func confusion(scores: [Float], truth: [Float], threshold: Float = 0.5) -> Confusion {
        precondition(scores.count == truth.count, "scores \(scores.count) vs truth \(truth.count)")
        var c = Confusion()
        for i in 0..<scores.count {
            let p = scores[i] > threshold, t = truth[i] > 0.5
            switch (p, t) {
            case (true, true): c.truePositive += 1
            case (true, false): c.falsePositive += 1
            case (false, true): c.falseNegative += 1
            case (false, false): c.trueNegative += 1
            }
        }
        return c
    }

    /// Average precision of a score map: the mean of precision at each true positive when pixels are ranked by
    /// decreasing score (ties broken by order; the step-wise AP of scikit-learn's `average_precision_score`).
    public static func averagePrecision(scores: [Float], truth: [Float]) -> Double {
        precondition(scores.count == truth.count, "scores \(scores.count) vs truth \(truth.count)")
        let positives = truth.reduce(0) { $0 + ($1 > 0.5 ? 1 : 0) }
        guard positives > 0 else { return 1 }
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var tp = 0, seen = 0, sum = 0.0
        var i = 0
        while i < order.count {
            // Treat equal scores as one threshold, like sklearn.
            var j = i
            var tpHere = 0
            while j < order.count && scores[order[j]] == scores[order[i]] {
                if truth[order[j]] > 0.5 { tpHere += 1 }
                j += 1
            }
            seen += j - i
            if tpHere > 0 {
                tp += tpHere
                sum += Double(tpHere) / Double(positives) * Double(tp) / Double(seen)
            }
            i = j
        }
        return sum
    }

    /// Region PSNR `10·log10(1 / MSE)` over pixels where `region(truth)` holds (`nil`: all pixels).
    public static func psnr(_ a: [Float], _ b: [Float], truth: [Float]? = nil, inOOD: Bool? = nil) -> Double {
        precondition(a.count == b.count, "images \(a.count) vs \(b.count)")
        var sum = 0.0, n = 0
        for i in 0..<a.count {
            if let truth, let inOOD, (truth[i] > 0.5) != inOOD { continue }
            let d = Double(a[i] - b[i])
            sum += d * d
            n += 1
        }
        guard n > 0 else { return .nan }
        return 10 * Foundation.log10(1 / max(sum / Double(n), 1e-12))
    }

    /// Mean SSIM over images (8×8 windows of stride 4 with the usual constants C1 = 0.01², C2 = 0.03²).
    public static func ssim(_ a: [Float], _ b: [Float], width: Int) -> Double {
        let height = a.count / width
        var total = 0.0, windows = 0
        let c1 = 0.0001, c2 = 0.0009
        var y = 0
        while y + 8 <= height {
            var x = 0
            while x + 8 <= width {
                var ma = 0.0, mb = 0.0
                for r in y..<(y + 8) { for c in x..<(x + 8) { ma += Double(a[r * width + c]); mb += Double(b[r * width + c]) } }
                ma /= 64; mb /= 64
                var va = 0.0, vb = 0.0, cov = 0.0
                for r in y..<(y + 8) {
                    for c in x..<(x + 8) {
                        let da = Double(a[r * width + c]) - ma, db = Double(b[r * width + c]) - mb
                        va += da * da; vb += db * db; cov += da * db
                    }
                }
                va /= 63; vb /= 63; cov /= 63
                total += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2))
                windows += 1
                x += 4
            }
            y += 4
        }
        return windows == 0 ? .nan : total / Double(windows)
    }

    /// 3×3 box filter with edge clamping of one `width × height` image.
    public static func box3(_ image: [Float], width: Int) -> [Float] {
        let height = image.count / width
        var out = [Float](repeating: 0, count: image.count)
        for r in 0..<height {
            for c in 0..<width {
                var s: Float = 0
                for dr in -1...1 {
                    for dc in -1...1 {
                        let rr = min(max(r + dr, 0), height - 1), cc = min(max(c + dc, 0), width - 1)
                        s += image[rr * width + cc]
                    }
                }
                out[r * width + c] = s / 9
            }
        }
        return out
    }

    /// The reconstruction-error score of baseline B1: `box3(|x − G(E(x))|)` per image (batch `[n·32·32]`).
    public static func errorScore(input: [Float], reconstruction: [Float], width: Int) -> [Float] {
        let pixels = width * width
        var out: [Float] = []
        out.reserveCapacity(input.count)
        for start in stride(from: 0, to: input.count, by: pixels) {
            let diff = (start..<(start + pixels)).map { abs(input[$0] - reconstruction[$0]) }
            out += box3(diff, width: width)
        }
        return out
    }

    /// The threshold on the grid {0.02, 0.04, …, 0.50} with the best F1, and that F1 (the oracle τ* of B1).
    public static func oracleThreshold(scores: [Float], truth: [Float]) -> (threshold: Float, f1: Double) {
        var best: (Float, Double) = (0.02, -1)
        for k in 1...25 {
            let t = Float(k) * 0.02
            let f = confusion(scores: scores, truth: truth, threshold: t).f1
            if f > best.1 { best = (t, f) }
        }
        return best
    }

    /// Edit transfer `Σ_ID (ŷ_edit − ŷ)(x_edit − x) / Σ_ID (x_edit − x)²` (1 = the full edit, 0 = none).
    public static func editTransfer(output: [Float], editedOutput: [Float], target: [Float], editedTarget: [Float],
                                    truth: [Float]) -> Double {
        var num = 0.0, den = 0.0
        for i in 0..<output.count where truth[i] <= 0.5 {
            let dy = Double(editedOutput[i] - output[i]), dx = Double(editedTarget[i] - target[i])
            num += dy * dx
            den += dx * dx
        }
        return den > 0 ? num / den : .nan
    }
}
