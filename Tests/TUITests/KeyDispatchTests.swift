import Plot
import Session
import Testing
@testable import TUI

@Suite struct KeyDispatchTests {
    var snapshot: Snapshot {
        var s = Sample.snapshot
        s.status = .running
        return s
    }

    func type(_ text: String, into state: inout WorkbenchState, snapshot: Snapshot) -> [EngineCommand] {
        text.flatMap { state.handle(.character($0), snapshot: snapshot) }
    }

    @Test func everyBindingIsReachableAndUnique() {
        var seen: [Key: WorkbenchAction] = [:]
        for binding in KeyTable.bindings {
            for key in binding.keys {
                #expect(seen[key] == nil, "\(key) bound twice")
                seen[key] = binding.action
                #expect(KeyTable.action(for: key) == binding.action)
            }
        }
        // The help overlay is generated from the same table: every non-pane label appears in it.
        let grid = Screen.render(Sample.snapshot, state: { var s = WorkbenchState(); s.mode = .help; return s }(),
                                 width: 120, height: 50)
        for binding in KeyTable.bindings {
            if case .togglePane = binding.action { continue }
            #expect(grid.text.contains(binding.summary), "help lacks \(binding.summary)")
        }
    }

    @Test func spacePausesAndResumes() {
        var state = WorkbenchState()
        #expect(state.handle(.character(" "), snapshot: snapshot) == [.pause])
        var paused = snapshot
        paused.status = .paused
        #expect(state.handle(.character(" "), snapshot: paused) == [.resume])
        #expect(state.handle(.character("n"), snapshot: paused) == [.step(1)])
        #expect(state.handle(.character("c"), snapshot: paused) == [.checkpointNow])
        #expect(state.handle(.character("s"), snapshot: paused) == [.stop])
        #expect(state.handle(.character("e"), snapshot: paused) == [.evaluateNow])
    }

    @Test func editingTheSelectedHyperparameterSendsSet() {
        var state = WorkbenchState()
        #expect(state.handle(.enter, snapshot: snapshot).isEmpty)
        #expect(state.mode == .editing(name: "lr", text: "0.05"))
        for _ in 0..<4 { _ = state.handle(.backspace, snapshot: snapshot) }
        _ = type("1e-3", into: &state, snapshot: snapshot)
        #expect(state.handle(.enter, snapshot: snapshot) == [.set(name: "lr", value: 1e-3)])
        #expect(state.mode == .normal)
        #expect(state.message?.isError == false)
    }

    @Test func badValuesBecomeMessagesNotCommands() {
        var state = WorkbenchState()
        _ = state.handle(.enter, snapshot: snapshot)
        for _ in 0..<10 { _ = state.handle(.backspace, snapshot: snapshot) }
        _ = type("5", into: &state, snapshot: snapshot)  // outside 1e-5…1
        #expect(state.handle(.enter, snapshot: snapshot).isEmpty)
        #expect(state.message?.isError == true)
        #expect(state.message?.text.contains("outside its range") == true)
        _ = state.handle(.enter, snapshot: snapshot)
        _ = type("abc", into: &state, snapshot: snapshot)
        #expect(state.handle(.enter, snapshot: snapshot).isEmpty)
        #expect(state.message?.text.contains("finite number") == true)
        // Escape cancels without a command.
        _ = state.handle(.enter, snapshot: snapshot)
        #expect(state.handle(.escape, snapshot: snapshot).isEmpty && state.mode == .normal)
    }

    @Test func restartOnlyHyperparametersAreRefused() {
        var state = WorkbenchState()
        state.selectedHyperparameter = 3  // batch: not live
        #expect(state.handle(.enter, snapshot: snapshot).isEmpty)
        #expect(state.mode == .normal && state.message?.isError == true)
    }

    @Test func selectionWrapsAround() {
        var state = WorkbenchState()
        _ = state.handle(.up, snapshot: snapshot)
        #expect(state.selectedHyperparameter == snapshot.hyperparameters.count - 1)
        _ = state.handle(.down, snapshot: snapshot)
        #expect(state.selectedHyperparameter == 0)
    }

    @Test(arguments: [
        ("set lr 1e-3", [EngineCommand.set(name: "lr", value: 1e-3)]),
        ("set beta=0.25", [.set(name: "beta", value: 0.25)]),
        ("set estimator RBP", [.set(name: "estimator", value: 2)]),
        ("set augment off", [.set(name: "augment", value: 0)]),
        ("do adjust-now", [.perform(action: "adjust-now")]),
        ("eval", [.evaluateNow]),
        ("step 10", [.step(10)]),
        ("step", [.step(1)]),
        ("pause", [.pause]),
        ("resume", [.resume]),
        ("checkpoint", [.checkpointNow]),
        ("stop", [.stop]),
        ("set lr", []),
        ("set nope 1", []),
        ("do nothing-such", []),
        ("step -2", []),
        ("frobnicate", []),
    ])
    func commandLine(_ line: String, _ expected: [EngineCommand]) {
        var state = WorkbenchState()
        _ = state.handle(.character(":"), snapshot: snapshot)
        _ = type(line, into: &state, snapshot: snapshot)
        #expect(state.handle(.enter, snapshot: snapshot) == expected)
        if expected.isEmpty { #expect(state.message?.isError == true) }
    }

    @Test func chartKeysChangeViewState() {
        var state = WorkbenchState()
        _ = type("yxt+]", into: &state, snapshot: snapshot)
        #expect(state.logY && state.logX && state.viewport.zoom == 2 && state.xAxis == .epoch)
        #expect(abs(state.smoothing - 0.7) < 1e-12)
        _ = state.handle(.left, snapshot: snapshot)
        #expect(state.viewport.offset > 0)
        _ = type("/eval", into: &state, snapshot: snapshot)
        _ = state.handle(.enter, snapshot: snapshot)
        #expect(state.seriesFilter == "eval")
        #expect(ChartPane.seriesGroups(snapshot, filter: "eval").flatMap(\.members).allSatisfy { $0.hasPrefix("eval/") })
    }

    @Test func numberKeysToggleAndTabCycles() {
        var state = WorkbenchState()
        #expect(state.isVisible(.symmetry, in: snapshot))
        #expect(!state.isVisible(.nudge, in: snapshot))
        _ = type("23", into: &state, snapshot: snapshot)
        #expect(!state.isVisible(.symmetry, in: snapshot) && state.isVisible(.nudge, in: snapshot))
        #expect(state.focus == .nudge)
        _ = state.handle(.tab, snapshot: snapshot)
        #expect(state.focus == .hyperparameters)
    }

    @Test func actionsMenuAndHelpAndQuit() {
        var state = WorkbenchState()
        _ = state.handle(.character("a"), snapshot: snapshot)
        _ = state.handle(.down, snapshot: snapshot)
        #expect(state.handle(.enter, snapshot: snapshot) == [.perform(action: "reset-lambdas")])
        _ = state.handle(.character("?"), snapshot: snapshot)
        #expect(state.mode == .help)
        _ = state.handle(.character("x"), snapshot: snapshot)
        #expect(state.mode == .normal && !state.logX)  // the key only closed the overlay
        _ = state.handle(.character("q"), snapshot: snapshot)
        #expect(state.quitRequested)
    }
}

@Suite struct BaselineRunTests {
    @Test func tolerantReader() {
        let text = """
            {"step": 1, "loss": 2.5, "time": 0.1}
            {"step": 2, "metrics": {"loss": 2.0, "accuracy": 0.5}, "time": 0.2}
            {"step": 3, "name": "loss", "value": null}
            {"step": 4, "split": "eval", "loss": 1.5}
            not json
            {"loss": 3}
            {"step": 5, "loss": "nan", "flag": true}
            {"step": 6, "loss": 1.0
            """
        let run = BaselineRun(directory: "/tmp/runs/base", jsonLines: text)
        #expect(run.label == "base")
        #expect(run.skippedLines == 3)
        #expect(run.series["loss"]?.steps == [1, 2, 3, 5])
        #expect(run.series["loss"]?.values.prefix(2) == [2.5, 2.0])
        #expect(run.series["loss"]?.values[2].isNaN == true)
        #expect(run.series["accuracy"]?.values == [0.5])
        #expect(run.series["eval/loss"]?.values == [1.5])
        #expect(run.series["flag"] == nil)
        #expect(run.series["loss"]?.times.first == 0.1)
    }

    @Test func missingFileNamesTheFix() {
        #expect(throws: BaselineError.self) { try BaselineRun(directory: "/nonexistent/run") }
        let message = BaselineError.unreadable(path: "/x/metrics.jsonl").description
        #expect(message.contains("/x/metrics.jsonl") && message.contains("finished run"))
    }
}
