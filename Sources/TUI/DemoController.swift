import Dispatch
import Foundation
import Session
import Synchronization

/// A `RunController` that drives a synthetic `DemoRun` on a background queue, for trying the workbench and for
/// its tmux tests before (or without) a real session. Every number it shows is made up and labelled "demo".
public final class DemoController: RunController {
    private struct Inner {
        var run: DemoRun
        var inbox: [EngineCommand] = []
        var stepsToTake = 0
        var snapshot: Snapshot
        var version = 0
        var lastCheckpointStep = -1
    }

    private let inner: Mutex<Inner>
    private let queue = DispatchQueue(label: "equilab.demo.training")
    private let wake = DispatchSemaphore(value: 0)
    private let stepInterval: Double
    /// Where `checkpoint` writes `demo-checkpoint.json` (nil: nowhere).
    public let runDirectory: String?

    /// A demo run of `totalSteps` steps at about `stepsPerSecond`, running from the start unless `startPaused`.
    public init(totalSteps: Int = 5000, stepsPerSecond: Double = 40, startPaused: Bool = false,
                runDirectory: String? = nil) {
        var run = DemoRun(totalSteps: totalSteps)
        run.status = startPaused ? .paused : .running
        stepInterval = 1 / max(stepsPerSecond, 1)
        self.runDirectory = runDirectory
        inner = Mutex(Inner(run: run, snapshot: run.snapshot(runDirectory: runDirectory ?? "runs/demo")))
        queue.async { [self] in loop() }
    }

    public var latestSnapshot: Snapshot { inner.withLock { $0.snapshot } }

    public func send(_ command: EngineCommand) {
        inner.withLock { $0.inbox.append(command) }
        wake.signal()
    }

    /// The training loop: apply queued commands between steps; when paused, block on the semaphore (no spinning).
    private func loop() {
        let start = ProcessInfo.processInfo.systemUptime
        while true {
            let (active, running) = inner.withLock { s -> (Bool, Bool) in
                for command in s.inbox {
                    if case .step(let n) = command { s.stepsToTake += n }
                    if command == .checkpointNow || command == .stop { writeCheckpoint(step: s.run.step) }
                    s.run.apply(command)
                }
                s.inbox.removeAll()
                let running = s.run.status == .running || s.stepsToTake > 0
                if running {
                    s.run.advance()
                    if s.stepsToTake > 0 {
                        s.stepsToTake -= 1
                        if s.stepsToTake == 0 && s.run.status == .running { s.run.status = .paused }
                    }
                }
                s.version += 1
                let elapsed = ProcessInfo.processInfo.systemUptime - start
                s.snapshot = s.run.snapshot(version: s.version, stepsPerSecond: running ? 1 / stepInterval : 0,
                                            runDirectory: runDirectory ?? "runs/demo")
                s.snapshot.elapsed = elapsed
                return (s.run.status.isActive, running)
            }
            if !active { return }
            if running {
                Thread.sleep(forTimeInterval: stepInterval)
            } else {
                _ = wake.wait(timeout: .now() + 1)
            }
        }
    }

    private func writeCheckpoint(step: Int) {
        guard let dir = runDirectory else { return }
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = (dir as NSString).appendingPathComponent("demo-checkpoint.json")
        let text = "{\"step\": \(step), \"note\": \"equilab TUI demo: synthetic, no model state\"}\n"
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
