import Foundation
import Session
import Tensors
import Testing
@testable import LieDecomposition

// MARK: - The lie-gcnn experiment: reproducibility (§11 check 8), checkpoints, live settings, panels, errors.

/// A spec from nested string dictionaries (no YAML parser needed).
func makeSpec(_ sections: [String: [String: String]], seed: UInt64 = 5) -> SessionSpec {
    let entries = sections.keys.sorted().map { key in
        (key: key, value: SpecNode.mapping(sections[key]!.keys.sorted().map {
            (key: $0, value: SpecNode.scalar(sections[key]![$0]!, line: 0), line: 0)
        }, line: 0), line: 0)
    }
    return SessionSpec(file: "test.yaml", name: "test", kind: LieGCNNExperiment.kind, seed: seed, summary: "",
                       root: .mapping(entries, line: 0))
}

/// A tiny but real configuration: 64 training and 20 test images, C = 4, N = 2.
func tinySpec(kind: String = "gcnn", group: String = "SL", seed: UInt64 = 5) -> SessionSpec {
    makeSpec(["data": ["train": "64", "test": "20"],
              "model": ["kind": kind, "group": group, "channels": "4", "samples": "2", "kernel_width": "8"],
              "training": ["batch": "16", "epochs": "2"]], seed: seed)
}

let fashionAvailable = FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")

@Test(.enabled(if: fashionAvailable), arguments: ["SL", "GL"])
func sameSeedGivesIdenticalLossCurve(group: String) throws {
    let a = try LieGCNNExperiment(spec: tinySpec(group: group)), b = try LieGCNNExperiment(spec: tinySpec(group: group))
    for _ in 0..<3 {
        let la = try #require(try a.step()["loss"]), lb = try #require(try b.step()["loss"])
        #expect(la == lb)
        #expect(la.isFinite)
    }
    let c = try LieGCNNExperiment(spec: tinySpec(group: group, seed: 6))
    #expect(try c.step()["loss"] != (try LieGCNNExperiment(spec: tinySpec(group: group)).step()["loss"]))
}

@Test(.enabled(if: fashionAvailable), arguments: ["gcnn", "cnn"])
func restoredRunContinuesExactly(kind: String) throws {
    let a = try LieGCNNExperiment(spec: tinySpec(kind: kind))
    for _ in 0..<5 { _ = try a.step() }     // crosses an epoch boundary (4 steps per epoch)
    if kind == "gcnn" { try a.setHyperparameter("samples", to: 3) }
    try a.setHyperparameter("lr", to: 1e-3)
    let state = try a.saveState()
    let expected = try (0..<3).map { _ in try a.step()["loss"] ?? .nan }
    let b = try LieGCNNExperiment(spec: tinySpec(kind: kind))
    try b.restoreState(state)
    let resumed = try (0..<3).map { _ in try b.step()["loss"] ?? .nan }
    #expect(resumed == expected)
}

@Test(.enabled(if: fashionAvailable))
func liveSettingsAndPanels() throws {
    let e = try LieGCNNExperiment(spec: tinySpec())
    _ = try e.step()
    let before = e.trainer.data.testAffine
    try e.setHyperparameter("test_rotation", to: 90)
    #expect(e.trainer.data.testAffine != before)
    try e.setHyperparameter("variance", to: 0)
    try e.setHyperparameter("rotation_sampling", to: 0)
    _ = try e.step()
    #expect(e.trainer.lastSamples.allSatisfy { abs($0.element.determinant - 1) < 1e-12 })
    #expect(throws: ExperimentError.self) { try e.setHyperparameter("channels", to: 8) }
    #expect(throws: ExperimentError.self) { try e.setHyperparameter("samples", to: 99) }
    let metrics = try e.evaluate()
    for key in ["eval/clean_accuracy", "eval/affine_accuracy", "eval/gap", "eval/logit_change", "eval/resampling_noise"] {
        #expect(metrics[key] != nil, "missing \(key)")
    }
    let titles = e.diagnostics().map(\.title)
    #expect(titles.contains { $0.hasPrefix("clean vs affine") })
    #expect(titles.contains { $0.hasPrefix("invariance meter") })
    #expect(titles.contains("samples as g·(unit circle)"))
    #expect(titles.contains { $0.hasPrefix("lifting kernel") })
    #expect(titles.contains { $0.hasPrefix("sweep probe: rotation") })
}

@Test func missingDataNamesTheFileAndFix() {
    let spec = makeSpec(["data": ["directory": "/nonexistent/fashion"]])
    #expect {
        _ = try LieGCNNExperiment(spec: spec)
    } throws: { error in
        let text = "\(error)"
        return text.contains("/nonexistent/fashion/train-images-idx3-ubyte.gz") && text.contains("data.directory")
    }
}

@Test func badSpecValueNamesTheField() {
    let spec = makeSpec(["model": ["group": "SO3"]])
    #expect {
        _ = try LieGCNNExperiment(spec: spec)
    } throws: { error in
        (error as? SpecError)?.field == "model.group"
    }
}

@Test func idxLoaderReadsSyntheticFixture() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lie-idx-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var images: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 28, 0, 0, 0, 28]
    for i in 0..<(3 * 784) { images.append(UInt8(i % 251)) }
    let labels: [UInt8] = [0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 9]
    for (name, bytes) in [("x-images-idx3-ubyte", images), ("x-labels-idx1-ubyte", labels)] {
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        let gz = Process()
        gz.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gz.arguments = ["-f", url.path]
        try gz.run()
        gz.waitUntilExit()
    }
    let split = try FashionMNISTLoader.load(split: "x", directory: dir.path, limit: 2)
    #expect(split.labels == [7, 2])
    #expect(split.images.count == 2 * 784 && split.images[785] == Float(785 % 251))
}
