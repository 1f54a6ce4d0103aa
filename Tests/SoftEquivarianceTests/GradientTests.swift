import Testing
import Tensors
@testable import SoftEquivariance
@testable import Symmetry

// MARK: - A2: gradients against central differences in Double

/// Central-difference derivative of `f` at `x` along coordinate `i`.
func centralDifference(_ f: ([Double]) -> Double, at x: [Double], index i: Int, step h: Double = 1e-6) -> Double {
    var p = x, m = x
    p[i] += h; m[i] -= h
    return (f(p) - f(m)) / (2 * h)
}

func randomTensor(_ shape: [Int], _ rng: inout RandomSource, scale: Double = 1) -> Tensor<Double> {
    Tensor(shape: shape) { _ in scale * rng.normal() }
}

@Test(arguments: [ContinuousGroup.o3, .o2xy, .o2yz, .o2xz, .scale])
func regularizerGradientMatchesFiniteDifferences(group: ContinuousGroup) {
    var rng = RandomSource(seed: 21)
    let arch = EMLPLiteArchitecture(inRep: RepSum(scalars: 2, vectors: 2), hidden: RepSum(scalars: 3, vectors: 2, tensors: 1),
                                    outRep: RepSum(tensors: 1), blocks: 1)
    let reg = EquivarianceRegularizer<Double>(group: group, layerReps: arch.layerReps)
    let w = arch.layerReps.map { randomTensor([$0.out.dimension, $0.in.dimension], &rng) }
    let b = arch.layerReps.map { randomTensor([$0.out.dimension], &rng) }
    let analytic = reg.evaluate(weights: w, biases: b)
    var worst = 0.0
    for l in w.indices {
        let f: ([Double]) -> Double = { v in
            var ww = w; ww[l] = Tensor(shape: w[l].shape, scalars: v)
            return reg.value(weights: ww, biases: b)
        }
        for i in stride(from: 0, to: w[l].count, by: 7) {
            let fd = centralDifference(f, at: w[l].scalars, index: i)
            worst = max(worst, abs(fd - analytic.weights[l].scalars[i]) / max(1, abs(fd)))
        }
        let fb: ([Double]) -> Double = { v in
            var bb = b; bb[l] = Tensor(shape: b[l].shape, scalars: v)
            return reg.value(weights: w, biases: bb)
        }
        for i in 0..<b[l].count {
            let fd = centralDifference(fb, at: b[l].scalars, index: i)
            worst = max(worst, abs(fd - analytic.biases[l].scalars[i]) / max(1, abs(fd)))
        }
    }
    #expect(worst < 1e-4, "worst relative error \(worst)")
    #expect(analytic.value > 0)
}

@Test(arguments: [(4, 3, 2), (3, 4, 1), (2, 2, 3), (5, 3, 0)])
func productAndGateBackwardMatchesFiniteDifferences(channels: (Int, Int, Int)) {
    var rng = RandomSource(seed: 5)
    let block = EMLPLiteNonlinearity(scalars: channels.0, vectors: channels.1, tensors: channels.2)
    let n = 3
    let y = randomTensor([n, block.inputDimension], &rng)
    let c = randomTensor([n, block.outputDimension], &rng)
    let loss: ([Double]) -> Double = { v in
        let h = block(Tensor(shape: y.shape, scalars: v))
        return zip(h.scalars, c.scalars).reduce(0) { $0 + $1.0 * $1.1 }
    }
    let dy = block.backward(c, input: y, preGate: block.products(y))
    var worst = 0.0
    for i in 0..<y.count {
        let fd = centralDifference(loss, at: y.scalars, index: i)
        worst = max(worst, abs(fd - dy.scalars[i]) / max(1e-3, abs(fd)))
    }
    #expect(worst < 1e-3, "worst relative error \(worst)")
}

@Test func networkBackwardMatchesFiniteDifferences() {
    var rng = RandomSource(seed: 8)
    let arch = EMLPLiteArchitecture(inRep: RepSum(scalars: 2, vectors: 2), hidden: RepSum(scalars: 4, vectors: 3, tensors: 2),
                                    outRep: RepSum(vectors: 1, tensors: 1), blocks: 2)
    let net = EMLPLiteNetwork(architecture: arch)
    let w = arch.layerReps.map { randomTensor([$0.out.dimension, $0.in.dimension], &rng, scale: 0.5) }
    let b = arch.layerReps.map { randomTensor([$0.out.dimension], &rng, scale: 0.5) }
    let x = randomTensor([4, arch.inRep.dimension], &rng)
    let c = randomTensor([4, arch.outRep.dimension], &rng)
    let f = net.forward(x, weights: w, biases: b)
    let grads = net.backward(c, tape: f.tape, weights: w)
    var worst = 0.0
    for l in w.indices {
        let loss: ([Double]) -> Double = { v in
            var ww = w; ww[l] = Tensor(shape: w[l].shape, scalars: v)
            return zip(net(x, weights: ww, biases: b).scalars, c.scalars).reduce(0) { $0 + $1.0 * $1.1 }
        }
        for i in stride(from: 0, to: w[l].count, by: 5) {
            let fd = centralDifference(loss, at: w[l].scalars, index: i)
            worst = max(worst, abs(fd - grads.weights[l].scalars[i]) / max(1e-3, abs(fd)))
        }
    }
    #expect(worst < 1e-4, "worst relative error \(worst)")
}

@Test func mlpBackwardMatchesFiniteDifferences() {
    var rng = RandomSource(seed: 4)
    let net = SwishMLPNetwork(sizes: [5, 7, 6, 3])
    let w = (0..<3).map { randomTensor([net.sizes[$0 + 1], net.sizes[$0]], &rng, scale: 0.5) }
    let b = (0..<3).map { randomTensor([net.sizes[$0 + 1]], &rng) }
    let x = randomTensor([4, 5], &rng), c = randomTensor([4, 3], &rng)
    let f = net.forward(x, weights: w, biases: b)
    let g = net.backward(c, inputs: f.inputs, preActivations: f.preActivations, weights: w)
    var worst = 0.0
    for l in 0..<3 {
        let loss: ([Double]) -> Double = { v in
            var ww = w; ww[l] = Tensor(shape: w[l].shape, scalars: v)
            return zip(net.forward(x, weights: ww, biases: b).output.scalars, c.scalars).reduce(0) { $0 + $1.0 * $1.1 }
        }
        for i in 0..<w[l].count {
            let fd = centralDifference(loss, at: w[l].scalars, index: i)
            worst = max(worst, abs(fd - g.weights[l].scalars[i]) / max(1e-3, abs(fd)))
        }
    }
    #expect(worst < 1e-4, "worst relative error \(worst)")
}
