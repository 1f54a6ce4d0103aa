import Foundation
import Testing
import Tensors
@testable import EquilibriumPropagation

// MARK: - Spec §12 checks 7–8 on a small Fashion-MNIST probe set (initial §11 network, Double)

private let dataMissing = !FashionMNISTData.isAvailable()

private func snapshot(alpha: Double) throws -> ProbeReport {
    var c = HolomorphicEPConfiguration()
    c.trainImages = 40
    c.testImages = 10
    c.probeImages = 24
    c.sweepImages = 4
    c.feedbackAngle = alpha
    c.radius = 0.05
    c.nudgedSteps = 60
    c.diagnosticsInterval = 0
    let exp = try HolomorphicEPExperiment(configuration: c)
    return exp.measureProbe()
}

@Test(.disabled(if: dataMissing, "Fashion-MNIST IDX files absent: apt-get install dataset-fashion-mnist"))
func symmetricSnapshotGivesExactGradients() throws {
    let r = try snapshot(alpha: 0)
    for (l, c) in r.cosEstimateTrue.enumerated() { #expect(c >= 0.9999, "cos(ν̂_4, δ) \(r.layers[l]) = \(c)") }
    for t in r.tensorCosines { #expect(t.cosine >= 0.999, "cos(ĝ_4, g) \(t.name) = \(t.cosine)") }
    #expect(r.freeResidualFractionLarge <= 0.05)
}

@Test(.disabled(if: dataMissing, "Fashion-MNIST IDX files absent: apt-get install dataset-fashion-mnist"))
func asymmetricSnapshotIsMisalignedButFiniteNudgeExact() throws {
    let r = try snapshot(alpha: 90)
    #expect(r.cosTangentTrue[0] <= 0.2, "cos(ν, δ) hidden = \(r.cosTangentTrue[0])")
    for (l, c) in r.cosEstimateTangent.enumerated() { #expect(c >= 0.999, "cos(ν̂_4, ν) \(r.layers[l]) = \(c)") }
    // The sweep falls geometrically inside the radius and no radius warning is raised.
    let e = r.errorVersusPhases
    #expect(e[2].error < e[1].error / 4 && e[4].error < e[2].error / 16, "\(e)")
    #expect(r.radiusWarning == nil)
    #expect(abs(r.weightAngles[0] - 90) < 5)
}
