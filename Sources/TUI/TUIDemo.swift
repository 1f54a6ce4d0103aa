import Foundation
import Session

/// The hidden `demo` mode: opens the workbench on a synthetic run (`DemoController`) so the front end can be
/// tried, and tested in tmux, without training anything. The integrator wires it into the CLI, e.g. as
/// `equilab tui-demo [--steps N] [--rate HZ] [--paused] [--run-dir DIR] [--baseline DIR] [--ascii] [--no-color]`.
public enum TUIDemo {
    /// Parses the demo's arguments, runs the workbench and returns the exit code (2 for bad arguments).
    public static func run(arguments: [String]) -> Int32 {
        var options = WorkbenchOptions()
        var steps = 5000, rate = 40.0, paused = false
        var runDirectory: String?
        var i = 0
        func value() -> String? {
            i += 1
            return i < arguments.count ? arguments[i] : nil
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--steps": steps = value().flatMap(Int.init) ?? -1
            case "--rate": rate = value().flatMap(Double.init) ?? -1
            case "--paused": paused = true
            case "--run-dir": runDirectory = value()
            case "--baseline": options.baselineRunDirectory = value()
            case "--ascii": options.asciiOnly = true
            case "--no-color": options.noColor = true
            default:
                FileHandle.standardError.write(Data("equilab tui-demo: unknown option '\(arguments[i])'\n\(usage)\n".utf8))
                return 2
            }
            i += 1
        }
        guard steps > 0, rate > 0 else {
            FileHandle.standardError.write(Data("equilab tui-demo: --steps and --rate need positive numbers\n\(usage)\n".utf8))
            return 2
        }
        let controller = DemoController(totalSteps: steps, stepsPerSecond: rate, startPaused: paused,
                                        runDirectory: runDirectory)
        do {
            return try Workbench.run(controller: controller, options: options)
        } catch {
            FileHandle.standardError.write(Data("equilab: \(error)\n".utf8))
            return 1
        }
    }

    /// The demo's usage line.
    public static let usage = "usage: equilab tui-demo [--steps N] [--rate STEPS_PER_SECOND] [--paused] [--run-dir DIR] "
        + "[--baseline RUN_DIR] [--ascii] [--no-color]"
}
