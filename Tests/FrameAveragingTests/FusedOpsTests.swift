import Autodiff
import Testing
import Tensors
@testable import FrameAveraging

func maxDiff(_ a: Tensor<Float>?, _ b: Tensor<Float>?) -> Float {
    guard let a, let b, a.shape == b.shape else { return .infinity }
    return zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
}

@Test func FusedAffineSiluAndAggregationMatchComposedOps() {
    var rng = RandomSource(seed: 4)
    let x = Tensor<Float>.randomNormal([12, 5], using: &rng), w = Tensor<Float>.randomNormal([5, 7], using: &rng)
    let b = Tensor<Float>.randomNormal([7], using: &rng), g = Tensor<Float>.randomNormal([12, 7], using: &rng)
    func run(_ fused: Bool) -> (Tensor<Float>, [Tensor<Float>?]) {
        let vx = Variable(x, requiresGradient: true), vw = Variable(w, requiresGradient: true)
        let vb = Variable(b, requiresGradient: true)
        let y = fused ? FusedOps.silu(FusedOps.affine(vx, vw, vb)) : (vx.matmul(vw) + vb).silu()
        (y * Variable(g)).sum().backward()
        return (y.value, [vx.gradient, vw.gradient, vb.gradient])
    }
    let (yf, gf) = run(true), (yr, gr) = run(false)
    #expect(maxDiff(yf, yr) < 1e-5)
    for (a, c) in zip(gf, gr) { #expect(maxDiff(a, c) < 1e-4) }
    let m = Variable(Tensor<Float>.randomNormal([12, 3], using: &rng), requiresGradient: true)
    let s = FusedOps.sumConsecutiveRows(m, blockSize: 4)
    let ref = m.value.reshaped([3, 4, 3]).sum(axis: 1)
    #expect(maxDiff(s.value, ref) < 1e-6)
    s.sum().backward()
    #expect(m.gradient?.scalars.allSatisfy { $0 == 1 } == true)
}

@Test func EdgeInputMatchesGatherFormulation() {
    var rng = RandomSource(seed: 5)
    let graph = CompleteGraphs(graphs: 3, nodes: 4), h = 6
    let pq = Tensor<Float>.randomNormal([12, 2 * h], using: &rng)
    let attrs = Tensor<Float>.randomNormal([graph.edgeCount, 2], using: &rng)
    let w = Tensor<Float>.randomNormal([2, h], using: &rng), b = Tensor<Float>.randomNormal([h], using: &rng)
    let g = Tensor<Float>.randomNormal([graph.edgeCount, h], using: &rng)
    func run(_ fused: Bool) -> (Tensor<Float>, [Tensor<Float>?]) {
        let vp = Variable(pq, requiresGradient: true), vw = Variable(w, requiresGradient: true)
        let vb = Variable(b, requiresGradient: true)
        let y = fused
            ? MessagePassingLayer.edgeInput(vp, attributes: attrs, weight: vw, bias: vb, graph: graph, hidden: h)
            : vp.gatherRows(graph.receivers).slice(axis: 1, 0..<h) + vp.gatherRows(graph.senders).slice(axis: 1, h..<(2 * h))
                + Variable(attrs).matmul(vw) + vb
        (y * Variable(g)).sum().backward()
        return (y.value, [vp.gradient, vw.gradient, vb.gradient])
    }
    let (yf, gf) = run(true), (yr, gr) = run(false)
    #expect(maxDiff(yf, yr) < 1e-5)
    for (a, c) in zip(gf, gr) { #expect(maxDiff(a, c) < 1e-4) }
}

@Test func FrameOpsPullbacksAreTheAdjointsOfTheirLinearMaps() {
    // Re-symmetrisation and the output map are linear in the features for fixed frames: <A h, g> = <h, Aᵀ g>.
    var rng = RandomSource(seed: 6)
    let b = 3, n = 5, hidden = 12
    let pca = (0..<b).map { _ in PCAFrame(points: randomCloud(n, &rng), group: .e3) }
    let frames = BatchFrames(frames: pca, sample: nil, rng: &rng)
    let h = Variable(Tensor<Float>.randomNormal([b * 8 * n, hidden], using: &rng), requiresGradient: true)
    let (out, newFrames) = FrameOps.resymmetrize(h, frames: frames, bodies: n, group: .e3, sample: nil, rng: &rng)
    let g = Tensor<Float>.randomNormal(out.shape, using: &rng)
    (out * Variable(g)).sum().backward()
    let lhs = zip(out.value.scalars, g.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    let rhs = zip(h.value.scalars, h.gradient?.scalars ?? []).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    #expect(abs(lhs - rhs) < 1e-3 * max(1, abs(lhs)))
    #expect(newFrames.copies == 8)

    let y = Variable(Tensor<Float>.randomNormal([b * 8 * n, 3], using: &rng), requiresGradient: true)
    let zero = [Double](repeating: 0, count: b * 3)
    let mapped = FrameOps.mapBackAndAverage(y, frames: frames, centroids: zero, bodies: n)
    let g2 = Tensor<Float>.randomNormal(mapped.shape, using: &rng)
    (mapped * Variable(g2)).sum().backward()
    let l2 = zip(mapped.value.scalars, g2.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    let r2 = zip(y.value.scalars, y.gradient?.scalars ?? []).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    #expect(abs(l2 - r2) < 1e-3 * max(1, abs(l2)))
}
