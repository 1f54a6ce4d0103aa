/// One line of a chart: parallel x and y arrays (data space), a colour and a glyph.
public struct ChartSeries: Sendable, Equatable {
    public var name: String
    public var x: [Double]
    public var y: [Double]
    public var color: ColorSlot
    /// Drawn in ASCII rasters and shown in legends, so series differ by more than colour.
    public var marker: Unicode.Scalar
    /// A faint overlay (a pinned baseline run): dim, no band.
    public var isFaint: Bool

    /// A series; `x` and `y` must have the same length.
    public init(name: String, x: [Double], y: [Double], color: ColorSlot, marker: Unicode.Scalar = "*",
                isFaint: Bool = false) {
        precondition(x.count == y.count, "series \(name): \(x.count) x values, \(y.count) y values")
        self.name = name
        self.x = x
        self.y = y
        self.color = color
        self.marker = marker
        self.isFaint = isFaint
    }
}

/// How x tick labels are written.
public enum TickFormat: Sendable, Equatable {
    /// Plain numbers (`Ticks.label`).
    case number
    /// Seconds as `45s`, `2.5m`, `1.2h`.
    case duration
}

/// Everything a chart needs besides its series.
public struct ChartOptions: Sendable, Equatable {
    public var xScale: AxisScale = .linear
    public var yScale: AxisScale = .linear
    /// Debiased-EMA weight in [0, 0.999]; 0 draws the raw values.
    public var smoothing: Double = 0.6
    /// Draw the raw values' per-column min/max as a faint band behind each smoothed line.
    public var showBand: Bool = true
    public var viewport = ChartViewport()
    /// x positions (data space) of events to mark on the x axis (live edits).
    public var markers: [Double] = []
    public var xFormat: TickFormat = .number
    public var glyphs: Glyphs = .unicode
    /// Overrides the glyph set's raster mode (fallback ladder tests).
    public var raster: RasterMode?

    /// Default options.
    public init() {}
}

/// Draws line charts into a `CellGrid`: y labels and axis on the left, x axis with ticks and event markers at the
/// bottom, a per-column raw min/max band under each smoothed line.
///
/// ```
///  1.2 │⠀⠀⡀⢀⠤⠒⠉⠑⠢⣀⡀
///  0.6 │⠔⠉⠁         ⠈⠉⠒⠤⣀
///    0 └┬───────▲───┬──────
///       0          500
/// ```
/// NaN/Inf points are marked with `glyphs.nonFiniteMarker` on the top row of their column; on a log y axis,
/// values ≤ 0 are marked with `glyphs.nonPositiveMarker` on the bottom row instead of being clamped.
public enum LineChart {
    /// Renders `series` (drawn in order, so pass the focused one last) inside `rect`.
    public static func render(_ series: [ChartSeries], options: ChartOptions, into grid: inout CellGrid, rect: Rect) {
        let g = options.glyphs
        let mode = options.raster ?? g.raster
        let axisStyle = CellStyle(color: .axis)
        guard rect.width >= 12, rect.height >= 4 else {
            grid.write("chart too small", in: rect, row: 0, style: axisStyle)
            return
        }
        // x range over every series, in axis space.
        let fullX = options.xScale.autoscaleTight(series.flatMap(\.x))
        guard let fullX else {
            grid.write("no data yet", in: rect, row: rect.height / 2, style: axisStyle)
            return
        }
        let xr = options.viewport.visible(fullX)
        let plotRows = rect.height - 2
        // Smooth full series, then gather visible raw values for the y range.
        let smoothed = series.map { Smoothing.debiasedEMA($0.y, weight: $0.isFaint ? options.smoothing : options.smoothing) }
        var visibleY: [Double] = []
        for s in series {
            for i in s.x.indices {
                if let tx = options.xScale.transform(s.x[i]), xr.contains(tx) { visibleY.append(s.y[i]) }
            }
        }
        guard let yr = options.yScale.autoscale(visibleY) else {
            grid.write(options.yScale == .logarithmic ? "no positive finite values (log y)" : "no finite values",
                       in: rect, row: rect.height / 2, style: CellStyle(color: .warning))
            return
        }
        // y ticks and label column.
        let yTicks = options.yScale == .logarithmic
            ? Ticks.logarithmic(yr, maxCount: max(2, plotRows / 2 + 1))
            : Ticks.linear(yr, maxCount: max(2, plotRows / 2 + 1))
        let yStep = yTicks.count > 1 ? abs(yTicks[1] - yTicks[0]) : abs(yr.upperBound - yr.lowerBound)
        let yLabels = yTicks.map { Ticks.label($0, step: options.yScale == .logarithmic ? $0 : yStep) }
        let labelWidth = min(max(yLabels.map { $0.unicodeScalars.count }.max() ?? 1, 1), 8)
        let plot = Rect(x: rect.x + labelWidth + 1, y: rect.y, width: rect.width - labelWidth - 1, height: plotRows)
        let axisX = rect.x + labelWidth, axisY = rect.y + plotRows
        func row(ofAxis t: Double) -> Int {
            let f = (yr.upperBound - t) / (yr.upperBound - yr.lowerBound)
            return plot.y + Int((f * Double(plotRows - 1)).rounded())
        }
        for (t, label) in zip(yTicks, yLabels) {
            guard let at = options.yScale.transform(t) else { continue }
            let r = row(ofAxis: at)
            let text = CellGrid.truncate(label, to: labelWidth)
            grid.write(text, x: axisX - text.unicodeScalars.count, y: r, style: axisStyle)
        }
        for y in plot.y..<axisY { grid.put(g.vertical, x: axisX, y: y, style: axisStyle) }
        grid.put(g.corner, x: axisX, y: axisY, style: axisStyle)
        for x in plot.x..<plot.maxX { grid.put(g.horizontal, x: x, y: axisY, style: axisStyle) }
        drawXTicks(xr, options: options, plot: plot, axisY: axisY, into: &grid)

        // Rasterize.
        var canvas = DotCanvas(columns: plot.width, rows: plot.height, mode: mode)
        let dotColumns = canvas.widthDots, dotRows = canvas.heightDots
        func dotRow(_ t: Double) -> Int {
            let f = (yr.upperBound - t) / (yr.upperBound - yr.lowerBound)
            return Int((f * Double(dotRows - 1)).rounded())
        }
        let allBins = series.indices.map { i in
            Downsample.columns(x: series[i].x, raw: series[i].y, smoothed: smoothed[i], xRange: xr,
                               xScale: options.xScale, yScale: options.yScale, columns: dotColumns)
        }
        let bandOn = options.showBand && options.smoothing > 0
        for (i, s) in series.enumerated() where bandOn && !s.isFaint {
            let ink = DotCanvas.Ink(style: CellStyle(color: s.color, attributes: CellStyle.dim), ascii: ".")
            for (c, bin) in allBins[i].enumerated() where bin.hasRange && bin.maximum > bin.minimum {
                canvas.vertical(x: c, from: dotRow(bin.maximum), to: dotRow(bin.minimum), ink: ink)
            }
        }
        let order = series.indices.filter { series[$0].isFaint } + series.indices.filter { !series[$0].isFaint }
        for i in order {
            let s = series[i]
            let ink = DotCanvas.Ink(style: CellStyle(color: s.color, attributes: s.isFaint ? CellStyle.dim : 0),
                                    ascii: s.marker)
            var previous: (x: Int, y: Int)?
            for (c, bin) in allBins[i].enumerated() {
                guard let v = bin.smoothed else { continue }
                let p = (x: c, y: dotRow(v))
                if let q = previous { canvas.line(from: q, to: p, ink: ink) } else { canvas.set(x: p.x, y: p.y, ink: ink) }
                previous = p
            }
        }
        canvas.render(into: &grid, at: (plot.x, plot.y))

        // Markers: non-finite (top row), non-positive on log axes (bottom row), events (x axis).
        let warn = CellStyle(color: .warning, attributes: CellStyle.bold)
        for bins in allBins {
            for (c, bin) in bins.enumerated() {
                let cx = plot.x + c / mode.dotsWide
                if bin.nonFinite > 0 { grid.put(g.nonFiniteMarker, x: cx, y: plot.y, style: warn) }
                if bin.nonPositive > 0 { grid.put(g.nonPositiveMarker, x: cx, y: axisY - 1, style: warn) }
            }
        }
        let span = xr.upperBound - xr.lowerBound
        for m in options.markers {
            guard let t = options.xScale.transform(m), xr.contains(t) else { continue }
            let f = span > 0 ? (t - xr.lowerBound) / span : 0.5
            let cx = plot.x + Int((f * Double(dotColumns - 1)).rounded()) / mode.dotsWide
            grid.put(g.eventMarker, x: cx, y: axisY, style: CellStyle(color: .accent, attributes: CellStyle.bold))
        }
    }

    /// Tick marks on the axis row and labels on the row below, skipping labels that would overlap.
    private static func drawXTicks(_ xr: ClosedRange<Double>, options: ChartOptions, plot: Rect, axisY: Int,
                                   into grid: inout CellGrid) {
        let maxCount = max(3, plot.width / 8)
        let ticks = options.xScale == .logarithmic ? Ticks.logarithmic(xr, maxCount: maxCount) : Ticks.linear(xr, maxCount: maxCount)
        let step = ticks.count > 1 ? abs(ticks[1] - ticks[0]) : abs(xr.upperBound - xr.lowerBound)
        let span = xr.upperBound - xr.lowerBound
        var nextFree = plot.x - 1
        let axisStyle = CellStyle(color: .axis)
        let columns = plot.width * (options.raster ?? options.glyphs.raster).dotsWide
        let dotsWide = (options.raster ?? options.glyphs.raster).dotsWide
        for t in ticks {
            guard let at = options.xScale.transform(t) else { continue }
            let f = span > 0 ? (at - xr.lowerBound) / span : 0.5
            let cx = plot.x + Int((f * Double(columns - 1)).rounded()) / dotsWide
            grid.put(options.glyphs.tick, x: cx, y: axisY, style: axisStyle)
            let label: String
            switch options.xFormat {
            case .number: label = Ticks.label(t, step: options.xScale == .logarithmic ? t : step)
            case .duration: label = durationLabel(t)
            }
            let n = label.unicodeScalars.count
            var lx = cx - n / 2
            lx = min(max(lx, plot.x - 1), plot.maxX - n)
            guard lx > nextFree else { continue }
            grid.write(label, x: lx, y: axisY + 1, style: axisStyle)
            nextFree = lx + n
        }
    }

    /// `45s`, `2.5m`, `1.2h`.
    public static func durationLabel(_ seconds: Double) -> String {
        if abs(seconds) < 100 { return Ticks.label(seconds, step: 1) + "s" }
        if abs(seconds) < 6000 { return Ticks.label(seconds / 60, step: 0.1) + "m" }
        return Ticks.label(seconds / 3600, step: 0.1) + "h"
    }
}

extension AxisScale {
    /// The exact axis-space extent of the placeable values (no padding), widened when it is a single point.
    func autoscaleTight(_ values: [Double]) -> ClosedRange<Double>? {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values {
            guard let t = transform(v) else { continue }
            lo = Swift.min(lo, t)
            hi = Swift.max(hi, t)
        }
        guard lo <= hi else { return nil }
        return lo == hi ? (lo - 1)...(hi + 1) : lo...hi
    }
}
