import Datasets
import Testing
import Tensors
@testable import FrameAveraging

/// Random systems shaped like the benchmark (positions N(0, 2²), speeds ~0.5, charges ±1).
func randomNBodyBatch(_ count: Int, seed: UInt64) -> NBodyBatch {
    var rng = RandomSource(seed: seed)
    let n = 5
    return NBodyBatch(systems: count, bodies: n,
                      charges: (0..<(count * n)).map { _ in rng.uniform() < 0.5 ? -1 : 1 },
                      positions: (0..<(count * n * 3)).map { _ in 2 * rng.normal() },
                      velocities: (0..<(count * n * 3)).map { _ in 0.5 * rng.normal() },
                      targets: (0..<(count * n * 3)).map { _ in rng.normal() })
}

/// max |f(gX) − g f(X)| over the batch for one sampled (R, t, π), and the systems flagged degenerate.
func equivarianceError(_ model: any NBodyModel, _ batch: NBodyBatch, seed: UInt64, rotate: Bool = true,
                       permute: Bool = true) -> Double {
    var rng = RandomSource(seed: seed)
    let r = rotate ? randomRotation(proper: false, using: &rng) : [1, 0, 0, 0, 1, 0, 0, 0, 1]
    let t = rotate ? (0..<3).map { _ in 3 * rng.normal() } : [0, 0, 0]
    let perm = permute ? rng.permutation(batch.bodies) : Array(0..<batch.bodies)
    var mrng = RandomSource(seed: 1)
    let (y, _) = model.predict(batch, training: false, rng: &mrng)
    let moved = batch.transformed(rotation: r, translation: t, permutation: perm)
    let (y2, _) = model.predict(moved, training: false, rng: &mrng)
    // g·f(X): transform the prediction as positions, then relabel.
    let pred = NBodyBatch(systems: batch.systems, bodies: batch.bodies, charges: batch.charges,
                          positions: y.value.scalars.map { Double($0) }, velocities: batch.velocities,
                          targets: batch.targets).transformed(rotation: r, translation: t, permutation: perm)
    return zip(pred.positions, y2.value.scalars).reduce(0.0) { max($0, abs($1.0 - Double($1.1))) }
}

@Test(arguments: [FAMode.perLayer, .inputOutput])
func FAGNNIsE3AndPermutationEquivariantInFloat(mode: FAMode) {
    var rng = RandomSource(seed: 3)
    let model = FAGNN(mode: mode, rng: &rng)
    let batch = randomNBodyBatch(200, seed: 11)
    let e3 = equivarianceError(model, batch, seed: 5, permute: false)
    let perm = equivarianceError(model, batch, seed: 6, rotate: false)
    let both = equivarianceError(model, batch, seed: 7)
    #expect(e3 < 1e-4, "E(3) error \(e3)")
    #expect(perm < 1e-4, "permutation error \(perm)")
    #expect(both < 1e-4, "E(3)×S_n error \(both)")
}

@Test func FAGNNSpecialOrthogonalModeIsRotationEquivariant() {
    var rng = RandomSource(seed: 4)
    let model = FAGNN(group: .se3, rng: &rng)
    let batch = randomNBodyBatch(50, seed: 12)
    var trng = RandomSource(seed: 9)
    let r = randomRotation(proper: true, using: &trng)
    var mrng = RandomSource(seed: 1)
    let (y, _) = model.predict(batch, training: false, rng: &mrng)
    let (y2, _) = model.predict(batch.transformed(rotation: r, translation: [1, -2, 0.5]), training: false, rng: &mrng)
    let expected = FrameAverage.transform(y.value.scalars.map { Double($0) }, rotation: r, translation: [1, -2, 0.5])
    let err = zip(expected, y2.value.scalars).reduce(0.0) { max($0, abs($1.0 - Double($1.1))) }
    #expect(err < 1e-4, "SE(3) error \(err)")
}

@Test func PlainGNNFailsTheSameEquivarianceTest() {
    var rng = RandomSource(seed: 3)
    let model = PlainGNN(rng: &rng)
    let batch = randomNBodyBatch(200, seed: 11)
    let e3 = equivarianceError(model, batch, seed: 5, permute: false)
    let perm = equivarianceError(model, batch, seed: 6, rotate: false)
    #expect(e3 > 1e-2, "the plain GNN should not be E(3)-equivariant, error \(e3)")
    #expect(perm < 1e-4, "the plain GNN is permutation-equivariant, error \(perm)")
}

@Test func FAGNNHasThePublishedParameterCount() {
    var rng = RandomSource(seed: 0)
    #expect(FAGNN(rng: &rng).parameterCount == 92_103)
}
