import Foundation

/// Axis ticks at "nice" values (1, 2 or 5 × 10ᵏ) and their labels.
public enum Ticks {
    /// The nice step for about `count` intervals over `span`.
    public static func niceStep(span: Double, count: Int) -> Double {
        guard span > 0, span.isFinite, count > 0 else { return 1 }
        let raw = span / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let f = raw / magnitude
        let nice: Double = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10
        return nice * magnitude
    }

    /// Tick values inside `range` on a linear axis, at multiples of a nice step, at most `maxCount` of them.
    public static func linear(_ range: ClosedRange<Double>, maxCount: Int) -> [Double] {
        guard maxCount > 0, range.upperBound > range.lowerBound else { return [] }
        var intervals = maxCount
        while intervals >= 1 {
            let step = niceStep(span: range.upperBound - range.lowerBound, count: intervals)
            let first = ceil(range.lowerBound / step - 1e-9)
            let last = floor(range.upperBound / step + 1e-9)
            if last - first + 1 <= Double(maxCount) {
                guard last >= first else { return [] }
                // Multiply the integer index by the step (no accumulation), then snap -0 and rounding noise.
                return stride(from: first, through: last, by: 1).map { k in
                    let v = k * step
                    return abs(v) < step * 1e-9 ? 0 : v
                }
            }
            intervals -= 1
        }
        return []
    }

    /// Tick values for a log10 axis whose axis-space range is `range` (exponents): the powers of ten inside, thinned
    /// to at most `maxCount`; when fewer than two powers of ten fall inside, the 1-2-5 multiples inside (thinned).
    public static func logarithmic(_ range: ClosedRange<Double>, maxCount: Int) -> [Double] {
        guard maxCount > 0 else { return [] }
        let lo = Int(ceil(range.lowerBound - 1e-9)), hi = Int(floor(range.upperBound + 1e-9))
        if hi - lo + 1 >= 2 {
            let n = hi - lo + 1
            let every = max(1, Int(ceil(Double(n) / Double(maxCount))))
            return stride(from: lo, through: hi, by: every).map { pow(10, Double($0)) }
        }
        var candidates: [Double] = []
        for k in Int(floor(range.lowerBound))...Int(ceil(range.upperBound)) {
            for m in [1.0, 2, 5] {
                let v = m * pow(10, Double(k))
                let t = log10(v)
                if t >= range.lowerBound - 1e-9 && t <= range.upperBound + 1e-9 { candidates.append(v) }
            }
        }
        let every = max(1, Int(ceil(Double(candidates.count) / Double(maxCount))))
        return stride(from: 0, to: candidates.count, by: every).map { candidates[$0] }
    }

    /// A compact label: `0`, `0.25`, `12`, `1.5k`, `3M`, `1e-4`; `step` (the tick spacing) decides the decimals.
    public static func label(_ v: Double, step: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
        if v == 0 { return "0" }
        let a = abs(v)
        if a >= 1e6 && a < 1e9 { return trim(String(format: "%.1f", v / 1e6)) + "M" }
        if a >= 1e4 && a < 1e6 { return trim(String(format: "%.1f", v / 1e3)) + "k" }
        if a >= 1e9 || a < 1e-3 {
            let s = String(format: "%.0e", v)  // 1e-04
            return s.replacingOccurrences(of: "e-0", with: "e-").replacingOccurrences(of: "e+0", with: "e")
                .replacingOccurrences(of: "e+", with: "e")
        }
        let s = step > 0 && step.isFinite ? step : a
        let decimals = max(0, min(6, Int(-floor(log10(s) + 1e-9))))
        return trim(String(format: "%.\(decimals)f", v))
    }

    /// A value for summaries (last/min/max): 4 significant digits, exponent form when tiny or huge.
    public static func value(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "Inf" : "-Inf") }
        let a = abs(v)
        if a != 0 && (a < 1e-3 || a >= 1e6) { return String(format: "%.2e", v) }
        return String(format: "%.4g", v)
    }

    private static func trim(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = s
        while t.last == "0" { t.removeLast() }
        if t.last == "." { t.removeLast() }
        return t == "-0" ? "0" : t
    }
}
