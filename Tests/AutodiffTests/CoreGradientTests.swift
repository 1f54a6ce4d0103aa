import Testing
import Tensors
@testable import Autodiff

@Suite("core VJP rules against central differences")
struct CoreGradientTests {
    var rng = RandomSource(seed: 7)

    @Test func broadcastingArithmetic() {
        var r = rng
        let a = Tensor<Double>.randomNormal([3, 4], using: &r)
        let b = Tensor<Double>.randomNormal([4], using: &r)
        let c = Tensor<Double>.randomUniform([3, 1], in: 0.5...2, using: &r)
        let err = GradientCheck.maxError(at: [a, b, c]) { v in ((v[0] + v[1]) * v[2] - v[1] / v[2]).squared() }
        #expect(err < 1e-6, "max error \(err)")
    }

    @Test func matmulWithTransposes() {
        var r = rng
        let a = Tensor<Double>.randomNormal([3, 5], using: &r)
        let b = Tensor<Double>.randomNormal([4, 5], using: &r)
        for (ta, tb, x, y) in [(false, true, a, b), (true, false, a.transposed(), b.transposed()),
                               (true, true, a.transposed(), b), (false, false, a, b.transposed())] {
            let err = GradientCheck.maxError(at: [x, y]) { v in v[0].matmul(v[1], transposeSelf: ta, transposeOther: tb).tanh() }
            #expect(err < 1e-6, "transposes \(ta) \(tb): max error \(err)")
        }
    }

    @Test func valueUsedTwiceAccumulates() {
        let x = Variable(Tensor<Double>(shape: [2], scalars: [3, -1]), requiresGradient: true)
        let y = (x * x + x).sum()
        y.backward()
        #expect(x.gradient?.scalars == [7, -1])
    }

    @Test func lossesAndActivations() {
        var r = rng
        let z = Tensor<Double>.randomNormal([4, 3], using: &r)
        let t = Tensor<Double>.randomUniform([4, 3], using: &r)
        #expect(GradientCheck.maxError(at: [z]) { $0[0].crossEntropy(labels: [0, 2, 1, 2]) } < 1e-6)
        #expect(GradientCheck.maxError(at: [z]) { $0[0].binaryCrossEntropy(targets: t) } < 1e-6)
        #expect(GradientCheck.maxError(at: [z]) { $0[0].meanSquaredError(to: t) } < 1e-6)
        for f in [{ (v: Variable<Double>) in v.silu() }, { $0.sigmoid() }, { $0.softplus() }, { $0.exp() }, { $0.sin() }] {
            #expect(GradientCheck.maxError(at: [z]) { f($0[0]) } < 1e-6)
        }
    }

    @Test func shapeOps() {
        var r = rng
        let a = Tensor<Double>.randomNormal([2, 3, 4], using: &r)
        #expect(GradientCheck.maxError(at: [a]) { $0[0].permuted([2, 0, 1]).sin() } < 1e-6)
        #expect(GradientCheck.maxError(at: [a]) { $0[0].sum(axis: 1).squared() } < 1e-6)
        #expect(GradientCheck.maxError(at: [a]) { $0[0].slice(axis: 2, 1..<3).squared() } < 1e-6)
        #expect(GradientCheck.maxError(at: [a]) { Variable.concatenate([$0[0], $0[0].squared()], axis: 1).sin() } < 1e-6)
        let m = Tensor<Double>.randomNormal([4, 3], using: &r)
        #expect(GradientCheck.maxError(at: [m]) { $0[0].gatherRows([0, 2, 2, 3, 1]).scatterAddRows([1, 0, 1, 2, 2], rowCount: 3).squared() } < 1e-6)
    }
}
