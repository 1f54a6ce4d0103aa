import Foundation
import NN

/// The JSON half of a checkpoint (`checkpoint.json`): everything except the tensors.
///
/// The tensors go to `checkpoint.safetensors` (Float as F32, Double as F64) whose `__metadata__` repeats the
/// step, so a reader can tell that both halves belong together.
public struct CheckpointRecord: Codable, Sendable, Equatable {
    /// The format version of this record.
    public var format: Int = 1
    /// The session name, kind and seed of the run.
    public var session: String
    public var kind: String
    public var seed: UInt64
    /// Steps completed when the checkpoint was taken.
    public var step: Int
    /// Seconds of run time before the checkpoint (the resumed clock continues from here).
    public var elapsed: Double
    /// The planned number of steps.
    public var totalSteps: Int
    /// The engine settings of the run.
    public var settings: EngineSettings
    /// Hyperparameter values by name, as exact decimal text.
    public var hyperparameters: [String: String]
    /// The experiment's non-tensor state (RNG words, data cursor, counters).
    public var values: [String: String]
    /// The event log up to the checkpoint.
    public var events: [RunEvent]
    /// Lengths of metrics.jsonl and events.jsonl at the checkpoint (a resume truncates to them).
    public var metricsBytes: Int
    /// See `metricsBytes`.
    public var eventsBytes: Int

    /// A record with every field given.
    public init(session: String, kind: String, seed: UInt64, step: Int, elapsed: Double, totalSteps: Int,
                settings: EngineSettings, hyperparameters: [String: String], values: [String: String],
                events: [RunEvent], metricsBytes: Int, eventsBytes: Int) {
        self.session = session
        self.kind = kind
        self.seed = seed
        self.step = step
        self.elapsed = elapsed
        self.totalSteps = totalSteps
        self.settings = settings
        self.hyperparameters = hyperparameters
        self.values = values
        self.events = events
        self.metricsBytes = metricsBytes
        self.eventsBytes = eventsBytes
    }

    func encoded() throws(CheckpointError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do { return [UInt8](try encoder.encode(self)) } catch {
            throw .io(file: "checkpoint.json", detail: "cannot encode the checkpoint: \(error)")
        }
    }

    static func decode(_ path: String) throws(CheckpointError) -> CheckpointRecord {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(file: path) }
        guard let data = FileManager.default.contents(atPath: path) else { throw .io(file: path, detail: "cannot read") }
        do { return try JSONDecoder().decode(CheckpointRecord.self, from: data) } catch {
            throw .corrupt(file: path, detail: "not a checkpoint record: \(error)")
        }
    }
}

/// A checkpoint read back from a run directory.
public struct LoadedCheckpoint: Sendable {
    /// The JSON half.
    public var record: CheckpointRecord
    /// The experiment state (tensors from the safetensors file, values from the JSON).
    public var state: ExperimentState
    /// The run directory it was read from.
    public var directory: String
}

extension LoadedCheckpoint {
    /// Reads `checkpoint.json` and `checkpoint.safetensors` from a run directory and checks they match.
    ///
    /// If a crash fell between the two renames of a checkpoint write (new tensors, old JSON), the complete
    /// `checkpoint.json.tmp` written before the renames is used.
    ///
    /// - Throws: `CheckpointError` naming the file.
    public init(directory: String) throws(CheckpointError) {
        let jsonPath = (directory as NSString).appendingPathComponent(Recorder.checkpointJSON)
        let tensorPath = (directory as NSString).appendingPathComponent(Recorder.checkpointTensors)
        var record = try CheckpointRecord.decode(jsonPath)
        let archive = try Safetensors.read(tensorPath)
        let tensorStep = archive.metadata["step"].flatMap(Int.init)
        if tensorStep != record.step {
            if let pending = try? CheckpointRecord.decode(jsonPath + ".tmp"), pending.step == tensorStep {
                record = pending
            } else {
                throw .inconsistent(file: tensorPath, detail: "tensors are from step \(tensorStep.map(String.init) ?? "?"), \(jsonPath) from step \(record.step)")
            }
        }
        let state = ExperimentState(floatTensors: archive.floatTensors, doubleTensors: archive.doubleTensors,
                                    values: record.values)
        self.init(record: record, state: state, directory: directory)
    }
}
