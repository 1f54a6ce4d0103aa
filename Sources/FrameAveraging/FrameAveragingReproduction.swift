import Datasets
import Foundation
import NN
import Tensors

/// The CPU-scale reproduction of the n-body table (Puny et al. 2022, Table 1; spec §7): FA-GNN vs GNN at equal
/// budget on the seed-43 charged 5-body data, test MSE at the best-validation evaluation.
///
/// Wired as `equilab reproduce frame-averaging`. Prints one line per evaluation and a summary table.
public enum FrameAveragingReproduction {
    /// Runs the reproduction and returns its report (also streamed to `log` line by line).
    ///
    /// - Parameters:
    ///   - epochs: training epochs per model (30 for the acceptance figure).
    ///   - trainCount: training systems (3000).
    ///   - evaluationInterval: evaluate validation and test every this many epochs (5).
    ///   - models: which of `"FA-GNN"`, `"GNN"` to train.
    ///   - cacheDirectory: where the generated data set is cached.
    ///   - seed: model initialisation and shuffling seed.
    ///   - log: receives progress lines.
    public static func run(epochs: Int = 30, trainCount: Int = 3000, evaluationInterval: Int = 5,
                           models: [String] = ["FA-GNN", "GNN"], cacheDirectory: String = "runs/cache",
                           seed: UInt64 = 0, log: (String) -> Void = { print($0) }) -> String {
        var report: [String] = []
        func emit(_ s: String) { report.append(s); log(s) }
        BLAS.configureFromEnvironment()
        var config = NBodyDataset.Configuration()
        config.trainCount = trainCount
        let clock = ContinuousClock()
        let genStart = clock.now
        let data: NBodyDataset
        do { data = try NBodyDataset.cached(config, directory: cacheDirectory) } catch {
            emit("error: cannot write the n-body cache in \(cacheDirectory): \(error); pass a writable cache directory")
            return report.joined(separator: "\n")
        }
        let stats = data.test.baselineStatistics
        emit(String(format: "data: seed 43, %d/%d/%d systems (%.1f s incl. cache); test no-motion MSE %.4f, "
                    + "tau %.3f, x+tau*v MSE %.4f, mean |v| %.3f", data.train.count, data.validation.count,
                    data.test.count, seconds(clock.now - genStart), stats.noMotion, stats.tau, stats.linear,
                    stats.meanSpeed))
        var summary: [(String, Double, Int, Double, Double)] = []
        for name in models {
            var rng = RandomSource(seed: seed)
            let model: any NBodyModel = name == "GNN" ? PlainGNN(rng: &rng) : FAGNN(rng: &rng)
            let lr: Float = name == "GNN" ? 5e-4 : 1e-3
            let trainer = NBodyTrainer(model: model, train: data.train, learningRate: lr, seed: seed &+ 1)
            var best = (val: Double.infinity, test: Double.nan, epoch: 0)
            var epochTimes: [Double] = [], cpuTimes: [Double] = []
            for e in 1...epochs {
                let t0 = clock.now, c0 = processCPUSeconds()
                let loss = trainer.runEpoch()
                epochTimes.append(seconds(clock.now - t0))
                cpuTimes.append(processCPUSeconds() - c0)
                if e % evaluationInterval == 0 || e == epochs {
                    let val = trainer.evaluate(data.validation), test = trainer.evaluate(data.test)
                    if val < best.val { best = (val, test, e) }
                    emit(String(format: "%@ epoch %d: train %.5f  val %.5f  test %.5f  (%.2f s wall, %.2f s CPU per epoch)",
                                name, e, loss, val, test, epochTimes.last ?? 0, cpuTimes.last ?? 0))
                }
            }
            let median = epochTimes.sorted()[epochTimes.count / 2], cpu = cpuTimes.sorted()[cpuTimes.count / 2]
            summary.append((name, best.test, best.epoch, median, cpu))
        }
        emit("")
        emit("| model | epochs | test MSE at best val | best epoch | median wall s/epoch | median CPU s/epoch |")
        emit("|---|---|---|---|---|---|")
        for (name, test, epoch, time, cpu) in summary {
            emit(String(format: "| %@ | %d | %.5f | %d | %.2f | %.2f |", name, epochs, test, epoch, time, cpu))
        }
        emit(String(format: "| Linear (least-squares tau) | - | %.5f | - | - | - |", stats.linear))
        if let fa = summary.first(where: { $0.0 == "FA-GNN" }), let gnn = summary.first(where: { $0.0 == "GNN" }) {
            emit(String(format: "FA-GNN / GNN test MSE ratio: %.3f (target <= 0.4; FA-GNN target <= 0.02)", fa.1 / gnn.1))
        }
        return report.joined(separator: "\n")
    }

    /// CPU seconds used by this process (all threads), so the per-epoch cost is measurable on a busy machine.
    static func processCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
