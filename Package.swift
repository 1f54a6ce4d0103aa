// swift-tools-version:6.0
// Equilab: a terminal workbench for training symmetry-aware models on CPU.
import PackageDescription

/// Release builds optimise across module boundaries so generic tensor kernels specialise in callers.
let optimized: [SwiftSetting] = [
    .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
]

let numerics: [Target.Dependency] = [
    .product(name: "Numerics", package: "swift-numerics"),
]

/// The six method modules share one dependency set: they build on the whole numeric stack and conform to Session.
let methodDependencies: [Target.Dependency] = [
    "Tensors", "Autodiff", "NN", "Symmetry", "Datasets", "Session",
] + numerics

let methods = [
    "SoftEquivariance", "LieDecomposition", "InvertibilityDecomposition",
    "FrameAveraging", "GauntTensorProduct", "EquilibriumPropagation",
]

var targets: [Target] = [
    // MARK: - System libraries
    .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(name: "CFFTW", pkgConfig: "fftw3", providers: [.apt(["libfftw3-dev"])]),
    .systemLibrary(name: "CNCursesW", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

    // MARK: - Foundation
    .target(name: "Tensors", dependencies: ["CBLAS", "CFFTW"] + numerics, swiftSettings: optimized),
    .target(name: "Autodiff", dependencies: ["Tensors"] + numerics, swiftSettings: optimized),
    .target(name: "NN", dependencies: ["Tensors", "Autodiff"] + numerics, swiftSettings: optimized),
    .target(name: "Symmetry", dependencies: ["Tensors", "Autodiff"] + numerics, swiftSettings: optimized),
    .target(name: "Datasets", dependencies: ["Tensors", "CZlib"], swiftSettings: optimized),

    // MARK: - Engine and front ends
    .target(
        name: "Session",
        dependencies: ["Tensors", "NN", .product(name: "Yams", package: "Yams")],
        swiftSettings: optimized),
    .target(name: "Baseline", dependencies: ["Tensors", "Autodiff", "NN", "Datasets", "Session"],
            swiftSettings: optimized),
    .target(name: "Plot", swiftSettings: optimized),
    .target(name: "TUI", dependencies: ["Plot", "Session", "CNCursesW"], swiftSettings: optimized),

    // MARK: - Executables
    .executableTarget(
        name: "equilab",
        dependencies: ["Session", "TUI", "Baseline", "Datasets", "Tensors"]
            + methods.map { Target.Dependency(stringLiteral: $0) }
            + [.product(name: "ArgumentParser", package: "swift-argument-parser")],
        swiftSettings: optimized),
    .executableTarget(
        name: "Benchmarks",
        dependencies: ["Tensors", "Autodiff", "NN", "Datasets", "Session", "Baseline", "Symmetry"]
            + methods.map { Target.Dependency(stringLiteral: $0) },
        swiftSettings: optimized),

    // MARK: - Test support
    .target(name: "_TestSupport", dependencies: ["Tensors", "Autodiff"] + numerics, path: "Tests/_TestSupport"),
]

targets += methods.map { .target(name: $0, dependencies: methodDependencies, swiftSettings: optimized) }

let testedModules = [
    "Tensors", "Autodiff", "NN", "Symmetry", "Datasets", "Session", "Baseline", "Plot", "TUI",
] + methods
targets += testedModules.map { module in
    .testTarget(
        name: "\(module)Tests",
        dependencies: Array(Set([module, "_TestSupport", "Tensors", "Autodiff"])).sorted()
            .map { Target.Dependency(stringLiteral: $0) } + numerics,
        resources: [.copy("Fixtures")])
}
targets.append(
    .testTarget(name: "EndToEndTests", dependencies: ["_TestSupport", "Session"])
)

let package = Package(
    name: "Equilab",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "equilab", targets: ["equilab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: targets
)
