import Plot
import Session

/// The bottom line: the inline editor, the `:` command line or the `/` filter while typing; otherwise the last
/// message (errors in the warning colour) or a short key hint.
public enum BottomLine {
    /// Renders the bottom line into a one-row rectangle.
    public static func render(_ context: PaneContext, into grid: inout CellGrid, rect: Rect) {
        let state = context.state
        let accent = CellStyle(color: .accent, attributes: CellStyle.bold)
        switch state.mode {
        case .editing(let name, let text):
            let spec = context.snapshot.hyperparameters.first { $0.name == name }
            let range = spec.map { " " + HyperparameterPane.rangeLabel($0) } ?? ""
            let x = grid.write("edit \(name)\(range): ", x: rect.x, y: rect.y, style: accent, maxWidth: rect.width)
            let y = grid.write(text + "_", x: rect.x + x, y: rect.y, style: CellStyle(attributes: CellStyle.bold),
                               maxWidth: rect.width - x)
            grid.write("  Enter apply · Esc cancel", x: rect.x + x + y, y: rect.y, style: CellStyle(color: .axis),
                       maxWidth: rect.width - x - y)
        case .command(let text):
            grid.write(":" + text + "_", in: rect, row: 0, style: CellStyle(attributes: CellStyle.bold))
        case .filter(let text):
            grid.write("filter series: " + text + "_  (Enter apply, empty shows all)", in: rect, row: 0, style: accent)
        default:
            if let m = state.message {
                grid.write(m.isError ? "error: \(m.text)" : m.text, in: rect, row: 0,
                           style: m.isError ? CellStyle(color: .warning, attributes: CellStyle.bold) : CellStyle())
            } else {
                grid.write("space pause · n step · Enter edit · : command · a actions · 1-7 panes · ? help · q quit",
                           in: rect, row: 0, style: CellStyle(color: .axis))
            }
        }
    }
}
