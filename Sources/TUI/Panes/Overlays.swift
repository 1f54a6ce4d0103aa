import Plot
import Session

/// Boxes drawn over the panes: the `?` help (generated from `KeyTable`) and the actions menu.
public enum Overlays {
    /// The help overlay: every key binding, then the command-line commands (in a second column when the screen
    /// is too short for one and wide enough for two).
    public static func help(_ context: PaneContext, into grid: inout CellGrid, rect: Rect) {
        let keys: [(String, String)] = KeyTable.helpLines
        let commands: [(String, String)] = WorkbenchState.commandSummaries.map { (":" + $0.usage, $0.summary) }
        let twoColumns = keys.count + commands.count + 3 > rect.height && rect.width >= 100
        let columns: [[(String, String)]] = twoColumns ? [keys, commands] : [keys + [("", "")] + commands]
        let rows = columns.map(\.count).max() ?? 0
        let width = min(rect.width, twoColumns ? rect.width : 86), height = min(rect.height, rows + 2)
        let box = Rect(x: rect.x + (rect.width - width) / 2, y: rect.y + (rect.height - height) / 2,
                       width: width, height: height)
        let inner = drawBox("keys (any key closes)", glyphs: context.glyphs, into: &grid, rect: box)
        let split = twoColumns ? [inner.splitLeft(inner.width / 2).0, inner.splitLeft(inner.width / 2).1]
            : [inner]
        for (column, area) in zip(columns, split) {
            let keyWidth = min(20, column.map { $0.0.unicodeScalars.count }.max() ?? 8)
            for (row, line) in column.enumerated() where row < area.height {
                grid.write(PaneFrame.fit(line.0, keyWidth), x: area.x, y: area.y + row,
                           style: CellStyle(color: .accent, attributes: CellStyle.bold))
                grid.write(line.1, x: area.x + keyWidth + 1, y: area.y + row, maxWidth: area.width - keyWidth - 3)
            }
        }
    }

    /// The experiment actions menu with the selected entry highlighted.
    public static func actions(_ context: PaneContext, selected: Int, into grid: inout CellGrid, rect: Rect) {
        let actions = context.snapshot.actions
        let width = min(rect.width, max(30, (actions.map { $0.name.count + $0.summary.count }.max() ?? 20) + 8))
        let height = min(rect.height, actions.count + 2)
        let box = Rect(x: rect.x + (rect.width - width) / 2, y: rect.y + (rect.height - height) / 2,
                       width: width, height: height)
        let inner = drawBox("actions (Enter runs, Esc closes)", glyphs: context.glyphs, into: &grid, rect: box)
        for (row, a) in actions.enumerated() where row < inner.height {
            let isSelected = row == selected
            grid.put(isSelected ? context.glyphs.cursor : " ", x: inner.x, y: inner.y + row, style: CellStyle(color: .accent))
            grid.write("\(a.name)  \(a.summary)", x: inner.x + 2, y: inner.y + row,
                       style: isSelected ? CellStyle(attributes: CellStyle.reverse) : CellStyle(),
                       maxWidth: inner.width - 2)
        }
    }

    /// A cleared box with a title; returns the inner rectangle.
    static func drawBox(_ title: String, glyphs g: Glyphs, into grid: inout CellGrid, rect: Rect) -> Rect {
        grid.fill(rect)
        let style = CellStyle(color: .accent, attributes: CellStyle.bold)
        grid.drawBorder(rect, glyphs: g, style: style)
        grid.write(" \(title) ", x: rect.x + 2, y: rect.y, style: style, maxWidth: rect.width - 4)
        return rect.inset(dx: 2, dy: 1)
    }
}
