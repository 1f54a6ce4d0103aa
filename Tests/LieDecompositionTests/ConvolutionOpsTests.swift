import Autodiff
import Tensors
import Testing
@testable import LieDecomposition

// MARK: - The local im2col convolution and layer ops against independent references and finite differences.

/// Direct (six-loop) cross-correlation, the independent reference for the im2col + GEMM path.
func directConv(_ x: Tensor<Double>, _ w: Tensor<Double>, padding: Int) -> Tensor<Double> {
    let (b, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (o, k) = (w.shape[0], w.shape[2])
    let ho = h + 2 * padding - k + 1, wo = wd + 2 * padding - k + 1
    var out = Tensor<Double>(zeros: [b, o, ho, wo])
    for n in 0..<b { for oc in 0..<o { for y in 0..<ho { for xx in 0..<wo {
        var s = 0.0
        for ic in 0..<c { for p in 0..<k { for q in 0..<k {
            let sy = y + p - padding, sx = xx + q - padding
            if sy >= 0 && sy < h && sx >= 0 && sx < wd { s += w[oc, ic, p, q] * x[n, ic, sy, sx] }
        } } }
        out[n, oc, y, xx] = s
    } } } }
    return out
}

@Test(arguments: [0, 1, 2])
func conv2dMatchesDirectConvolution(padding: Int) {
    var rng = RandomSource(seed: 31)
    let x = Tensor<Double>.randomNormal([3, 2, 7, 6], using: &rng)
    let w = Tensor<Double>.randomNormal([4, 2, 3, 3], using: &rng)
    let fast = conv2d(Variable(x), Variable(w), padding: padding).value
    #expect(fast.isClose(to: directConv(x, w, padding: padding), rtol: 1e-12, atol: 1e-12))
}

@Test func conv2dGradientsMatchFiniteDifferences() {
    var rng = RandomSource(seed: 32)
    let x = Tensor<Double>.randomNormal([2, 2, 5, 5], using: &rng)
    let w = Tensor<Double>.randomNormal([3, 2, 3, 3], using: &rng)
    let probe = Tensor<Double>.randomNormal([2, 3, 5, 5], using: &rng)
    let err = GradientCheck.maxError(at: [x, w]) { v in conv2d(v[0], v[1], padding: 1) * Variable(probe) }
    #expect(err < 1e-6, "conv2d gradient error \(err)")
}

@Test func layerOpsGradientsMatchFiniteDifferences() {
    var rng = RandomSource(seed: 33)
    let x = Tensor<Double>.randomNormal([2, 3, 4, 4], using: &rng)
    let probe = Tensor<Double>.randomNormal([2, 3, 4, 4], using: &rng)
    let ln = GradientCheck.maxError(at: [x]) { v in v[0].layerNormPerExample() * Variable(probe) }
    #expect(ln < 1e-6, "layer norm gradient error \(ln)")
    let gelu = GradientCheck.maxError(at: [x]) { v in v[0].gelu() * Variable(probe) }
    #expect(gelu < 1e-5, "GELU gradient error \(gelu) (erf approximated to 1.5e-7)")
    let pool = GradientCheck.maxError(at: [x]) { v in v[0].maxPool2x2() * Variable(probe.slice(axis: 2, 0..<2).slice(axis: 3, 0..<2)) }
    #expect(pool < 1e-6, "max-pool gradient error \(pool)")
    let gmax = GradientCheck.maxError(at: [x]) { v in v[0].reshaped([2, 3, 16]).reshaped([2, 3, 4, 4]).globalMax(groupSize: 3) }
    #expect(gmax < 1e-6, "global max gradient error \(gmax)")
}

@Test func geluMatchesReferenceValues() {
    // GELU(x) = x·Φ(x): Φ(1) = 0.8413447460685429, Φ(−0.5) = 0.3085375387259869.
    let y = Variable(Tensor<Double>(shape: [2], scalars: [1, -0.5])).gelu().value
    #expect(abs(y.scalars[0] - 0.8413447460685429) < 1e-6)
    #expect(abs(y.scalars[1] + 0.5 * 0.3085375387259869) < 1e-6)
}
