import Plot
import Session

/// Pane 1: line charts of the metric series, one chart per metric with its train and eval series together,
/// a pinned baseline run as a faint overlay, live-edit events marked on the x axis and a last/min/max legend.
public enum ChartPane {
    /// Renders the charts pane (frame included) into `rect`.
    public static func render(_ context: PaneContext, into grid: inout CellGrid, rect: Rect) {
        let state = context.state
        let info = [state.logY ? "log y" : nil, state.logX ? "log x" : nil, "x \(state.xAxis.rawValue)",
                    "ema \(Ticks.value(state.smoothing))", state.viewport.zoom > 1 ? "zoom \(Int(state.viewport.zoom))x" : nil,
                    state.seriesFilter.isEmpty ? nil : "/\(state.seriesFilter)"].compactMap { $0 }.joined(separator: " · ")
        let groups = seriesGroups(context.snapshot, filter: state.seriesFilter)
        let probe = rect.inset(dx: 1, dy: 1)
        let fitting = max(1, min(groups.count, probe.width / 34)) * max(1, probe.height / 8)
        let more = groups.count > fitting ? "+\(groups.count - fitting) more (/ filters) · " : ""
        let inner = PaneFrame.draw(.charts, focused: state.focus == .charts, glyphs: context.glyphs, info: more + info,
                                   into: &grid, rect: rect)
        guard !groups.isEmpty else {
            PaneFrame.notice(context.snapshot.series.isEmpty ? "no metrics yet: waiting for the first step"
                             : "no series match the filter '\(state.seriesFilter)' (press / to change it)",
                             into: &grid, rect: inner)
            return
        }
        let columns = max(1, min(groups.count, inner.width / 34))
        let rowsAvailable = max(1, inner.height / 8)
        let shown = min(groups.count, columns * rowsAvailable)
        let rows = (shown + columns - 1) / columns
        let cells = inner.rows(rows).flatMap { $0.columns(columns) }
        for (i, group) in groups.prefix(shown).enumerated() {
            drawChart(group, context: context, into: &grid, rect: cells[i].inset(dx: i % columns == 0 ? 0 : 1, dy: 0))
        }
    }

    /// Series names grouped by metric (`loss` with `eval/loss`), `loss` first, filtered case-insensitively.
    static func seriesGroups(_ snapshot: Snapshot, filter: String) -> [(name: String, members: [String])] {
        let f = filter.lowercased()
        let names = snapshot.series.keys.sorted().filter { f.isEmpty || $0.lowercased().contains(f) }
        var order: [String] = []
        var members: [String: [String]] = [:]
        for n in names {
            let base = baseName(n)
            if members[base] == nil { order.append(base) }
            members[base, default: []].append(n)
        }
        order.sort { a, b in (a == "loss" ? 0 : 1, a) < (b == "loss" ? 0 : 1, b) }
        return order.map { ($0, members[$0] ?? []) }
    }

    /// `eval/loss` → `loss`, `train/acc` → `acc`.
    static func baseName(_ name: String) -> String {
        for p in ["eval/", "train/", "val/", "test/"] where name.hasPrefix(p) { return String(name.dropFirst(p.count)) }
        return name
    }

    /// x values of a series for the chosen axis.
    static func xValues(_ s: MetricSeries, axis: WorkbenchState.XAxis, stepsPerEpoch: Int) -> [Double] {
        switch axis {
        case .step: return s.steps.map(Double.init)
        case .epoch: return s.steps.map { Double($0) / Double(max(stepsPerEpoch, 1)) }
        case .time: return s.times.count == s.steps.count ? s.times : s.steps.map(Double.init)
        }
    }

    private static func drawChart(_ group: (name: String, members: [String]), context: PaneContext,
                                  into grid: inout CellGrid, rect: Rect) {
        let snapshot = context.snapshot, state = context.state, g = context.glyphs
        let allNames = snapshot.series.keys.sorted()
        var series: [ChartSeries] = []
        var legend: [(marker: Unicode.Scalar, style: CellStyle, name: String, values: [Double])] = []
        if let baseline = state.baseline {
            for name in group.members.isEmpty ? [group.name] : group.members {
                guard let b = baseline.series[name] else { continue }
                let x = xValues(b, axis: state.xAxis, stepsPerEpoch: snapshot.stepsPerEpoch)
                series.append(ChartSeries(name: "\(baseline.label):\(name)", x: x, y: b.values, color: .grey,
                                          marker: g.isUnicode ? "┄" : ".", isFaint: true))
                legend.append((g.isUnicode ? "┄" : ".", CellStyle(color: .grey, attributes: CellStyle.dim),
                               "\(baseline.label):\(name)", b.values))
            }
        }
        for name in group.members {
            guard let s = snapshot.series[name] else { continue }
            let index = allNames.firstIndex(of: name) ?? 0
            let color = ColorSlot.series(index)
            series.append(ChartSeries(name: name, x: xValues(s, axis: state.xAxis, stepsPerEpoch: snapshot.stepsPerEpoch),
                                      y: s.values, color: color, marker: g.marker(index)))
            legend.append((g.marker(index), CellStyle(color: color), name, s.values))
        }
        let legendRows = min(legend.count, max(0, rect.height - 6), 3)
        let (title, rest) = rect.splitTop(1)
        let (chartRect, legendRect) = rest.splitBottom(legendRows)
        grid.write(group.name, in: title, row: 0, style: CellStyle(attributes: CellStyle.bold))
        var options = ChartOptions()
        options.xScale = state.logX ? .logarithmic : .linear
        options.yScale = state.logY ? .logarithmic : .linear
        options.smoothing = state.smoothing
        options.viewport = state.viewport
        options.glyphs = g
        options.xFormat = state.xAxis == .time ? .duration : .number
        options.markers = snapshot.events.filter { $0.kind == "set" }.map { e in
            switch state.xAxis {
            case .step: Double(e.step)
            case .epoch: Double(e.step) / Double(max(snapshot.stepsPerEpoch, 1))
            case .time: e.time
            }
        }
        LineChart.render(series, options: options, into: &grid, rect: chartRect)
        for (row, item) in legend.suffix(legendRows).enumerated() {
            let finite = item.values.filter(\.isFinite)
            let last = item.values.last.map(Ticks.value) ?? "-"
            let summary = " \(item.name) \(last) min \(finite.min().map(Ticks.value) ?? "-")"
                + " max \(finite.max().map(Ticks.value) ?? "-")"
            grid.put(item.marker, x: legendRect.x, y: legendRect.y + row, style: item.style)
            grid.write(summary, x: legendRect.x + 1, y: legendRect.y + row, style: CellStyle(),
                       maxWidth: legendRect.width - 1)
        }
    }
}
