import Foundation
import Session
import Testing
import Tensors
@testable import FrameAveraging

func nbodySpec(cache: String, model: String = "FA-GNN") -> SessionSpec {
    func s(_ v: String) -> SpecNode { .scalar(v, line: 0) }
    func m(_ e: [(String, SpecNode)]) -> SpecNode { .mapping(e.map { (key: $0.0, value: $0.1, line: 0) }, line: 0) }
    let root = m([
        ("data", m([("train", s("40")), ("validation", s("20")), ("test", s("20")), ("cache", s(cache))])),
        ("model", m([("kind", s(model)), ("hidden", s("12")), ("gnn_hidden", s("8")), ("layers", s("2"))])),
        ("training", m([("epochs", s("2")), ("batch", s("10")), ("eval_every", s("1"))])),
    ])
    return SessionSpec(file: "test.yaml", name: "fa-nbody-test", kind: NBodyExperiment.kind, seed: 3, summary: "", root: root)
}

@Test func NBodyExperimentResumesBitIdenticallyAndSwitchesModelsLive() throws {
    let cache = FileManager.default.temporaryDirectory.appendingPathComponent("fa-nbody-test-\(getpid())").path
    defer { try? FileManager.default.removeItem(atPath: cache) }
    let a = try NBodyExperiment(spec: nbodySpec(cache: cache))
    #expect(a.totalSteps == 8 && a.stepsPerEpoch == 4)
    for _ in 0..<3 { _ = try a.step() }
    try a.setHyperparameter("model", to: 1)  // GNN
    _ = try a.step()
    try a.setHyperparameter("model", to: 0)
    try a.setHyperparameter("fa_mode", to: 2)  // sampled
    let saved = try a.saveState()
    let next = try (0..<3).map { _ in try a.step()["loss"] ?? .nan }
    let b = try NBodyExperiment(spec: nbodySpec(cache: cache))
    try b.restoreState(saved)
    let resumed = try (0..<3).map { _ in try b.step()["loss"] ?? .nan }
    #expect(next == resumed)
    let eval = try b.evaluate()
    #expect((eval["symmetry/e3"] ?? 1) < 1e-4)
    #expect((eval["symmetry/permutation"] ?? 1) < 1e-4)
    #expect((eval["symmetry/gnn-e3"] ?? 0) > 1e-2)
    let panels = b.diagnostics()
    #expect(panels.contains { $0.title == "frame diagnostics" })
    #expect(throws: ExperimentError.self) { try b.setHyperparameter("hidden", to: 30) }
}
