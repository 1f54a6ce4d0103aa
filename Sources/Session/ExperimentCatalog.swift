import Foundation

/// The registered experiment kinds and how a spec becomes a running experiment plus engine settings.
///
/// ```swift
/// let catalog = ExperimentCatalog(types: Registry.experimentTypes)
/// let spec = try catalog.loadSpec(path: "sessions/fashion-mlp.yaml", overrides: overrides)
/// let built = try catalog.build(spec)          // experiment, engine settings; unknown keys rejected
/// ```
public struct ExperimentCatalog {
    /// Every experiment type the executable knows.
    public var types: [any Experiment.Type]

    /// A catalog of the given experiment types.
    public init(types: [any Experiment.Type]) {
        self.types = types
    }

    /// The kinds, sorted.
    public var kinds: [String] { types.map { $0.kind }.sorted() }

    /// The type implementing a kind.
    public func type(forKind kind: String) -> (any Experiment.Type)? {
        types.first { $0.kind == kind }
    }

    /// Loads a spec file, applying tree overrides.
    public func loadSpec(path: String, overrides: [SpecOverride] = []) throws(SpecError) -> SessionSpec {
        try SpecLoader.load(path: path, overrides: overrides, knownKinds: types.map { $0.kind })
    }

    /// Builds the experiment and reads the engine's `run` section, then rejects keys nobody read.
    ///
    /// - Throws: `SpecError` from the spec (bad value, unknown key); other errors from the experiment's
    ///   initializer (for example a missing data set) are passed through.
    public func build(_ spec: SessionSpec) throws -> (experiment: any Experiment, settings: EngineSettings) {
        guard let type = type(forKind: spec.kind) else {
            throw SpecError(file: spec.file, line: spec.root["kind"]?.line ?? 0, field: "kind",
                            message: "unknown kind '\(spec.kind)'; known kinds: \(kinds.joined(separator: ", "))")
        }
        let experiment = try type.init(spec: spec)
        let settings = try EngineSettings(spec: spec)
        try spec.checkUnknownKeys()
        return (experiment, settings)
    }
}
