import Testing
import Tensors
import Autodiff
@testable import NN

@Suite("layers, initialisers and schedules")
struct LayerTests {
    @Test func convolutionLayersShapesAndNames() {
        var rng = RandomSource(seed: 110)
        let conv = Conv2d(3, 8, kernelSize: 3, stride: 2, padding: 1, name: "enc.0", rng: &rng)
        let deconv = ConvTranspose2d(8, 3, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1, name: "dec.0", rng: &rng)
        let x = Variable(Tensor<Float>.randomNormal([2, 3, 8, 8], using: &rng))
        let h = conv(x)
        #expect(h.shape == [2, 8, 4, 4])
        #expect(deconv(h).shape == [2, 3, 8, 8])
        #expect(Set(conv.namedParameters.keys) == ["enc.0.weight", "enc.0.bias"])
        #expect(deconv.weight.value.shape == [8, 3, 3, 3])
        deconv(h).sum().backward()
        #expect(conv.weight.gradient?.shape == [8, 3, 3, 3])
        #expect(deconv.bias?.gradient?.scalars.allSatisfy { $0 == 2 * 8 * 8 } == true)
    }

    @Test func initialisersHaveTheirVariance() {
        var rng = RandomSource(seed: 111)
        func variance(_ t: Tensor<Float>) -> Double {
            let m = t.scalars.reduce(0.0) { $0 + Double($1) } / Double(t.count)
            return t.scalars.reduce(0.0) { $0 + (Double($1) - m) * (Double($1) - m) } / Double(t.count)
        }
        let shape = [64, 32, 3, 3]
        let (fanIn, fanOut) = Initializer.fans(of: shape)
        #expect(fanIn == 32 * 9 && fanOut == 64 * 9)
        let cases: [(Initializer, Double)] = [
            (.heNormal, 2 / Double(fanIn)), (.heUniform, 2 / Double(fanIn)),
            (.xavierNormal(), 2 / Double(fanIn + fanOut)), (.xavierUniform(), 2 / Double(fanIn + fanOut)),
            (.normal(mean: 1, standardDeviation: 0.5), 0.25), (.uniform(lower: -1, upper: 1), 1.0 / 3),
        ]
        for (initializer, expected) in cases {
            let v = variance(initializer.make(shape, fanIn: fanIn, fanOut: fanOut, using: &rng))
            #expect(abs(v / expected - 1) < 0.05, "\(initializer): variance \(v), expected \(expected)")
        }
        #expect(Initializer.constant(2).make([3], fanIn: 1, fanOut: 1, using: &rng).scalars == [2, 2, 2])
    }

    @Test func schedules() {
        let step = StepDecay(base: 1, stepSize: 10, gamma: 0.5)
        #expect([0, 9, 10, 25].map { step.learningRate(at: $0) } == [1, 1, 0.5, 0.25])
        let cosine = CosineDecay(base: 1, totalSteps: 100, minimum: 0.1)
        #expect(cosine.learningRate(at: 0) == 1)
        #expect(abs(cosine.learningRate(at: 50) - 0.55) < 1e-6)
        #expect(abs(cosine.learningRate(at: 100) - 0.1) < 1e-6)
        #expect(abs(cosine.learningRate(at: 1000) - 0.1) < 1e-6)
        let warm = Warmup(steps: 4, then: ConstantLearningRate(2))
        #expect([0, 1, 2, 3, 4, 100].map { warm.learningRate(at: $0) } == [0, 0.5, 1, 1.5, 2, 2])
        let warmCosine = Warmup(steps: 10, start: 0.1, then: cosine)
        #expect(abs(warmCosine.learningRate(at: 0) - 0.1) < 1e-6)
        #expect(warmCosine.learningRate(at: 10) == 1)
    }
}
