import Foundation
import Session

/// A synthetic, clearly labelled "demo" run for trying the workbench without training anything: every number
/// is made up by a deterministic formula (seeded), and the session is named `demo (synthetic data)`.
///
/// It is a value type so tests can build snapshots at any step; `DemoController` drives one on a background
/// queue for manual runs (`TUIDemo.run`).
public struct DemoRun: Sendable {
    public private(set) var step = 0
    public let totalSteps: Int
    public var status: RunStatus = .paused
    public private(set) var series: [String: MetricSeries] = [:]
    public private(set) var events: [RunEvent] = []
    public private(set) var hyperparameters: [HyperparameterSpec]
    private var strengths: [Double] = [0.1, 0.1, 0.1, 0.1]
    private var strengthHistory: [[Double]] = [[], [], [], []]
    private var rng: UInt64
    private var decay = 1.0
    /// Seconds per step assumed for the synthetic wall-time axis.
    public var secondsPerStep = 0.02

    /// A fresh demo run of `totalSteps` steps.
    public init(totalSteps: Int = 2000, seed: UInt64 = 42) {
        self.totalSteps = totalSteps
        rng = seed | 1
        hyperparameters = [
            HyperparameterSpec(name: "lr", symbol: "η", summary: "learning rate", value: 1e-2, range: 1e-5...1, scale: .log),
            HyperparameterSpec(name: "beta", symbol: "β", summary: "nudge radius", value: 0.1, range: 0...1),
            HyperparameterSpec(name: "lambda0", symbol: "λ₀", summary: "initial strength", value: 0.1, range: 1e-4...10,
                               scale: .log),
            HyperparameterSpec(name: "batch", symbol: "B", summary: "batch size", value: 64, range: 1...4096,
                               isLive: false, kind: .integer),
            .choice(name: "estimator", symbol: "", summary: "gradient estimator", options: ["hEP", "EP", "RBP"],
                    selected: "hEP"),
            .toggle(name: "augment", symbol: "", summary: "random flips", isOn: true),
        ]
    }

    /// The demo's actions.
    public static let actions = [ActionSpec(name: "adjust-now", summary: "adjust the symmetry strengths now"),
                                 ActionSpec(name: "reset-lambdas", summary: "reset every strength to λ₀")]

    private mutating func noise() -> Double {
        rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17
        return Double(rng >> 11) / Double(1 << 53) - 0.5
    }

    private func value(_ name: String) -> Double { hyperparameters.first { $0.name == name }?.value ?? 0 }

    /// Takes one synthetic step.
    public mutating func advance() {
        guard step < totalSteps else { status = .finished; return }
        step += 1
        let t = Double(step) * secondsPerStep
        decay *= 1 - min(0.5, value("lr") * 0.05)
        let loss = 0.12 + 2.18 * decay + 0.08 * noise() * (0.3 + decay)
        series["loss", default: MetricSeries(name: "loss")].append(step: step, value: loss, time: t)
        series["loss/regularizer", default: MetricSeries(name: "loss/regularizer")]
            .append(step: step, value: 0.02 + 0.3 * decay * decay + 0.01 * noise(), time: t)
        for k in strengths.indices {
            strengths[k] *= k == 1 ? 1.002 : 0.996
            strengthHistory[k].append(strengths[k])
            if strengthHistory[k].count > 64 { strengthHistory[k].removeFirst() }
        }
        if step % 50 == 0 { evaluate() }
        if step >= totalSteps { status = .finished; log("finish", "finished after \(step) steps") }
    }

    /// Adds synthetic held-out metrics.
    public mutating func evaluate() {
        let t = Double(step) * secondsPerStep
        series["eval/loss", default: MetricSeries(name: "eval/loss")]
            .append(step: step, value: 0.18 + 2.1 * decay + 0.02 * noise(), time: t)
        series["eval/accuracy", default: MetricSeries(name: "eval/accuracy")]
            .append(step: step, value: min(0.99, 0.1 + 0.8 * (1 - decay) + 0.01 * noise()), time: t)
    }

    /// Applies a front-end command, as the engine would between steps.
    public mutating func apply(_ command: EngineCommand) {
        switch command {
        case .pause: status = .paused; log("pause", "paused at step \(step)")
        case .resume: status = .running; log("resume", "resumed")
        case .step: status = .paused
        case .set(let name, let newValue):
            guard let i = hyperparameters.firstIndex(where: { $0.name == name }) else {
                log("error", "unknown hyperparameter \(name)"); return
            }
            do throws(ExperimentError) {
                try hyperparameters[i].validate(newValue)
                let old = hyperparameters[i]
                hyperparameters[i].value = newValue
                events.append(RunEvent(kind: "set", step: step, time: Double(step) * secondsPerStep, name: name,
                                       oldValue: old.value, newValue: newValue,
                                       message: "set \(name) \(old.displayValue) → \(hyperparameters[i].displayValue)"))
            } catch { log("error", error.description) }
        case .perform(let action):
            if action == "reset-lambdas" { strengths = strengths.map { _ in value("lambda0") } }
            log("action", "action \(action) (demo)")
        case .evaluateNow: evaluate(); log("evaluate", "evaluated at step \(step)")
        case .checkpointNow: log("checkpoint", "checkpoint at step \(step) (demo)")
        case .stop: log("checkpoint", "checkpoint at step \(step) (demo)"); status = .stopped; log("stop", "stopped")
        }
    }

    private mutating func log(_ kind: String, _ message: String) {
        events.append(RunEvent(kind: kind, step: step, time: Double(step) * secondsPerStep, message: message))
    }
}
