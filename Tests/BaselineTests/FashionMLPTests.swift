import Foundation
import Session
import Testing
@testable import Baseline

/// A small baseline configuration on the real Fashion-MNIST files (Debian package dataset-fashion-mnist).
func baselineSpec(seed: Int = 0, hidden: String = "[32]", extra: String = "") throws -> SessionSpec {
    let text = """
        kind: fashion-mlp
        seed: \(seed)
        data: { train_limit: 2000, eval_subset: 500 }
        model: { hidden: \(hidden) }
        training: { steps: 150, batch_size: 64, lr: 3e-3, eval_every: 50\(extra) }
        """
    return try SpecLoader.parse(text: text, file: "baseline.yaml", knownKinds: ["fashion-mlp"])
}

func build(_ spec: SessionSpec) throws -> FashionMLPExperiment {
    let (e, _) = try ExperimentCatalog(types: BaselineExperiments.all).build(spec)
    return try #require(e as? FashionMLPExperiment)
}

// MARK: - Determinism and state

@Test func seededRunsGiveBitIdenticalLosses() throws {
    let a = try build(try baselineSpec()), b = try build(try baselineSpec()), c = try build(try baselineSpec(seed: 1))
    let la = try (0..<5).map { _ in try a.step()["loss"] ?? .nan }
    let lb = try (0..<5).map { _ in try b.step()["loss"] ?? .nan }
    let lc = try (0..<5).map { _ in try c.step()["loss"] ?? .nan }
    #expect(la.map(\.bitPattern) == lb.map(\.bitPattern))
    #expect(la != lc)
}

@Test func savedStateContinuesExactlyAfterRestore() throws {
    let a = try build(try baselineSpec())
    for _ in 0..<4 { _ = try a.step() }
    try a.setHyperparameter("lr", to: 0.002)
    let state = try a.saveState()
    let expected = try (0..<4).map { _ in try a.step() }
    let b = try build(try baselineSpec())
    try b.restoreState(state)
    #expect(b.hyperparameters.first { $0.name == "lr" }?.value == Double(Float(0.002)))
    let continued = try (0..<4).map { _ in try b.step() }
    #expect(continued == expected)
    #expect(state.floatTensors.keys.contains("adam.m.mlp.0.weight") && state.values["data.batch"] == "4")
    let wider = try build(try baselineSpec(hidden: "[48]"))
    #expect(throws: ExperimentError.incompatibleState("tensor 'mlp.0.weight' has shape [784, 32], expected [784, 48]")) {
        try wider.restoreState(state)
    }
}

// MARK: - Hyperparameters

@Test func learningRateAndWeightDecayAreLiveBatchSizeIsNot() throws {
    let e = try build(try baselineSpec())
    try e.setHyperparameter("lr", to: 0.01)
    try e.setHyperparameter("weight_decay", to: 1e-4)
    #expect(e.optimizer.learningRate == 0.01 && e.optimizer.weightDecay == 1e-4)
    #expect(throws: ExperimentError.notLive(name: "batch_size")) { try e.setHyperparameter("batch_size", to: 32) }
    #expect(throws: ExperimentError.outOfRange(name: "lr", value: 5, range: 1e-6...1)) { try e.setHyperparameter("lr", to: 5) }
    #expect(e.hyperparameters.map(\.name) == ["lr", "weight_decay", "batch_size"])
    #expect(e.stepsPerEpoch == 2000 / 64)
}

// MARK: - Learning

@Test func theBaselineLearnsFashionMNIST() throws {
    let e = try build(try baselineSpec())
    var first = 0.0, last = 0.0
    for i in 0..<150 {
        let loss = try e.step()["loss"] ?? .nan
        if i < 10 { first += loss / 10 }
        if i >= 140 { last += loss / 10 }
    }
    #expect(last < 0.6 * first)
    let subset = try e.evaluate()
    let full = try e.evaluateFull()
    #expect((subset["accuracy"] ?? 0) > 0.65)
    #expect((full["accuracy"] ?? 0) > 0.65)
    #expect(subset["accuracy"] != full["accuracy"])   // 500 versus 10 000 test images
    #expect(e.diagnostics().map(\.title) == ["layers", "test accuracy per class", "baseline"])
}

// MARK: - Spec errors

@Test func specErrorsNameTheFieldAndTheDataPackage() throws {
    do {
        _ = try build(try baselineSpec(extra: ", optimiser: sgd"))
        Issue.record("an unknown key must throw")
    } catch {
        #expect("\(error)" == "baseline.yaml:5: training.optimiser: unknown key 'optimiser'; did you mean 'optimizer'? valid keys here: batch_size, eval_every, lr, optimizer, steps, weight_decay")
    }
    let missing = try SpecLoader.parse(text: "kind: fashion-mlp\ndata: { directory: /nonexistent/fm }\n",
                                       file: "m.yaml", knownKinds: ["fashion-mlp"])
    do {
        _ = try build(missing)
        Issue.record("missing data must throw")
    } catch {
        #expect("\(error)".contains("/nonexistent/fm/train-images-idx3-ubyte.gz: no such file; install the Debian package dataset-fashion-mnist"))
    }
    #expect(throws: SpecError.self) { try build(try baselineSpec(hidden: "[0]")) }
}
