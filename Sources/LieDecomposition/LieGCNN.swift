import Autodiff
import NN
import Symmetry
import Tensors

/// The affine-equivariant G-CNN on `R² ⋊ H` of the §10 CPU preset.
///
/// Feature maps carry the sample axis inside the channel axis (`[B, C·N, H, W]`, index `c·N + i`), so every
/// layer is one ordinary im2col + GEMM convolution with a generated weight. One sample draw per forward pass
/// is shared by every layer (so `g_i⁻¹ g_i = I` exactly and the chart angle never wraps).
final class LieGCNN: AffineClassifier {
    var configuration: LieGCNNConfiguration
    let lifting: GroupKernelLayer
    let middle: GroupKernelLayer
    let last: GroupKernelLayer
    let head: ClassifierHead

    init(configuration c: LieGCNNConfiguration, imageChannels: Int = 1, rng: inout RandomSource) {
        configuration = c
        let omega = Float(c.omega)
        lifting = GroupKernelLayer(lifting: true, group: c.group, inChannels: imageChannels, outChannels: c.channels,
                                   kernelSize: 5, padding: 0, hidden: c.kernelWidth, depth: c.kernelDepth, omega: omega,
                                   name: "lift", rng: &rng)
        middle = GroupKernelLayer(lifting: false, group: c.group, inChannels: c.channels, outChannels: c.channels,
                                  kernelSize: 5, padding: 2, hidden: c.kernelWidth, depth: c.kernelDepth, omega: omega,
                                  name: "gconv1", rng: &rng)
        last = GroupKernelLayer(lifting: false, group: c.group, inChannels: c.channels, outChannels: c.channels,
                                kernelSize: 3, padding: 0, hidden: c.kernelWidth, depth: c.kernelDepth, omega: omega,
                                name: "gconv2", rng: &rng)
        head = ClassifierHead(features: c.channels, width: c.headWidth, classes: c.classes, rng: &rng)
    }

    var parameters: [Parameter] { lifting.parameters + middle.parameters + last.parameters + head.parameters }

    func drawSamples(using rng: inout RandomSource) -> [GL2Sample<Double>] {
        configuration.sampler.draw(using: &rng)
    }

    /// The three kernel grids of one sample set.
    func grids(for samples: [GL2Sample<Double>]) -> (lift: KernelGrid, middle: KernelGrid, last: KernelGrid) {
        let c = configuration
        return (KernelGrid(lifting: samples, kernelSize: 5, mask: c.mask, determinantFactors: c.determinantFactors),
                KernelGrid(group: c.group, outputs: samples, inputs: samples, kernelSize: 5, mask: c.mask,
                           determinantFactors: c.determinantFactors),
                KernelGrid(group: c.group, outputs: samples, inputs: samples, kernelSize: 3, mask: c.mask,
                           determinantFactors: c.determinantFactors))
    }

    func logits(_ images: Variable<Float>, samples: [GL2Sample<Double>]) -> Variable<Float> {
        precondition(samples.count == configuration.samples, "G-CNN needs \(configuration.samples) samples, got \(samples.count)")
        let g = grids(for: samples)
        var h = lifting(images, grid: g.lift).layerNormPerExample().gelu().maxPool2x2()
        h = middle(h, grid: g.middle).layerNormPerExample().gelu().maxPool2x2()
        h = last(h, grid: g.last).layerNormPerExample().gelu()
        return head(h.globalMax(groupSize: configuration.samples))
    }
}

/// The CNN baseline on the same skeleton: free `K×K` convolution weights (no bias), width `C`.
final class ConvBaseline: AffineClassifier {
    let width: Int
    let weights: [Parameter]
    let paddings = [0, 2, 0]
    let head: ClassifierHead

    init(width: Int, imageChannels: Int = 1, headWidth: Int = 64, classes: Int = 10, rng: inout RandomSource) {
        self.width = width
        var ws: [Parameter] = []
        for (l, (cin, k)) in [(imageChannels, 5), (width, 5), (width, 3)].enumerated() {
            let bound = 1 / Double(cin * k * k).squareRoot()
            ws.append(Parameter(name: "conv\(l).weight", value: .randomUniform([width, cin, k, k], in: -bound...bound, using: &rng)))
        }
        weights = ws
        head = ClassifierHead(features: width, width: headWidth, classes: classes, rng: &rng)
    }

    var parameters: [Parameter] { weights + head.parameters }

    func drawSamples(using rng: inout RandomSource) -> [GL2Sample<Double>] { [] }

    func logits(_ images: Variable<Float>, samples: [GL2Sample<Double>]) -> Variable<Float> {
        var h = conv2d(images, weights[0].variable(), padding: paddings[0]).layerNormPerExample().gelu().maxPool2x2()
        h = conv2d(h, weights[1].variable(), padding: paddings[1]).layerNormPerExample().gelu().maxPool2x2()
        h = conv2d(h, weights[2].variable(), padding: paddings[2]).layerNormPerExample().gelu()
        return head(h.globalMax(groupSize: 1))
    }
}
