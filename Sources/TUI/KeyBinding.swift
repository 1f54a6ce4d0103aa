/// What a key does. Each action appears in exactly one `KeyBinding`, so dispatch and help cannot drift apart.
public enum WorkbenchAction: Hashable, Sendable {
    case togglePause
    case stepOnce
    case editSelected
    case checkpoint
    case stopAndSave
    case quit
    case toggleLogY
    case toggleLogX
    case cycleXAxis
    case zoomIn
    case zoomOut
    case panLeft
    case panRight
    case selectPrevious
    case selectNext
    case smoothMore
    case smoothLess
    case filter
    case cycleImages
    case commandLine
    case cycleFocus
    case cycleFocusBack
    case actionsMenu
    case evaluate
    case help
    case togglePane(PaneKind)
}

/// One row of the key table: the keys, the label the help overlay shows, a one-line summary and the action.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var label: String
    public var summary: String
    public var action: WorkbenchAction

    /// A binding; `label` defaults to the keys joined by `/`.
    public init(_ keys: [Key], label: String? = nil, _ summary: String, _ action: WorkbenchAction) {
        self.keys = keys
        self.label = label ?? keys.map(\.description).joined(separator: "/")
        self.summary = summary
        self.action = action
    }
}

/// The single key table of the workbench: it drives `WorkbenchState.handle(_:snapshot:)`, the `?` overlay and
/// the key table in docs/tui.md.
public enum KeyTable {
    /// Every binding, in help order.
    public static let bindings: [KeyBinding] = [
        KeyBinding([.character(" ")], "pause / resume training", .togglePause),
        KeyBinding([.character("n")], "take one step (pauses first)", .stepOnce),
        KeyBinding([.enter], "edit the selected hyperparameter", .editSelected),
        KeyBinding([.up, .character("k")], "select previous hyperparameter or action", .selectPrevious),
        KeyBinding([.down, .character("j")], "select next hyperparameter or action", .selectNext),
        KeyBinding([.character("c")], "checkpoint now", .checkpoint),
        KeyBinding([.character("s")], "stop and save (checkpoint, then stop)", .stopAndSave),
        KeyBinding([.character("e")], "evaluate now", .evaluate),
        KeyBinding([.character("a")], "experiment actions menu", .actionsMenu),
        KeyBinding([.character(":")], "command line: set lr 1e-3, do NAME, eval, step 10", .commandLine),
        KeyBinding([.character("y")], "charts: toggle log y", .toggleLogY),
        KeyBinding([.character("x")], "charts: toggle log x", .toggleLogX),
        KeyBinding([.character("t")], "charts: x axis step / epoch / wall time", .cycleXAxis),
        KeyBinding([.character("+"), .character("=")], label: "+", "charts: zoom in", .zoomIn),
        KeyBinding([.character("-")], "charts: zoom out", .zoomOut),
        KeyBinding([.left, .character("h")], "charts: pan to older steps", .panLeft),
        KeyBinding([.right, .character("l")], "charts: pan to newer steps", .panRight),
        KeyBinding([.character("]")], "charts: more smoothing", .smoothMore),
        KeyBinding([.character("[")], "charts: less smoothing", .smoothLess),
        KeyBinding([.character("/")], "charts: filter series by name", .filter),
        KeyBinding([.character("i")], "images: next rows of image panels", .cycleImages),
        KeyBinding([.tab], "focus next pane", .cycleFocus),
        KeyBinding([.backTab], "focus previous pane", .cycleFocusBack),
    ] + PaneKind.allCases.map { pane in
        KeyBinding([.character(pane.key)], "show / hide the \(pane.title) pane", .togglePane(pane))
    } + [
        KeyBinding([.character("?")], "this help (any key closes it)", .help),
        KeyBinding([.character("q")], "quit (checkpoint and stop the run first)", .quit),
    ]

    /// The action bound to `key`, if any.
    public static func action(for key: Key) -> WorkbenchAction? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    /// The help text as `label  summary` lines (pane keys folded into one `1-7` line).
    public static var helpLines: [(keys: String, summary: String)] {
        var lines: [(String, String)] = []
        var addedPanes = false
        for b in bindings {
            if case .togglePane = b.action {
                if !addedPanes {
                    let names = PaneKind.allCases.map { "\($0.rawValue) \($0.title)" }.joined(separator: ", ")
                    lines.append(("1-\(PaneKind.allCases.count)", "show / hide panes: \(names)"))
                    addedPanes = true
                }
                continue
            }
            lines.append((b.label, b.summary))
        }
        return lines
    }

    /// The key table as a Markdown table (docs/tui.md is generated from this).
    public static var markdown: String {
        var out = "| keys | action |\n|---|---|\n"
        for b in bindings {
            let label = b.label.replacingOccurrences(of: "|", with: "\\|")
            out += "| `\(label)` | \(b.summary) |\n"
        }
        return out
    }
}
