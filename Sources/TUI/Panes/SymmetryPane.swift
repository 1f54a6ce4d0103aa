import Foundation
import Plot
import Session

/// Pane 2: per-symmetry regularizer weights. One row per candidate group: a bar of log-scaled strength λ_k,
/// its history as a sparkline, the tracked regularizer R_k, the adjustment statistic a_k, the model's measured
/// equivariance error EE_k and the true one; the winner, frozen and disabled groups are marked by glyph (not
/// colour alone). Below: the phase line, the loss breakdown and warning badges.
public enum SymmetryPane {
    /// Renders the symmetry pane (frame included).
    public static func render(_ context: PaneContext, into grid: inout CellGrid, rect: Rect) {
        let g = context.glyphs
        let panels = context.snapshot.panels.compactMap { if case .symmetry(let p) = $0 { p } else { nil } }
        let inner = PaneFrame.draw(.symmetry, focused: context.state.focus == .symmetry, glyphs: g,
                                   info: panels.first?.title ?? "", into: &grid, rect: rect)
        guard let panel = panels.first else {
            PaneFrame.notice("no symmetry diagnostics in this session", into: &grid, rect: inner)
            return
        }
        render(panel, glyphs: g, into: &grid, rect: inner)
    }

    /// Renders one panel's content into `rect` (no frame).
    public static func render(_ panel: SymmetryPanel, glyphs g: Glyphs, into grid: inout CellGrid, rect: Rect) {
        guard !rect.isEmpty else { return }
        let axis = CellStyle(color: .axis)
        // Fixed columns: badge 2, group 8, λ 9, history 7, R 9, a 8, EE 9, true 9.
        // The true-error column goes first when the pane is narrow.
        let showTrue = rect.width >= 2 + 8 + 9 + 7 + 9 + 8 + 9 + 9 + 1 + 6
        let fixed = 2 + 8 + 9 + 7 + 9 + 8 + 9 + (showTrue ? 9 : 0)
        let barWidth = max(4, rect.width - fixed - 1)
        let header = PaneFrame.fit("  group", 10) + PaneFrame.fit("λ (log)", barWidth + 1) + PaneFrame.fit("λ", 9, right: true)
            + PaneFrame.fit(" hist", 7) + PaneFrame.fit("R", 9, right: true) + PaneFrame.fit("a", 8, right: true)
            + PaneFrame.fit("EE", 9, right: true) + (showTrue ? PaneFrame.fit("EE*", 9, right: true) : "")
        grid.write(header, in: rect, row: 0, style: axis.with(CellStyle.underline))
        // Log scale shared by all rows: one decade below the smallest positive λ up to the largest.
        let logs = panel.rows.map(\.strength).filter { $0 > 0 && $0.isFinite }.map(log10)
        let hi = logs.max() ?? 0, lo = (logs.min() ?? 0) - 1
        var row = 1
        for (i, r) in panel.rows.enumerated() where row < rect.height {
            let color = ColorSlot.series(i)
            let badge: Unicode.Scalar = !r.isEnabled ? g.disabled : r.isWinner ? g.winner : r.isFrozen ? g.frozen : " "
            let rowStyle = r.isEnabled ? CellStyle() : CellStyle(color: .axis, attributes: CellStyle.dim)
            let y = rect.y + row
            var x = rect.x
            grid.put(badge, x: x, y: y, style: r.isWinner ? CellStyle(color: .good, attributes: CellStyle.bold) : rowStyle)
            x += 2
            x += grid.write(PaneFrame.fit(r.group, 8), x: x, y: y,
                            style: r.isWinner ? rowStyle.with(CellStyle.bold) : rowStyle)
            let fraction = r.strength > 0 && r.strength.isFinite ? (log10(r.strength) - lo) / max(hi - lo, 1e-12) : 0
            let bar = Sparkline.bar(fraction: fraction, width: barWidth, unicode: g.isUnicode)
            for (k, ch) in bar.filled.enumerated() {
                grid.put(ch, x: x + k, y: y, style: r.isEnabled ? CellStyle(color: color) : rowStyle)
            }
            x += barWidth + 1
            x += grid.write(PaneFrame.fit(Ticks.value(r.strength), 9, right: true), x: x, y: y, style: rowStyle)
            let history = Sparkline.characters(r.strengthHistory, width: 6, unicode: g.isUnicode)
            grid.put(" ", x: x, y: y)
            for (k, ch) in history.enumerated() { grid.put(ch, x: x + 1 + k, y: y, style: CellStyle(color: color)) }
            x += 7
            let columns = [(r.regularizer, 9), (r.adjustment, 8), (r.modelError, 9)] + (showTrue ? [(r.trueError, 9)] : [])
            for (value, width) in columns {
                let text = value.isNaN ? "-" : Ticks.value(value)
                x += grid.write(PaneFrame.fit(text, width, right: true), x: x, y: y, style: rowStyle)
            }
            if r.isFrozen && (r.isWinner || !r.isEnabled) {
                grid.put(g.frozen, x: rect.x + 1, y: y, style: rowStyle)
            }
            row += 1
        }
        let legend = "\(String(g.winner)) winner  \(String(g.frozen)) frozen  \(String(g.disabled)) disabled"
            + "  EE* true error"
        var lines: [(String, CellStyle)] = []
        if !panel.phase.isEmpty { lines.append(("phase: \(panel.phase)", CellStyle(attributes: CellStyle.bold))) }
        if !panel.lossBreakdown.isEmpty {
            let parts = panel.lossBreakdown.map { "\($0.name) \(Ticks.value($0.value))" }
            lines.append(("loss: " + parts.joined(separator: " · "), CellStyle()))
        }
        lines.append((legend, axis))
        for (k, (text, style)) in lines.enumerated() where row + k < rect.height - (panel.warnings.isEmpty ? 0 : 1) {
            grid.write(text, in: rect, row: row + k, style: style)
        }
        if !panel.warnings.isEmpty && rect.height > row {
            var x = rect.x
            let y = rect.maxY - 1
            for w in panel.warnings {
                let badge = "[! \(w)]"
                guard x + badge.unicodeScalars.count <= rect.maxX else { break }
                x += grid.write(badge, x: x, y: y, style: CellStyle(color: .warning, attributes: CellStyle.bold)) + 1
            }
        }
    }
}
