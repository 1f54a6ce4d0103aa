import Autodiff
import Tensors

/// Activation functions for layers and the MLP builder.
public enum Activation: String, Sendable, Codable, CaseIterable {
    case identity, relu, leakyRelu, silu, tanh, sigmoid, softplus

    /// Applies the activation.
    public func callAsFunction(_ x: Variable<Float>) -> Variable<Float> {
        switch self {
        case .identity: x
        case .relu: x.relu()
        case .leakyRelu: x.leakyRelu(slope: 0.01)
        case .silu: x.silu()
        case .tanh: x.tanh()
        case .sigmoid: x.sigmoid()
        case .softplus: x.softplus()
        }
    }
}

/// A dense layer `y = x·W + b`, `x: [batch, in]`, `W: [in, out]`, `b: [out]`.
///
/// Weights start from Kaiming/He-uniform `U(-√(1/in), √(1/in))` scaled for the fan-in, bias zero.
public final class Linear: ParameterContainer {
    public let weight: Parameter
    public let bias: Parameter?

    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, name: String = "linear",
                rng: inout RandomSource) {
        let bound = (1.0 / Double(inFeatures)).squareRoot()
        weight = Parameter(name: "\(name).weight",
                           value: .randomUniform([inFeatures, outFeatures], in: -bound...bound, using: &rng))
        self.bias = bias ? Parameter(name: "\(name).bias", value: Tensor(zeros: [outFeatures])) : nil
    }

    public var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }

    /// Applies the layer to `[batch, in]`.
    public func callAsFunction(_ x: Variable<Float>) -> Variable<Float> {
        if let bias, x.shape.count == 2 { return x.affine(weight.variable(), bias: bias.variable()) }
        let y = x.matmul(weight.variable())
        if let bias { return y + bias.variable() }
        return y
    }
}

/// A multilayer perceptron: Linear layers with an activation between them (none after the last).
public final class MLP: ParameterContainer {
    public let layers: [Linear]
    public let activation: Activation

    /// - Parameter sizes: `[in, hidden…, out]`.
    public init(sizes: [Int], activation: Activation = .relu, name: String = "mlp", rng: inout RandomSource) {
        precondition(sizes.count >= 2, "an MLP needs at least input and output sizes, got \(sizes)")
        var layers: [Linear] = []
        for i in 0..<(sizes.count - 1) {
            layers.append(Linear(sizes[i], sizes[i + 1], name: "\(name).\(i)", rng: &rng))
        }
        self.layers = layers
        self.activation = activation
    }

    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    public func callAsFunction(_ x: Variable<Float>) -> Variable<Float> {
        var h = x
        for (i, layer) in layers.enumerated() {
            h = layer(h)
            if i < layers.count - 1 { h = activation(h) }
        }
        return h
    }
}
