import Plot
import Session

/// Composes a whole frame: a pure function of the snapshot, the state and the terminal size.
public enum Screen {
    /// The frame for a `width × height` terminal.
    ///
    /// With the ASCII glyph set, any non-ASCII character left in experiment-supplied text is replaced by
    /// `Glyphs.asciiFallback`, so the frame is pure ASCII.
    public static func render(_ snapshot: Snapshot, state: WorkbenchState, width: Int, height: Int) -> CellGrid {
        var grid = compose(snapshot, state: state, width: width, height: height)
        if !state.glyphs.isUnicode {
            for y in 0..<grid.height {
                for x in 0..<grid.width where !grid[x, y].character.isASCII {
                    grid[x, y].character = Glyphs.asciiFallback(grid[x, y].character)
                }
            }
        }
        return grid
    }

    static func compose(_ snapshot: Snapshot, state: WorkbenchState, width: Int, height: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        let context = PaneContext(snapshot: snapshot, state: state)
        guard Layout.fits(width: width, height: height) else {
            if state.mode == .help {
                for (row, line) in KeyTable.helpLines.prefix(height).enumerated() {
                    grid.write("\(line.keys) \(line.summary)", x: 0, y: row, maxWidth: width)
                }
                return grid
            }
            let notice = CellGrid.truncate(Layout.tooSmallNotice(width: width, height: height), to: width)
            grid.write(notice, x: max(0, (width - notice.unicodeScalars.count) / 2), y: max(0, (height - 1) / 2),
                       style: CellStyle(color: .warning, attributes: CellStyle.bold))
            return grid
        }
        let (statusRect, rest) = grid.bounds.splitTop(1)
        let (area, bottomRect) = rest.splitBottom(1)
        StatusLine.render(context, into: &grid, rect: statusRect)
        BottomLine.render(context, into: &grid, rect: bottomRect)
        let visible = state.visiblePanes(in: snapshot)
        let hidden = Layout.hidden(visible, in: area)
        if !hidden.isEmpty, state.mode == .normal, state.message == nil {
            let text = " no room for " + hidden.map { "\($0.rawValue) \($0.title)" }.joined(separator: ", ") + " "
            grid.write(text, in: bottomRect, row: 0, style: CellStyle(color: .warning), alignRight: true)
        }
        for (pane, rect) in Layout.arrange(visible, in: area) {
            render(pane, context: context, into: &grid, rect: rect)
        }
        switch state.mode {
        case .help: Overlays.help(context, into: &grid, rect: area)
        case .actions(let selected): Overlays.actions(context, selected: selected, into: &grid, rect: area)
        default: break
        }
        return grid
    }

    /// Draws one pane into `rect`.
    public static func render(_ pane: PaneKind, context: PaneContext, into grid: inout CellGrid, rect: Rect) {
        switch pane {
        case .charts: ChartPane.render(context, into: &grid, rect: rect)
        case .symmetry: SymmetryPane.render(context, into: &grid, rect: rect)
        case .nudge: NudgePane.render(context, into: &grid, rect: rect)
        case .images: ImagePane.render(context, into: &grid, rect: rect)
        case .panels: PanelsPane.render(context, into: &grid, rect: rect)
        case .hyperparameters: HyperparameterPane.render(context, into: &grid, rect: rect)
        case .events: EventLogPane.render(context, into: &grid, rect: rect)
        }
    }
}
