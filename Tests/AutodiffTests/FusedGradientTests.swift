import Testing
import Tensors
import _TestSupport
@testable import Autodiff

@Suite("VJP rules: fused forms")
struct FusedGradientTests {
    @Test func affineMatchesMatmulPlusBias() {
        var rng = RandomSource(seed: 80)
        let x = Tensor<Double>.randomNormal([5, 4], using: &rng)
        let w = Tensor<Double>.randomNormal([4, 3], using: &rng)
        let b = Tensor<Double>.randomNormal([3], using: &rng)
        expectGradientMatchesFiniteDifferences(at: [x, w, b], "affine") { v in v[0].affine(v[1], bias: v[2]).tanh() }
        let fused = Variable(x).affine(Variable(w), bias: Variable(b)).value
        expectClose(fused, x.matmul(w) + b, rtol: 1e-12)
    }

    @Test(arguments: [(1, 1), (2, 0)])
    func conv2dWithFusedReLU(stride: Int, padding: Int) {
        var rng = RandomSource(seed: 81)
        let x = Tensor<Double>.randomNormal([2, 2, 5, 5], using: &rng)
        let w = Tensor<Double>.randomNormal([3, 2, 3, 3], using: &rng)
        let b = Tensor<Double>.randomNormal([3], using: &rng)
        let err = GradientCheck.maxError(at: [x, w, b]) { v in
            v[0].conv2d(v[1], bias: v[2], stride: stride, padding: padding, applyingReLU: true).squared()
        }
        #expect(err < 1e-6, "conv2d+relu: \(err)")
    }

    /// The Float ReLU (SSE kernels) and SiLU (one exponential) give the same gradients as their Double references.
    @Test func floatActivationsAgreeWithDouble() {
        var rng = RandomSource(seed: 82)
        let xd = Tensor<Double>.randomNormal([7, 9], using: &rng)
        let xf = xd.converted(to: Float.self)
        for (name, ff, fd) in [
            ("relu", { (v: Variable<Float>) in v.relu() }, { (v: Variable<Double>) in v.relu() }),
            ("silu", { $0.silu() }, { $0.silu() }),
        ] {
            let vf = Variable(xf, requiresGradient: true), vd = Variable(xd, requiresGradient: true)
            let yf = ff(vf), yd = fd(vd)
            (yf * yf).sum().backward()
            (yd * yd).sum().backward()
            #expect(yf.value.converted(to: Double.self).isClose(to: yd.value, rtol: 1e-5, atol: 1e-6), "\(name) value")
            let gf = vf.gradient?.converted(to: Double.self), gd = vd.gradient
            #expect(gf != nil && gd != nil && gf!.isClose(to: gd!, rtol: 1e-4, atol: 1e-5), "\(name) gradient")
        }
    }
}
