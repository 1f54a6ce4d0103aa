import Foundation
import Tensors

/// `swift run -c release Benchmarks [gemm|mlp|cnn|gnn|ood|all] [--json out.json]`
///
/// Every figure is the median of repeated runs (after warm-up, timed with `ContinuousClock`) next to a baseline
/// measured alternately in the same run; see docs/benchmarks.md. BLAS runs on one thread unless
/// `EQUILAB_BLAS_THREADS` says otherwise.
BLAS.configureFromEnvironment()
Allocator.retainFreedMemory()

var arguments = Array(CommandLine.arguments.dropFirst())
var jsonPath: String?
if let i = arguments.firstIndex(of: "--json") {
    guard i + 1 < arguments.count else {
        FileHandle.standardError.write(Data("Benchmarks: --json needs a file path, e.g. --json bench.json\n".utf8))
        exit(2)
    }
    jsonPath = arguments[i + 1]
    arguments.removeSubrange(i...(i + 1))
}
let mode = arguments.first ?? "all"
let modes = ["gemm", "mlp", "cnn", "gnn", "ood", "all"]
guard modes.contains(mode) else {
    FileHandle.standardError.write(Data("Benchmarks: unknown mode '\(mode)'; use one of \(modes.joined(separator: ", "))\n".utf8))
    exit(2)
}

print("Benchmarks \(mode): BLAS threads \(BLAS.threadCount), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(Date())")
var results: [BenchmarkResult] = []
if mode == "gemm" || mode == "all" { results += GEMMBenchmark.run() }
if mode == "mlp" || mode == "all" { results.append(ModelBenchmarks.mlp()) }
if mode == "cnn" || mode == "all" { results.append(ModelBenchmarks.cnn()) }
if mode == "gnn" || mode == "all" { results.append(ModelBenchmarks.gnn()) }
if mode == "ood" || mode == "all" { results += InversionBenchmarks.run() }

if let jsonPath {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    do {
        try encoder.encode(results).write(to: URL(fileURLWithPath: jsonPath))
        print("wrote \(jsonPath)")
    } catch {
        FileHandle.standardError.write(Data("Benchmarks: cannot write \(jsonPath): \(error)\n".utf8))
        exit(1)
    }
}
