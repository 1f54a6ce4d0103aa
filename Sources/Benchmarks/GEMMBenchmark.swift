import CBLAS
import Tensors

/// `Tensor.matmul` against raw `cblas_sgemm` on preallocated buffers, square n×n×n products.
enum GEMMBenchmark {
    static func run(sizes: [Int] = [64, 128, 256, 512, 1024]) -> [BenchmarkResult] {
        var rng = RandomSource(seed: 1)
        var results: [BenchmarkResult] = []
        for n in sizes {
            let a = Tensor<Float>.randomNormal([n, n], using: &rng)
            let b = Tensor<Float>.randomNormal([n, n], using: &rng)
            let ra = a.scalars, rb = b.scalars
            var rc = [Float](repeating: 0, count: n * n)
            var sink: Float = 0
            let (cand, base) = compare(
                budget: 1.5,
                candidate: {
                    let c = a.matmul(b)
                    sink += c.scalars[0]
                },
                baseline: {
                    ra.withUnsafeBufferPointer { pa in
                        rb.withUnsafeBufferPointer { pb in
                            rc.withUnsafeMutableBufferPointer { pc in
                                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1,
                                            pa.baseAddress, Int32(n), pb.baseAddress, Int32(n), 0, pc.baseAddress, Int32(n))
                            }
                        }
                    }
                    sink += rc[0]
                })
            let flops = 2 * Double(n) * Double(n) * Double(n)
            guard let base else { continue }
            let ratio = base.median / cand.median, cpuRatio = base.cpuMedian / cand.cpuMedian
            results.append(BenchmarkResult(
                suite: "gemm", name: "n=\(n)", candidate: cand, baseline: base, throughputRatio: ratio,
                cpuThroughputRatio: cpuRatio,
                figures: ["tensorGFLOPs": flops / cand.median / 1e9, "rawGFLOPs": flops / base.median / 1e9,
                          "checksum": Double(sink.isFinite ? 1 : 0)]))
            print("gemm n=\(n): Tensor.matmul \(formatTime(cand.median)) (±\(pct(cand.relativeSpread))), "
                  + "cblas_sgemm \(formatTime(base.median)) (±\(pct(base.relativeSpread))), ratio \(fmt(ratio)); CPU time \(formatTime(cand.cpuMedian)) vs \(formatTime(base.cpuMedian)), ratio \(fmt(cpuRatio))")
        }
        return results
    }
}

func pct(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
func fmt(_ x: Double) -> String { String(format: "%.3f", x) }
