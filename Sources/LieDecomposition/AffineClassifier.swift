import Autodiff
import NN
import Symmetry
import Tensors

/// A 40×40 image classifier that may integrate over sampled group elements (the G-CNN) or not (the CNN).
protocol AffineClassifier: ParameterContainer {
    /// Draws the sample set of one forward pass (the CNN draws nothing and leaves `rng` untouched).
    func drawSamples(using rng: inout RandomSource) -> [GL2Sample<Double>]
    /// Logits `[B, classes]` for images `[B, 1, H, W]` given a sample set shared by every layer.
    func logits(_ images: Variable<Float>, samples: [GL2Sample<Double>]) -> Variable<Float>
}

extension AffineClassifier {
    /// Logits with a fresh sample draw.
    func logits(_ images: Tensor<Float>, using rng: inout RandomSource) -> Variable<Float> {
        logits(Variable(images), samples: drawSamples(using: &rng))
    }
}

/// The classifier head `Linear(C, W, no bias) → LayerNorm(W) → GELU → Linear(W, classes)`.
final class ClassifierHead: ParameterContainer {
    let hidden: Linear
    let gain: Parameter
    let bias: Parameter
    let output: Linear

    init(features: Int, width: Int, classes: Int, rng: inout RandomSource) {
        hidden = Linear(features, width, bias: false, name: "head.0", rng: &rng)
        gain = Parameter(name: "head.norm.gain", value: Tensor(shape: [width], repeating: 1))
        bias = Parameter(name: "head.norm.bias", value: Tensor(zeros: [width]))
        output = Linear(width, classes, name: "head.1", rng: &rng)
    }

    var parameters: [Parameter] { hidden.parameters + [gain, bias] + output.parameters }

    func callAsFunction(_ x: Variable<Float>) -> Variable<Float> {
        let h = layerNormAffine(hidden(x), gain: gain.variable(), bias: bias.variable()).gelu()
        return output(h)
    }
}
