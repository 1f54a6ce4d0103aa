import Testing
@testable import Datasets

@Test func NBodyLegacyStreamMatchesPublishedCharges() {
    // Published charges (spec §8 check 1): first train [−1, +1, −1, −1, −1], first test [+1, +1, −1, −1, +1].
    let gen = NBodyChargedGenerator()
    var rng = NBodyLegacyMT19937(seed: 43)
    let first = gen.drawInitialState(using: &rng)
    #expect(first.q == [-1, 1, -1, -1, -1])
    gen.skipNoise(using: &rng)
    for _ in 1..<12_000 { gen.skipTrajectory(using: &rng) }
    let test = gen.drawInitialState(using: &rng)
    #expect(test.q == [1, 1, -1, -1, 1])
}

@Test func NBodyLegacyUniformMatchesNumpySeedZero() {
    // numpy: np.random.seed(0); np.random.random_sample() == 0.5488135039273248
    var rng = NBodyLegacyMT19937(seed: 0)
    #expect(rng.uniform() == 0.5488135039273248)
    // np.random.seed(0); np.random.randn() == 1.764052345967664
    var g = NBodyLegacyMT19937(seed: 0)
    #expect(abs(g.normal() - 1.764052345967664) < 1e-15)
}

@Test func NBodyInitialVelocitiesHaveNormOneHalfAndStayInBox() {
    let gen = NBodyChargedGenerator()
    var rng = NBodyLegacyMT19937(seed: 7)
    for _ in 0..<50 {
        let s = gen.drawInitialState(using: &rng)
        for i in 0..<5 {
            let v = s.v[(i * 3)..<(i * 3 + 3)]
            #expect(abs(v.reduce(0) { $0 + $1 * $1 }.squareRoot() - 0.5) < 1e-12)
        }
        #expect(s.x.allSatisfy { abs($0) <= 5 })
        gen.skipNoise(using: &rng)
    }
}

@Test func NBodyTrajectoryStoresFortyNineFramesAndMostConserveMomentum() {
    // Equal unit masses and antisymmetric pair forces: total momentum is constant unless the ±100 clip acts
    // during a close encounter (a property of the benchmark). Most trajectories have no such encounter.
    let gen = NBodyChargedGenerator()
    var rng = NBodyLegacyMT19937(seed: 43)
    func momentum(_ v: [Double]) -> [Double] { (0..<3).map { d in (0..<5).reduce(0) { $0 + v[$1 * 3 + d] } } }
    var conserved = 0
    for _ in 0..<10 {
        let t = gen.trajectory(using: &rng)
        #expect(t.positions.count == 49 && t.velocities.count == 49)
        let p0 = momentum(t.velocities[0]), p1 = momentum(t.velocities[48])
        if zip(p0, p1).allSatisfy({ abs($0 - $1) < 1e-9 }) { conserved += 1 }
    }
    #expect(conserved >= 5)
}
