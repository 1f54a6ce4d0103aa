import Testing
import Tensors
import Autodiff
@testable import InvertibilityDecomposition

@Suite("invertibility module operations (spec §4 check 9)")
struct ImageOpsTests {
    @Test func zeroFlowWarpIsIdentity() {
        var rng = RandomSource(seed: 1)
        let g = Tensor<Float>.randomNormal([2, 3, 8, 8], using: &rng)
        let out = warp(Variable(g), by: Variable(Tensor(zeros: [2, 2, 8, 8]))).value
        #expect(out.isClose(to: g, rtol: 0, atol: 1e-6))
    }

    @Test func flowOfTwoOverNShiftsOnePixel() {
        var rng = RandomSource(seed: 2)
        let n = 8
        let g = Tensor<Float>.randomNormal([1, 1, n, n], using: &rng)
        var flow = Tensor<Float>(zeros: [1, 2, n, n])
        for k in 0..<(n * n) { flow.scalars[k] = 2 / Float(n) }
        let out = warp(Variable(g), by: Variable(flow)).value
        for r in 0..<n {
            for c in 0..<(n - 1) {
                #expect(abs(out[0, 0, r, c] - g[0, 0, r, c + 1]) < 1e-5, "pixel (\(r), \(c))")
            }
        }
    }

    @Test func fuseIsProductForBinaryPreviousAndDifferentiable() {
        let a = Tensor<Float>(shape: [1, 1, 2, 5], scalars: [0, 0.25, 0.5, 0.75, 1, 0, 0.25, 0.5, 0.75, 1])
        let p = Tensor<Float>(shape: [1, 1, 2, 5], scalars: [0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
        #expect(fuse(Variable(p), Variable(a)).value.scalars == (a * p).scalars)
        // Soft p: the value is a·p + p(1 − p), and the gradient matches finite differences away from the clip.
        var rng = RandomSource(seed: 5)
        let soft = Tensor<Double>.randomUniform([1, 1, 3, 3], in: 0.1...0.9, using: &rng)
        let gate = Tensor<Double>.randomUniform([1, 1, 3, 3], in: 0.1...0.9, using: &rng)
        #expect(GradientCheck.maxError(at: [soft, gate]) { v in fuse(v[0], v[1]).sin() } < 1e-6)
    }

    @Test func areaHingeHasNoGradientBelowBudget() {
        let m = Variable(Tensor<Float>(shape: [1, 1, 2, 2], scalars: [0.05, 0.1, 0.0, 0.1]), requiresGradient: true)
        ((m.mean() - 0.12).relu()).backward()
        #expect(m.gradient?.scalars.allSatisfy { $0 == 0 } == true)
        let big = Variable(Tensor<Float>(shape: [1, 1, 2, 2], scalars: [0.5, 0.5, 0.5, 0.5]), requiresGradient: true)
        ((big.mean() - 0.12).relu()).backward()
        #expect(big.gradient?.scalars.allSatisfy { abs($0 - 0.25) < 1e-6 } == true)
    }

    @Test func gradientsOfFiLMInstanceNormBlurUpsamplingAndWarp() {
        var rng = RandomSource(seed: 3)
        let h = Tensor<Double>.randomNormal([2, 3, 4, 4], using: &rng)
        let gamma = Tensor<Double>.randomNormal([2, 3], using: &rng)
        let beta = Tensor<Double>.randomNormal([2, 3], using: &rng)
        #expect(GradientCheck.maxError(at: [h, gamma, beta]) { v in v[0].film(gamma: v[1], beta: v[2]).sin() } < 1e-6)
        #expect(GradientCheck.maxError(at: [h]) { v in v[0].instanceNorm().sin() } < 1e-5)
        #expect(GradientCheck.maxError(at: [h]) { v in v[0].binomialBlur().sin() } < 1e-6)
        #expect(GradientCheck.maxError(at: [h]) { v in v[0].upsampleNearest2x().sin() } < 1e-6)
        #expect(GradientCheck.maxError(at: [h]) { v in v[0].upsampleBilinear2x().sin() } < 1e-6)
        let w = Tensor<Double>.randomNormal([4, 3, 3, 3], using: &rng)
        #expect(GradientCheck.maxError(at: [h, w]) { v in v[0].conv2d(v[1], padding: 1).sin() } < 1e-6)
        let flow = Tensor<Double>.randomUniform([2, 2, 4, 4], in: -0.1...0.1, using: &rng)
        #expect(GradientCheck.maxError(at: [h, flow]) { v in warp(v[0], by: v[1]).sin() } < 1e-5)
    }

}
