import Dispatch
import Foundation
import NN
import Synchronization

/// Writes a run directory: the resolved spec, metrics and events as JSON lines, and checkpoints.
///
/// ```
/// runs/fashion-mlp-20261129-071502/
///   spec.yaml                 resolved spec (overrides applied)
///   metrics.jsonl             {"step":10,"time":0.52,"accuracy":0.61,"loss":1.02}  one line per step or eval
///   events.jsonl              every command that took effect, with its step (set: old and new value)
///   checkpoint.safetensors    tensors (F32/F64), metadata step
///   checkpoint.json           step, hyperparameters, experiment values (RNG, cursor), events, log offsets
/// ```
/// Lines are buffered and written at least every second, at each evaluation and before each checkpoint.
/// Checkpoints write both halves to temporary files, sync them, then rename tensors first and JSON last.
/// Used only from the engine's queue.
public final class Recorder {
    /// File names inside a run directory.
    public static let specFile = "spec.yaml"
    public static let metricsFile = "metrics.jsonl"
    public static let eventsFile = "events.jsonl"
    public static let checkpointTensors = "checkpoint.safetensors"
    public static let checkpointJSON = "checkpoint.json"

    /// The run directory.
    public let directory: String
    var metrics: LogFile
    var events: LogFile
    var checkpointCount = 0
    var keyCache: [String: String] = [:]
    /// The run directory's lock (kept open; see `lockDirectory`).
    var lock: Int32
    let hook = CheckpointTestHook.fromEnvironment()
    let writer = DispatchQueue(label: "equilab.checkpoint-writer", qos: .utility)
    let writeFailure = FailureBox()

    /// Creates a new run directory (it must not hold a checkpoint already) and writes the resolved spec.
    public init(newRunAt directory: String, spec: SessionSpec) throws(CheckpointError) {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .io(file: directory, detail: "cannot create the run directory: \(error.localizedDescription)")
        }
        if FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(Recorder.checkpointJSON)) {
            throw .io(file: directory, detail: "already holds a run; continue it with `equilab resume \(directory)` or choose another --out")
        }
        lock = try Recorder.lockDirectory(directory)
        try AtomicFile.write(Array(spec.resolvedRoot.yamlText().utf8), to: Recorder.path(directory, Recorder.specFile))
        metrics = try LogFile(Recorder.path(directory, Recorder.metricsFile), truncateTo: 0)
        events = try LogFile(Recorder.path(directory, Recorder.eventsFile), truncateTo: 0)
    }

    /// Reopens a run directory for a resume, cutting the logs back to the checkpoint.
    public init(resuming checkpoint: LoadedCheckpoint) throws(CheckpointError) {
        directory = checkpoint.directory
        lock = try Recorder.lockDirectory(directory)
        metrics = try LogFile(Recorder.path(directory, Recorder.metricsFile), truncateTo: checkpoint.record.metricsBytes)
        events = try LogFile(Recorder.path(directory, Recorder.eventsFile), truncateTo: checkpoint.record.eventsBytes)
    }

    /// Takes an exclusive `flock` on `<run>/.lock` for the life of the process (released by the kernel on any
    /// exit, SIGKILL included), so two processes never write one run.
    static func lockDirectory(_ directory: String) throws(CheckpointError) -> Int32 {
        let path = Recorder.path(directory, ".lock")
        let fd = open(path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw .io(file: path, detail: "cannot create the lock file") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            Foundation.close(fd)
            throw .io(file: directory, detail: "another equilab process is writing this run; wait for it or stop it first")
        }
        return fd
    }

    static func path(_ dir: String, _ file: String) -> String { (dir as NSString).appendingPathComponent(file) }

    /// The default run directory `runs/<session>-<yyyyMMdd-HHmmss>` (a suffix keeps it unique).
    public static func defaultDirectory(session: String, root: String = "runs") -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyyMMdd-HHmmss"
        f.timeZone = TimeZone(identifier: "UTC")
        let base = (root as NSString).appendingPathComponent("\(session)-\(f.string(from: Date()))")
        var candidate = base
        var i = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = "\(base)-\(i)"
            i += 1
        }
        return candidate
    }

    // MARK: - Logs

    /// Appends one metrics line: step, time, then the metrics in name order (non-finite values as null).
    public func appendMetrics(step: Int, time: Double, values: [String: Double]) {
        metrics.append("{\"step\":")
        metrics.append(String(step))
        metrics.append(",\"time\":")
        metrics.append(Recorder.formatTime(time))
        for key in values.keys.sorted() {
            metrics.append(jsonKey(key))
            metrics.append(Recorder.jsonNumber(values[key] ?? .nan))
        }
        metrics.append("}\n")
    }

    /// `,"name":` for a metric name, escaped once and cached.
    func jsonKey(_ key: String) -> String {
        if let cached = keyCache[key] { return cached }
        let encoded = "," + Safetensors.jsonString(key) + ":"
        keyCache[key] = encoded
        return encoded
    }

    /// Appends one event line.
    public func appendEvent(_ event: RunEvent) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(event), let text = String(data: data, encoding: .utf8) else { return }
        events.append(text + "\n")
    }

    /// Writes buffered lines to the files.
    public func flush() {
        metrics.flush()
        events.flush()
    }

    /// Writes buffered lines if they are large or old.
    func flushIfDue(now: Double) {
        if metrics.isDue(now) { metrics.flush() }
        if events.isDue(now) { events.flush() }
    }

    /// Seconds with four decimals (`12.3456`), without Foundation's slow `String(format:)`.
    static func formatTime(_ t: Double) -> String {
        guard t.isFinite, t >= 0, t < 1e12 else { return t.isFinite ? "\(t)" : "null" }
        let tenThousandths = Int((t * 10_000).rounded())
        let fraction = String(tenThousandths % 10_000)
        return "\(tenThousandths / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }

    static func jsonNumber(_ v: Double) -> String { v.isFinite ? "\(v)" : "null" }

    // MARK: - Checkpoints

    /// Writes a checkpoint: both halves to temporary files (synced), then the tensors renamed, then the JSON.
    ///
    /// The logs are flushed here and their lengths go into the record; encoding, writing and syncing happen on a
    /// background writer queue, in order, so training does not wait for the disk. `waitForWrites()` blocks until
    /// they are done; a failure is reported by the next call (or by `waitForWrites()`).
    public func writeCheckpoint(state: ExperimentState, record: CheckpointRecord) throws(CheckpointError) {
        if let failure = writeFailure.value.withLock({ f -> CheckpointError? in defer { f = nil }; return f }) { throw failure }
        var record = record
        metrics.flush()
        events.flush()
        record.metricsBytes = metrics.length
        record.eventsBytes = events.length
        record.values = state.values
        checkpointCount += 1
        let job = CheckpointJob(directory: directory, state: state, record: record, count: checkpointCount,
                                logDescriptors: [metrics.fd, events.fd], hook: hook)
        let failure = writeFailure
        writer.async {
            do throws(CheckpointError) { try job.run() } catch { failure.value.withLock { $0 = error } }
        }
    }

    /// Blocks until every queued checkpoint is on disk; throws the first failure, if any.
    public func waitForWrites() throws(CheckpointError) {
        writer.sync {}
        if let failure = writeFailure.value.withLock({ f -> CheckpointError? in defer { f = nil }; return f }) { throw failure }
    }

    /// Waits for pending checkpoints, then flushes and closes the logs.
    public func close() {
        writer.sync {}
        metrics.flush(sync: true)
        events.flush(sync: true)
        metrics.close()
        events.close()
        if lock >= 0 { Foundation.close(lock) }
        lock = -1
    }

    deinit {
        if lock >= 0 { Foundation.close(lock) }
    }
}

/// The first failure of a background checkpoint write, until someone reads it.
final class FailureBox: Sendable {
    let value = Mutex<CheckpointError?>(nil)
}

/// One checkpoint write, run on the recorder's writer queue.
struct CheckpointJob: Sendable {
    let directory: String
    let state: ExperimentState
    let record: CheckpointRecord
    let count: Int
    let logDescriptors: [Int32]
    let hook: CheckpointTestHook?

    func run() throws(CheckpointError) {
        let tensors = Safetensors.encode(floats: state.floatTensors, doubles: state.doubleTensors,
                                         metadata: ["step": "\(record.step)", "session": record.session,
                                                    "format": "equilab-checkpoint-1"])
        let tensorPath = Recorder.path(directory, Recorder.checkpointTensors)
        let jsonPath = Recorder.path(directory, Recorder.checkpointJSON)
        try AtomicFile.writeSynced(tensors, to: tensorPath + ".tmp", midWrite: { hook?.reach(.midWrite, count, directory) })
        try AtomicFile.writeSynced(try record.encoded(), to: jsonPath + ".tmp")
        for fd in logDescriptors { fsync(fd) }
        try AtomicFile.rename(tensorPath + ".tmp", to: tensorPath)
        hook?.reach(.betweenRenames, count, directory)
        try AtomicFile.rename(jsonPath + ".tmp", to: jsonPath)
    }
}

/// A test hook: `EQUILAB_TEST_CHECKPOINT_HOOK=mid-write:2` (or `between-renames:2`) makes the 2nd checkpoint
/// write stop at that point, create `<run>/checkpoint-hook-reached` and sleep, so a test can SIGKILL it there.
struct CheckpointTestHook: Sendable {
    enum Point: String { case midWrite = "mid-write", betweenRenames = "between-renames" }
    var point: Point
    var count: Int

    static func fromEnvironment() -> CheckpointTestHook? {
        guard let raw = ProcessInfo.processInfo.environment["EQUILAB_TEST_CHECKPOINT_HOOK"] else { return nil }
        let parts = raw.split(separator: ":")
        guard parts.count == 2, let p = Point(rawValue: String(parts[0])), let n = Int(parts[1]) else { return nil }
        return CheckpointTestHook(point: p, count: n)
    }

    func reach(_ p: Point, _ n: Int, _ directory: String) {
        guard p == point, n == count else { return }
        _ = FileManager.default.createFile(atPath: Recorder.path(directory, "checkpoint-hook-reached"), contents: Data())
        sleep(120)
    }
}
