import Plot
import Session

extension WorkbenchState {
    /// Applies one key press and returns the commands to send to the run, in order.
    ///
    /// Modal input (editor, command line, filter, help, actions menu) sees keys first; otherwise the key is looked
    /// up in `KeyTable`. Bad input never throws: it becomes an error message in the bottom line.
    public mutating func handle(_ key: Key, snapshot: Snapshot) -> [EngineCommand] {
        switch mode {
        case .normal: break
        case .help:
            mode = .normal
            if key == .character("q") { quitRequested = true }
            return []
        case .editing(let name, let text):
            return handleLine(key, text: text, commit: { state, line in state.commitEdit(name: name, text: line, snapshot: snapshot) },
                              update: { .editing(name: name, text: $0) })
        case .command(let text):
            return handleLine(key, text: text, commit: { state, line in state.runCommand(line, snapshot: snapshot) },
                              update: { .command($0) })
        case .filter(let text):
            return handleLine(key, text: text, commit: { state, line in
                state.seriesFilter = line.trimmingCharacters(in: .whitespaces)
                state.inform(state.seriesFilter.isEmpty ? "showing all series" : "series filter: \(state.seriesFilter)")
                return []
            }, update: { .filter($0) })
        case .actions(let index):
            return handleActionsMenu(key, index: index, snapshot: snapshot)
        }
        guard let action = KeyTable.action(for: key) else { return [] }
        return perform(action, snapshot: snapshot)
    }

    /// Runs a bound action (also used by tests and the docs generator).
    public mutating func perform(_ action: WorkbenchAction, snapshot: Snapshot) -> [EngineCommand] {
        switch action {
        case .togglePause:
            switch snapshot.status {
            case .running, .starting: inform("pausing…"); return [.pause]
            case .paused, .diverged: inform("resuming…"); return [.resume]
            default: fail("the run is \(snapshot.status.label)"); return []
            }
        case .stepOnce:
            inform("one step")
            return [.step(1)]
        case .editSelected:
            let specs = snapshot.hyperparameters
            guard specs.indices.contains(selectedHyperparameter) else { fail("no hyperparameter to edit"); return [] }
            let spec = specs[selectedHyperparameter]
            guard spec.isLive else { fail(ExperimentError.notLive(name: spec.name).description); return [] }
            mode = .editing(name: spec.name, text: spec.displayValue)
            focus = .hyperparameters
        case .checkpoint:
            inform("checkpoint requested")
            return [.checkpointNow]
        case .stopAndSave:
            inform("stopping: checkpoint, then stop")
            return [.stop]
        case .quit:
            quitRequested = true
        case .toggleLogY:
            logY.toggle()
            inform("log y \(logY ? "on" : "off")")
        case .toggleLogX:
            logX.toggle()
            inform("log x \(logX ? "on" : "off")")
        case .cycleXAxis:
            let all = XAxis.allCases
            xAxis = all[((all.firstIndex(of: xAxis) ?? 0) + 1) % all.count]
            viewport = ChartViewport()
            inform("x axis: \(xAxis.rawValue)")
        case .zoomIn: viewport.zoomIn()
        case .zoomOut: viewport.zoomOut()
        case .panLeft: viewport.pan(by: 0.25)
        case .panRight: viewport.pan(by: -0.25)
        case .selectPrevious, .selectNext:
            let n = snapshot.hyperparameters.count
            guard n > 0 else { return [] }
            let delta = action == .selectNext ? 1 : -1
            selectedHyperparameter = ((selectedHyperparameter + delta) % n + n) % n
        case .smoothMore:
            smoothing = min(Smoothing.maximumWeight, smoothing < 0.9 ? smoothing + 0.1 : 1 - (1 - smoothing) / 2)
            inform("smoothing \(Ticks.value(smoothing))")
        case .smoothLess:
            smoothing = max(0, smoothing > 0.9 ? 1 - (1 - smoothing) * 2 : smoothing - 0.1)
            if smoothing < 1e-9 { smoothing = 0 }
            inform("smoothing \(Ticks.value(smoothing))")
        case .filter: mode = .filter(seriesFilter)
        case .cycleImages:
            let n = snapshot.imagePanels.count
            guard n > 1 else { return [] }
            imageOffset = (imageOffset + 1) % n
        case .commandLine: mode = .command("")
        case .cycleFocus, .cycleFocusBack:
            let panes = visiblePanes(in: snapshot)
            guard !panes.isEmpty else { return [] }
            let i = panes.firstIndex(of: focus) ?? 0
            let d = action == .cycleFocus ? 1 : panes.count - 1
            focus = panes[(i + d) % panes.count]
        case .actionsMenu:
            guard !snapshot.actions.isEmpty else { fail("this experiment offers no actions"); return [] }
            mode = .actions(0)
        case .evaluate:
            inform("evaluation requested")
            return [.evaluateNow]
        case .help: mode = .help
        case .togglePane(let pane): toggle(pane, in: snapshot)
        }
        return []
    }

    // MARK: - Modal input

    /// Line editing shared by the editor, the command line and the filter.
    private mutating func handleLine(_ key: Key, text: String, commit: (inout WorkbenchState, String) -> [EngineCommand],
                                     update: (String) -> Mode) -> [EngineCommand] {
        switch key {
        case .escape:
            mode = .normal
            inform("cancelled")
        case .enter:
            mode = .normal
            return commit(&self, text)
        case .backspace:
            mode = update(String(text.dropLast()))
        case .character(let c):
            if text.count < 200 { mode = update(text + String(c)) }
        default: break
        }
        return []
    }

    /// Parses an edited value with the hyperparameter's own parser and queues the change.
    mutating func commitEdit(name: String, text: String, snapshot: Snapshot) -> [EngineCommand] {
        guard let spec = snapshot.hyperparameters.first(where: { $0.name == name }) else {
            fail(ExperimentError.unknownHyperparameter(name: name, known: snapshot.hyperparameters.map(\.name)).description)
            return []
        }
        guard spec.isLive else { fail(ExperimentError.notLive(name: name).description); return [] }
        do {
            let value = try spec.parse(text)
            inform("\(name) \(spec.displayValue) → \(text.trimmingCharacters(in: .whitespaces)) at the next step")
            return [.set(name: name, value: value)]
        } catch {
            fail(error.description)
            return []
        }
    }

    private mutating func handleActionsMenu(_ key: Key, index: Int, snapshot: Snapshot) -> [EngineCommand] {
        let actions = snapshot.actions
        guard !actions.isEmpty else { mode = .normal; return [] }
        switch key {
        case .escape, .character("q"), .character("a"): mode = .normal
        case .up, .character("k"): mode = .actions((index - 1 + actions.count) % actions.count)
        case .down, .character("j"): mode = .actions((index + 1) % actions.count)
        case .enter:
            mode = .normal
            let name = actions[min(index, actions.count - 1)].name
            inform("action \(name) requested")
            return [.perform(action: name)]
        default: break
        }
        return []
    }
}
