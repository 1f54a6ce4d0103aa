import Plot

/// Where panes go for a terminal size: status line on top, bottom line last; diagnostic panes stacked in the
/// main column; hyperparameters and events in a right sidebar on wide terminals (≥ 100 columns) or side by side
/// in a bottom strip otherwise.
///
/// ```
/// ┌ status ─────────────────────────────────────┐
/// │ 1 charts                 │ 6 hyperparameters │
/// │ 2 symmetries             ├───────────────────│
/// │ 3 …                      │ 7 events          │
/// └ bottom line ────────────────────────────────┘
/// ```
public enum Layout {
    /// Below this size only the "too small" notice is drawn.
    public static let minimumWidth = 50
    public static let minimumHeight = 14

    /// Whether a terminal of this size is big enough for panes.
    public static func fits(width: Int, height: Int) -> Bool { width >= minimumWidth && height >= minimumHeight }

    /// The "too small: W×H, need W′×H′" notice.
    public static func tooSmallNotice(width: Int, height: Int) -> String {
        "too small: \(width)x\(height), need \(minimumWidth)x\(minimumHeight)"
    }

    /// Rectangles for `panes` (in number order) inside `area` (the rows between status and bottom lines).
    public static func arrange(_ panes: [PaneKind], in area: Rect) -> [(pane: PaneKind, rect: Rect)] {
        let side = panes.filter { $0 == .hyperparameters || $0 == .events }
        let main = panes.filter { $0 != .hyperparameters && $0 != .events }
        guard !main.isEmpty else { return stack(side, in: area) }
        guard !side.isEmpty else { return stack(main, in: area) }
        if area.width >= 100 {
            let sideWidth = min(48, max(34, area.width * 3 / 10))
            let (left, right) = area.splitLeft(area.width - sideWidth)
            return stack(main, in: left) + stack(side, in: right)
        }
        let stripHeight = min(max(area.height / 3, 5), 10)
        let (top, bottom) = area.splitBottom(stripHeight)
        return stack(main, in: top) + zip(side, bottom.columns(side.count)).map { ($0, $1) }
    }

    /// The least height worth drawing a pane at.
    static func minimumHeight(_ pane: PaneKind) -> Int { pane == .charts ? 9 : 5 }

    /// The visible panes that `arrange` had no room for.
    public static func hidden(_ panes: [PaneKind], in area: Rect) -> [PaneKind] {
        let placed = Set(arrange(panes, in: area).map(\.pane))
        return panes.filter { !placed.contains($0) }
    }

    /// Panes stacked vertically, heights by weight (charts 3, the rest 2). Panes that would get less than their
    /// minimum height are left out, last first (`hidden(_:in:)` lists them).
    static func stack(_ all: [PaneKind], in area: Rect) -> [(pane: PaneKind, rect: Rect)] {
        var panes = all
        while panes.count > 1 && panes.map(minimumHeight).reduce(0, +) > area.height { panes.removeLast() }
        guard !panes.isEmpty else { return [] }
        let weights = panes.map { $0 == .charts ? 3 : 2 }
        let total = weights.reduce(0, +)
        var result: [(PaneKind, Rect)] = []
        var y = area.y, acc = 0
        for (pane, w) in zip(panes, weights) {
            acc += w
            let bottom = area.y + area.height * acc / total
            result.append((pane, Rect(x: area.x, y: y, width: area.width, height: bottom - y)))
            y = bottom
        }
        return result
    }
}
