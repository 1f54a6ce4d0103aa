import Testing
import Tensors
@testable import SoftEquivariance
@testable import Symmetry

// MARK: - CosSim (§9.2): Scale-compatible products

@Test func scaleCompatibleBackwardMatchesFiniteDifferences() {
    var rng = RandomSource(seed: 12)
    let block = EMLPLiteNonlinearity(scalars: 4, vectors: 3, tensors: 2, isScaleCompatible: true)
    let y = randomTensor([3, block.inputDimension], &rng)
    let c = randomTensor([3, block.outputDimension], &rng)
    let loss: ([Double]) -> Double = { v in
        zip(block(Tensor(shape: y.shape, scalars: v)).scalars, c.scalars).reduce(0) { $0 + $1.0 * $1.1 }
    }
    let dy = block.backward(c, input: y, preGate: block.products(y))
    var worst = 0.0
    for i in 0..<y.count {
        let fd = centralDifference(loss, at: y.scalars, index: i)
        worst = max(worst, abs(fd - dy.scalars[i]) / max(1e-3, abs(fd)))
    }
    #expect(worst < 1e-3, "worst relative error \(worst)")
}

@Test func scaleProjectedNetworkWithScaleCompatibleProductsIsScaleEquivariant() {
    // Vector output: the network must be homogeneous of degree 1, which ⟨v,v⟩ → S or T·v → V would break.
    let arch = EMLPLiteArchitecture(inRep: RepSum(vectors: 3), hidden: RepSum(scalars: 6, vectors: 4, tensors: 2),
                                    outRep: RepSum(vectors: 1), blocks: 2, usesScaleCompatibleProducts: true)
    var rng = RandomSource(seed: 13)
    let model = SoftEquivarianceModel(kind: .hard, architecture: arch, hardGroup: .scale, rng: &rng)
    let f: ([Double]) -> [Double] = { x in
        model.predict(Tensor(shape: [x.count / 9, 9], scalars: x.map { Float($0) })).scalars.map { Double($0) }
    }
    let ee = RepEquivarianceError.estimate(group: .scale, inRep: arch.inRep, outRep: arch.outRep, probes: 16, samples: 4,
                                           using: &rng, function: f)
    #expect(ee < 1e-5, "EE_Scale = \(ee)")
    let output = f((0..<90).map { _ in rng.normal() })
    #expect(output.contains { abs($0) > 1e-3 })   // not trivially zero
}

@Test func cosSimHardSO3IsRotationInvariant() {
    let config = SoftEquivarianceConfig(task: .cossim, model: .hard)
    var rng = RandomSource(seed: 14)
    let model = SoftEquivarianceModel(kind: .hard, architecture: config.architecture, hardGroup: .so3, rng: &rng)
    let f: ([Double]) -> [Double] = { x in
        model.predict(Tensor(shape: [x.count / 9, 9], scalars: x.map { Float($0) })).scalars.map { Double($0) }
    }
    let so3 = RepEquivarianceError.estimate(group: .so3, inRep: config.inRep, outRep: config.outRep, probes: 16, samples: 4,
                                            using: &rng, function: f)
    #expect(so3 < 1e-5, "EE_SO3 = \(so3)")
    let outputs = f((0..<90).map { _ in rng.normal() })
    #expect((outputs.max() ?? 0) - (outputs.min() ?? 0) > 1e-4)   // a non-constant invariant
}

@Test func cosSimExperimentTracksSO3AndScale() throws {
    var c = SoftEquivarianceConfig(task: .cossim, model: .per, seed: 2)
    c.trainCount = 100; c.validationCount = 20; c.testCount = 20; c.batchSize = 50
    c.hidden = RepSum(scalars: 4, vectors: 3, tensors: 1); c.epochs = 6; c.adjustEpoch = 2
    c.equivarianceProbes = 8; c.equivarianceSamples = 2
    let e = SoftEquivarianceExperiment(config: c)
    for _ in 0..<e.totalSteps { _ = try e.step() }
    #expect(e.adjustment.groups == ["SO3", "Scale"] && e.adjustment.isAdjusted)
    #expect(e.strengths.contains(1) && e.strengths.allSatisfy { $0 > 0 && $0 <= 1 })
    let m = try e.evaluate()
    #expect(m["ee_true.SO3"].map { $0 < 1e-9 } == true && m["ee_true.Scale"].map { $0 > 0.05 } == true)
}
