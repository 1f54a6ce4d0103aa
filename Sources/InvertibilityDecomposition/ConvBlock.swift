import Autodiff
import NN
import Tensors

/// A 3×3 (or k×k) convolution with bias, `[N, Cin, H, W] → [N, Cout, H', W']`, He-uniform initialised.
final class ConvUnit: ParameterContainer {
    let weight: Parameter
    let bias: Parameter
    let stride: Int
    let padding: Int

    init(_ cin: Int, _ cout: Int, kernel: Int = 3, stride: Int = 1, name: String, gain: Double = 1,
         biasValue: Float = 0, rng: inout RandomSource) {
        let bound = gain * (6.0 / Double(cin * kernel * kernel)).squareRoot() / 2
        weight = Parameter(name: "\(name).weight",
                           value: .randomUniform([cout, cin, kernel, kernel], in: -bound...bound, using: &rng))
        bias = Parameter(name: "\(name).bias", value: Tensor(shape: [cout], repeating: biasValue))
        self.stride = stride
        padding = kernel / 2
    }

    var parameters: [Parameter] { [weight, bias] }

    func callAsFunction(_ x: Variable<Float>) -> Variable<Float> {
        x.conv2d(weight.variable(), bias: bias.variable(), stride: stride, padding: padding)
    }
}

/// FiLM conditioning: a linear map of the latent `w` to per-channel `(γ, β)`, initialised with std 0.01.
final class FiLMUnit: ParameterContainer {
    let linear: Parameter
    let bias: Parameter
    let channels: Int

    init(latent: Int, channels: Int, name: String, rng: inout RandomSource) {
        linear = Parameter(name: "\(name).weight", value: .randomNormal([latent, 2 * channels], standardDeviation: 0.01, using: &rng))
        bias = Parameter(name: "\(name).bias", value: Tensor(zeros: [2 * channels]))
        self.channels = channels
    }

    var parameters: [Parameter] { [linear, bias] }

    /// `h·(1 + γ(w)) + β(w)`.
    func callAsFunction(_ h: Variable<Float>, _ w: Variable<Float>) -> Variable<Float> {
        let gb = w.matmul(linear.variable()) + bias.variable()
        return h.film(gamma: gb.slice(axis: 1, 0..<channels), beta: gb.slice(axis: 1, channels..<(2 * channels)))
    }
}

extension Variable where Scalar == Float {
    /// Leaky ReLU with the spec's slope 0.2.
    func lrelu() -> Variable { leakyRelu(slope: 0.2) }
}
