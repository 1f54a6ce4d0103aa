import Dispatch
import Foundation
import Synchronization

/// Runs one experiment on a serial background queue, applies commands between steps and publishes an
/// immutable `Snapshot` after every step.
///
/// ```
///  front end ──send(.set lr)──▶ inbox (Mutex) ──drained between steps──▶ ┌───────────────────────────┐
///                                      wake (semaphore) ─────────────────▶│ training queue (serial)   │
///  front end ◀──latestSnapshot── published (Mutex<Snapshot>) ◀──publish──│ step · record · evaluate  │
///                                                                          │ diagnostics · checkpoint  │
///                                                Recorder ◀────────────────└───────────────────────────┘
/// ```
/// - Commands are stamped with `step`, the number of completed steps when they took effect: a `set` stamped
///   `k` is first seen by step `k + 1`.
/// - Paused (or diverged) means blocked on a semaphore, never spinning; every `send` signals it.
/// - While running, the metric series inside snapshots are refreshed every 50 ms (and at every evaluation, command
///   and status change), so publishing stays O(1) per step; `step`, `status` and the rest are current every step.
/// - A NaN/Inf `loss` (or any metric whose name contains `grad`) sets `.diverged`, logs a `"diverged"` event
///   and pauses; no checkpoint is written from a diverged state, so the last good one stays on disk.
/// - `stop`, pause, the end of the run and every `checkpointInterval` steps write a checkpoint.
///
/// The experiment is touched only on the training queue; everything that crosses threads goes through the
/// two mutexes, which is why the class is `@unchecked Sendable`.
public final class SessionEngine: RunController, @unchecked Sendable {
    /// The experiment being run (used only on `queue`).
    let experiment: any Experiment
    let spec: SessionSpec
    let settings: EngineSettings
    let recorder: Recorder?
    let queue = DispatchQueue(label: "equilab.training", qos: .userInitiated)
    let inbox = Mutex<[EngineCommand]>([])
    let wake = DispatchSemaphore(value: 0)
    let published: Mutex<Snapshot>
    let stats = Mutex(EngineStatistics())
    let done = DispatchSemaphore(value: 0)
    let finishedFlag = Mutex(false)

    // MARK: Loop state (training queue only)
    var step = 0
    var status: RunStatus = .starting
    var series: [String: MetricSeries] = [:]
    var events: [RunEvent] = []
    var panels: [Panel] = []
    var stepBudget: Int?
    var totalSteps: Int
    var timeOffset: Double = 0
    var clockStart = ContinuousClock.now
    var rate: Double = 0
    var lastStepEnd: ContinuousClock.Instant?
    var version = 0
    var lastEvaluatedStep = -1
    var publishedSeries: [String: MetricSeries] = [:]
    var lastSeriesRefresh = -Double.infinity
    /// Seconds between refreshes of the metric series in published snapshots while running (a front end draws at
    /// ~15 Hz; every other field of a snapshot is current after every step).
    static let seriesRefreshInterval = 0.05
    var lastCheckpointStep = -1
    var local = EngineStatistics()
    var onFinish: (@Sendable (RunStatus) -> Void)?

    /// Creates an engine for a built experiment.
    ///
    /// - Parameters:
    ///   - experiment: built from `spec` (the engine takes it over: use it from no other thread).
    ///   - recorder: where metrics, events and checkpoints go (`nil`: in memory only).
    public init(experiment: any Experiment, spec: SessionSpec, settings: EngineSettings = EngineSettings(),
                recorder: Recorder? = nil) {
        self.experiment = experiment
        self.spec = spec
        self.settings = settings
        self.recorder = recorder
        self.totalSteps = settings.stepLimit ?? experiment.totalSteps
        published = Mutex(Snapshot(sessionName: spec.name, kind: spec.kind, runDirectory: recorder?.directory ?? "",
                                   totalSteps: settings.stepLimit ?? experiment.totalSteps,
                                   stepsPerEpoch: experiment.stepsPerEpoch,
                                   hyperparameters: experiment.hyperparameters, actions: experiment.actions))
    }

    // MARK: - RunController

    /// The most recently published snapshot; a copy under a lock held only for the copy.
    public var latestSnapshot: Snapshot { published.withLock { $0 } }

    /// Queues a command for the next step boundary and wakes a paused loop.
    public func send(_ command: EngineCommand) {
        inbox.withLock { $0.append(command) }
        wake.signal()
    }

    /// Timing of the engine's own work versus the experiment's steps (for `equilab bench-engine`).
    public var statistics: EngineStatistics { stats.withLock { $0 } }

    // MARK: - Lifecycle

    /// Restores the experiment and the run's step, clock, events, hyperparameters and metric series from a
    /// checkpoint. Call before `start`.
    public func restore(from checkpoint: LoadedCheckpoint) throws {
        let record = checkpoint.record
        try experiment.restoreState(checkpoint.state)
        for h in experiment.hyperparameters where h.isLive {
            if let text = record.hyperparameters[h.name], let v = Double(text), v != h.value {
                try experiment.setHyperparameter(h.name, to: v)
            }
        }
        step = record.step
        timeOffset = record.elapsed
        events = record.events
        totalSteps = record.totalSteps
        lastCheckpointStep = record.step
        lastEvaluatedStep = record.step
        series = MetricsLog.series(fromFile: Recorder.path(checkpoint.directory, Recorder.metricsFile),
                                   upTo: record.metricsBytes)
        queue.sync { self.publish() }
    }

    /// Starts the loop on the training queue. `onFinish` runs on that queue after the final checkpoint.
    public func start(onFinish: (@Sendable (RunStatus) -> Void)? = nil) {
        self.onFinish = onFinish
        queue.async { self.run() }
    }

    /// Blocks the caller until the loop has ended (finished, stopped or failed).
    public func waitUntilFinished() {
        if finishedFlag.withLock({ $0 }) { return }
        done.wait()
        done.signal()
    }

    /// Seconds since the run started (continuing a resumed run's clock).
    var now: Double { timeOffset + Self.seconds(ContinuousClock.now - clockStart) }

    /// A duration in seconds.
    public static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

/// Where an engine spends its time: inside the experiment's `step()` versus its own bookkeeping
/// (commands, metrics, divergence checks, snapshot publication, log writes).
///
/// Times are CPU seconds of the training thread (`CLOCK_THREAD_CPUTIME_ID`), so other processes on a busy machine
/// do not inflate them. The checkpoint writer's encoding and disk I/O run on a background queue and are not
/// included; waiting for it (before pause, stop and finish) is.
public struct EngineStatistics: Sendable, Equatable {
    /// Steps taken by this process.
    public var steps: Int = 0
    /// Seconds inside `experiment.step()`.
    public var stepSeconds: Double = 0
    /// Seconds of per-step engine work (excludes evaluation, diagnostics and checkpoints, counted below).
    public var overheadSeconds: Double = 0
    /// Seconds in evaluations, diagnostics and checkpoints (state capture, hand-off, waits for the writer).
    public var evaluationSeconds: Double = 0
    public var diagnosticsSeconds: Double = 0
    public var checkpointSeconds: Double = 0

    /// The calling thread's CPU time in seconds.
    public static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// Per-step overhead as a fraction of step time.
    public var overheadFraction: Double { stepSeconds > 0 ? overheadSeconds / stepSeconds : 0 }
}
