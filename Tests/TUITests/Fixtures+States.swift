import Plot
import Session
@testable import TUI

/// Deterministic states for render tests.
enum Sample {
    /// A demo run at step 300 with an lr edit at step 150, paused.
    static var run: DemoRun {
        var run = DemoRun(totalSteps: 2000, seed: 7)
        run.status = .running
        for _ in 0..<150 { run.advance() }
        run.apply(.set(name: "lr", value: 0.05))
        for _ in 0..<150 { run.advance() }
        run.apply(.pause)
        return run
    }

    static var snapshot: Snapshot { run.snapshot(version: 1, stepsPerSecond: 48.5) }

    static func context(_ configure: (inout WorkbenchState) -> Void = { _ in }) -> PaneContext {
        var state = WorkbenchState(glyphs: .unicode)
        configure(&state)
        return PaneContext(snapshot: snapshot, state: state)
    }

    /// A snapshot with nothing in it (a session that has not started).
    static var empty: Snapshot { Snapshot(sessionName: "empty", kind: "none", runDirectory: "runs/empty") }

    static func pane(_ pane: PaneKind, context: PaneContext, width: Int = 80, height: Int = 24) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        Screen.render(pane, context: context, into: &grid, rect: grid.bounds)
        return grid
    }
}
