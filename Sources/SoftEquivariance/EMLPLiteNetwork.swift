import Tensors

/// The EMLP-lite forward and backward passes on given (effective) weights, generic over Float/Double (spec §6).
///
/// `weights[l]` is `[d_out, d_in]` and `biases[l]` is `[d_out]` for the representations of
/// `architecture.layerReps[l]`. The network has no parameters of its own, so the same code serves training
/// (Float), the Hard/RPP weight maps and Double gradient checks.
public struct EMLPLiteNetwork: Sendable {
    /// The layer layout.
    public let architecture: EMLPLiteArchitecture
    /// The products and gates of every hidden block.
    public let nonlinearity: EMLPLiteNonlinearity

    public init(architecture: EMLPLiteArchitecture) {
        self.architecture = architecture
        let h = architecture.hidden
        nonlinearity = EMLPLiteNonlinearity(scalars: h.scalars, vectors: h.vectors, tensors: h.tensors,
                                            isScaleCompatible: architecture.usesScaleCompatibleProducts)
    }

    /// What the backward pass needs from the forward pass.
    public struct Tape<Scalar: FloatingScalar> {
        /// The input of every linear layer.
        public var layerInputs: [Tensor<Scalar>] = []
        /// The output `y` of every hidden linear layer and its pre-gate `z`.
        public var preActivations: [Tensor<Scalar>] = []
        public var preGates: [Tensor<Scalar>] = []

        @inlinable public init() {}
    }

    /// The output `[batch, d_out]` and the tape.
    @inlinable
    public func forward<Scalar: FloatingScalar>(_ x: Tensor<Scalar>, weights: [Tensor<Scalar>],
                                                biases: [Tensor<Scalar>]) -> (output: Tensor<Scalar>, tape: Tape<Scalar>) {
        precondition(weights.count == architecture.blocks + 1 && biases.count == weights.count,
                     "EMLP-lite needs \(architecture.blocks + 1) layers, got \(weights.count)")
        var tape = Tape<Scalar>()
        var h = x
        for l in 0..<architecture.blocks {
            tape.layerInputs.append(h)
            let y = DenseKernels.linear(h, weight: weights[l], bias: biases[l])
            let z = nonlinearity.products(y)
            h = nonlinearity.gate(z, gatesFrom: y)
            tape.preActivations.append(y)
            tape.preGates.append(z)
        }
        tape.layerInputs.append(h)
        let out = DenseKernels.linear(h, weight: weights[architecture.blocks], bias: biases[architecture.blocks])
        return (out, tape)
    }

    /// The output only.
    @inlinable
    public func callAsFunction<Scalar: FloatingScalar>(_ x: Tensor<Scalar>, weights: [Tensor<Scalar>],
                                                       biases: [Tensor<Scalar>]) -> Tensor<Scalar> {
        forward(x, weights: weights, biases: biases).output
    }

    /// Gradients of a loss with respect to every weight and bias, from `dL/d output`.
    @inlinable
    public func backward<Scalar: FloatingScalar>(_ dOut: Tensor<Scalar>, tape: Tape<Scalar>,
                                                 weights: [Tensor<Scalar>]) -> (weights: [Tensor<Scalar>], biases: [Tensor<Scalar>]) {
        let last = architecture.blocks
        var dW = [Tensor<Scalar>](repeating: Tensor(zeros: [0]), count: last + 1)
        var db = dW
        var g = DenseKernels.linearBackward(dOut, input: tape.layerInputs[last], weight: weights[last], needsInputGradient: true)
        dW[last] = g.dWeight
        db[last] = g.dBias
        for l in stride(from: last - 1, through: 0, by: -1) {
            guard let dh = g.dx else { break }
            let dy = nonlinearity.backward(dh, input: tape.preActivations[l], preGate: tape.preGates[l])
            g = DenseKernels.linearBackward(dy, input: tape.layerInputs[l], weight: weights[l], needsInputGradient: l > 0)
            dW[l] = g.dWeight
            db[l] = g.dBias
        }
        return (dW, db)
    }
}

/// The MLP baseline (spec §7): swish hidden layers on the flattened input, a linear output layer.
public struct SwishMLPNetwork: Sendable {
    /// `[in, hidden…, out]`.
    public let sizes: [Int]

    public init(sizes: [Int]) {
        precondition(sizes.count >= 2, "an MLP needs input and output sizes")
        self.sizes = sizes
    }

    /// The output and the per-layer inputs and pre-activations.
    @inlinable
    public func forward<Scalar: FloatingScalar>(_ x: Tensor<Scalar>, weights: [Tensor<Scalar>], biases: [Tensor<Scalar>])
        -> (output: Tensor<Scalar>, inputs: [Tensor<Scalar>], preActivations: [Tensor<Scalar>]) {
        var h = x
        var inputs: [Tensor<Scalar>] = [], pre: [Tensor<Scalar>] = []
        for l in 0..<weights.count {
            inputs.append(h)
            let y = DenseKernels.linear(h, weight: weights[l], bias: biases[l])
            pre.append(y)
            h = l < weights.count - 1 ? DenseKernels.swish(y) : y
        }
        return (h, inputs, pre)
    }

    /// Gradients of every weight and bias from `dL/d output`.
    @inlinable
    public func backward<Scalar: FloatingScalar>(_ dOut: Tensor<Scalar>, inputs: [Tensor<Scalar>], preActivations: [Tensor<Scalar>],
                                                 weights: [Tensor<Scalar>]) -> (weights: [Tensor<Scalar>], biases: [Tensor<Scalar>]) {
        var dW = [Tensor<Scalar>](repeating: Tensor(zeros: [0]), count: weights.count)
        var db = dW
        var upstream = dOut
        for l in stride(from: weights.count - 1, through: 0, by: -1) {
            if l < weights.count - 1 { upstream = DenseKernels.swishBackward(upstream, input: preActivations[l]) }
            let g = DenseKernels.linearBackward(upstream, input: inputs[l], weight: weights[l], needsInputGradient: l > 0)
            dW[l] = g.dWeight
            db[l] = g.dBias
            if let dx = g.dx { upstream = dx }
        }
        return (dW, db)
    }
}
