/// A key press, independent of curses (so dispatch is testable).
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case character(Character)
    case enter
    case escape
    case backspace
    case tab
    case backTab
    case up
    case down
    case left
    case right
    case pageUp
    case pageDown

    /// How the help overlay writes the key.
    public var description: String {
        switch self {
        case .character(" "): "space"
        case .character(let c): String(c)
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        }
    }
}
