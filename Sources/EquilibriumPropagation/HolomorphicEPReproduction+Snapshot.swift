import Foundation
import Tensors

extension HolomorphicEPReproduction {
    /// Snapshot (a) of spec §11: symmetric initial network, 100 images, T2 = 80, ‖ν̂_N − ν‖/‖ν‖ vs N for
    /// r ∈ {0.05, 0.1, 0.5}, and the α = 90° alignment at initialisation.
    static func snapshot(dataDirectory: String, progress: (String) -> Void) throws -> String {
        var s = "## Finite-nudge error vs N (initial network, 100 training images, T1 = 100, T2 = 80)\n\n"
        s += "| α | r | N=1 | N=2 | N=4 | N=6 | N=8 | cos(ν̂_4,δ) hidden | cos(ν,δ) hidden | max abs(Im u) |\n|---|---|---|---|---|---|---|---|---|---|\n"
        for alpha in [0.0, 90.0] {
            for r in [0.05, 0.1, 0.5] where alpha == 0 || r == 0.05 {
                var c = configuration(run: alpha == 0 ? "A" : "B", epochs: 1, trainImages: 100, testImages: 1, seed: 0,
                                      dataDirectory: dataDirectory)
                c.probeImages = 100
                c.sweepImages = 100
                c.radius = r
                c.nudgedSteps = 80
                let exp = try HolomorphicEPExperiment(configuration: c)
                let rep = exp.measureProbe()
                let errs = rep.errorVersusPhases.map { String(format: "%.1e", $0.error) }.joined(separator: " | ")
                s += "| \(Int(alpha))° | \(r) | \(errs) | \(String(format: "%.6f", rep.cosEstimateTrue[0])) | "
                s += "\(String(format: "%.4f", rep.cosTangentTrue[0])) | \(String(format: "%.3f", rep.maxImaginary)) |\n"
                progress("snapshot α=\(alpha) r=\(r): \(errs)")
            }
        }
        s += "\nSpec reference (α = 0, r = 0.05): 4.5e-2 / 2.5e-3 / 3.0e-5 / 6.1e-7 / 1.2e-8, cos(ν̂_N, δ) = 1.000000 for N ≥ 4.\n\n"
        return s
    }

    /// Images per second of the free phase alone and of a full hEP step (N = 4, r = 0.1, T1 = 100, T2 = 40,
    /// batch 100), and the share of relaxation time spent in GEMM vs elementwise complex math.
    static func speed(dataDirectory: String, progress: (String) -> Void) throws -> String {
        var c = configuration(run: "B", epochs: 1, trainImages: 2_000, testImages: 1, seed: 0, dataDirectory: dataDirectory)
        c.diagnosticsInterval = 0
        let exp = try HolomorphicEPExperiment(configuration: c)
        let steps = 20
        _ = try exp.step()
        // Free phase only.
        let (x, y) = exp.train.batch(Array(0..<c.batchSize)[...])
        exp.profile.reset()
        exp.profile.isEnabled = true
        var t0 = Date(), c0 = cpuSeconds()
        for _ in 0..<steps {
            let sys = BatchSystem(network: exp.network, inputs: x, labels: y, profile: exp.profile)
            _ = sys.relax(steps: c.freeSteps)
        }
        let images = Double(steps * c.batchSize)
        let freeRate = images / Date().timeIntervalSince(t0), freeCPU = images / (cpuSeconds() - c0)
        let freeGemm = exp.profile.gemmSeconds, freeElem = exp.profile.elementwiseSeconds
        exp.profile.reset()
        t0 = Date(); c0 = cpuSeconds()
        for _ in 0..<steps { _ = try exp.step() }
        let stepRate = images / Date().timeIntervalSince(t0), stepCPU = images / (cpuSeconds() - c0)
        let g = exp.profile.gemmSeconds, e = exp.profile.elementwiseSeconds
        exp.profile.isEnabled = false
        progress("speed: free \(Int(freeRate)) img/s (CPU \(Int(freeCPU))), hEP step \(Int(stepRate)) img/s (CPU \(Int(stepCPU)))")
        var s = "## Speed (OPENBLAS_NUM_THREADS=1, Float, batch \(c.batchSize), 784-256-10, \(steps) batches)\n\n"
        s += "| measurement | images/s (wall) | images/s (process CPU time) | GEMM share | elementwise share |\n|---|---|---|---|---|\n"
        s += "| free phase (T1 = 100) | \(Int(freeRate)) | \(Int(freeCPU)) | \(pct(freeGemm, freeElem)) | \(pct(freeElem, freeGemm)) |\n"
        s += "| full hEP step (N = 4 → 3 phases × T2 = 40, gradient, Adam) | \(Int(stepRate)) | \(Int(stepCPU)) | \(pct(g, e)) | \(pct(e, g)) |\n\n"
        return s
    }

    /// CPU time of this process (all threads), seconds.
    static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    static func pct(_ a: Double, _ b: Double) -> String { String(format: "%.0f %%", 100 * a / max(a + b, 1e-12)) }
}
