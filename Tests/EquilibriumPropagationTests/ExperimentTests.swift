import Foundation
import Session
import Testing
import Tensors
@testable import EquilibriumPropagation

// MARK: - The holomorphic-ep experiment: determinism, save/restore, live hyperparameters, spec parsing

private let dataMissing = !FashionMNISTData.isAvailable()

private func smallConfiguration() -> HolomorphicEPConfiguration {
    var c = HolomorphicEPConfiguration()
    c.trainImages = 200
    c.testImages = 50
    c.probeImages = 8
    c.sweepImages = 2
    c.hiddenSizes = [24]
    c.batchSize = 20
    c.freeSteps = 30
    c.nudgedSteps = 10
    c.lambda = 1
    c.diagnosticsInterval = 3
    return c
}

@Test(.disabled(if: dataMissing, "Fashion-MNIST IDX files absent: apt-get install dataset-fashion-mnist"))
func seededRunsAreBitIdentical() throws {
    let a = try HolomorphicEPExperiment(configuration: smallConfiguration())
    let b = try HolomorphicEPExperiment(configuration: smallConfiguration())
    for _ in 0..<4 {
        let ma = try a.step(), mb = try b.step()
        #expect(ma["loss"] == mb["loss"] && ma["loss"]!.isFinite)
    }
    #expect(a.network == b.network)
}

@Test(.disabled(if: dataMissing, "Fashion-MNIST IDX files absent: apt-get install dataset-fashion-mnist"))
func restoredRunContinuesExactly() throws {
    let a = try HolomorphicEPExperiment(configuration: smallConfiguration())
    for _ in 0..<2 { _ = try a.step() }
    try a.setHyperparameter("radius", to: 0.2)
    try a.setHyperparameter("estimator", to: 2)
    let saved = try a.saveState()
    let b = try HolomorphicEPExperiment(configuration: smallConfiguration())
    try b.restoreState(saved)
    #expect(b.configuration == a.configuration)
    for _ in 0..<12 {   // crosses an epoch boundary (10 steps per epoch)
        #expect(try a.step()["loss"] == b.step()["loss"])
    }
    #expect(a.network == b.network)
    #expect(try a.saveState() == b.saveState())
}

@Test(.disabled(if: dataMissing, "Fashion-MNIST IDX files absent: apt-get install dataset-fashion-mnist"))
func liveHyperparametersAndPanels() throws {
    let e = try HolomorphicEPExperiment(configuration: smallConfiguration())
    #expect(throws: ExperimentError.self) { try e.setHyperparameter("phases", to: 40) }
    #expect(throws: ExperimentError.self) { try e.setHyperparameter("nope", to: 1) }
    try e.setHyperparameter("phases", to: 6)
    try e.setHyperparameter("feedback_angle", to: 0)
    #expect(JacobianHomeostasis.symmetryScore(e.network) > 0.999999)
    let panels = e.diagnostics()
    guard case .nudge(let nudge) = panels.first else { Issue.record("first panel is not the nudge panel"); return }
    #expect(nudge.phaseCount == 6 && nudge.phasePoints.count == 6 && nudge.nudgedResiduals.count == 6)
    #expect(nudge.nudgedResiduals.allSatisfy { $0.isFinite })
    #expect(abs(nudge.jacobianAsymmetry - 1) < 1e-6)
    #expect(panels.contains { if case .curves(let c) = $0 { c.curves.first?.x == [1, 2, 4, 6, 8] } else { false } })
    let metrics = try e.step()
    #expect(metrics["diag/cos_nu_delta/h0"] != nil)   // diagnostics every 3 steps, first at step 0
    let eval = try e.evaluate()
    #expect((0...1).contains(eval["eval/accuracy"] ?? -1))
}

@Test func specParsingReadsEveryKeyAndNamesBadFields() throws {
    func spec(_ method: [(String, String)]) -> SessionSpec {
        let m = SpecNode.mapping(method.enumerated().map { (key: $1.0, value: .scalar($1.1, line: $0 + 2), line: $0 + 2) }, line: 1)
        return SessionSpec(file: "hep.yaml", name: "t", kind: "holomorphic-ep", seed: 3, summary: "",
                           root: .mapping([(key: "method", value: m, line: 1)], line: 0))
    }
    let c = try HolomorphicEPConfiguration(spec: spec([("estimator", "RBP"), ("radius", "0.25"), ("phases", "6"), ("lambda", "1")]))
    #expect(c.estimator == .recurrentBackprop && c.radius == 0.25 && c.phaseCount == 6 && c.lambda == 1 && c.seed == 3)
    #expect(throws: SpecError.self) { try HolomorphicEPConfiguration(spec: spec([("estimator", "hep")])) }
    do {
        _ = try HolomorphicEPConfiguration(spec: spec([("radius", "5")]))
        Issue.record("radius 5 accepted")
    } catch let e as SpecError {
        #expect(e.field == "method.radius" && e.file == "hep.yaml")
    }
}
