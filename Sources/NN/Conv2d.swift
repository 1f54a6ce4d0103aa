import Autodiff
import Tensors

/// A 2-D convolution layer `y = conv2d(x, W) + b`: `x [N, C, H, W]`, `W [O, C, k, k]`, `b [O]` → `[N, O, Ho, Wo]`.
///
/// Parameters are named `"<name>.weight"` and `"<name>.bias"`. Weights start from He-normal (`N(0, 2/(C·k·k))`,
/// He et al., ICCV 2015), the bias at zero.
///
/// ```swift
/// var rng = RandomSource(seed: 0)
/// let conv = Conv2d(1, 16, kernelSize: 3, padding: 1, name: "conv1", rng: &rng)
/// let y = conv(x)   // [N, 16, 28, 28] for x: [N, 1, 28, 28]
/// ```
public final class Conv2d: ParameterContainer {
    /// `[out, in, k, k]`.
    public let weight: Parameter
    /// `[out]`, when the layer has a bias.
    public let bias: Parameter?
    /// The step of the sliding window.
    public let stride: Int
    /// Zeros added on each side of both spatial axes.
    public let padding: Int
    /// The activation applied to the output (ReLU is fused into the convolution).
    public let activation: Activation

    /// Creates a `kernelSize × kernelSize` convolution from `inChannels` to `outChannels`.
    ///
    /// - Parameters:
    ///   - activation: applied to the output; `.relu` is fused into the convolution (one pass).
    ///   - initializer: the weight distribution (He-normal by default); the bias starts at zero.
    ///   - name: the parameter-name prefix (`"<name>.weight"`, `"<name>.bias"`).
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                bias: Bool = true, activation: Activation = .identity, initializer: Initializer = .heNormal,
                name: String = "conv", rng: inout RandomSource) {
        let shape = [outChannels, inChannels, kernelSize, kernelSize]
        let fans = Initializer.fans(of: shape)
        weight = Parameter(name: "\(name).weight", value: initializer.make(shape, fanIn: fans.fanIn, fanOut: fans.fanOut, using: &rng))
        self.bias = bias ? Parameter(name: "\(name).bias", value: Tensor(zeros: [outChannels])) : nil
        self.stride = stride
        self.padding = padding
        self.activation = activation
    }

    /// The weight, then the bias.
    public var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }

    /// Applies the convolution (and the activation) to `[N, C, H, W]`.
    public func callAsFunction(_ x: Variable<Float>) -> Variable<Float> {
        let fused = activation == .relu
        let y = x.conv2d(weight.variable(), bias: bias?.variable(), stride: stride, padding: padding, applyingReLU: fused)
        return fused ? y : activation(y)
    }
}

/// A transposed 2-D convolution layer (learned upsampling): `x [N, Cin, H, W]`, `W [Cin, Cout, k, k]`, `b [Cout]`
/// → `[N, Cout, (H−1)·stride − 2·padding + k + outputPadding, …]`.
///
/// Weights start from He-normal with PyTorch's fan-in for this layout (`Cout·k·k`), the bias at zero.
public final class ConvTranspose2d: ParameterContainer {
    /// `[in, out, k, k]`.
    public let weight: Parameter
    /// `[out]`, when the layer has a bias.
    public let bias: Parameter?
    /// The upsampling factor.
    public let stride: Int
    /// The padding of the equivalent forward convolution (removed from each border of the output).
    public let padding: Int
    /// Extra rows/columns added at the bottom/right to pick among output sizes (`0..<stride`).
    public let outputPadding: Int

    /// Creates a transposed `kernelSize × kernelSize` convolution from `inChannels` to `outChannels`.
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                outputPadding: Int = 0, bias: Bool = true, initializer: Initializer = .heNormal,
                name: String = "deconv", rng: inout RandomSource) {
        let shape = [inChannels, outChannels, kernelSize, kernelSize]
        let fans = Initializer.fans(of: shape)
        weight = Parameter(name: "\(name).weight", value: initializer.make(shape, fanIn: fans.fanIn, fanOut: fans.fanOut, using: &rng))
        self.bias = bias ? Parameter(name: "\(name).bias", value: Tensor(zeros: [outChannels])) : nil
        self.stride = stride
        self.padding = padding
        self.outputPadding = outputPadding
    }

    /// The weight, then the bias.
    public var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }

    /// Applies the transposed convolution to `[N, Cin, H, W]`.
    public func callAsFunction(_ x: Variable<Float>) -> Variable<Float> {
        x.convTranspose2d(weight.variable(), bias: bias?.variable(), stride: stride, padding: padding,
                          outputPadding: outputPadding)
    }
}
