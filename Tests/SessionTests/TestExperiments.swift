import Foundation
import Session
import Tensors

/// A tiny, fast, deterministic experiment: fits `y = a·x + b` by SGD on seeded random mini-batches.
///
/// Spec: `training.steps`, `training.lr` (live), `training.batch` (restart-only), `training.diverge_at`
/// (report a NaN loss at that step, for divergence tests), `training.fail_at` (throw at that step).
/// Each step reports the learning rate it used as metric `lr`, so tests can see when a `set` took effect.
final class LineFitExperiment: Experiment {
    static let kind = "line-fit"
    static let summary = "fit a line by SGD (test experiment)"

    var rng: RandomSource
    var a: Double = 0, b: Double = 0
    var lr: Double
    let batch: Int
    let totalSteps: Int
    let evaluationInterval: Int
    let divergeAt: Int
    let failAt: Int
    var stepCount = 0
    var actionCount = 0

    init(spec: SessionSpec) throws {
        let t = spec.section("training")
        totalSteps = try t.int("steps", default: 50, in: 1...1_000_000)
        lr = try t.double("lr", default: 0.1, in: 1e-6...10)
        batch = try t.int("batch", default: 8, in: 1...1024)
        evaluationInterval = try t.int("eval_every", default: 10, in: 0...1_000_000)
        divergeAt = try t.int("diverge_at", default: 0)
        failAt = try t.int("fail_at", default: 0)
        let model = spec.section("model")
        a = try model.double("a0", default: 0)
        rng = RandomSource(seed: spec.seed)
    }

    var hyperparameters: [HyperparameterSpec] {
        [HyperparameterSpec(name: "lr", symbol: "η", summary: "step size", value: lr, range: 1e-6...10, scale: .log),
         HyperparameterSpec(name: "batch", symbol: "B", summary: "batch", value: Double(batch), range: 1...1024,
                            isLive: false, kind: .integer)]
    }

    func setHyperparameter(_ name: String, to value: Double) throws(ExperimentError) {
        _ = try checkedHyperparameter(name, value)
        lr = value
    }

    var actions: [ActionSpec] { [ActionSpec(name: "bump", summary: "count an action")] }

    func perform(_ action: String) throws(ExperimentError) {
        guard action == "bump" else { throw .unknownAction(name: action, known: ["bump"]) }
        actionCount += 1
    }

    func step() throws -> [String: Double] {
        stepCount += 1
        if stepCount == failAt { throw ExperimentError.data("planned failure at step \(stepCount)") }
        var ga = 0.0, gb = 0.0, loss = 0.0
        for _ in 0..<batch {
            let x = rng.uniform(-1...1)
            let y = 2 * x - 0.5 + 0.01 * rng.normal()
            let r = a * x + b - y
            loss += r * r
            ga += 2 * r * x
            gb += 2 * r
        }
        let n = Double(batch)
        a -= lr * ga / n
        b -= lr * gb / n
        let reported = stepCount == divergeAt ? Double.nan : loss / n
        return ["loss": reported, "lr": lr, "a": a]
    }

    func evaluate() throws -> [String: Double] {
        ["error_a": abs(a - 2), "error_b": abs(b + 0.5)]
    }

    func diagnostics() -> [Panel] {
        [.text(title: "line", lines: ["a = \(a)", "b = \(b)", "actions \(actionCount)"])]
    }

    func saveState() throws -> ExperimentState {
        var s = ExperimentState(doubleTensors: ["ab": Tensor(shape: [2], scalars: [a, b])],
                                values: ["lr": "\(lr)", "step": "\(stepCount)"])
        s.setRNG(rng, forKey: "rng")
        return s
    }

    func restoreState(_ state: ExperimentState) throws {
        guard let ab = state.doubleTensors["ab"], ab.shape == [2] else { throw ExperimentError.incompatibleState("ab") }
        a = ab.scalars[0]
        b = ab.scalars[1]
        lr = try state.double("lr")
        stepCount = try state.int("step")
        rng = try state.rng(forKey: "rng")
    }
}

enum TestSupport {
    static var catalog: ExperimentCatalog { ExperimentCatalog(types: [LineFitExperiment.self]) }

    /// Parses spec text for the line-fit experiment.
    static func spec(_ text: String, file: String = "test.yaml", overrides: [SpecOverride] = []) throws -> SessionSpec {
        try SpecLoader.parse(text: text, file: file, overrides: overrides, knownKinds: catalog.kinds)
    }

    static func engine(_ text: String, settings: EngineSettings? = nil, recorder directory: String? = nil)
        throws -> (SessionEngine, SessionSpec) {
        let s = try spec(text)
        let (experiment, specSettings) = try catalog.build(s)
        let recorder = try directory.map { (d) throws -> Recorder in try Recorder(newRunAt: d, spec: s) }
        return (SessionEngine(experiment: experiment, spec: s, settings: settings ?? specSettings, recorder: recorder), s)
    }

    /// Polls snapshots until `condition` holds (fails the test after `timeout` seconds).
    @discardableResult
    static func wait(_ engine: SessionEngine, timeout: Double = 30, _ condition: (Snapshot) -> Bool) -> Snapshot? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let s = engine.latestSnapshot
            if condition(s) { return s }
            usleep(500)
        }
        return nil
    }

    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("equilab-test-\(UUID().uuidString)").path
    }
}
