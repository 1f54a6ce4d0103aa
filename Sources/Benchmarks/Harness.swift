import Foundation

/// Timing statistics of one measured operation, in seconds.
struct Timing: Codable {
    /// Median wall-clock time.
    var median: Double
    /// Median thread CPU time.
    var cpuMedian: Double
    var minimum: Double
    var maximum: Double
    /// Interquartile range divided by the median (relative spread).
    var relativeSpread: Double
    var repeats: Int

    init(_ samples: [(wall: Double, cpu: Double)]) {
        let s = samples.map(\.wall).sorted()
        let cpu = samples.map(\.cpu).sorted()
        cpuMedian = cpu.isEmpty ? 0 : (cpu[(cpu.count - 1) / 2] + cpu[cpu.count / 2]) / 2
        func quantile(_ q: Double) -> Double {
            let x = q * Double(s.count - 1)
            let lo = Int(x.rounded(.down)), hi = Swift.min(lo + 1, s.count - 1)
            return s[lo] + (s[hi] - s[lo]) * (x - Double(lo))
        }
        median = quantile(0.5)
        minimum = s.first ?? 0
        maximum = s.last ?? 0
        relativeSpread = median > 0 ? (quantile(0.75) - quantile(0.25)) / median : 0
        repeats = s.count
    }
}

/// One benchmark row: a measured candidate, its baseline from the same run, and their ratio.
struct BenchmarkResult: Codable {
    var suite: String
    var name: String
    var candidate: Timing
    var baseline: Timing?
    /// `baseline.median / candidate.median` in wall time (1 = as fast as the baseline; higher is better).
    var throughputRatio: Double?
    /// The same ratio in thread CPU time (robust when other processes share the cores).
    var cpuThroughputRatio: Double?
    /// Extra figures (GFLOP/s, steps/s, …).
    var figures: [String: Double]
}

/// Wall-clock seconds (`ContinuousClock`) and this thread's CPU seconds spent running `body` once.
///
/// On a shared machine the wall time includes time the thread waited for a core; the CPU time does not,
/// so ratios of CPU times stay meaningful under load.
@inline(__always)
func seconds(_ body: () -> Void) -> (wall: Double, cpu: Double) {
    let clock = ContinuousClock()
    let cpu0 = threadCPUSeconds()
    let d = clock.measure(body)
    let cpu = threadCPUSeconds() - cpu0
    return (Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18, cpu)
}

/// CPU time consumed by the calling thread.
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Measures `candidate` and `baseline` alternately (so machine load affects both alike) after warm-up runs,
/// choosing the number of repeats so that each side runs for about `budget` seconds (between 5 and 400 repeats).
func compare(warmup: Int = 3, budget: Double = 1.0, candidate: () -> Void, baseline: (() -> Void)?) -> (Timing, Timing?) {
    for _ in 0..<warmup { candidate(); baseline?() }
    let probe = seconds(candidate).cpu
    let repeats = Swift.max(5, Swift.min(400, Int(budget / Swift.max(probe, 1e-6))))
    var c: [(wall: Double, cpu: Double)] = [], b: [(wall: Double, cpu: Double)] = []
    c.reserveCapacity(repeats); b.reserveCapacity(repeats)
    for _ in 0..<repeats {
        c.append(seconds(candidate))
        if let baseline { b.append(seconds(baseline)) }
    }
    return (Timing(c), baseline == nil ? nil : Timing(b))
}

/// Formats seconds for humans.
func formatTime(_ s: Double) -> String {
    if s < 1e-3 { return String(format: "%.1f µs", s * 1e6) }
    if s < 1 { return String(format: "%.3f ms", s * 1e3) }
    return String(format: "%.3f s", s)
}
