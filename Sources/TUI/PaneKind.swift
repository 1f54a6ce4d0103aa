import Session

/// The panes of the workbench, in number-key order.
public enum PaneKind: Int, CaseIterable, Sendable, Hashable {
    case charts = 1
    case symmetry
    case nudge
    case images
    case panels
    case hyperparameters
    case events

    /// The pane's frame title.
    public var title: String {
        switch self {
        case .charts: "charts"
        case .symmetry: "symmetries"
        case .nudge: "EP nudge"
        case .images: "images"
        case .panels: "panels"
        case .hyperparameters: "hyperparameters"
        case .events: "events"
        }
    }

    /// The number key that toggles it.
    public var key: Character { Character(String(rawValue)) }

    /// Whether the snapshot holds anything for this pane.
    public func hasData(in snapshot: Snapshot) -> Bool {
        switch self {
        case .charts: return !snapshot.series.isEmpty
        case .symmetry: return snapshot.panels.contains { if case .symmetry = $0 { true } else { false } }
        case .nudge: return snapshot.panels.contains { if case .nudge = $0 { true } else { false } }
        case .images: return !snapshot.imagePanels.isEmpty
        case .panels: return snapshot.panels.contains(where: PaneKind.isGeneric)
        case .hyperparameters: return !snapshot.hyperparameters.isEmpty
        case .events: return !snapshot.events.isEmpty
        }
    }

    /// Whether the pane shows unless toggled off: charts, hyperparameters and events, plus the first diagnostic
    /// pane with data (symmetry, nudge, images; the generic panels pane when none of those has data).
    func isShownByDefault(in snapshot: Snapshot) -> Bool {
        switch self {
        case .charts, .hyperparameters, .events: return true
        case .panels:
            return hasData(in: snapshot) && ![PaneKind.symmetry, .nudge, .images].contains { $0.hasData(in: snapshot) }
        default:
            // Only the first diagnostic pane with data opens by itself; number keys open the others.
            return [PaneKind.symmetry, .nudge, .images].first { $0.hasData(in: snapshot) } == self
        }
    }

    /// Tables, curves and text panels go to the generic pane.
    static func isGeneric(_ panel: Panel) -> Bool {
        switch panel {
        case .table, .curves, .text: true
        default: false
        }
    }
}
