import Foundation
import Tensors

/// The CPU-scale reproduction of spec §11 (runs A–E on Fashion-MNIST), the finite-nudge snapshot and the speed
/// benchmark; returns a Markdown report. Wired as `equilab reproduce holomorphic-ep`.
public enum HolomorphicEPReproduction {
    /// One training run's summary row.
    public struct RunSummary: Sendable {
        /// Run letter A…E.
        public var name: String
        /// The seed.
        public var seed: UInt64
        /// Test accuracy after each epoch.
        public var testAccuracy: [Double]
        /// Hidden-layer cos(ν̂, δ) and cos(ν, δ) on the probe set at initialisation.
        public var cosEstimateTrueInit: Double
        public var cosTangentTrueInit: Double
        /// Hidden-layer cos(ν̂, δ), cos(ν, δ), cos(ν̂, ν) after training.
        public var cosEstimateTrueEnd: Double
        public var cosTangentTrueEnd: Double
        public var cosEstimateTangentEnd: Double
        /// Forward/feedback weight angle (degrees) and Jacobian symmetry score after training.
        public var weightAngle: Double
        public var symmetry: Double
        /// Fraction of test images whose free-phase residual exceeds 1e-3.
        public var residualFraction: Double
        /// Wall time of the run.
        public var seconds: Double
    }

    /// Departures from the §11 protocol (the defaults are the protocol).
    public struct Overrides: Sendable {
        /// Damping γ of the relaxation map (protocol: 1, the undamped map).
        public var damping = 1.0
        /// Free-phase steps T1 (protocol: 100).
        public var freeSteps = 100
        public init(damping: Double = 1, freeSteps: Int = 100) {
            self.damping = damping
            self.freeSteps = freeSteps
        }
    }

    /// Runs the protocol: `epochs` × `trainImages` per run (spec: 2 × 30 000), `runs` ⊆ A…E, each for every
    /// seed in `seeds`; `includeSnapshot` adds the finite-nudge snapshot and the speed benchmark.
    public static func run(epochs: Int = 2, trainImages: Int = 30_000, testImages: Int = 10_000,
                           runs: [String] = ["A", "B", "C", "D", "E"], seeds: [UInt64] = [0, 1, 2],
                           includeSnapshot: Bool = true, overrides: Overrides = Overrides(),
                           dataDirectory: String = "/usr/share/datasets/fashion-mnist",
                           progress: (String) -> Void = { _ in }) -> String {
        BLAS.configureFromEnvironment()
        guard FashionMNISTData.isAvailable(in: dataDirectory) else {
            return "Fashion-MNIST not found in \(dataDirectory); install `dataset-fashion-mnist`."
        }
        let seedList = seeds.map { String($0) }.joined(separator: ", ")
        var out = "# holomorphic-ep reproduction (seeds \(seedList), \(epochs) epoch(s) × \(trainImages) images, "
            + "\(testImages) test images, damping γ = \(overrides.damping), T1 = \(overrides.freeSteps))\n\n"
        do {
            if includeSnapshot {
                out += try snapshot(dataDirectory: dataDirectory, progress: progress)
                out += try speed(dataDirectory: dataDirectory, progress: progress)
            }
            var rows: [RunSummary] = []
            for seed in seeds {
                for name in runs {
                    rows.append(try train(run: name, epochs: epochs, trainImages: trainImages, testImages: testImages,
                                          seed: seed, overrides: overrides, dataDirectory: dataDirectory, progress: progress))
                }
            }
            out += table(rows)
            out += verdicts(rows)
        } catch {
            out += "\nerror: \(error)\n"
        }
        return out
    }

    /// The configuration of run A…E (spec §11; `overrides` default to the protocol's γ = 1, T1 = 100).
    public static func configuration(run: String, epochs: Int, trainImages: Int, testImages: Int, seed: UInt64,
                                     overrides: Overrides = Overrides(), dataDirectory: String) -> HolomorphicEPConfiguration {
        var c = HolomorphicEPConfiguration()
        c.damping = overrides.damping
        c.freeSteps = overrides.freeSteps
        c.seed = seed
        c.dataDirectory = dataDirectory
        c.trainImages = trainImages
        c.testImages = testImages
        c.epochs = epochs
        c.diagnosticsInterval = 0
        c.feedbackAngle = run == "A" ? 0 : 90
        c.lambda = (run == "C" || run == "E") ? 1 : 0
        c.estimator = (run == "D" || run == "E") ? .recurrentBackprop : .holomorphic
        return c
    }

    static func train(run name: String, epochs: Int, trainImages: Int, testImages: Int, seed: UInt64,
                      overrides: Overrides = Overrides(), dataDirectory: String,
                      progress: (String) -> Void) throws -> RunSummary {
        let c = configuration(run: name, epochs: epochs, trainImages: trainImages, testImages: testImages, seed: seed,
                              overrides: overrides, dataDirectory: dataDirectory)
        let exp = try HolomorphicEPExperiment(configuration: c)
        let start = Date()
        let initial = exp.measureProbe()
        var accuracies: [Double] = []
        var residualFraction = 0.0
        for epoch in 0..<epochs {
            for _ in 0..<exp.stepsPerEpoch { _ = try exp.step() }
            let e = try exp.evaluate()
            accuracies.append(e["eval/accuracy"] ?? .nan)
            residualFraction = e["eval/free_residual_fraction"] ?? .nan
            progress("run \(name) seed \(seed) epoch \(epoch + 1): test accuracy \(fmt(100 * accuracies.last!)) %, "
                     + "\(Int(Date().timeIntervalSince(start))) s")
        }
        let end = exp.measureProbe()
        progress("run \(name) seed \(seed): cos(ν̂,δ) h0 \(fmt(initial.cosEstimateTrue[0])) → \(fmt(end.cosEstimateTrue[0]))")
        return RunSummary(name: name, seed: seed, testAccuracy: accuracies, cosEstimateTrueInit: initial.cosEstimateTrue[0],
                          cosTangentTrueInit: initial.cosTangentTrue[0],
                          cosEstimateTrueEnd: end.cosEstimateTrue[0], cosTangentTrueEnd: end.cosTangentTrue[0],
                          cosEstimateTangentEnd: end.cosEstimateTangent[0], weightAngle: end.weightAngles.first ?? .nan,
                          symmetry: end.symmetryScore, residualFraction: residualFraction,
                          seconds: Date().timeIntervalSince(start))
    }
}
