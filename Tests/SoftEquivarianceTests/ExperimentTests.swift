import Session
import Testing
import Tensors
@testable import SoftEquivariance
@testable import Symmetry

func smallConfig(_ model: SoftModelKind = .per, seed: UInt64 = 1) -> SoftEquivarianceConfig {
    var c = SoftEquivarianceConfig(task: .inertia, model: model, seed: seed)
    c.trainCount = 100; c.validationCount = 40; c.testCount = 40; c.batchSize = 50
    c.hidden = RepSum(scalars: 6, vectors: 4, tensors: 2)
    c.epochs = 10; c.adjustEpoch = 4; c.evaluationEvery = 2; c.lambda0 = 1
    c.equivarianceProbes = 8; c.equivarianceSamples = 2
    return c
}

func runSteps(_ e: SoftEquivarianceExperiment, _ n: Int) throws -> [[String: Double]] {
    try (0..<n).map { _ in try e.step() }
}

// MARK: - §5 rule

@Test func adjustmentRuleFollowsTheReferenceExactly() {
    var a = StrengthAdjustment(groups: ["O3", "O2xy", "O2yz", "O2xz"], reference: "O3")
    #expect(a.strengths(lambda0: 2, exponent: 2) == [0, 2, 2, 2])
    a.track([9, 1, 4, 3])
    a.track([9, 2, 5, 4])      // no component improves: R* stays
    #expect(a.bestRegularizers == [9, 1, 4, 3])
    a.track([10, 3, 3.5, 5])   // one component improves: the whole vector is replaced
    #expect(a.bestRegularizers == [10, 3, 3.5, 5])
    a.adjust(current: [0, 0, 0, 0], lambda0: 2, exponent: 2, epoch: 7)
    let s = a.strengths(lambda0: 2, exponent: 2)
    // R_min over λ > 0 excludes the reference O3: R_min = 3.
    #expect(s[0] == 0 && s[1] == 2)
    #expect(abs(s[2] - 2 * (3 / 3.5) * (3 / 3.5)) < 1e-12 && abs(s[3] - 2 * (3.0 / 5) * (3.0 / 5)) < 1e-12)
    #expect(a.levels[1] == 1 && a.adjustedAtEpoch == 7)
    // An override freezes a row; disabling a group zeroes it.
    a.overrides[3] = 0.25
    a.isEnabled[2] = false
    #expect(a.strengths(lambda0: 2, exponent: 2) == [0, 2, 0, 0.25])
}

@Test func weakLambdaWarningAppearsWhenLevelsDoNotSeparate() {
    var a = StrengthAdjustment(groups: ["O2xy", "O2yz"], reference: nil)
    a.initialRegularizers = [10, 10]
    a.track([1, 1.05])
    a.adjust(current: [1, 1.05], lambda0: 1, exponent: 2, epoch: 1)
    #expect(a.warning != nil)
    var b = StrengthAdjustment(groups: ["O2xy", "O2yz"], reference: nil)
    b.initialRegularizers = [10, 10]
    b.track([0.1, 1])
    b.adjust(current: [0.1, 1], lambda0: 1, exponent: 2, epoch: 1)
    #expect(b.warning == nil)
}

// MARK: - A7 and determinism

@Test func sameSeedGivesIdenticalLossesAndStrengths() throws {
    let a = SoftEquivarianceExperiment(config: smallConfig(seed: 3))
    let b = SoftEquivarianceExperiment(config: smallConfig(seed: 3))
    let la = try runSteps(a, a.totalSteps).map { $0["loss"] ?? .nan }
    let lb = try runSteps(b, b.totalSteps).map { $0["loss"] ?? .nan }
    #expect(la == lb)
    #expect(a.adjustment.isAdjusted && a.strengths == b.strengths)
    #expect(a.strengths[0] == 0 && a.strengths.dropFirst().contains(1))
    let c = SoftEquivarianceExperiment(config: smallConfig(seed: 4))
    #expect(try runSteps(c, 3).map { $0["loss"] ?? .nan } != Array(la.prefix(3)))
}

@Test(arguments: [SoftModelKind.per, .rpp, .mlp])
func restoredRunContinuesBitIdentically(kind: SoftModelKind) throws {
    let config = smallConfig(kind)
    let original = SoftEquivarianceExperiment(config: config)
    _ = try runSteps(original, 7)   // mid-epoch, before T_adj
    let saved = try original.saveState()
    let tail = try runSteps(original, original.totalSteps - 7)
    let resumed = SoftEquivarianceExperiment(config: config)
    try resumed.restoreState(saved)
    let resumedTail = try runSteps(resumed, resumed.totalSteps - 7)
    #expect(tail == resumedTail)
    #expect(original.model.parameters.map(\.value) == resumed.model.parameters.map(\.value))
    #expect(try original.evaluate() == resumed.evaluate())
}

// MARK: - Live controls

@Test func liveOverridesFreezeToggleAndAdjustNow() throws {
    let e = SoftEquivarianceExperiment(config: smallConfig())
    _ = try runSteps(e, 2)
    try e.setHyperparameter("lambda.O2yz", to: 0.3)
    #expect(e.strengths[2] == 0.3)
    try e.setHyperparameter("enable.O2xz", to: 0)
    #expect(e.strengths[3] == 0)
    try e.setHyperparameter("lambda0", to: 5)
    #expect(e.strengths[1] == 5 && e.strengths[2] == 0.3)
    try e.perform("adjust-now")
    #expect(e.adjustment.isAdjusted && e.strengths[2] == 0.3)
    #expect(throws: ExperimentError.self) { try e.setHyperparameter("batch", to: 10) }
    #expect(throws: ExperimentError.self) { try e.setHyperparameter("lambda.SO9", to: 1) }
    guard case .symmetry(let panel) = e.diagnostics().first else { Issue.record("no symmetry panel"); return }
    #expect(panel.rows.map(\.group) == ["O3", "O2xy", "O2yz", "O2xz"])
    #expect(panel.rows[3].isEnabled == false && panel.rows[2].isFrozen)
    #expect(panel.phase.contains("adjusted"))
}

@Test func perFixedKeepsStrengthsAndFreeHasNone() throws {
    let fixed = SoftEquivarianceExperiment(config: smallConfig(.perFixed))
    _ = try runSteps(fixed, fixed.totalSteps)
    #expect(fixed.strengths == [0, 1, 1, 1] && !fixed.adjustment.isAdjusted)
    let free = SoftEquivarianceExperiment(config: smallConfig(.free))
    let m = try runSteps(free, 2)
    #expect(free.strengths == [0, 0, 0, 0] && m[0]["loss/reg.O2xy"] == nil)
}

// MARK: - Spec reading

func specNode(_ entries: [(String, SpecNode)], line: Int = 1) -> SpecNode {
    .mapping(entries.map { (key: $0.0, value: $0.1, line: line) }, line: line)
}
func leaf(_ s: String, line: Int = 1) -> SpecNode { .scalar(s, line: line) }

@Test func specValuesAreReadAndBadValuesNameTheField() throws {
    let root = specNode([
        ("data", specNode([("name", leaf("motion")), ("lanePull", leaf("0.2"))])),
        ("model", specNode([("kind", leaf("hard")), ("group", leaf("O2xy"))])),
        ("training", specNode([("epochs", leaf("40")), ("lr", leaf("1e-3"))])),
        ("method", specNode([("groups", .sequence([leaf("O2xy"), leaf("O2yz")], line: 1)), ("reference", leaf("none")),
                             ("adjustEpoch", leaf("10"))])),
    ])
    let spec = SessionSpec(file: "motion.yaml", name: "motion", kind: "soft-equivariance", seed: 9, summary: "", root: root)
    let c = try SoftEquivarianceConfig(spec: spec)
    #expect(c.task == .motion && c.model == .hard && c.hardGroup.name == "O2xy" && c.lanePull == 0.2)
    #expect(c.epochs == 40 && c.learningRate == 1e-3 && c.groups.map(\.name) == ["O2xy", "O2yz"] && c.reference == nil)
    #expect(spec.usage.readPaths.contains("training.lr"))
    let bad = specNode([("model", specNode([("kind", leaf("perr", line: 4))], line: 3))])
    let badSpec = SessionSpec(file: "x.yaml", name: "x", kind: "soft-equivariance", seed: 0, summary: "", root: bad)
    #expect {
        _ = try SoftEquivarianceConfig(spec: badSpec)
    } throws: { error in
        guard let e = error as? SpecError else { return false }
        return e.field == "model.kind" && e.line == 4 && e.message.contains("did you mean 'per'")
    }
}
