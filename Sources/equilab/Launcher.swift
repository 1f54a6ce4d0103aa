import Foundation
import NN
import Session
import Tensors

/// Builds an engine from a session (new run) or a run directory (resume), exiting with the documented codes
/// on bad input.
enum Launcher {
    static var catalog: ExperimentCatalog { ExperimentCatalog(types: Registry.experimentTypes) }

    /// Loads, validates and builds a session, creates its run directory and starts the engine.
    static func startNew(session: String, options: LaunchOptions) -> (engine: SessionEngine, directory: String) {
        BLAS.configureFromEnvironment()
        let catalog = self.catalog
        do {
            let overrides = try options.overrides.map { (text) throws(SpecError) in try SpecOverride(text) }
            let path = try SessionFinder.resolve(session)
            let spec = try catalog.loadSpec(path: path, overrides: overrides.filter(\.editsTree))
            let (experiment, baseSettings) = try build(spec, catalog: catalog)
            let live = try liveValues(overrides.filter { !$0.editsTree }, experiment: experiment)
            var settings = baseSettings
            settings.stepLimit = options.steps
            let directory = options.out ?? Recorder.defaultDirectory(session: spec.name)
            let recorder = try Recorder(newRunAt: directory, spec: spec)
            let engine = SessionEngine(experiment: experiment, spec: spec, settings: settings, recorder: recorder)
            for (name, value) in live { engine.send(.set(name: name, value: value)) }
            engine.start()
            return (engine, directory)
        } catch let error as SpecError {
            ExitStatus.badSpec.exit(error.description)
        } catch {
            ExitStatus.failure.exit("\(error)")
        }
    }

    /// Reopens a run directory at its last checkpoint and starts the engine.
    static func resume(directory: String) -> (engine: SessionEngine, restoredEvents: Int) {
        BLAS.configureFromEnvironment()
        do {
            let checkpoint = try LoadedCheckpoint(directory: directory)
            if checkpoint.record.step >= checkpoint.record.totalSteps, checkpoint.record.events.last?.kind == "finish" {
                print("\(directory) already finished \(checkpoint.record.step) steps; nothing to resume")
                ExitStatus.success.exit()
            }
            let spec = try catalog.loadSpec(path: (directory as NSString).appendingPathComponent(Recorder.specFile))
            let (experiment, _) = try build(spec, catalog: catalog)
            let recorder = try Recorder(resuming: checkpoint)
            let engine = SessionEngine(experiment: experiment, spec: spec, settings: checkpoint.record.settings,
                                       recorder: recorder)
            try engine.restore(from: checkpoint)
            engine.start()
            return (engine, checkpoint.record.events.count)
        } catch let error as SpecError {
            ExitStatus.badSpec.exit(error.description)
        } catch {
            ExitStatus.failure.exit("\(error)")
        }
    }

    static func build(_ spec: SessionSpec, catalog: ExperimentCatalog) throws -> (any Experiment, EngineSettings) {
        do {
            return try catalog.build(spec)
        } catch let error as ExperimentError {
            if case .data(let message) = error { ExitStatus.failure.exit(message) }
            throw error
        }
    }

    /// Bare `--set name=value` overrides: live hyperparameters, parsed and range-checked.
    static func liveValues(_ overrides: [SpecOverride], experiment: any Experiment) throws(SpecError) -> [(String, Double)] {
        var out: [(String, Double)] = []
        let known = experiment.hyperparameters
        for o in overrides {
            guard let h = known.first(where: { $0.name == o.key }) else {
                let hint = nearest(o.key, in: known.map(\.name)).map { "did you mean '\($0)'? " } ?? ""
                throw SpecError(file: "(command line)", line: 0, field: "--set \(o.key)",
                                message: "not a hyperparameter; \(hint)hyperparameters: \(known.map(\.name).joined(separator: ", ")); for a spec value use a dotted path such as training.\(o.key)=\(o.value)")
            }
            guard h.isLive else {
                throw SpecError(file: "(command line)", line: 0, field: "--set \(o.key)",
                                message: "\(o.key) cannot change live; set it in the spec with a dotted path (e.g. training.\(o.key)=\(o.value))")
            }
            do { out.append((h.name, try h.parse(o.value))) } catch {
                throw SpecError(file: "(command line)", line: 0, field: "--set \(o.key)", message: error.description)
            }
        }
        return out
    }
}
