import Foundation
import Symmetry

/// The CPU-scale reproduction of spec §12 (3 seeds inertia, 2 seeds motion; every model of §7) and the
/// acceptance checks A3–A6 of §13. Wired as `equilab reproduce soft-equivariance`; returns a Markdown report.
public enum SoftEquivarianceReproduction {
    /// One compared model: a label and how it changes the task's default configuration.
    public struct Entry: Sendable {
        public var label: String
        public var kind: SoftModelKind
        public var group: ContinuousGroup
    }

    /// MLP, Free, Hard(O3), Hard(O2xy), RPP(O3), PER-fixed, PER.
    public static let entries: [Entry] = [
        Entry(label: "MLP", kind: .mlp, group: .o3), Entry(label: "Free", kind: .free, group: .o3),
        Entry(label: "Hard(O3)", kind: .hard, group: .o3), Entry(label: "Hard(O2xy)", kind: .hard, group: .o2xy),
        Entry(label: "RPP(O3)", kind: .rpp, group: .o3), Entry(label: "PER-fixed", kind: .perFixed, group: .o3),
        Entry(label: "PER", kind: .per, group: .o3),
    ]

    /// The outcome of one trained model.
    public struct RunResult: Sendable {
        public var label: String
        public var seed: UInt64
        public var testMSE: Double
        public var averageDisplacement: Double
        public var strengths: [Double]
        public var trackedRegularizers: [Double]
        public var levels: [Double]
        public var modelErrors: [Double]
        public var trueErrors: [Double]
        public var selectedEpoch: Int
        public var seconds: Double
        public var warning: String?
    }

    /// Trains one configuration to the end and evaluates it at the selected checkpoint.
    public static func train(_ config: SoftEquivarianceConfig, label: String, data: SoftEquivarianceData? = nil) throws -> RunResult {
        let start = Date()
        let run = SoftEquivarianceExperiment(config: config, data: data)
        for _ in 0..<run.totalSteps { _ = try run.step() }
        let m = try run.evaluate()
        let groups = config.groups.map(\.name)
        return RunResult(label: label, seed: config.seed, testMSE: m["test_mse"] ?? .nan, averageDisplacement: m["ade_m"] ?? .nan,
                         strengths: run.strengths, trackedRegularizers: run.adjustment.bestRegularizers,
                         levels: run.adjustment.levels.map { $0 ?? .nan },
                         modelErrors: groups.map { m["ee.\($0)"] ?? .nan }, trueErrors: run.trueEquivarianceErrors,
                         selectedEpoch: Int(m["selected_epoch"] ?? 0), seconds: Date().timeIntervalSince(start),
                         warning: run.adjustment.warning)
    }

    /// Runs every model for every seed of both tasks and returns the Markdown report with the A3–A6 verdicts.
    ///
    /// - Parameters:
    ///   - inertiaSeeds: spec: 3 seeds. - motionSeeds: spec: 2 seeds.
    ///   - epochScale: multiplies every epoch count (1 = the protocol; smaller for a smoke run).
    ///   - customize: edits each run's configuration (e.g. a different λ0) after the protocol's defaults.
    ///   - progress: called with one line per finished run.
    public static func run(inertiaSeeds: [UInt64] = [0, 1, 2], motionSeeds: [UInt64] = [0, 1], epochScale: Double = 1,
                           customize: (inout SoftEquivarianceConfig) -> Void = { _ in },
                           progress: (String) -> Void = { _ in }) throws -> String {
        var report = "# Soft equivariance: CPU reproduction (spec §12)\n\n"
        for (task, seeds) in [(SoftEquivarianceConfig.Task.inertia, inertiaSeeds), (.motion, motionSeeds)] where !seeds.isEmpty {
            var results: [String: [RunResult]] = [:]
            var taskSeconds: [UInt64: Double] = [:]
            for seed in seeds {
                let data = SoftEquivarianceData(config: SoftEquivarianceConfig(task: task, seed: seed))
                for entry in entries {
                    var c = SoftEquivarianceConfig(task: task, model: entry.kind, seed: seed)
                    c.hardGroup = entry.group
                    customize(&c)
                    if epochScale != 1 {
                        c.epochs = max(4, Int(Double(c.epochs) * epochScale))
                        c.adjustEpoch = max(1, Int(Double(c.adjustEpoch) * epochScale))
                        c.evaluationEvery = max(1, min(c.evaluationEvery, c.epochs / 8))
                    }
                    let r = try train(c, label: entry.label, data: data)
                    results[entry.label, default: []].append(r)
                    taskSeconds[seed, default: 0] += r.seconds
                    progress(String(format: "%@ seed %d %@: test MSE %.5g (%.1f s)", task.rawValue, Int(seed), entry.label, r.testMSE, r.seconds))
                }
            }
            var reference = SoftEquivarianceConfig(task: task)
            customize(&reference)
            report += ReproductionReport.section(task: task, results: results, taskSeconds: taskSeconds, defaults: reference)
        }
        return report
    }
}
