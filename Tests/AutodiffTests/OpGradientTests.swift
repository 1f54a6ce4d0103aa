import Testing
import Tensors
import _TestSupport
@testable import Autodiff

/// Every VJP rule added for the engine, against central differences in Double.
@Suite("VJP rules: elementwise, softmax, products")
struct ElementwiseGradientTests {
    @Test func elementwiseFunctions() {
        var rng = RandomSource(seed: 40)
        let x = Tensor<Double>.randomUniform([3, 4], in: 0.2...2, using: &rng)
        let signed = Tensor<Double>.randomNormal([3, 4], using: &rng)
        let fs: [(String, (Variable<Double>) -> Variable<Double>)] = [
            ("tanh", { $0.tanh() }), ("log", { $0.log() }), ("cos", { $0.cos() }), ("sqrt", { $0.sqrt() }),
            ("pow", { $0.pow(1.7) }), ("squared", { $0.squared() }), ("exp", { $0.exp() }),
            ("clamp", { $0.clamped(to: 0.5...1.5) }), ("negate", { -$0 }), ("constant ops", { 3 * ($0 - 1) + 2 }),
            ("mean", { $0.mean() }), ("mean axis", { $0.mean(axis: 0).squared() }),
            ("reshape transpose", { $0.reshaped([4, 3]).transposed().sin() }),
        ]
        for (name, f) in fs {
            let err = GradientCheck.maxError(at: [x]) { f($0[0]) }
            #expect(err < 1e-6, "\(name): max error \(err)")
        }
        // Kinks: evaluate away from 0.
        let away = signed.map { $0 + ($0 >= 0 ? 0.1 : -0.1) }
        for (name, f) in [("abs", { (v: Variable<Double>) in v.abs() }), ("relu", { $0.relu() }),
                          ("leakyRelu", { $0.leakyRelu(slope: 0.2) })] {
            let err = GradientCheck.maxError(at: [away]) { f($0[0]) }
            #expect(err < 1e-6, "\(name): max error \(err)")
        }
    }

    @Test func maximumAndMinimumWithBroadcasting() {
        var rng = RandomSource(seed: 41)
        let a = Tensor<Double>.randomNormal([3, 4], using: &rng)
        let b = Tensor<Double>.randomNormal([4], using: &rng)
        #expect(GradientCheck.maxError(at: [a, b]) { Variable.maximum($0[0], $0[1]).squared() } < 1e-6)
        #expect(GradientCheck.maxError(at: [a, b]) { Variable.minimum($0[0], $0[1]).sin() } < 1e-6)
    }

    @Test(arguments: [0, 1, 2])
    func softmaxAndLogSoftmax(axis: Int) {
        var rng = RandomSource(seed: 42)
        let x = Tensor<Double>.randomNormal([2, 3, 4], using: &rng)
        let w = Tensor<Double>.randomNormal([2, 3, 4], using: &rng)
        #expect(GradientCheck.maxError(at: [x]) { $0[0].softmax(axis: axis) * Variable(w) } < 1e-6)
        #expect(GradientCheck.maxError(at: [x]) { $0[0].logSoftmax(axis: axis) * Variable(w) } < 1e-6)
    }

    @Test func stackAlongEachAxis() {
        var rng = RandomSource(seed: 44)
        let a = Tensor<Double>.randomNormal([2, 3], using: &rng), b = Tensor<Double>.randomNormal([2, 3], using: &rng)
        for axis in 0...2 {
            expectGradientMatchesFiniteDifferences(at: [a, b], "stack axis \(axis)") { v in
                Variable.stack([v[0], v[1].sin(), v[0]], axis: axis).squared()
            }
            #expect(Variable.stack([Variable(a), Variable(b)], axis: axis).value == Tensor.stack([a, b], axis: axis))
        }
    }

    @Test func batchedMatmulWithTransposes() {
        var rng = RandomSource(seed: 43)
        let a = Tensor<Double>.randomNormal([2, 3, 4], using: &rng)
        let b = Tensor<Double>.randomNormal([2, 4, 5], using: &rng)
        #expect(GradientCheck.maxError(at: [a, b]) { $0[0].batchedMatmul($0[1]).sin() } < 1e-6)
        let at = a.permuted([0, 2, 1]), bt = b.permuted([0, 2, 1])
        for (ta, tb, x, y) in [(true, false, at, b), (false, true, a, bt), (true, true, at, bt)] {
            let err = GradientCheck.maxError(at: [x, y]) {
                $0[0].batchedMatmul($0[1], transposeSelf: ta, transposeOther: tb).sin()
            }
            #expect(err < 1e-6, "transposes \(ta) \(tb): \(err)")
        }
    }
}

@Suite("VJP rules: convolution, pooling, grid sampling")
struct SpatialGradientTests {
    @Test(arguments: [(1, 1), (2, 1), (2, 0)])
    func conv2dAndTranspose(stride: Int, padding: Int) {
        var rng = RandomSource(seed: 50)
        let x = Tensor<Double>.randomNormal([2, 2, 5, 4], using: &rng)
        let w = Tensor<Double>.randomNormal([3, 2, 3, 3], using: &rng)
        let b = Tensor<Double>.randomNormal([3], using: &rng)
        let err = GradientCheck.maxError(at: [x, w, b]) { v in
            v[0].conv2d(v[1], bias: v[2], stride: stride, padding: padding).tanh()
        }
        #expect(err < 1e-6, "conv2d: \(err)")
        let wt = Tensor<Double>.randomNormal([2, 3, 3, 3], using: &rng)
        let bt = Tensor<Double>.randomNormal([3], using: &rng)
        let errT = GradientCheck.maxError(at: [x, wt, bt]) { v in
            v[0].convTranspose2d(v[1], bias: v[2], stride: stride, padding: padding, outputPadding: stride - 1).tanh()
        }
        #expect(errT < 1e-6, "convTranspose2d: \(errT)")
    }

    @Test func pooling() {
        var rng = RandomSource(seed: 51)
        let x = Tensor<Double>.randomNormal([2, 2, 4, 6], using: &rng)
        #expect(GradientCheck.maxError(at: [x]) { $0[0].avgPool2d(kernel: 2).squared() } < 1e-6)
        #expect(GradientCheck.maxError(at: [x]) { $0[0].avgPool2d(kernel: 3, stride: 1).sin() } < 1e-6)
        #expect(GradientCheck.maxError(at: [x]) { $0[0].maxPool2d(kernel: 2).squared() } < 1e-6)
        #expect(GradientCheck.maxError(at: [x]) { $0[0].maxPool2d(kernel: 3, stride: 1).sin() } < 1e-6)
    }

    @Test(arguments: [GridSamplePadding.zeros, .border], [false, true])
    func gridSampleInImageAndGrid(padding: GridSamplePadding, alignCorners: Bool) {
        var rng = RandomSource(seed: 52)
        let image = Tensor<Double>.randomNormal([2, 2, 4, 5], using: &rng)
        // Sample points inside and outside the image (generic positions: bilinear is smooth there).
        let grid = Tensor<Double>.randomUniform([2, 3, 3, 2], in: -1.3...1.3, using: &rng)
        let err = GradientCheck.maxError(at: [image, grid]) { v in
            v[0].gridSample(v[1], padding: padding, alignCorners: alignCorners).squared()
        }
        #expect(err < 1e-5, "gridSample \(padding) alignCorners \(alignCorners): \(err)")
    }

    @Test func warpByFlow() {
        var rng = RandomSource(seed: 53)
        let image = Tensor<Double>.randomNormal([1, 2, 4, 4], using: &rng)
        let flow = Tensor<Double>.randomUniform([1, 4, 4, 2], in: -0.8...0.8, using: &rng)
        let err = GradientCheck.maxError(at: [image, flow]) { v in v[0].warped(by: v[1]).squared() }
        #expect(err < 1e-5, "warp: \(err)")
    }
}

@Suite("VJP rules: complex values and FFTs")
struct ComplexGradientTests {
    /// A real loss of complex outputs: weighted |c ⊙ T(z)|², with random complex c and real weights.
    func loss(_ z: ComplexVariable<Double>, _ transform: (ComplexVariable<Double>) -> ComplexVariable<Double>,
              c: Tensor<Complex<Double>>, weights: Tensor<Double>) -> Variable<Double> {
        (transform(z) * ComplexVariable(c)).magnitudeSquared() * Variable(weights)
    }

    @Test(arguments: ["fft", "ifft", "fft2D", "ifft2D"])
    func fourierTransforms(kind: String) {
        var rng = RandomSource(seed: 60)
        let shape = [2, 3, 4]
        let re = Tensor<Double>.randomNormal(shape, using: &rng), im = Tensor<Double>.randomNormal(shape, using: &rng)
        let c = Tensor<Complex<Double>>(real: .randomNormal(shape, using: &rng), imaginary: .randomNormal(shape, using: &rng))
        let weights = Tensor<Double>.randomUniform(shape, using: &rng)
        let transform: (ComplexVariable<Double>) -> ComplexVariable<Double> = switch kind {
        case "fft": { $0.fft() }
        case "ifft": { $0.ifft() }
        case "fft2D": { $0.fft2D() }
        default: { $0.ifft2D() }
        }
        let err = GradientCheck.maxError(at: [re, im]) { v in
            loss(ComplexVariable(real: v[0], imaginary: v[1]), transform, c: c, weights: weights)
        }
        #expect(err < 1e-6, "\(kind): \(err)")
    }

    @Test func complexArithmetic() {
        var rng = RandomSource(seed: 61)
        let t = (0..<4).map { _ in Tensor<Double>.randomNormal([3, 2], using: &rng) }
        let err = GradientCheck.maxError(at: t) { v in
            let a = ComplexVariable(real: v[0], imaginary: v[1]), b = ComplexVariable(real: v[2], imaginary: v[3])
            let z = (a * b - a.conjugated() + b * 0.5).fft()
            return z.real.sin() + z.imaginary.squared()
        }
        #expect(err < 1e-6, "complex arithmetic: \(err)")
    }

    /// The real-pair gradient of |z|² is 2z (as ∂/∂a + i∂/∂b), the conjugate-Wirtinger convention.
    @Test func magnitudeGradientConvention() {
        let re = Variable(Tensor<Double>(shape: [2], scalars: [1, -2]), requiresGradient: true)
        let im = Variable(Tensor<Double>(shape: [2], scalars: [3, 0.5]), requiresGradient: true)
        ComplexVariable(real: re, imaginary: im).magnitudeSquared().sum().backward()
        #expect(re.gradient?.scalars == [2, -4])
        #expect(im.gradient?.scalars == [6, 1])
    }
}

@Suite("VJP rules: real FFTs")
struct RealFFTGradientTests {
    @Test(arguments: [[2, 6], [3, 5], [2, 4, 6], [3, 4, 5]])
    func realTransformsAndInverses(shape: [Int]) {
        var rng = RandomSource(seed: 62)
        let x = Tensor<Double>.randomNormal(shape, using: &rng)
        let width = shape.last!, half = width / 2 + 1
        var halfShape = shape
        halfShape[shape.count - 1] = half
        let c = Tensor<Complex<Double>>(real: .randomNormal(halfShape, using: &rng), imaginary: .randomNormal(halfShape, using: &rng))
        let w = Tensor<Double>.randomNormal(shape, using: &rng)
        let twoD = shape.count == 3
        let forward = GradientCheck.maxError(at: [x]) { v in
            let z = twoD ? v[0].rfft2D() : v[0].rfft()
            return (z * ComplexVariable(c)).magnitudeSquared()
        }
        #expect(forward < 1e-6, "rfft \(shape): \(forward)")
        let re = Tensor<Double>.randomNormal(halfShape, using: &rng), im = Tensor<Double>.randomNormal(halfShape, using: &rng)
        let inverse = GradientCheck.maxError(at: [re, im]) { v in
            let z = ComplexVariable(real: v[0], imaginary: v[1])
            return (twoD ? z.irfft2D(width: width) : z.irfft(width: width)).sin() * Variable(w)
        }
        #expect(inverse < 1e-6, "irfft \(shape): \(inverse)")
    }
}
