/// What one pixel column of a chart summarises: the raw values' extent (the faint band), the mean of the
/// smoothed values (the line), and how many points were non-finite or could not be placed on a log axis.
///
/// All values are in axis space (`AxisScale.transform`).
public struct ColumnBin: Sendable, Equatable {
    public var minimum: Double = .infinity
    public var maximum: Double = -.infinity
    public var smoothedSum: Double = 0
    public var smoothedCount: Int = 0
    /// Points whose raw value is NaN or ±Inf.
    public var nonFinite: Int = 0
    /// Points whose raw value is ≤ 0 on a log axis.
    public var nonPositive: Int = 0

    /// The line's value in this column, if any point was placed.
    public var smoothed: Double? { smoothedCount > 0 ? smoothedSum / Double(smoothedCount) : nil }
    /// Whether any raw value was placed.
    public var hasRange: Bool { minimum <= maximum }
}

/// Reduces a series to one `ColumnBin` per pixel column. Smoothing happens *before* this step, on the full
/// series, so the curve does not change shape with zoom (STYLE §6).
public enum Downsample {
    /// Bins the points whose x lies in `xRange` (axis space) into `columns` equal columns.
    ///
    /// - Parameters:
    ///   - x, raw, smoothed: parallel arrays (data space); `smoothed` from `Smoothing.debiasedEMA` of `raw`.
    ///   - xRange: the visible x interval in axis space.
    /// - Complexity: O(points + columns).
    public static func columns(x: [Double], raw: [Double], smoothed: [Double], xRange: ClosedRange<Double>,
                               xScale: AxisScale, yScale: AxisScale, columns: Int) -> [ColumnBin] {
        precondition(x.count == raw.count && raw.count == smoothed.count,
                     "series arrays differ: x \(x.count), raw \(raw.count), smoothed \(smoothed.count)")
        guard columns > 0 else { return [] }
        var bins = [ColumnBin](repeating: ColumnBin(), count: columns)
        let lo = xRange.lowerBound, span = xRange.upperBound - xRange.lowerBound
        for i in x.indices {
            guard let tx = xScale.transform(x[i]), tx >= lo - 1e-12 * abs(lo), tx <= xRange.upperBound + 1e-12 * abs(lo)
            else { continue }
            let c = span > 0 ? Int(((tx - lo) / span * Double(columns - 1)).rounded()) : columns / 2
            let col = min(max(c, 0), columns - 1)
            let r = raw[i]
            guard r.isFinite else { bins[col].nonFinite += 1; continue }
            guard let ty = yScale.transform(r) else { bins[col].nonPositive += 1; continue }
            bins[col].minimum = min(bins[col].minimum, ty)
            bins[col].maximum = max(bins[col].maximum, ty)
            if let ts = yScale.transform(smoothed[i]) {
                bins[col].smoothedSum += ts
                bins[col].smoothedCount += 1
            }
        }
        return bins
    }
}
