import Foundation
import Plot
import Session

/// Pane 3: equilibrium-propagation nudge diagnostics: a phase wheel with the nudges β_k on the circle of
/// radius r, the estimator, free and nudged fixed-point residuals, per-layer alignment of the estimated with the
/// exact gradient (cosine bars), the Jacobian asymmetry and further scalars.
public enum NudgePane {
    /// Renders the nudge pane (frame included).
    public static func render(_ context: PaneContext, into grid: inout CellGrid, rect: Rect) {
        let g = context.glyphs
        let panels = context.snapshot.panels.compactMap { if case .nudge(let p) = $0 { p } else { nil } }
        let inner = PaneFrame.draw(.nudge, focused: context.state.focus == .nudge, glyphs: g,
                                   info: panels.first?.title ?? "", into: &grid, rect: rect)
        guard let panel = panels.first else {
            PaneFrame.notice("no equilibrium-propagation diagnostics in this session", into: &grid, rect: inner)
            return
        }
        render(panel, glyphs: g, into: &grid, rect: inner)
    }

    /// Renders one panel's content (no frame).
    public static func render(_ panel: NudgePanel, glyphs g: Glyphs, into grid: inout CellGrid, rect: Rect) {
        guard !rect.isEmpty else { return }
        let wheelHeight = min(rect.height, 11)
        let wheelWidth = min(2 * wheelHeight + 1, rect.width / 3)
        let (wheelRect, textRect) = rect.splitLeft(wheelWidth)
        drawWheel(panel, glyphs: g, into: &grid, rect: Rect(x: wheelRect.x, y: wheelRect.y, width: wheelWidth,
                                                            height: wheelHeight))
        let text = textRect.inset(dx: 1, dy: 0)
        let axis = CellStyle(color: .axis)
        var lines: [(String, CellStyle)] = [
            ("\(panel.estimator)  r = \(Ticks.value(panel.radius))  N = \(panel.phaseCount)", CellStyle(attributes: CellStyle.bold)),
            ("free residual \(Ticks.value(panel.freeResidual))", CellStyle()),
        ]
        if !panel.nudgedResiduals.isEmpty {
            let finite = panel.nudgedResiduals.filter(\.isFinite)
            let worst = finite.max().map(Ticks.value) ?? "NaN"
            let mean = finite.isEmpty ? "NaN" : Ticks.value(finite.reduce(0, +) / Double(finite.count))
            lines.append(("nudged residuals mean \(mean)  max \(worst)", CellStyle()))
        }
        let asymmetryStyle = panel.jacobianAsymmetry > 0.1 ? CellStyle(color: .warning) : CellStyle()
        lines.append(("Jacobian asymmetry ‖J−Jᵀ‖/‖J‖ \(Ticks.value(panel.jacobianAsymmetry))", asymmetryStyle))
        for (k, (t, s)) in lines.enumerated() where k < text.height { grid.write(t, in: text, row: k, style: s) }
        var row = lines.count
        if row < text.height && !panel.layerAlignment.isEmpty {
            grid.write("gradient alignment cos(ĝ, g) per layer", in: text, row: row, style: axis)
            row += 1
        }
        let nameWidth = min(10, max(panel.layerAlignment.map { $0.layer.unicodeScalars.count }.max() ?? 4, 4))
        let barWidth = max(4, text.width - nameWidth - 9)
        for a in panel.layerAlignment where row < text.height {
            let y = text.y + row
            grid.write(PaneFrame.fit(a.layer, nameWidth), x: text.x, y: y)
            let bar = Sparkline.bar(fraction: max(a.cosine, 0), width: barWidth, unicode: g.isUnicode)
            let style = a.cosine < 0.9 ? CellStyle(color: .warning) : CellStyle(color: .good)
            for (k, ch) in bar.filled.enumerated() { grid.put(ch, x: text.x + nameWidth + 1 + k, y: y, style: style) }
            grid.write(PaneFrame.fit(String(format: "%+.3f", a.cosine), 7, right: true),
                       x: text.x + nameWidth + 1 + barWidth, y: y, style: a.cosine < 0.9 ? style : CellStyle())
            row += 1
        }
        if row < text.height && !panel.extras.isEmpty {
            let parts = panel.extras.map { "\($0.name) \(Ticks.value($0.value))" }
            grid.write(parts.joined(separator: " · "), in: text, row: row, style: axis)
        }
    }

    /// The phase wheel: the circle |β| = r drawn as dots, the real and imaginary axes, the nudges as markers.
    static func drawWheel(_ panel: NudgePanel, glyphs g: Glyphs, into grid: inout CellGrid, rect: Rect) {
        guard rect.width >= 5, rect.height >= 3 else { return }
        let cx = Double(rect.width - 1) / 2, cy = Double(rect.height - 1) / 2
        // Cells are about twice as tall as wide: the horizontal radius is twice the vertical one in cells.
        let ry = cy, rx = min(cx, 2 * ry)
        let axis = CellStyle(color: .axis, attributes: CellStyle.dim)
        for x in 0..<rect.width { grid.put(g.isUnicode ? "·" : ".", x: rect.x + x, y: rect.y + Int(cy.rounded()), style: axis) }
        for y in 0..<rect.height { grid.put(g.isUnicode ? "·" : ".", x: rect.x + Int(cx.rounded()), y: rect.y + y, style: axis) }
        let steps = 64
        for k in 0..<steps {
            let t = 2 * Double.pi * Double(k) / Double(steps)
            let x = rect.x + Int((cx + rx * cos(t)).rounded()), y = rect.y + Int((cy - ry * sin(t)).rounded())
            grid.put(g.isUnicode ? "∘" : "o", x: x, y: y, style: CellStyle(color: .axis))
        }
        let r = panel.radius > 0 && panel.radius.isFinite ? panel.radius
            : (panel.phasePoints.map { hypot($0.re, $0.im) }.max() ?? 1)
        for p in panel.phasePoints {
            let x = rect.x + Int((cx + rx * p.re / max(r, 1e-300)).rounded())
            let y = rect.y + Int((cy - ry * p.im / max(r, 1e-300)).rounded())
            grid.put(g.isUnicode ? "●" : "*", x: x, y: y, style: CellStyle(color: .orange, attributes: CellStyle.bold))
        }
        grid.put("+", x: rect.x + Int(cx.rounded()), y: rect.y + Int(cy.rounded()), style: CellStyle(color: .axis))
    }
}
