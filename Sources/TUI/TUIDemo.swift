import Foundation
import Session

/// The hidden `demo` mode: opens the workbench on a synthetic run (`DemoController`) so the front end can be
/// tried, and tested in tmux, without training anything. The integrator wires it into the CLI, e.g. as
/// `equilab tui-demo [--steps N] [--rate HZ] [--paused] [--run-dir DIR] [--baseline DIR] [--ascii] [--no-color]`.
public enum TUIDemo {
    /// Parses the demo's arguments, runs the workbench and returns the exit code (2 for bad arguments).
    public static func run(arguments: [String]) -> Int32 {
        var options = WorkbenchOptions()
        var steps = 5000, rate = 40.0, paused = false, benchFrames = 0
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
            case "--bench-render": benchFrames = value().flatMap(Int.init) ?? -1
            default:
                FileHandle.standardError.write(Data("equilab tui-demo: unknown option '\(arguments[i])'\n\(usage)\n".utf8))
                return 2
            }
            i += 1
        }
        if benchFrames != 0 {
            guard benchFrames > 0 else {
                FileHandle.standardError.write(Data("equilab tui-demo: --bench-render needs a frame count\n".utf8))
                return 2
            }
            print(benchmarkRender(frames: benchFrames, steps: steps))
            return 0
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

    /// Times `Screen.render` (the whole frame, every pane shown) on the synthetic run after `steps` steps, at
    /// 100×30 and 200×60: warm-up, then `frames` timed frames; returns one line per size with the median and the
    /// 10th/90th percentiles in milliseconds and the share of one core that redrawing at 15 Hz would take.
    public static func benchmarkRender(frames: Int, steps: Int) -> String {
        var run = DemoRun(totalSteps: steps + 1)
        run.status = .running
        for _ in 0..<steps { run.advance() }
        let snapshot = run.snapshot(version: 1)
        var state = WorkbenchState()
        state.shownPanes = Set(PaneKind.allCases)
        var lines: [String] = []
        for (w, h) in [(100, 30), (200, 60)] {
            var checksum = 0
            for _ in 0..<max(3, frames / 10) { checksum &+= Screen.render(snapshot, state: state, width: w, height: h).cells.count }
            var times: [Double] = []
            let clock = ContinuousClock()
            for _ in 0..<frames {
                let start = clock.now
                let grid = Screen.render(snapshot, state: state, width: w, height: h)
                let d = clock.now - start
                checksum &+= Int(grid[w / 2, h / 2].character.value)
                times.append(Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1e3)
            }
            times.sort()
            let median = times[times.count / 2], p10 = times[times.count / 10], p90 = times[times.count * 9 / 10]
            lines.append(String(format: "{\"size\": \"%dx%d\", \"points_per_series\": %d, \"frames\": %d, \"median_ms\": %.3f, "
                                + "\"p10_ms\": %.3f, \"p90_ms\": %.3f, \"core_share_at_15hz\": %.4f, \"checksum\": %d}",
                                w, h, steps, frames, median, p10, p90, median * 15 / 1000, checksum))
        }
        return lines.joined(separator: "\n")
    }

    /// The demo's usage line.
    public static let usage = "usage: equilab tui-demo [--steps N] [--rate STEPS_PER_SECOND] [--paused] [--run-dir DIR] "
        + "[--baseline RUN_DIR] [--ascii] [--no-color] [--bench-render FRAMES]"
}
