import ArgumentParser
import EquilibriumPropagation
import FrameAveraging
import Foundation
import GauntTensorProduct
import InvertibilityDecomposition
import LieDecomposition
import SoftEquivariance
import Symmetry
import Tensors

/// `equilab reproduce METHOD`: the long reproduction protocols whose numbers land in docs/ (never run by tests).
///
/// ```
/// equilab reproduce soft-equivariance            # spec §12: 3 seeds inertia, 2 seeds motion (≈ 10 min)
/// equilab reproduce lie-group-decompositions     # spec §10: G-CNN (SL, GL) and CNN baselines on affFashion
/// equilab reproduce ood-gan-inversion            # spec §3.9: ours vs B0/B1/B2/B3 per seed
/// equilab reproduce frame-averaging              # n-body FA-GNN vs GNN at 30 epochs
/// equilab reproduce holomorphic-ep               # spec §11: runs A–E × 3 seeds on Fashion-MNIST
/// equilab reproduce gaunt-benchmark              # µs per product for FFT / sparse / dense, L = 1…16 (FFT to 32)
/// ```
struct ReproduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Run a method's reproduction protocol (or the Gaunt benchmark) and print its markdown report.",
        discussion: "Methods: \(Method.allCases.map(\.rawValue).joined(separator: ", ")). Progress goes to stderr.")

    enum Method: String, CaseIterable, ExpressibleByArgument {
        case softEquivariance = "soft-equivariance"
        case lieGroupDecompositions = "lie-group-decompositions"
        case oodGANInversion = "ood-gan-inversion"
        case frameAveraging = "frame-averaging"
        case holomorphicEP = "holomorphic-ep"
        case gauntBenchmark = "gaunt-benchmark"
    }

    @Argument(help: "The method.")
    var method: Method

    @Option(name: .long, help: "Comma-separated seeds (default: the method's protocol).")
    var seeds: String?

    @Option(name: .long, help: "Epochs (frame-averaging, holomorphic-ep, lie-group-decompositions; default: the protocol's).")
    var epochs: Int?

    @Option(name: .long, help: "Shrink data and steps by this factor for a quick look (soft-equivariance, ood-gan-inversion).")
    var scale: Double = 1

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Protocol override KEY=VALUE (lie-group-decompositions: models, train, test, samples, kernel_width, omega, variance, lr, draws, margin, test_pad, per_epoch, rotation, mask, data_dir, cnn_lr, copies, preset (section10, long, mnist-5k); holomorphic-ep: damping, free_steps, runs, snapshot; ood-gan-inversion: fusion (logit, product), warp (full, gated), kappa, passes, variants (comma list of product, gated)).",
        valueName: "key=value"))
    var overrides: [String] = []

    @Option(name: .long, help: "Also write the report to this file.")
    var out: String?

    func run() throws {
        BLAS.configureFromEnvironment()
        let seedList = seeds?.split(separator: ",").compactMap { UInt64($0.trimmingCharacters(in: .whitespaces)) }
        let log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        let report: String
        if ![.lieGroupDecompositions, .holomorphicEP, .oodGANInversion].contains(method), let first = overrides.first {
            throw ValidationError("--set \(first): \(method.rawValue) takes no overrides")
        }
        switch method {
        case .softEquivariance:
            report = try SoftEquivarianceReproduction.run(
                inertiaSeeds: seedList ?? [0, 1, 2], motionSeeds: seedList.map { Array($0.prefix(2)) } ?? [0, 1],
                epochScale: scale, progress: log)
        case .lieGroupDecompositions:
            let pairs = try keyValues(known: Self.lieKeys)
            var options = try liePreset(pairs)
            if let epochs { options.epochs = epochs }
            if let seed = seedList?.first { options.seed = seed }
            try applyLieOverrides(pairs, to: &options)
            report = try LieDecompositionReproduction.run(options, log: log)
        case .oodGANInversion:
            let (alignment, variants) = try oodSettings(keyValues(known: ["fusion", "warp", "kappa", "passes", "variants"]))
            report = InvertibilityReproduction.run(seeds: seedList ?? [1, 2], scale: scale, alignment: alignment,
                                                   variants: variants, log: log)
        case .frameAveraging:
            report = FrameAveragingReproduction.run(epochs: epochs ?? 30, seed: seedList?.first ?? 0, log: log)
        case .holomorphicEP:
            var tweaks = HolomorphicEPReproduction.Overrides(), runs = ["A", "B", "C", "D", "E"], snapshot = true
            for (key, value) in try keyValues(known: ["damping", "free_steps", "runs", "snapshot"]) {
                switch key {
                case "damping":
                    guard let v = Double(value), v > 0, v <= 1 else {
                        throw ValidationError("--set damping=\(value): expected γ in (0, 1]")
                    }
                    tweaks.damping = v
                case "free_steps":
                    guard let v = Int(value), v > 0 else {
                        throw ValidationError("--set free_steps=\(value): expected a positive step count")
                    }
                    tweaks.freeSteps = v
                case "runs": runs = value.split(separator: ",").map { $0.uppercased() }
                default: snapshot = value == "true" || value == "1"
                }
            }
            report = HolomorphicEPReproduction.run(epochs: epochs ?? 2, runs: runs, seeds: seedList ?? [0, 1, 2],
                                                   includeSnapshot: snapshot, overrides: tweaks, progress: log)
        case .gauntBenchmark:
            report = GauntBenchmark.run(progress: { log("\($0)") })
        }
        print(report)
        if let out { try report.write(toFile: out, atomically: true, encoding: .utf8) }
    }

    /// The OOD-inversion module setting for "ours" and the extra stage-1 variants (`variants=product,gated`: the
    /// spec's report-only product-fusion and gated-warp runs, each from the same stage-0 weights).
    func oodSettings(_ pairs: [(String, String)]) throws -> (AlignmentSettings, [(String, AlignmentSettings)]) {
        var setting = AlignmentSettings()
        var variantNames: [String] = []
        for (key, value) in pairs {
            switch key {
            case "fusion": setting.fusion = try Self.choice(MaskFusion.self, key: key, value: value)
            case "warp": setting.warp = try Self.choice(WarpMode.self, key: key, value: value)
            case "kappa":
                guard let k = Float(value), k >= 0, k <= 1 else { throw ValidationError("--set kappa=\(value): expected κ in [0, 1]") }
                setting.kappa = k
            case "passes":
                guard let k = Int(value), (1...3).contains(k) else { throw ValidationError("--set passes=\(value): expected K in 1...3") }
                setting.passes = k
            default:
                variantNames = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                for name in variantNames where !["product", "gated"].contains(name) {
                    throw ValidationError("--set variants=\(value): \(name) is not a variant; expected product, gated")
                }
            }
        }
        let variants = variantNames.map { name -> (String, AlignmentSettings) in
            var v = setting
            if name == "product" { v.fusion = .product } else { v.warp = .gated }
            return (name == "product" ? "product fusion" : "gated warp", v)
        }
        return (setting, variants)
    }

    /// `--set KEY=VALUE` read as one of an enumeration's names; anything else is a usage error listing them.
    static func choice<T: RawRepresentable & CaseIterable>(_: T.Type, key: String, value: String) throws -> T
        where T.RawValue == String {
        guard let v = T(rawValue: value) else {
            throw ValidationError("--set \(key)=\(value): expected one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return v
    }

    /// The `--set KEY=VALUE` pairs, each key checked against `known`.
    func keyValues(known: [String]) throws -> [(String, String)] {
        try overrides.map { item in
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ValidationError("--set \(item): expected KEY=VALUE") }
            guard known.contains(parts[0]) else {
                throw ValidationError("--set \(parts[0]): unknown key for \(method.rawValue); known: \(known.joined(separator: ", "))")
            }
            return (parts[0], parts[1])
        }
    }

    /// The Lie protocol `--set preset=NAME` names (`section10` when none does); the other keys apply on top of it.
    func liePreset(_ pairs: [(String, String)]) throws -> LieDecompositionReproduction.Options {
        let presets = LieDecompositionReproduction.Options.presets
        guard let name = pairs.last(where: { $0.0 == "preset" })?.1 else {
            return LieDecompositionReproduction.Options()
        }
        guard let preset = presets.first(where: { $0.name == name }) else {
            throw ValidationError("--set preset=\(name): expected one of \(presets.map(\.name).joined(separator: ", "))")
        }
        return preset.options
    }

    static let lieKeys = ["models", "train", "test", "samples", "kernel_width", "omega", "variance", "lr", "draws", "margin",
                   "test_pad", "per_epoch", "rotation", "mask", "data_dir", "cnn_lr", "copies", "preset"]

    /// Applies `--set KEY=VALUE` overrides to the Lie protocol; unknown keys or bad values are a usage error.
    func applyLieOverrides(_ pairs: [(String, String)], to options: inout LieDecompositionReproduction.Options) throws {
        for (key, value) in pairs where key != "preset" {
            func number() throws -> Double {
                guard let v = Double(value), v.isFinite, v > 0 else {
                    throw ValidationError("--set \(key)=\(value): expected a positive number")
                }
                return v
            }
            func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type) throws -> T where T.RawValue == String {
                try Self.choice(type, key: key, value: value)
            }
            switch key {
            case "models": options.models = value.split(separator: ",").map(String.init)
            case "train": options.trainCount = Int(try number())
            case "test": options.testCount = Int(try number())
            case "samples": options.samples = Int(try number())
            case "kernel_width": options.kernelWidth = Int(try number())
            case "draws": options.evaluationDraws = Int(try number())
            case "omega": options.omega = try number()
            case "variance": options.variance = try number()
            case "lr": options.gcnnLearningRate = try number()
            case "cnn_lr": options.cnnLearningRate = try number()
            case "copies": options.testCopies = Int(try number())
            case "test_pad": options.testPadding = Int(try number())
            case "margin": options.inputMargin = Int(try number())
            case "data_dir": options.directory = value
            case "mask": options.mask = try choice(KernelMask.self)
            case "rotation": options.rotation = try choice(RotationSampling.self)
            default: options.evaluatesEachEpoch = value == "true" || value == "1"
            }
        }
    }
}
