import Plot
import Session

/// Pane 5: the generic panels an experiment reports (tables, x/y curves, text), stacked.
public enum PanelsPane {
    /// Renders the panels pane (frame included).
    public static func render(_ context: PaneContext, into grid: inout CellGrid, rect: Rect) {
        let g = context.glyphs
        let panels = context.snapshot.panels.filter(PaneKind.isGeneric)
        let inner = PaneFrame.draw(.panels, focused: context.state.focus == .panels, glyphs: g,
                                   info: panels.map(\.title).joined(separator: " · "), into: &grid, rect: rect)
        guard !panels.isEmpty else {
            PaneFrame.notice("no tables, curves or notes in this session", into: &grid, rect: inner)
            return
        }
        // Text and tables take what they need; curves share the rest.
        let needs = panels.map { p -> Int in
            switch p {
            case .text(_, let lines): 1 + lines.count
            case .table(let t): 2 + t.rows.count
            default: 0
            }
        }
        let curveCount = panels.filter { if case .curves = $0 { true } else { false } }.count
        let fixedRows = needs.reduce(0, +)
        let curveRows = curveCount > 0 ? max(6, (inner.height - fixedRows) / curveCount) : 0
        var y = inner.y
        for (i, panel) in panels.enumerated() where y < inner.maxY {
            let height = min(inner.maxY - y, needs[i] > 0 ? needs[i] : curveRows)
            let r = Rect(x: inner.x, y: y, width: inner.width, height: height)
            switch panel {
            case .text(let title, let lines): drawText(title, lines, into: &grid, rect: r)
            case .table(let t): drawTable(t, into: &grid, rect: r)
            case .curves(let c): drawCurves(c, glyphs: g, into: &grid, rect: r)
            default: break
            }
            y += height
        }
    }

    static func drawText(_ title: String, _ lines: [String], into grid: inout CellGrid, rect: Rect) {
        grid.write(title, in: rect, row: 0, style: CellStyle(attributes: CellStyle.bold))
        for (k, line) in lines.enumerated() where k + 1 < rect.height { grid.write(line, in: rect, row: k + 1) }
    }

    /// A table with columns sized to their content (first column left-aligned, the rest right-aligned).
    static func drawTable(_ table: TablePanel, into grid: inout CellGrid, rect: Rect) {
        grid.write(table.title, in: rect, row: 0, style: CellStyle(attributes: CellStyle.bold))
        let all = [table.columns] + table.rows
        let n = all.map(\.count).max() ?? 0
        let widths = (0..<n).map { c in all.map { c < $0.count ? $0[c].unicodeScalars.count : 0 }.max() ?? 0 }
        for (k, cells) in all.enumerated() where k + 1 < rect.height {
            let line = cells.enumerated().map { c, text in PaneFrame.fit(text, widths[c], right: c > 0) }
                .joined(separator: "  ")
            grid.write(line, in: rect, row: k + 1,
                       style: k == 0 ? CellStyle(color: .axis, attributes: CellStyle.underline) : CellStyle())
        }
    }

    static func drawCurves(_ panel: CurvePanel, glyphs g: Glyphs, into grid: inout CellGrid, rect: Rect) {
        let legend = panel.curves.enumerated().map { i, c in "\(String(g.marker(i))) \(c.name)" }.joined(separator: "  ")
        grid.write("\(panel.title)  \(legend)", in: rect, row: 0, style: CellStyle(attributes: CellStyle.bold))
        var options = ChartOptions()
        options.smoothing = 0
        options.xScale = panel.logX ? .logarithmic : .linear
        options.yScale = panel.logY ? .logarithmic : .linear
        options.glyphs = g
        let series = panel.curves.enumerated().map { i, c in
            ChartSeries(name: c.name, x: Array(c.x.prefix(c.y.count)), y: Array(c.y.prefix(c.x.count)),
                        color: .series(i), marker: g.marker(i))
        }
        LineChart.render(series, options: options, into: &grid, rect: rect.splitTop(1).1)
    }
}
