import ArgumentParser
import Foundation
import Session
import Tensors

/// `equilab bench-engine`: how much the engine adds to each training step of a session (default: the baseline).
///
/// It runs the experiment's `step()` bare for `--steps` steps, then a fresh copy under the engine with a recorder
/// at default settings, and reports the engine's own per-step work (commands, metrics, divergence check,
/// snapshot publication, log writes) and the amortised checkpoint time, both relative to the bare step time.
struct BenchEngineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-engine", abstract: "Measure the engine's per-step overhead relative to the step time.")

    @Argument(help: "A session file or name.")
    var session: String = SessionFinder.defaultSession

    @Option(name: .long, help: "Steps to time in each mode.")
    var steps = 1000

    @Option(name: .customLong("set"), help: "Spec overrides (dotted paths), as for `run`.")
    var overrides: [String] = []

    func run() throws {
        BLAS.configureFromEnvironment()
        let catalog = Launcher.catalog
        let spec: () throws -> SessionSpec = {
            let o = try overrides.map { (t) throws(SpecError) in try SpecOverride(t) }
            return try catalog.loadSpec(path: try SessionFinder.resolve(session), overrides: o)
        }
        // Bare: the experiment alone.
        let (bare, settings) = try catalog.build(try spec())
        for _ in 0..<20 { _ = try bare.step() }
        let clock = ContinuousClock()
        var bareTimes: [Double] = []
        for _ in 0..<steps {
            let t = EngineStatistics.threadCPUSeconds()
            _ = try bare.step()
            bareTimes.append(EngineStatistics.threadCPUSeconds() - t)
        }
        // Engine: same session under the engine with a recorder, default intervals, evaluation off.
        var s2 = try spec()
        s2.root = try Self.disablingEvaluation(s2)
        let (experiment, _) = try catalog.build(s2)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("equilab-bench-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let recorder = try Recorder(newRunAt: directory, spec: s2)
        var engineSettings = settings
        engineSettings.stepLimit = steps
        let engine = SessionEngine(experiment: experiment, spec: s2, settings: engineSettings, recorder: recorder)
        let start = clock.now
        engine.start()
        engine.waitUntilFinished()
        let wall = SessionEngine.seconds(clock.now - start)
        let st = engine.statistics
        let sorted = bareTimes.sorted()
        let median = sorted[sorted.count / 2]
        let bareMean = bareTimes.reduce(0, +) / Double(steps)
        let perStepOverhead = st.overheadSeconds / Double(st.steps)
        let perStepCheckpoint = st.checkpointSeconds / Double(st.steps)
        let perStepDiagnostics = st.diagnosticsSeconds / Double(st.steps)
        print("session \(s2.name) (\(s2.kind)), \(steps) steps, checkpoint every \(settings.checkpointInterval), diagnostics every \(settings.diagnosticsInterval)")
        print(String(format: "bare step (thread CPU time): median %.3f ms, mean %.3f ms", median * 1e3, bareMean * 1e3))
        print(String(format: "engine step (inside experiment.step, thread CPU time): mean %.3f ms", st.stepSeconds / Double(st.steps) * 1e3))
        print(String(format: "engine per-step work (commands, metrics, snapshot, logs): %.4f ms = %.3f%% of the median bare step",
                     perStepOverhead * 1e3, perStepOverhead / median * 100))
        print(String(format: "checkpoints amortised: %.4f ms/step = %.3f%%; diagnostics amortised: %.4f ms/step = %.3f%%",
                     perStepCheckpoint * 1e3, perStepCheckpoint / median * 100, perStepDiagnostics * 1e3, perStepDiagnostics / median * 100))
        for n in [1000, 3000, 10000] {
            let (wall, work) = try Self.nullEngine(steps: n)
            print(String(format: "engine alone (no-op experiment, recorder on), %5d steps: engine work %.4f ms/step = %.3f%% of the median bare step; wall incl. start, final checkpoint and close %.4f ms/step",
                         n, work * 1e3, work / median * 100, wall * 1e3))
        }
        print(String(format: "total engine overhead (per-step work + checkpoints + diagnostics): %.3f%%  (wall %.2f s for %d steps, final evaluation included)",
                     (perStepOverhead + perStepCheckpoint + perStepDiagnostics) / median * 100, wall, steps))
    }

    static func disablingEvaluation(_ spec: SessionSpec) throws -> SpecNode {
        var root = spec.root
        try SpecOverride(path: ["training", "eval_every"], value: "0").apply(to: &root, file: spec.file)
        return root
    }
}

/// An experiment whose step costs nothing and reports the baseline's three metrics: running it under the engine
/// measures the engine's own per-step cost without noise from training.
final class NullExperiment: Experiment {
    static let kind = "null"
    static let summary = "no-op experiment for engine benchmarks"
    let totalSteps: Int
    var n = 0
    init(spec: SessionSpec) throws { totalSteps = try spec.section("training").int("steps", default: 1000) }
    var hyperparameters: [HyperparameterSpec] {
        [HyperparameterSpec(name: "lr", symbol: "η", summary: "unused", value: 1e-3, range: 1e-6...1, scale: .log)]
    }
    func setHyperparameter(_ name: String, to value: Double) throws(ExperimentError) {}
    func step() throws -> [String: Double] {
        n += 1
        return ["loss": 1 / Double(n), "accuracy": 0.5, "grad_norm": 1]
    }
    func evaluate() throws -> [String: Double] { [:] }
    func saveState() throws -> ExperimentState { ExperimentState(values: ["n": "\(n)"]) }
    func restoreState(_ state: ExperimentState) throws { n = try state.int("n") }
}

extension BenchEngineCommand {
    /// Seconds per step of the engine with a recorder around a no-op experiment: wall time, and the engine's own
    /// per-step work from its statistics (commands, metrics, divergence check, snapshot, logs).
    static func nullEngine(steps: Int) throws -> (wall: Double, work: Double) {
        let spec = try SpecLoader.parse(text: "kind: null\ntraining: { steps: \(steps) }\nrun: { checkpoint_every: 0 }\n",
                                        file: "null.yaml", knownKinds: ["null"])
        let (experiment, settings) = try ExperimentCatalog(types: [NullExperiment.self]).build(spec)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("equilab-null-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let engine = SessionEngine(experiment: experiment, spec: spec, settings: settings,
                                   recorder: try Recorder(newRunAt: directory, spec: spec))
        let clock = ContinuousClock()
        let start = clock.now
        engine.start()
        engine.waitUntilFinished()
        let st = engine.statistics
        return (SessionEngine.seconds(clock.now - start) / Double(steps), st.overheadSeconds / Double(max(st.steps, 1)))
    }
}
