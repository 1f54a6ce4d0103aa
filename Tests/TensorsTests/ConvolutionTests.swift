import Testing
import Tensors
import _TestSupport

@Suite("convolution, pooling and grid sampling")
struct ConvolutionTests {
    @Test(arguments: [(1, 0), (1, 1), (2, 1), (2, 0), (3, 2)])
    func conv2dMatchesDirectConvolution(stride: Int, padding: Int) {
        var rng = RandomSource(seed: 30)
        let x = Tensor<Double>.randomNormal([2, 3, 7, 6], using: &rng)
        let w = Tensor<Double>.randomNormal([4, 3, 3, 2], using: &rng)
        let b = Tensor<Double>.randomNormal([4], using: &rng)
        let expected = Reference.conv2d(x, w, stride: stride, padding: padding)
        #expect(x.conv2d(w, stride: stride, padding: padding).isClose(to: expected, rtol: 1e-10, atol: 1e-12))
        let withBias = x.conv2d(w, bias: b, stride: stride, padding: padding)
        #expect(withBias.isClose(to: expected + b.reshaped([4, 1, 1]), rtol: 1e-10, atol: 1e-12))
    }

    /// The input and weight gradients are the adjoints of the forward map: `<conv(x, w), g> = <x, dX(g)> = <w, dW(g)>`,
    /// and the transposed convolution is the input gradient.
    @Test(arguments: [(1, 1), (2, 1), (2, 0)])
    func gradientsAreAdjoints(stride: Int, padding: Int) {
        var rng = RandomSource(seed: 31)
        let x = Tensor<Double>.randomNormal([2, 3, 6, 7], using: &rng)
        let w = Tensor<Double>.randomNormal([5, 3, 3, 3], using: &rng)
        let y = x.conv2d(w, stride: stride, padding: padding)
        let g = Tensor<Double>.randomNormal(y.shape, using: &rng)
        let lhs = Reference.dot(y, g)
        let dx = Tensor.conv2dInputGradient(g, weight: w, inputShape: x.shape, stride: stride, padding: padding)
        let dw = Tensor.conv2dWeightGradient(g, input: x, weightShape: w.shape, stride: stride, padding: padding)
        #expect(abs(lhs - Reference.dot(x, dx)) < 1e-9 * max(1, abs(lhs)))
        #expect(abs(lhs - Reference.dot(w, dw)) < 1e-9 * max(1, abs(lhs)))
        let outputPadding = (x.shape[2] + 2 * padding - 3) % stride
        let t = g.convTranspose2d(w, stride: stride, padding: padding, outputPadding: outputPadding)
        #expect(t.shape == [2, 3, 6, (x.shape[3] + 2 * padding - 3) / stride * stride + 3 - 2 * padding + outputPadding])
        if t.shape == x.shape { #expect(t.isClose(to: dx, rtol: 1e-12)) }
    }

    @Test func poolingMatchesLoops() {
        var rng = RandomSource(seed: 32)
        let x = Tensor<Double>.randomNormal([2, 2, 4, 6], using: &rng)
        let avg = x.avgPool2d(kernel: 2), mx = x.maxPool2d(kernel: 2)
        #expect(avg.shape == [2, 2, 2, 3])
        for n in 0..<2 { for c in 0..<2 { for i in 0..<2 { for j in 0..<3 {
            let window = [x[n, c, 2 * i, 2 * j], x[n, c, 2 * i, 2 * j + 1], x[n, c, 2 * i + 1, 2 * j], x[n, c, 2 * i + 1, 2 * j + 1]]
            #expect(abs(avg[n, c, i, j] - window.reduce(0, +) / 4) < 1e-12)
            #expect(mx[n, c, i, j] == window.max())
        } } } }
        #expect(x.maxPool2d(kernel: 3, stride: 1).shape == [2, 2, 2, 4])
    }

    @Test(arguments: [false, true])
    func identityGridReproducesTheImage(alignCorners: Bool) {
        var rng = RandomSource(seed: 33)
        let image = Tensor<Double>.randomNormal([2, 3, 5, 4], using: &rng)
        let grid = Tensor<Double>.identityGrid(batch: 2, height: 5, width: 4, alignCorners: alignCorners)
        for padding in [GridSamplePadding.zeros, .border] {
            #expect(image.gridSample(grid, padding: padding, alignCorners: alignCorners).isClose(to: image, rtol: 1e-12, atol: 1e-12))
        }
    }

    /// A flow of one pixel to the right reads each pixel's right neighbour; zeros padding gives 0 past the edge,
    /// border padding repeats the last column; a half-pixel flow averages neighbours.
    @Test func integerAndHalfPixelShifts() {
        var rng = RandomSource(seed: 34)
        let image = Tensor<Double>.randomNormal([1, 1, 3, 4], using: &rng)
        let identity = Tensor<Double>.identityGrid(batch: 1, height: 3, width: 4)
        let scale = Tensor<Double>.flowScale(height: 3, width: 4)
        let shift = Tensor<Double>(shape: [1, 3, 4, 2], generator: { $0 % 2 == 0 ? 1 : 0 }) * scale
        let zeros = image.gridSample(identity + shift, padding: .zeros)
        let border = image.gridSample(identity + shift, padding: .border)
        let half = image.gridSample(identity + shift * 0.5, padding: .zeros)
        for i in 0..<3 { for j in 0..<4 {
            #expect(abs(zeros[0, 0, i, j] - (j < 3 ? image[0, 0, i, j + 1] : 0)) < 1e-12)
            #expect(abs(border[0, 0, i, j] - image[0, 0, i, min(j + 1, 3)]) < 1e-12)
            #expect(abs(half[0, 0, i, j] - (image[0, 0, i, j] + (j < 3 ? image[0, 0, i, j + 1] : 0)) / 2) < 1e-12)
        } }
    }
}
