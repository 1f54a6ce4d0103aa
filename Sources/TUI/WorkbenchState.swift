import Plot
import Session

/// Everything the front end remembers between frames: which panes show, focus, chart settings, selection and
/// the open editor or overlay. A value type; rendering reads it, key dispatch changes it.
public struct WorkbenchState: Sendable {
    /// What the x axis of the charts measures.
    public enum XAxis: String, Sendable, CaseIterable {
        case step, epoch, time
    }

    /// The modal input in progress, if any.
    public enum Mode: Sendable, Equatable {
        case normal
        /// Inline editor of the selected hyperparameter.
        case editing(name: String, text: String)
        /// The `:` command line.
        case command(String)
        /// The `/` series filter being typed.
        case filter(String)
        /// The `?` overlay.
        case help
        /// The actions menu with the selected index.
        case actions(Int)
    }

    /// A one-line message in the bottom line (errors in the warning colour).
    public struct Message: Sendable, Equatable {
        public var text: String
        public var isError: Bool
    }

    public var mode: Mode = .normal
    public var focus: PaneKind = .charts
    /// Panes the user turned on or off with number keys (overrides the defaults).
    public var shownPanes: Set<PaneKind> = []
    public var hiddenPanes: Set<PaneKind> = []
    public var logY = false
    public var logX = false
    public var xAxis: XAxis = .step
    public var smoothing = 0.6
    public var viewport = ChartViewport()
    /// Series whose names contain this text (case-insensitive) are charted; empty shows all.
    public var seriesFilter = ""
    /// The first image panel the images pane shows (`i` cycles when not all fit).
    public var imageOffset = 0
    public var selectedHyperparameter = 0
    public var message: Message?
    public var glyphs: Glyphs
    /// The pinned baseline run, if any.
    public var baseline: BaselineRun?
    /// Set by `q`; the loop then stops the run and leaves.
    public var quitRequested = false

    /// A fresh state drawing with `glyphs`.
    public init(glyphs: Glyphs = .unicode, baseline: BaselineRun? = nil) {
        self.glyphs = glyphs
        self.baseline = baseline
    }

    /// Whether `pane` is on screen for this snapshot.
    public func isVisible(_ pane: PaneKind, in snapshot: Snapshot) -> Bool {
        if shownPanes.contains(pane) { return true }
        if hiddenPanes.contains(pane) { return false }
        return pane.isShownByDefault(in: snapshot)
    }

    /// The visible panes in number order.
    public func visiblePanes(in snapshot: Snapshot) -> [PaneKind] {
        PaneKind.allCases.filter { isVisible($0, in: snapshot) }
    }

    /// Shows a hidden pane or hides a shown one.
    public mutating func toggle(_ pane: PaneKind, in snapshot: Snapshot) {
        if isVisible(pane, in: snapshot) {
            shownPanes.remove(pane)
            hiddenPanes.insert(pane)
            if focus == pane { focus = visiblePanes(in: snapshot).first ?? .charts }
        } else {
            hiddenPanes.remove(pane)
            shownPanes.insert(pane)
            focus = pane
        }
    }

    /// Reports an error in the bottom line.
    public mutating func fail(_ text: String) { message = Message(text: text, isError: true) }
    /// Reports news in the bottom line.
    public mutating func inform(_ text: String) { message = Message(text: text, isError: false) }
}
