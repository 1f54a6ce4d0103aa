import Foundation
import Tensors

/// The saved state of an experiment: named tensors (parameters, optimizer moments, buffers) and small values.
///
/// The engine writes `floatTensors` and `doubleTensors` to a safetensors file and `values` to JSON beside it.
/// A restored experiment must continue exactly as the uninterrupted one would (same RNG state, data cursor,
/// step counters), so everything that influences future steps belongs here.
public struct ExperimentState: Sendable, Equatable {
    public var floatTensors: [String: Tensor<Float>]
    public var doubleTensors: [String: Tensor<Double>]
    /// Non-tensor state: RNG words, cursors, counters, flags, as strings (exact round trip).
    public var values: [String: String]

    public init(floatTensors: [String: Tensor<Float>] = [:], doubleTensors: [String: Tensor<Double>] = [:],
                values: [String: String] = [:]) {
        self.floatTensors = floatTensors
        self.doubleTensors = doubleTensors
        self.values = values
    }

    /// Stores a generator's state exactly.
    public mutating func setRNG(_ rng: RandomSource, forKey key: String) {
        values[key] = rng.state.map { String($0) }.joined(separator: ",")
    }

    /// Reads a generator written by `setRNG`.
    public func rng(forKey key: String) throws(ExperimentError) -> RandomSource {
        guard let text = values[key] else { throw .incompatibleState("missing RNG state '\(key)'") }
        let words = text.split(separator: ",").compactMap { UInt64($0) }
        guard words.count == 4 else { throw .incompatibleState("malformed RNG state '\(key)'") }
        var r = RandomSource(seed: 0)
        r.state = words
        return r
    }

    /// A required Float tensor with an expected shape.
    public func tensor(_ key: String, shape: [Int]? = nil) throws(ExperimentError) -> Tensor<Float> {
        guard let t = floatTensors[key] else { throw .incompatibleState("missing tensor '\(key)'") }
        if let shape, t.shape != shape {
            throw .incompatibleState("tensor '\(key)' has shape \(t.shape), expected \(shape)")
        }
        return t
    }

    /// A required integer value.
    public func int(_ key: String) throws(ExperimentError) -> Int {
        guard let t = values[key], let v = Int(t) else { throw .incompatibleState("missing integer '\(key)'") }
        return v
    }

    /// A required real value (written with `String(describing:)`, which round-trips exactly).
    public func double(_ key: String) throws(ExperimentError) -> Double {
        guard let t = values[key], let v = Double(t) else { throw .incompatibleState("missing number '\(key)'") }
        return v
    }
}

/// A button-like operation a front end can offer (`"adjust now"`, `"next image"`).
public struct ActionSpec: Sendable, Equatable, Codable {
    /// The key used by the `:` command line and the events log.
    public var name: String
    /// One line saying what it does.
    public var summary: String

    public init(name: String, summary: String) {
        self.name = name
        self.summary = summary
    }
}

/// One method's experiment, driven step by step by the `SessionEngine` on its training queue.
///
/// Contract:
/// - built from a validated spec and a seed; deterministic given both (one BLAS thread);
/// - declares hyperparameters (`hyperparameters`) and changes live ones between steps (`setHyperparameter`);
/// - `step()` runs one optimisation step and returns scalar metrics (`"loss"` is required; NaN/Inf loss is
///   detected by the engine, which pauses the run);
/// - `evaluate()` returns held-out metrics (names are prefixed `"eval/"` by the engine if they are not already);
/// - `diagnostics()` returns typed panels for the front ends (called every few steps, not every step);
/// - `saveState()` / `restoreState(_:)` capture everything that influences later steps, so a resumed run
///   continues bit-identically.
///
/// Experiments are used from one thread at a time (the engine's serial queue) and need not be thread-safe.
public protocol Experiment: AnyObject {
    /// The spec `kind` this experiment implements (`"soft-equivariance"`).
    static var kind: String { get }
    /// A one-line description for `equilab list`.
    static var summary: String { get }
    /// Builds the experiment from a spec (unknown keys are detected by the engine from what was read).
    init(spec: SessionSpec) throws

    /// The declared hyperparameters with their current values.
    var hyperparameters: [HyperparameterSpec] { get }
    /// Changes one live hyperparameter; takes effect at the next step.
    func setHyperparameter(_ name: String, to value: Double) throws(ExperimentError)
    /// Operations the user can trigger (default: none).
    var actions: [ActionSpec] { get }
    /// Runs an action between steps.
    func perform(_ action: String) throws(ExperimentError)

    /// The planned number of steps (from the spec); the run stops there.
    var totalSteps: Int { get }
    /// Steps per epoch (1 when epochs do not apply); used for the epoch x-axis.
    var stepsPerEpoch: Int { get }
    /// Evaluate every this many steps (0: only on demand and at the end).
    var evaluationInterval: Int { get }

    /// One optimisation step; returns metrics such as `["loss": 0.31, "loss/task": 0.2]`.
    func step() throws -> [String: Double]
    /// Held-out metrics.
    func evaluate() throws -> [String: Double]
    /// Method diagnostics for the front ends.
    func diagnostics() -> [Panel]

    /// Everything needed to continue exactly.
    func saveState() throws -> ExperimentState
    /// Restores a state written by `saveState()`.
    func restoreState(_ state: ExperimentState) throws
}

extension Experiment {
    public var actions: [ActionSpec] { [] }
    public func perform(_ action: String) throws(ExperimentError) {
        throw .unknownAction(name: action, known: actions.map(\.name))
    }
    public var stepsPerEpoch: Int { 1 }
    public var evaluationInterval: Int { 0 }
    public func diagnostics() -> [Panel] { [] }

    /// Looks up a declared hyperparameter and checks a new value against it (helper for conformers).
    public func checkedHyperparameter(_ name: String, _ value: Double) throws(ExperimentError) -> HyperparameterSpec {
        guard let spec = hyperparameters.first(where: { $0.name == name }) else {
            throw .unknownHyperparameter(name: name, known: hyperparameters.map(\.name))
        }
        guard spec.isLive else { throw .notLive(name: name) }
        try spec.validate(value)
        return spec
    }
}

/// A parsed session spec: the header fields and typed access to its sections.
///
/// ```yaml
/// name: inertia
/// kind: soft-equivariance
/// seed: 0
/// summary: modified inertia, PER with automatic strengths
/// data:     { ... }
/// model:    { ... }
/// training: { steps: 3000, lr: 3e-3 }
/// method:   { ... }
/// ```
public struct SessionSpec: Sendable {
    /// The file it was read from.
    public var file: String
    /// The session name (defaults to the file's base name).
    public var name: String
    /// The experiment kind.
    public var kind: String
    /// The seed for every random choice of the run.
    public var seed: UInt64
    /// One line for `equilab list`.
    public var summary: String
    /// The whole document.
    public var root: SpecNode
    /// Which keys were read.
    public let usage: SpecUsage

    public init(file: String, name: String, kind: String, seed: UInt64, summary: String, root: SpecNode,
                usage: SpecUsage = SpecUsage()) {
        self.file = file
        self.name = name
        self.kind = kind
        self.seed = seed
        self.summary = summary
        self.root = root
        self.usage = usage
    }

    /// A top-level section (`data`, `model`, `training`, `method`).
    public func section(_ name: String) -> SpecSection {
        usage.markRead(name)
        return SpecSection(file: file, path: name, node: root[name], usage: usage)
    }
}
