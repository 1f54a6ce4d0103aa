import Testing
import Tensors
import Autodiff
@testable import NN

@Suite("training small models")
struct TrainingTests {
    @Test func mlpFitsXOR() {
        var rng = RandomSource(seed: 100)
        let mlp = MLP(sizes: [2, 8, 1], activation: .tanh, name: "xor", rng: &rng)
        let x = Tensor<Float>(shape: [4, 2], scalars: [0, 0, 0, 1, 1, 0, 1, 1])
        let y = Tensor<Float>(shape: [4, 1], scalars: [0, 1, 1, 0])
        let adam = Adam(learningRate: 0.05)
        var loss: Float = .infinity
        for _ in 0..<400 {
            mlp.zeroGradients()
            let l = mlp(Variable(x)).binaryCrossEntropy(targets: y)
            l.backward()
            adam.update(mlp.parameters)
            loss = l.value.scalar
        }
        #expect(loss < 0.05, "final BCE \(loss)")
        let p = sigmoid(mlp(Variable(x)).value)
        #expect(p.scalars.map { $0 > 0.5 } == [false, true, true, false])
    }

    @Test func mlpFitsOneDimensionalRegression() {
        var rng = RandomSource(seed: 101)
        let mlp = MLP(sizes: [1, 32, 32, 1], activation: .tanh, name: "reg", rng: &rng)
        let x = Tensor<Float>(shape: [64, 1]) { Float(-3 + 6 * Double($0) / 63) }
        let y = x.map { Float.sin($0) }
        let adam = Adam(learningRate: 0.01)
        let schedule = CosineDecay(base: 0.01, totalSteps: 800, minimum: 0.001)
        var loss: Float = .infinity
        for step in 0..<800 {
            adam.learningRate = schedule.learningRate(at: step)
            mlp.zeroGradients()
            let l = mlp(Variable(x)).meanSquaredError(to: y)
            l.backward()
            adam.update(mlp.parameters)
            loss = l.value.scalar
        }
        #expect(loss < 5e-3, "final MSE \(loss) (variance of sin on [-3, 3] is about 0.5)")
    }

    /// A small CNN trained twice from the same seed gives bit-identical loss sequences.
    @Test func seededTrainingIsBitIdentical() {
        func run() -> [Float] {
            var rng = RandomSource(seed: 102)
            let conv = Conv2d(1, 4, kernelSize: 3, padding: 1, name: "conv", rng: &rng)
            let head = Linear(4 * 4 * 4, 3, name: "head", rng: &rng)
            let params = conv.parameters + head.parameters
            let x = Tensor<Float>.randomNormal([8, 1, 8, 8], using: &rng)
            let labels = (0..<8).map { _ in rng.int(below: 3) }
            let adam = Adam(learningRate: 0.01, weightDecay: 0.01, decoupled: true)
            var losses: [Float] = []
            for _ in 0..<15 {
                for p in params { p.zeroGradient() }
                let h = conv(Variable(x)).relu().maxPool2d(kernel: 2).reshaped([8, 64])
                let l = head(h).crossEntropy(labels: labels)
                l.backward()
                clipGradientNorm(params, maxNorm: 1)
                adam.update(params)
                losses.append(l.value.scalar)
            }
            return losses
        }
        let a = run(), b = run()
        #expect(a == b)
        #expect(a.last! < a.first!, "loss should decrease: \(a)")
    }
}

@Suite("optimizers against hand-computed updates")
struct OptimizerTests {
    func parameter(_ values: [Float], gradient: [Float]) -> Parameter {
        let p = Parameter(name: "p", value: Tensor(shape: [values.count], scalars: values))
        p.gradient = Tensor(shape: [gradient.count], scalars: gradient)
        return p
    }

    @Test func sgdWithMomentumAndWeightDecay() {
        let p = parameter([1, -2], gradient: [0.5, 1])
        let sgd = SGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0.01)
        sgd.update([p])
        // g' = g + 0.01·θ = [0.51, 0.98]; v = g'; θ = θ − 0.1·v
        #expect(p.value.isClose(to: Tensor(shape: [2], scalars: [1 - 0.051, -2 - 0.098]), rtol: 1e-6))
        p.gradient = Tensor(shape: [2], scalars: [0.5, 1])
        sgd.update([p])
        let theta = [Float(1 - 0.051), Float(-2 - 0.098)]
        let g2 = [0.5 + 0.01 * theta[0], 1 + 0.01 * theta[1]]
        let v2 = [0.9 * 0.51 + g2[0], 0.9 * 0.98 + g2[1]]
        #expect(p.value.isClose(to: Tensor(shape: [2], scalars: [theta[0] - 0.1 * v2[0], theta[1] - 0.1 * v2[1]]), rtol: 1e-6))
    }

    @Test func adamFirstTwoSteps() {
        let p = parameter([1, -2], gradient: [0.5, -1])
        let adam = Adam(learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
        adam.update([p])
        // Step 1: m̂ = g, v̂ = g², update = g/|g| = sign(g).
        #expect(p.value.isClose(to: Tensor(shape: [2], scalars: [0.9, -1.9]), rtol: 1e-6))
        p.gradient = Tensor(shape: [2], scalars: [0.25, 2])
        adam.update([p])
        var expected: [Float] = []
        for (i, (g1, g2)) in [(Float(0.5), Float(0.25)), (-1, 2)].enumerated() {
            let m = 0.9 * (0.1 * g1) + 0.1 * g2
            let v = 0.999 * (0.001 * g1 * g1) + 0.001 * g2 * g2
            let mh = m / (1 - 0.81), vh = v / (1 - 0.999 * 0.999)
            expected.append([Float(0.9), -1.9][i] - 0.1 * mh / (vh.squareRoot() + 1e-8))
        }
        #expect(p.value.isClose(to: Tensor(shape: [2], scalars: expected), rtol: 1e-5))
    }

    @Test func adamWDecouplesWeightDecay() {
        let p = parameter([2], gradient: [0])
        let adamW = Adam(learningRate: 0.1, weightDecay: 0.5, decoupled: true)
        adamW.update([p])
        // Zero gradient: only the decay acts, θ ← θ − η·wd·θ.
        #expect(p.value.scalars == [2 - 0.1 * 0.5 * 2])
        let frozen = parameter([3], gradient: [1])
        frozen.isFrozen = true
        adamW.update([frozen])
        #expect(frozen.value.scalars == [3])
    }

    @Test func clippingScalesToTheMaximumNorm() {
        let a = parameter([0], gradient: [3]), b = parameter([0, 0], gradient: [4, 0])
        let norm = clipGradientNorm([a, b], maxNorm: 1)
        #expect(norm == 5)
        #expect(a.gradient!.isClose(to: Tensor(shape: [1], scalars: [0.6])))
        #expect(b.gradient!.isClose(to: Tensor(shape: [2], scalars: [0.8, 0])))
    }
}
