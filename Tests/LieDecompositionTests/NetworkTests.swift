import Autodiff
import Symmetry
import Tensors
import Testing
@testable import LieDecomposition

// MARK: - Spec §11 checks 3 and 6, parameter counts of §10, and kernel assembly.

@Test func liftingGridHardDiscUnderStretch() {
    let h = GL2Matrix<Double>(2, 1, 0, 0.5)
    let sample = GL2Sample(element: h, inverse: h.inverse, angle: 0, algebraCoordinates: [0, 0])
    let stretched = KernelGrid(lifting: [sample], kernelSize: 5, mask: .hard, determinantFactors: true)
    #expect(stretched.multipliers.filter { $0 != 0 }.count == 13)
    let id = GL2Sample<Double>(element: .identity, inverse: .identity, angle: 0, algebraCoordinates: [0, 0])
    let plain = KernelGrid(lifting: [id], kernelSize: 5, mask: .hard, determinantFactors: true)
    #expect(plain.multipliers.filter { $0 != 0 }.count == 21)
    // Pixel (p, q) = (4, 4) is u = (0.8, 0.8); its MLP input is h⁻¹u = (−0.4, 1.6).
    let row = 4 * 5 + 4
    #expect(abs(stretched.coordinates[row, 0] + 0.4) < 1e-6 && abs(stretched.coordinates[row, 1] - 1.6) < 1e-6)
    #expect(abs(KernelGrid.point(4, 4, size: 5).x - 0.8) < 1e-15)
}

@Test func groupGridChartsDiagonalToIdentity() {
    var rng = RandomSource(seed: 41)
    for group in GL2Group.allCases {
        let samples: [GL2Sample<Double>] = HaarSampler(group: group, count: 4, variance: 0.1, rotation: .offset).draw(using: &rng)
        let grid = KernelGrid(group: group, outputs: samples, inputs: samples, kernelSize: 3, mask: .none,
                              determinantFactors: true)
        for i in 0..<4 { for pq in 0..<9 {
            let row = (i * 4 + i) * 9 + pq
            for a in 2..<grid.inputDimension { #expect(abs(grid.coordinates[row, a]) < 1e-6) }
        } }
    }
}

@Test func parameterCountsMatchThePreset() {
    var rng = RandomSource(seed: 0)
    #expect(LieGCNN(configuration: .init(group: .specialLinear), rng: &rng).parameterCount == 26_042)
    #expect(LieGCNN(configuration: .init(group: .generalLinear), rng: &rng).parameterCount == 26_106)
    #expect(ConvBaseline(width: 26, rng: &rng).parameterCount == 26_076)
    #expect(ConvBaseline(width: 16, rng: &rng).parameterCount == 10_906)
}

/// Rotates `[B, 1, H, W]` images by 90° (a permutation of pixels about the centre).
func rotated90(_ x: Tensor<Float>) -> Tensor<Float> {
    let (b, h, w) = (x.shape[0], x.shape[2], x.shape[3])
    var out = Tensor<Float>(zeros: x.shape)
    for n in 0..<b { for y in 0..<h { for xx in 0..<w { out[n, 0, xx, w - 1 - y] = x[n, 0, y, xx] } } }
    return out
}

func relativeChange(_ a: Tensor<Float>, _ b: Tensor<Float>) -> Float {
    let diff = zip(a.scalars, b.scalars).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
    return diff / b.scalars.map { $0 * $0 }.reduce(0, +).squareRoot()
}

@Test(arguments: GL2Group.allCases)
func exactRotationInvarianceWithEquidistantSamples(group: GL2Group) {
    var rng = RandomSource(seed: 42)
    let config = LieGCNNConfiguration(group: group, channels: 4, samples: 8, variance: 0, rotation: .equidistant)
    let model = LieGCNN(configuration: config, rng: &rng)
    let x = Tensor<Float>.randomUniform([2, 1, 40, 40], in: -1...1, using: &rng)
    let samples = model.drawSamples(using: &rng)
    let a = model.logits(Variable(x), samples: samples).value
    let b = model.logits(Variable(rotated90(x)), samples: samples).value
    let change = relativeChange(b, a)
    #expect(change < 1e-4, "\(group) G-CNN logit change under a 90° rotation: \(change)")
}

@Test func cnnBaselineIsNotRotationInvariant() {
    var rng = RandomSource(seed: 43)
    let model = ConvBaseline(width: 8, rng: &rng)
    let x = Tensor<Float>.randomUniform([2, 1, 40, 40], in: -1...1, using: &rng)
    let change = relativeChange(model.logits(Variable(rotated90(x)), samples: []).value,
                                model.logits(Variable(x), samples: []).value)
    #expect(change > 1e-2, "CNN logit change under a 90° rotation: \(change)")
}

@Test func kernelAssemblyIsLinearWithTransposeVJP() {
    var rng = RandomSource(seed: 44)
    let samples: [GL2Sample<Double>] = HaarSampler(group: .generalLinear, count: 3, variance: 0.1).draw(using: &rng)
    let grid = KernelGrid(group: .generalLinear, outputs: samples, inputs: samples, kernelSize: 3, mask: .smooth,
                          determinantFactors: true)
    let values = Variable(Tensor<Float>.randomNormal([grid.rows, 6], using: &rng), requiresGradient: true)
    let probe = Tensor<Float>.randomNormal([3 * 3, 2 * 3, 3, 3], using: &rng)
    let w = assembleKernel(values, grid: grid, inChannels: 2, outChannels: 3)
    (w * Variable(probe)).sum().backward()
    // <W(v), probe> = <v, Wᵀ(probe)> for a linear map.
    let lhs = zip(w.value.scalars, probe.scalars).map { Double($0) * Double($1) }.reduce(0, +)
    let grad = values.gradient ?? Tensor(zeros: values.shape)
    let rhs = zip(values.value.scalars, grad.scalars).map { Double($0) * Double($1) }.reduce(0, +)
    #expect(abs(lhs - rhs) < 1e-3 * max(1, abs(lhs)))
    // Row (i=1, j=2, p=0, q=1), output channel 2, input channel 1 lands at W[2·3+1, 1·3+2, 0, 1].
    let row = (1 * 3 + 2) * 9 + 1
    #expect(abs(w.value[7, 5, 0, 1] - grid.multipliers[row] * values.value[row, 2 * 2 + 1]) < 1e-6)
}

/// A 4×4 object on the −1 background of a `side`×`side` canvas, top-left corner at (`x0`, `y0`).
private func blobImage(side: Int, x0: Int, y0: Int, seed: UInt64) -> Tensor<Float> {
    var rng = RandomSource(seed: seed)
    let patch = Tensor<Float>.randomUniform([4, 4], in: -1...1, using: &rng)
    var pixels = [Float](repeating: -1, count: side * side)
    for y in 0..<4 { for x in 0..<4 { pixels[(y0 + y) * side + x0 + x] = patch.scalars[y * 4 + x] } }
    return Tensor(shape: [1, 1, side, side], scalars: pixels)
}

@Test(arguments: [GL2Group.specialLinear, .generalLinear])
func translationByThePoolingStrideIsExactAwayFromTheBorders(group: GL2Group) {
    // R² ⋊ H: a shift by 4 px (the two stride-2 pools) of an object far from the canvas edge leaves the logits
    // unchanged for the same sample draw; the CNN baseline likewise. "Far" is more than a 40×40 canvas offers:
    // the middle layer's zero padding reaches 8 px into the canvas and the valid last layer mixes those border
    // cells with their neighbours, so even a 4×4 object cannot move by 4 px on 40×40 without its response meeting
    // a border cell (the networks are fully convolutional, so the check runs on 64×64).
    var rng = RandomSource(seed: 45)
    let model = LieGCNN(configuration: LieGCNNConfiguration(group: group, channels: 4, samples: 4), rng: &rng)
    let samples = model.drawSamples(using: &rng)
    let image = { (x0: Int, y0: Int) in Variable(blobImage(side: 64, x0: x0, y0: y0, seed: 9)) }
    let a = model.logits(image(28, 28), samples: samples).value
    let b = model.logits(image(32, 28), samples: samples).value
    let c = model.logits(image(28, 32), samples: samples).value
    #expect(relativeChange(b, a) < 1e-5 && relativeChange(c, a) < 1e-5,
            "\(group) G-CNN logit change under 4-px shifts: \(relativeChange(b, a)), \(relativeChange(c, a))")
    let cnn = ConvBaseline(width: 8, rng: &rng)
    let ca = cnn.logits(image(28, 28), samples: []).value
    let cb = cnn.logits(image(32, 28), samples: []).value
    #expect(relativeChange(cb, ca) < 1e-5, "CNN logit change under a 4-px shift: \(relativeChange(cb, ca))")
}
