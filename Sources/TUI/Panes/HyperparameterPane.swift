import Plot
import Session

/// Pane 6: the experiment's hyperparameters: a selectable list of name, paper symbol, value, range and whether
/// a change applies live; Enter opens an inline editor on the selected row.
public enum HyperparameterPane {
    /// Renders the hyperparameter pane (frame included).
    public static func render(_ context: PaneContext, into grid: inout CellGrid, rect: Rect) {
        let g = context.glyphs, state = context.state
        let specs = context.snapshot.hyperparameters
        let inner = PaneFrame.draw(.hyperparameters, focused: state.focus == .hyperparameters, glyphs: g,
                                   info: specs.isEmpty ? "" : "Enter edits", into: &grid, rect: rect)
        guard !specs.isEmpty else {
            PaneFrame.notice("this experiment declares no hyperparameters", into: &grid, rect: inner)
            return
        }
        let nameWidth = min(12, specs.map { $0.name.unicodeScalars.count }.max() ?? 4)
        let symbolWidth = min(5, specs.map { $0.symbol.unicodeScalars.count }.max() ?? 1)
        let selected = min(max(state.selectedHyperparameter, 0), specs.count - 1)
        // Scroll so the selection stays visible.
        let first = max(0, min(selected - inner.height + 1, specs.count - inner.height))
        for (row, index) in (first..<specs.count).enumerated() where row < inner.height {
            let spec = specs[index]
            let y = inner.y + row
            let isSelected = index == selected
            var value = spec.displayValue
            var valueStyle = CellStyle(attributes: CellStyle.bold)
            if isSelected, case .editing(let name, let text) = state.mode, name == spec.name {
                value = "[\(text)_]"
                valueStyle = CellStyle(color: .accent, attributes: CellStyle.bold | CellStyle.underline)
            }
            let live = spec.isLive ? (g.isUnicode ? "● live" : "* live") : "restart"
            let rowStyle = isSelected ? CellStyle(attributes: CellStyle.reverse) : CellStyle()
            var x = inner.x
            grid.put(isSelected ? g.cursor : " ", x: x, y: y, style: CellStyle(color: .accent))
            x += 1
            x += grid.write(PaneFrame.fit(spec.name, nameWidth) + " ", x: x, y: y, style: rowStyle)
            x += grid.write(PaneFrame.fit(spec.symbol, symbolWidth) + " ", x: x, y: y, style: CellStyle(color: .axis))
            x += grid.write(PaneFrame.fit(value, 10) + " ", x: x, y: y, style: valueStyle, maxWidth: inner.maxX - x)
            let room = inner.maxX - x
            let rangeText = rangeLabel(spec)
            if room >= rangeText.unicodeScalars.count + 9 {
                x += grid.write(rangeText + " ", x: x, y: y, style: CellStyle(color: .axis))
            }
            if inner.maxX - x >= 7 {
                grid.write(live, x: x, y: y, style: spec.isLive ? CellStyle(color: .good) : CellStyle(color: .axis))
            }
        }
    }

    /// `[1e-5, 1] log`, `{fft|sparse}`, `on/off`.
    static func rangeLabel(_ spec: HyperparameterSpec) -> String {
        switch spec.kind {
        case .choice(let options): return "{" + options.joined(separator: "|") + "}"
        case .toggle: return "on/off"
        case .integer: return "[\(Int(spec.range.lowerBound)), \(Int(spec.range.upperBound))]"
        case .real:
            return "[\(Ticks.value(spec.range.lowerBound)), \(Ticks.value(spec.range.upperBound))]"
                + (spec.scale == .log ? " log" : "")
        }
    }
}
