/// How the engine drives a run: checkpoint and diagnostics intervals, the run length, whether to start paused.
///
/// The spec's optional `run` section sets the intervals:
///
/// ```yaml
/// run:
///   checkpoint_every: 500     # steps between checkpoints (0: only on pause, stop and finish)
///   diagnostics_every: 25     # steps between diagnostics() calls
/// ```
public struct EngineSettings: Sendable, Equatable, Codable {
    /// Steps between periodic checkpoints (0: only on pause, stop, signals and finish).
    public var checkpointInterval: Int
    /// Steps between `diagnostics()` calls (the panels in snapshots are refreshed this often).
    public var diagnosticsInterval: Int
    /// Replaces the experiment's planned number of steps (`--steps N`).
    public var stepLimit: Int?
    /// Start in the paused state (a front end then sends `.resume` or `.step(n)`).
    public var startsPaused: Bool
    /// Write a checkpoint when the run pauses.
    public var checkpointsOnPause: Bool

    /// Settings with the defaults a spec without a `run` section gets.
    public init(checkpointInterval: Int = 500, diagnosticsInterval: Int = 25, stepLimit: Int? = nil,
                startsPaused: Bool = false, checkpointsOnPause: Bool = true) {
        self.checkpointInterval = checkpointInterval
        self.diagnosticsInterval = diagnosticsInterval
        self.stepLimit = stepLimit
        self.startsPaused = startsPaused
        self.checkpointsOnPause = checkpointsOnPause
    }

    /// Reads the `run` section (absent keys keep the defaults).
    public init(spec: SessionSpec) throws(SpecError) {
        self.init()
        let run = spec.section("run")
        checkpointInterval = try run.int("checkpoint_every", default: checkpointInterval, in: 0...Int.max)
        diagnosticsInterval = try run.int("diagnostics_every", default: diagnosticsInterval, in: 1...Int.max)
    }
}
