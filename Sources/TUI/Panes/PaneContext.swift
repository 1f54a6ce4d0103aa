import Plot
import Session

/// What every pane's `render` reads: the latest snapshot and the front end's state.
public struct PaneContext: Sendable {
    public var snapshot: Snapshot
    public var state: WorkbenchState

    /// A context for one frame.
    public init(snapshot: Snapshot, state: WorkbenchState) {
        self.snapshot = snapshot
        self.state = state
    }

    /// The glyph set in use.
    public var glyphs: Glyphs { state.glyphs }
}

/// Pane frames: a box with the pane's number and title, highlighted when focused.
public enum PaneFrame {
    /// Draws the frame and returns the inner rectangle.
    ///
    /// ```
    /// ┌ 1 charts ──────────── log y · x step ┐
    /// │                                      │
    /// └──────────────────────────────────────┘
    /// ```
    @discardableResult
    public static func draw(_ pane: PaneKind, focused: Bool, glyphs g: Glyphs, info: String = "",
                            into grid: inout CellGrid, rect: Rect) -> Rect {
        guard rect.width >= 4, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let style = focused ? CellStyle(color: .accent, attributes: CellStyle.bold) : CellStyle(color: .axis)
        grid.drawBorder(rect, glyphs: g, style: style)
        let title = " \(pane.rawValue) \(pane.title) "
        let titleWidth = grid.write(title, x: rect.x + 1, y: rect.y, style: style.with(focused ? CellStyle.reverse : 0),
                                    maxWidth: rect.width - 2)
        if !info.isEmpty {
            let room = rect.width - 4 - titleWidth
            if room > 3 {
                let text = CellGrid.truncate(" \(info) ", to: room)
                grid.write(text, x: rect.maxX - 1 - text.unicodeScalars.count, y: rect.y, style: CellStyle(color: .axis))
            }
        }
        return rect.inset(dx: 1, dy: 1)
    }

    /// A centred, dim notice for a pane without data ("no symmetry diagnostics in this session").
    public static func notice(_ text: String, into grid: inout CellGrid, rect: Rect) {
        guard !rect.isEmpty else { return }
        let clipped = CellGrid.truncate(text, to: rect.width)
        let n = clipped.unicodeScalars.count
        grid.write(clipped, x: rect.x + (rect.width - n) / 2, y: rect.y + (rect.height - 1) / 2,
                   style: CellStyle(color: .axis, attributes: CellStyle.dim))
    }

    /// Pads or cuts `text` to exactly `width` characters (left-aligned, or right-aligned).
    static func fit(_ text: String, _ width: Int, right: Bool = false) -> String {
        let t = CellGrid.truncate(text, to: width)
        let pad = String(repeating: " ", count: max(0, width - t.unicodeScalars.count))
        return right ? pad + t : t + pad
    }
}

extension CellGrid {
    /// Draws a single-line border on the edge cells of `rect` (box-drawing glyphs, or ASCII ones).
    mutating func drawBorder(_ rect: Rect, glyphs g: Glyphs, style: CellStyle) {
        for x in rect.x..<rect.maxX {
            put(g.horizontal, x: x, y: rect.y, style: style)
            put(g.horizontal, x: x, y: rect.maxY - 1, style: style)
        }
        for y in rect.y..<rect.maxY {
            put(g.vertical, x: rect.x, y: y, style: style)
            put(g.vertical, x: rect.maxX - 1, y: y, style: style)
        }
        put(g.topLeft, x: rect.x, y: rect.y, style: style)
        put(g.topRight, x: rect.maxX - 1, y: rect.y, style: style)
        put(g.bottomLeft, x: rect.x, y: rect.maxY - 1, style: style)
        put(g.bottomRight, x: rect.maxX - 1, y: rect.maxY - 1, style: style)
    }
}
