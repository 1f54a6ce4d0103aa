/// Small bar graphics: braille sparklines with two samples per cell (btop's trick) and horizontal bars.
public enum Sparkline {
    /// Braille bits of the left and right dot columns, filled from the bottom (level 0…4).
    private static let leftLevels: [UInt32] = [0, 0x40, 0x44, 0x46, 0x47]
    private static let rightLevels: [UInt32] = [0, 0x80, 0xA0, 0xB0, 0xB8]

    /// The braille character holding two levels (each 0…4): 25 glyphs.
    public static func brailleCell(left: Int, right: Int) -> Unicode.Scalar {
        let l = min(max(left, 0), 4), r = min(max(right, 0), 4)
        return Unicode.Scalar(0x2800 + leftLevels[l] + rightLevels[r]) ?? " "
    }

    /// The characters of a sparkline of `values` in `width` cells, newest at the right.
    ///
    /// Unicode: two samples per cell as 0–4 braille levels (the most recent `2·width` samples). ASCII: one sample
    /// per cell on the ramp ` _.-=^`. Values scale between their finite min and max (or `range`); a flat
    /// series shows level 1 so it is visibly present; non-finite samples show as empty.
    public static func characters(_ values: [Double], width: Int, unicode: Bool,
                                  range: ClosedRange<Double>? = nil) -> [Unicode.Scalar] {
        guard width > 0 else { return [] }
        let perCell = unicode ? 2 : 1
        let recent = Array(values.suffix(width * perCell))
        let finite = recent.filter(\.isFinite)
        let lo = range?.lowerBound ?? finite.min() ?? 0
        let hi = range?.upperBound ?? finite.max() ?? 1
        let maxLevel = unicode ? 4 : 5
        func level(_ v: Double) -> Int {
            guard v.isFinite else { return 0 }
            guard hi > lo else { return 1 }
            let f = min(max((v - lo) / (hi - lo), 0), 1)
            return 1 + Int((f * Double(maxLevel - 1)).rounded())
        }
        // Left-pad so the newest sample sits in the last cell.
        let padded = [Double](repeating: .nan, count: width * perCell - recent.count) + recent
        if unicode {
            return (0..<width).map { c in brailleCell(left: level(padded[2 * c]), right: level(padded[2 * c + 1])) }
        }
        let ramp: [Unicode.Scalar] = [" ", "_", ".", "-", "=", "^"]
        return padded.map { ramp[level($0)] }
    }

    /// A horizontal bar of `fraction ∈ [0, 1]` of `width` cells: eighth blocks in Unicode, `#` in ASCII; the rest
    /// is filled with `trough` (a faint track).
    public static func bar(fraction: Double, width: Int, unicode: Bool) -> (filled: [Unicode.Scalar], trough: Int) {
        guard width > 0 else { return ([], 0) }
        let f = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        if !unicode {
            let n = Int((f * Double(width)).rounded())
            return (Array(repeating: "#", count: n), width - n)
        }
        let eighths = Int((f * Double(width * 8)).rounded())
        var out = [Unicode.Scalar](repeating: "█", count: eighths / 8)
        let partial: [Unicode.Scalar] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        if eighths % 8 > 0 { out.append(partial[eighths % 8 - 1]) }
        return (out, width - out.count)
    }
}
