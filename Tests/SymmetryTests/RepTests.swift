import Foundation
import Testing
import Tensors
@testable import Symmetry

// MARK: - Projector dimensions (acceptance A1, spec §2 table)

/// Expected `trace P` for out←in in the order S←S, V←S, T←S, S←V, V←V, T←V, S←T, V←T, T←T.
let expectedRanks: [String: [Int]] = [
    "O3": [1, 0, 1, 0, 1, 0, 1, 0, 3],
    "SO3": [1, 0, 1, 0, 1, 1, 1, 1, 3],
    "O2xy": [1, 1, 2, 1, 2, 4, 2, 4, 10],
    "O2yz": [1, 1, 2, 1, 2, 4, 2, 4, 10],
    "O2xz": [1, 1, 2, 1, 2, 4, 2, 4, 10],
    "Scale": [1, 0, 0, 0, 9, 0, 0, 0, 81],
]

let tableOrder: [(Tensor3Type, Tensor3Type)] = [
    (.scalar, .scalar), (.vector, .scalar), (.tensor, .scalar),
    (.scalar, .vector), (.vector, .vector), (.tensor, .vector),
    (.scalar, .tensor), (.vector, .tensor), (.tensor, .tensor),
]

@Test(arguments: ContinuousGroup.all)
func projectorRanksMatchTheSpecTable(group: ContinuousGroup) throws {
    let projectors = RepGroupProjectors.cached(group)
    let expected = try #require(expectedRanks[group.name])
    let ranks = tableOrder.map { projectors[$0.0, $0.1].rank }
    #expect(ranks == expected, "\(group.name): got \(ranks)")
    for (o, i) in tableOrder {
        let p = projectors[o, i]
        let trace = (0..<p.size).reduce(0.0) { $0 + p.matrix[$1 * p.size + $1] }
        #expect(abs(trace - Double(p.rank)) < 1e-9)
    }
}

@Test(arguments: ContinuousGroup.all)
func projectorsAreSymmetricIdempotent(group: ContinuousGroup) {
    let projectors = RepGroupProjectors.cached(group)
    for (o, i) in tableOrder {
        let p = projectors[o, i], d = p.size
        var worstIdempotence = 0.0, worstSymmetry = 0.0
        for r in 0..<d {
            for c in 0..<d {
                var pp = 0.0
                for k in 0..<d { pp += p.matrix[r * d + k] * p.matrix[k * d + c] }
                worstIdempotence = max(worstIdempotence, abs(pp - p.matrix[r * d + c]))
                worstSymmetry = max(worstSymmetry, abs(p.matrix[r * d + c] - p.matrix[c * d + r]))
            }
        }
        #expect(worstIdempotence < 1e-6 && worstSymmetry < 1e-9, "\(group.name) \(o)←\(i)")
    }
}

@Test func o2xyVectorFromScalarIsTheVerticalAxis() {
    let p = RepGroupProjectors.cached(.o2xy)[.vector, .scalar]
    #expect(abs(p.matrix[8] - 1) < 1e-12)
    #expect(p.matrix.enumerated().allSatisfy { $0.offset == 8 || abs($0.element) < 1e-12 })
}

// MARK: - Projected layers are equivariant under sampled elements

@Test(arguments: [ContinuousGroup.o3, .so3, .o2xy, .o2yz, .o2xz])
func projectedLayerCommutesWithSampledElements(group: ContinuousGroup) {
    var rng = RandomSource(seed: 11)
    let inRep = RepSum(scalars: 2, vectors: 3, tensors: 2), outRep = RepSum(scalars: 3, vectors: 2, tensors: 2)
    let plan = RepLayerProjector<Double>(projectors: .cached(group), outRep: outRep, inRep: inRep)
    let w = (0..<(outRep.dimension * inRep.dimension)).map { _ in rng.normal() }
    let pw = plan.project(weight: w)
    let ppw = plan.project(weight: pw)
    #expect(zip(pw, ppw).allSatisfy { abs($0 - $1) < 1e-9 })
    let dIn = inRep.dimension, dOut = outRep.dimension
    func apply(_ x: [Double]) -> [Double] {
        (0..<dOut).map { o in (0..<dIn).reduce(0.0) { $0 + pw[o * dIn + $1] * x[$1] } }
    }
    for _ in 0..<5 {
        let g = group.sample(using: &rng)
        let x = (0..<dIn).map { _ in rng.normal() }
        let lhs = apply(inRep.act(g, on: x)), rhs = outRep.act(g, on: apply(x))
        #expect(zip(lhs, rhs).allSatisfy { abs($0 - $1) < 1e-8 * (1 + abs($1)) })
    }
    // The bias projection keeps only invariant directions: ρ_out(g) Pb = Pb.
    let b = (0..<dOut).map { _ in rng.normal() }
    let pb = plan.project(bias: b)
    let g = group.sample(using: &rng)
    #expect(zip(outRep.act(g, on: pb), pb).allSatisfy { abs($0 - $1) < 1e-8 })
}

@Test func projectionIsOrthogonalInTheFrobeniusMetric() {
    var rng = RandomSource(seed: 3)
    let rep = RepSum(scalars: 2, vectors: 2, tensors: 1)
    let plan = RepLayerProjector<Double>(projectors: .cached(.o2yz), outRep: rep, inRep: rep)
    let a = (0..<(rep.dimension * rep.dimension)).map { _ in rng.normal() }
    let b = (0..<(rep.dimension * rep.dimension)).map { _ in rng.normal() }
    let pa = plan.project(weight: a), pb = plan.project(weight: b)
    let lhs = zip(pa, b).reduce(0.0) { $0 + $1.0 * $1.1 }, rhs = zip(a, pb).reduce(0.0) { $0 + $1.0 * $1.1 }
    #expect(abs(lhs - rhs) < 1e-9 * (1 + abs(lhs)))
}

// MARK: - Groups and representations

@Test func exponentialOfRotationGeneratorIsARotation() {
    let theta = 0.7
    let g = ContinuousGroup.exponential(ContinuousGroup.lz.map { $0 * theta })
    let expected = [cos(theta), -sin(theta), 0, sin(theta), cos(theta), 0, 0, 0, 1]
    #expect(zip(g, expected).allSatisfy { abs($0 - $1) < 1e-13 })
}

@Test func tensorRepresentationIsAHomomorphism() {
    var rng = RandomSource(seed: 5)
    let rep = RepSum(scalars: 1, vectors: 1, tensors: 1)
    let g = ContinuousGroup.o3.sample(using: &rng), h = ContinuousGroup.o3.sample(using: &rng)
    let x = (0..<rep.dimension).map { _ in rng.normal() }
    let lhs = rep.act(ContinuousGroup.multiply(g, h), on: x), rhs = rep.act(g, on: rep.act(h, on: x))
    #expect(zip(lhs, rhs).allSatisfy { abs($0 - $1) < 1e-10 })
}

@Test func sampledO2xyElementsFixTheVerticalAxis() {
    var rng = RandomSource(seed: 9)
    for _ in 0..<10 {
        let g = ContinuousGroup.o2xy.sample(using: &rng)
        #expect(abs(g[8] - 1) < 1e-12 && abs(g[2]) < 1e-12 && abs(g[5]) < 1e-12)
        let gtg = ContinuousGroup.multiply(g.enumerated().map { g[($0.offset % 3) * 3 + $0.offset / 3] }, g)
        #expect(zip(gtg, ContinuousGroup.identity).allSatisfy { abs($0 - $1) < 1e-12 })
    }
}

@Test func equivarianceErrorOfEquivariantAndBrokenFunctions() {
    var rng = RandomSource(seed: 1)
    let v = RepSum(vectors: 1)
    // x ↦ 2x is O3-equivariant; x ↦ (x, y, 0) is O2xy-equivariant but breaks O3.
    let exact = RepEquivarianceError.estimate(group: .o3, inRep: v, outRep: v, using: &rng) { $0.map { 2 * $0 } }
    let flatten: ([Double]) -> [Double] = { x in x.enumerated().map { $0.offset % 3 == 2 ? 0 : $0.element } }
    let held = RepEquivarianceError.estimate(group: .o2xy, inRep: v, outRep: v, using: &rng, function: flatten)
    let broken = RepEquivarianceError.estimate(group: .o3, inRep: v, outRep: v, using: &rng, function: flatten)
    #expect(exact < 1e-12 && held < 1e-12)
    #expect(broken > 0.1 && broken <= 1)
}
