/// Where a run stands.
public enum RunStatus: Sendable, Equatable {
    /// Building the experiment, loading data.
    case starting
    case running
    /// Paused by the user (or after `step N` finished).
    case paused
    /// A NaN/Inf loss or gradient stopped the run at `step`; the last good checkpoint is kept.
    case diverged(step: Int, reason: String)
    /// Reached its planned number of steps.
    case finished
    /// Stopped by the user.
    case stopped
    /// An error ended the run.
    case failed(String)

    /// A short word for status lines.
    public var label: String {
        switch self {
        case .starting: "starting"
        case .running: "running"
        case .paused: "paused"
        case .diverged: "diverged"
        case .finished: "finished"
        case .stopped: "stopped"
        case .failed: "failed"
        }
    }

    /// Whether the run can still take steps.
    public var isActive: Bool {
        switch self {
        case .starting, .running, .paused, .diverged: true
        default: false
        }
    }
}

/// One scalar metric over the run: parallel arrays of step, value and wall time (seconds since start).
public struct MetricSeries: Sendable, Equatable {
    public var name: String
    public var steps: [Int]
    public var values: [Double]
    public var times: [Double]

    public init(name: String, steps: [Int] = [], values: [Double] = [], times: [Double] = []) {
        self.name = name
        self.steps = steps
        self.values = values
        self.times = times
    }

    /// Appends one point.
    public mutating func append(step: Int, value: Double, time: Double) {
        steps.append(step)
        values.append(value)
        times.append(time)
    }

    /// The last value, if any.
    public var last: Double? { values.last }
}

/// Something that happened in a run, stamped with the step at which it took effect.
public struct RunEvent: Sendable, Equatable, Codable {
    /// `"set"`, `"pause"`, `"resume"`, `"step"`, `"evaluate"`, `"checkpoint"`, `"action"`, `"diverged"`,
    /// `"stop"`, `"finish"`, `"resume-run"`, `"error"`.
    public var kind: String
    /// The step at which it took effect.
    public var step: Int
    /// Seconds since the run started.
    public var time: Double
    /// For `"set"`: the hyperparameter, old and new values.
    public var name: String?
    public var oldValue: Double?
    public var newValue: Double?
    /// Human-readable text for the event log.
    public var message: String

    public init(kind: String, step: Int, time: Double, name: String? = nil, oldValue: Double? = nil,
                newValue: Double? = nil, message: String) {
        self.kind = kind
        self.step = step
        self.time = time
        self.name = name
        self.oldValue = oldValue
        self.newValue = newValue
        self.message = message
    }
}

/// An immutable picture of a run, published by the engine after every step; readers never block training.
public struct Snapshot: Sendable {
    /// The session name and experiment kind.
    public var sessionName: String
    public var kind: String
    /// The run directory (where metrics, events and checkpoints go).
    public var runDirectory: String
    /// Steps taken so far and planned.
    public var step: Int
    public var totalSteps: Int
    public var stepsPerEpoch: Int
    public var status: RunStatus
    /// Recent training throughput (steps per second) and seconds since the run (or resume) started.
    public var stepsPerSecond: Double
    public var elapsed: Double
    /// Every metric series by name (`"loss"`, `"eval/accuracy"`, ...).
    public var series: [String: MetricSeries]
    /// Hyperparameters with current values.
    public var hyperparameters: [HyperparameterSpec]
    /// Actions the experiment offers.
    public var actions: [ActionSpec]
    /// The latest diagnostics panels.
    public var panels: [Panel]
    /// The image panels among `panels`, in order.
    public var imagePanels: [ImagePanel] { panels.compactMap { if case .images(let p) = $0 { p } else { nil } } }
    /// The event log (oldest first).
    public var events: [RunEvent]
    /// Increases with every publication, so readers can skip redraws.
    public var version: Int

    public init(sessionName: String, kind: String, runDirectory: String, step: Int = 0, totalSteps: Int = 0,
                stepsPerEpoch: Int = 1, status: RunStatus = .starting, stepsPerSecond: Double = 0,
                elapsed: Double = 0, series: [String: MetricSeries] = [:],
                hyperparameters: [HyperparameterSpec] = [], actions: [ActionSpec] = [], panels: [Panel] = [],
                events: [RunEvent] = [], version: Int = 0) {
        self.sessionName = sessionName
        self.kind = kind
        self.runDirectory = runDirectory
        self.step = step
        self.totalSteps = totalSteps
        self.stepsPerEpoch = stepsPerEpoch
        self.status = status
        self.stepsPerSecond = stepsPerSecond
        self.elapsed = elapsed
        self.series = series
        self.hyperparameters = hyperparameters
        self.actions = actions
        self.panels = panels
        self.events = events
        self.version = version
    }

    /// Seconds to finish at the current rate, if known.
    public var etaSeconds: Double? {
        guard stepsPerSecond > 0, totalSteps > step else { return nil }
        return Double(totalSteps - step) / stepsPerSecond
    }
}

/// A command from a front end, applied by the engine between steps.
public enum EngineCommand: Sendable, Equatable {
    case pause
    case resume
    /// Run exactly this many steps, then pause.
    case step(Int)
    /// Change a live hyperparameter (range-checked; logged with old and new value).
    case set(name: String, value: Double)
    /// Run an experiment action.
    case perform(action: String)
    case evaluateNow
    case checkpointNow
    /// Checkpoint and stop.
    case stop
}

/// What a front end talks to: the latest snapshot and a command inbox. The engine implements it; tests and
/// a future remote attach can provide their own.
public protocol RunController: AnyObject, Sendable {
    /// The most recently published snapshot (never blocks training).
    var latestSnapshot: Snapshot { get }
    /// Queues a command; it takes effect at the next step boundary.
    func send(_ command: EngineCommand)
}
