import Foundation
import Tensors

/// Time per Gaunt product versus degree for the FFT, sparse and dense methods (Gaunt spec §8c).
///
/// Inputs of degree `L` each, output degree `2L`, one thread, random inputs, 2 warm-up runs, median of
/// `repeats` timed runs, timed as the thread's CPU time (the machine is shared; wall time would count waiting). The dense baseline runs a reduced batch above `L = 10` (50 at `L = 16`), the sparse
/// one above `L = 12`; times are per product, so batch size only affects the overhead share.
public enum GauntBenchmark {
    /// One measured point.
    public struct Point: Sendable, Equatable {
        public var method: GauntMethod, precision: String, degree: Int, batch: Int, microseconds: Double
    }

    /// The batch a method runs at degree `L` given the requested batch.
    public static func batch(for method: GauntMethod, degree L: Int, requested: Int) -> Int {
        switch method {
        case .fft: requested
        case .sparse: L > 12 ? min(requested, 200) : requested
        case .dense, .cg: L > 13 ? min(requested, 50) : L > 10 ? min(requested, 200) : requested
        }
    }

    /// Median microseconds per product for one method, degree and precision.
    public static func measure<S: BatchedFFTScalar>(_ method: GauntMethod, degree L: Int, batch: Int, as: S.Type,
                                                   repeats: Int = 5) -> Double {
        var rng = RandomSource(seed: UInt64(L))
        let k = (L + 1) * (L + 1)
        let x = Tensor<S>.randomNormal([batch, k], using: &rng), y = Tensor<S>.randomNormal([batch, k], using: &rng)
        let op = GauntProductOperator<S>(L, L, outputDegree: 2 * L, method: method, measure: true)
        _ = op.forward(x, y)
        _ = op.forward(x, y)
        var times: [Double] = []
        for _ in 0..<max(1, repeats) {
            let start = threadCPUMicroseconds()
            _ = op.forward(x, y)
            times.append(threadCPUMicroseconds() - start)
        }
        times.sort()
        return times[times.count / 2] / Double(batch)
    }

    /// CPU time of the calling thread in microseconds (robust to other processes sharing the cores).
    public static func threadCPUMicroseconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) * 1e6 + Double(ts.tv_nsec) * 1e-3
    }

    /// Least-squares slope of `log t` against `log L` over points with `L` in `range`.
    public static func slope(_ points: [Point], in range: ClosedRange<Int>) -> Double {
        let p = points.filter { range.contains($0.degree) && $0.microseconds > 0 }
        guard p.count >= 2 else { return .nan }
        let xs = p.map { log(Double($0.degree)) }, ys = p.map { log($0.microseconds) }
        let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
        let sxy = zip(xs, ys).map { ($0 - mx) * ($1 - my) }.reduce(0, +)
        let sxx = xs.map { ($0 - mx) * ($0 - mx) }.reduce(0, +)
        return sxy / sxx
    }

    /// The smallest degree from which `fast` stays at or below `slow` (nil: never).
    public static func crossover(_ fast: [Point], _ slow: [Point]) -> Int? {
        let s = Dictionary(uniqueKeysWithValues: slow.map { ($0.degree, $0.microseconds) })
        let common = fast.filter { s[$0.degree] != nil }.sorted { $0.degree < $1.degree }
        var result: Int?
        for p in common.reversed() {
            if p.microseconds <= s[p.degree]! { result = p.degree } else { break }
        }
        return result
    }

    /// Runs every method and precision, reporting each point through `progress` as it finishes.
    ///
    /// - Returns: a markdown report: the table, slopes on `L ∈ [8, 16]`, crossovers, ratios and an ASCII plot.
    public static func run(maxL: Int = 16, maxFFTL: Int = 32, batch: Int = 1000, repeats: Int = 5,
                           precisions: [String] = ["float", "double"], methods: [GauntMethod] = GauntMethod.gauntMethods,
                           progress: ((Point) -> Void)? = nil) -> String {
        var points: [Point] = []
        for precision in precisions {
            for method in methods {
                let top = method == .fft ? max(maxL, maxFFTL) : maxL
                for L in 1...top {
                    let b = GauntBenchmark.batch(for: method, degree: L, requested: batch)
                    let us = precision == "double"
                        ? measure(method, degree: L, batch: b, as: Double.self, repeats: repeats)
                        : measure(method, degree: L, batch: b, as: Float.self, repeats: repeats)
                    let p = Point(method: method, precision: precision, degree: L, batch: b, microseconds: us)
                    points.append(p)
                    progress?(p)
                }
            }
        }
        return report(points, batch: batch, repeats: repeats)
    }
}
