import Foundation
import Plot
import Session

/// The ncurses workbench: the CLI's entry point to the interactive front end.
///
/// The main thread owns the terminal. Each loop turn waits up to 50 ms for a key, applies it to the
/// `WorkbenchState` (sending the resulting `EngineCommand`s to the run), and redraws — at most
/// `maximumFrameRate` (≤ 15) times a second, only when the snapshot's version or the state changed — from the
/// latest `Snapshot`, writing only the cells that changed. Training never waits for the screen.
///
/// ```
///  keys ──▶ WorkbenchState.handle ──▶ [EngineCommand] ──▶ controller.send
///  controller.latestSnapshot ──▶ Screen.render (pure) ──▶ CellGrid ──▶ Terminal.draw (changed cells)
/// ```
///
/// On `q`, Ctrl-C (SIGINT) and SIGTERM the run is asked to checkpoint and stop, the loop waits for it (up to
/// `stopTimeout`), and the terminal is restored (`endwin` once; crash signals and `atexit` restore it too).
public enum Workbench {
    /// Runs the workbench until the user quits; returns the process exit code: 0 after `q`, 130 after SIGINT,
    /// 143 after SIGTERM, 129 after SIGHUP or when the terminal closes, 1 when the terminal cannot be used (after printing why to stderr is the caller's job:
    /// it gets the error).
    ///
    /// - Parameters:
    ///   - controller: the run to show and command (the `SessionEngine`, or `TUIDemo`'s synthetic run).
    ///   - options: baseline run, ASCII-only, no colour, frame rate.
    /// - Throws: `TerminalError` when `TERM` is unknown; `BaselineError` when the baseline cannot be read.
    public static func run(controller: any RunController, options: WorkbenchOptions) throws -> Int32 {
        let baseline = try options.baselineRunDirectory.map { dir throws(BaselineError) in try BaselineRun(directory: dir) }
        let terminal = try Terminal(options: options)
        defer { terminal.restore() }
        var glyphs: Glyphs = terminal.isUnicode ? .unicode : .ascii
        glyphs.greyHalfBlocks = terminal.isUnicode && terminal.hasGreyRamp
        var state = WorkbenchState(glyphs: glyphs, baseline: baseline)
        if let baseline, baseline.skippedLines > 0 {
            state.inform("baseline \(baseline.label): skipped \(baseline.skippedLines) unreadable lines")
        }
        let frameInterval = 1 / options.maximumFrameRate
        var lastVersion = -1
        var dirty = true
        var lastDraw = 0.0
        var exitCode: Int32?
        while exitCode == nil {
            switch terminal.takeSignal() {
            case SIGINT: exitCode = 130
            case SIGTERM: exitCode = 143
            case SIGHUP: exitCode = 129  // the terminal went away
            default: break
            }
            if exitCode != nil { break }
            if let input = terminal.readInput() {
                switch input {
                case .resize:
                    terminal.invalidate()
                case .hangup:
                    exitCode = 129
                case .key(let key):
                    let snapshot = controller.latestSnapshot
                    let commands: [EngineCommand]
                    if !Layout.fits(width: terminal.width, height: terminal.height) && state.mode == .normal {
                        // Below the minimum size only quit and help work.
                        commands = key == .character("q") || key == .character("?") ? state.handle(key, snapshot: snapshot) : []
                    } else {
                        commands = state.handle(key, snapshot: snapshot)
                    }
                    commands.forEach(controller.send)
                }
                dirty = true
                if state.quitRequested { exitCode = 0 }
            }
            let now = ProcessInfo.processInfo.systemUptime
            if now - lastDraw >= frameInterval {
                let snapshot = controller.latestSnapshot
                if dirty || snapshot.version != lastVersion {
                    terminal.draw(Screen.render(snapshot, state: state, width: terminal.width, height: terminal.height))
                    lastVersion = snapshot.version
                    lastDraw = now
                    dirty = false
                }
            }
        }
        stopRun(controller, state: &state, terminal: terminal, timeout: options.stopTimeout)
        return exitCode ?? 0
    }

    /// Asks an active run to checkpoint and stop, and keeps drawing until it has (or `timeout` passes).
    static func stopRun(_ controller: any RunController, state: inout WorkbenchState, terminal: Terminal,
                        timeout: Double) {
        guard controller.latestSnapshot.status.isActive else { return }
        controller.send(.stop)
        state.mode = .normal
        state.inform("saving a checkpoint and stopping the run…")
        let deadline = ProcessInfo.processInfo.systemUptime + timeout
        while controller.latestSnapshot.status.isActive && ProcessInfo.processInfo.systemUptime < deadline {
            let snapshot = controller.latestSnapshot
            terminal.draw(Screen.render(snapshot, state: state, width: terminal.width, height: terminal.height))
            if terminal.isHungUp {
                Thread.sleep(forTimeInterval: 0.05)
            } else if case .resize = terminal.readInput() {  // also waits 50 ms
                terminal.invalidate()
            }
            if terminal.takeSignal() == SIGINT { break }  // a second Ctrl-C leaves at once
        }
    }
}
