import Plot
import Session

/// Pane 7: the run's event log, newest at the bottom: step, kind and message; live edits and failures stand out.
public enum EventLogPane {
    /// Renders the event log (frame included).
    public static func render(_ context: PaneContext, into grid: inout CellGrid, rect: Rect) {
        let events = context.snapshot.events
        let inner = PaneFrame.draw(.events, focused: context.state.focus == .events, glyphs: context.glyphs,
                                   info: events.isEmpty ? "" : "\(events.count)", into: &grid, rect: rect)
        guard !events.isEmpty else {
            PaneFrame.notice("no events yet", into: &grid, rect: inner)
            return
        }
        let stepWidth = max(4, String(events.last?.step ?? 0).count)
        for (row, e) in events.suffix(inner.height).enumerated() {
            let style: CellStyle
            switch e.kind {
            case "set": style = CellStyle(color: .accent, attributes: CellStyle.bold)
            case "diverged", "error": style = CellStyle(color: .warning, attributes: CellStyle.bold)
            case "checkpoint", "finish": style = CellStyle(color: .good)
            default: style = CellStyle()
            }
            let y = inner.y + row
            var x = inner.x
            x += grid.write(PaneFrame.fit(String(e.step), stepWidth, right: true) + " ", x: x, y: y,
                            style: CellStyle(color: .axis))
            if e.kind == "set" {
                grid.put(context.glyphs.eventMarker, x: x, y: y, style: style)
            }
            x += 2
            grid.write(e.message.isEmpty ? e.kind : e.message, x: x, y: y, style: style, maxWidth: inner.maxX - x)
        }
    }
}
