import Tensors

/// The layered, untied, discrete-time network of holomorphic EP: its parameters as flat row-major planes.
///
/// ```
///  x ──B──▶ u₀ ⇄ u₁ ⇄ … ⇄ u_{L−1} (= dynamical output o) ──R──▶ logits z = R s_o + r₀
///            forward[l]: W_{l+1←l}  [n_{l+1}, n_l]   (with bias b_{l+1})
///            feedback[l]: W_{l←l+1} [n_l, n_{l+1}]   (no bias; an independent parameter: "untied")
/// ```
/// Drive G(s; x) = W s + B x + b, activity s = φ(u) (``HolomorphicSigmoid``). The same type holds a
/// gradient (every field then holds ∂L/∂field), so estimators return a `LayeredNetwork` of gradients.
public struct LayeredNetwork<T: FloatingScalar>: Sendable, Equatable {
    /// Input dimension (784 for Fashion-MNIST).
    public var inputSize: Int
    /// Sizes of the dynamical layers, hidden layers first, the dynamical output layer last.
    public var layerSizes: [Int]
    /// Number of classes of the readout.
    public var classCount: Int
    /// B: `[layerSizes[0], inputSize]`.
    public var inputWeight: [T]
    /// b_l: one bias per dynamical layer, `[layerSizes[l]]`.
    public var biases: [[T]]
    /// W_{l+1←l}: `[layerSizes[l+1], layerSizes[l]]`.
    public var forward: [[T]]
    /// W_{l←l+1}: `[layerSizes[l], layerSizes[l+1]]`.
    public var feedback: [[T]]
    /// R: `[classCount, layerSizes.last]`.
    public var readout: [T]
    /// r₀: `[classCount]`.
    public var readoutBias: [T]

    /// A network with every parameter zero (also the neutral gradient).
    public init(inputSize: Int, layerSizes: [Int], classCount: Int) {
        precondition(!layerSizes.isEmpty && layerSizes.allSatisfy { $0 > 0 }, "layer sizes \(layerSizes)")
        self.inputSize = inputSize
        self.layerSizes = layerSizes
        self.classCount = classCount
        inputWeight = [T](repeating: 0, count: layerSizes[0] * inputSize)
        biases = layerSizes.map { [T](repeating: 0, count: $0) }
        forward = (0..<(layerSizes.count - 1)).map { [T](repeating: 0, count: layerSizes[$0 + 1] * layerSizes[$0]) }
        feedback = (0..<(layerSizes.count - 1)).map { [T](repeating: 0, count: layerSizes[$0] * layerSizes[$0 + 1]) }
        readout = [T](repeating: 0, count: classCount * layerSizes[layerSizes.count - 1])
        readoutBias = [T](repeating: 0, count: classCount)
    }

    /// Number of dynamical layers L.
    @inlinable public var layerCount: Int { layerSizes.count }
    /// Number of dynamical units n = Σ n_l.
    @inlinable public var unitCount: Int { layerSizes.reduce(0, +) }
    /// Offsets of each layer in a concatenated unit vector.
    public var layerOffsets: [Int] {
        var out: [Int] = [], o = 0
        for n in layerSizes { out.append(o); o += n }
        return out
    }

    // MARK: - Initialisation

    /// LeCun-normal initialisation (truncated at 2σ, variance 1/fan_in), zero biases, feedback mixed at angle α.
    ///
    /// Feedback = sin α · (own LeCun init, fan_in = n_{l+1}) + cos α · forwardᵀ; α = 0 symmetric, 90° independent.
    /// The own feedback draws are returned too (the experiment re-mixes them when α changes).
    public static func lecunInitialized(inputSize: Int, layerSizes: [Int], classCount: Int, feedbackAngle: Double,
                                        using rng: inout RandomSource) -> (network: LayeredNetwork, ownFeedback: [[T]]) {
        var net = LayeredNetwork(inputSize: inputSize, layerSizes: layerSizes, classCount: classCount)
        net.inputWeight = truncatedLecun(count: net.inputWeight.count, fanIn: inputSize, using: &rng)
        var own: [[T]] = []
        for l in 0..<(layerSizes.count - 1) {
            net.forward[l] = truncatedLecun(count: net.forward[l].count, fanIn: layerSizes[l], using: &rng)
            own.append(truncatedLecun(count: net.feedback[l].count, fanIn: layerSizes[l + 1], using: &rng))
        }
        net.readout = truncatedLecun(count: net.readout.count, fanIn: layerSizes[layerSizes.count - 1], using: &rng)
        net.mixFeedback(own: own, angleDegrees: feedbackAngle)
        return (net, own)
    }

    /// Sets feedback[l] = sin α · own[l] + cos α · forward[l]ᵀ.
    public mutating func mixFeedback(own: [[T]], angleDegrees: Double) {
        let a = angleDegrees * Double.pi / 180
        let sa = T(Double.sin(a)), ca = T(Double.cos(a))
        for l in 0..<(layerCount - 1) {
            let rows = layerSizes[l], cols = layerSizes[l + 1]
            for i in 0..<rows {
                for j in 0..<cols {
                    feedback[l][i * cols + j] = sa * own[l][i * cols + j] + ca * forward[l][j * rows + i]
                }
            }
        }
    }

    /// Truncated LeCun normal: N(0, 1/fan_in) truncated at ±2σ, rescaled so the variance is 1/fan_in.
    static func truncatedLecun(count: Int, fanIn: Int, using rng: inout RandomSource) -> [T] {
        let std = (1 / Double(fanIn)).squareRoot() / 0.87962566103423978
        var out = [T](repeating: 0, count: count)
        for i in 0..<count {
            var z = rng.normal()
            while abs(z) > 2 { z = rng.normal() }
            out[i] = T(z * std)
        }
        return out
    }

    // MARK: - Conversion and arithmetic

    /// The same network in another precision.
    public func converted<U: FloatingScalar>(to: U.Type = U.self) -> LayeredNetwork<U> {
        var out = LayeredNetwork<U>(inputSize: inputSize, layerSizes: layerSizes, classCount: classCount)
        func cv(_ a: [T]) -> [U] { a.map { U(Double($0)) } }
        out.inputWeight = cv(inputWeight)
        out.biases = biases.map(cv)
        out.forward = forward.map(cv)
        out.feedback = feedback.map(cv)
        out.readout = cv(readout)
        out.readoutBias = cv(readoutBias)
        return out
    }

    /// Every tensor by name, in a fixed order: `B`, `b0…`, `Wf0…`, `Wb0…`, `R`, `r0`.
    public var namedTensors: [(name: String, values: [T])] {
        var out: [(String, [T])] = [("B", inputWeight)]
        for (l, b) in biases.enumerated() { out.append(("b\(l)", b)) }
        for (l, w) in forward.enumerated() { out.append(("Wf\(l)", w)) }
        for (l, w) in feedback.enumerated() { out.append(("Wb\(l)", w)) }
        out.append(("R", readout))
        out.append(("r0", readoutBias))
        return out
    }

    /// The shape of each named tensor (same order as `namedTensors`).
    public var namedShapes: [(name: String, shape: [Int])] {
        var out: [(String, [Int])] = [("B", [layerSizes[0], inputSize])]
        for l in 0..<layerCount { out.append(("b\(l)", [layerSizes[l]])) }
        for l in 0..<(layerCount - 1) { out.append(("Wf\(l)", [layerSizes[l + 1], layerSizes[l]])) }
        for l in 0..<(layerCount - 1) { out.append(("Wb\(l)", [layerSizes[l], layerSizes[l + 1]])) }
        out.append(("R", [classCount, layerSizes[layerCount - 1]]))
        out.append(("r0", [classCount]))
        return out
    }

    /// Replaces the tensor called `name` (see `namedTensors`).
    public mutating func setTensor(_ name: String, _ values: [T]) {
        switch name {
        case "B": inputWeight = values
        case "R": readout = values
        case "r0": readoutBias = values
        default:
            if name.hasPrefix("Wf"), let l = Int(name.dropFirst(2)) { forward[l] = values }
            else if name.hasPrefix("Wb"), let l = Int(name.dropFirst(2)) { feedback[l] = values }
            else if name.hasPrefix("b"), let l = Int(name.dropFirst(1)) { biases[l] = values }
            else { preconditionFailure("unknown tensor \(name)") }
        }
    }

    /// `self + scale · other`, tensor by tensor (gradient accumulation).
    public mutating func add(_ other: LayeredNetwork, scale: T = 1) {
        func axpy(_ a: inout [T], _ b: [T]) { for i in a.indices { a[i] += scale * b[i] } }
        axpy(&inputWeight, other.inputWeight)
        for l in biases.indices { axpy(&biases[l], other.biases[l]) }
        for l in forward.indices { axpy(&forward[l], other.forward[l]); axpy(&feedback[l], other.feedback[l]) }
        axpy(&readout, other.readout)
        axpy(&readoutBias, other.readoutBias)
    }

    /// The Euclidean norm over every tensor.
    public var norm: Double {
        namedTensors.reduce(0.0) { acc, t in acc + t.values.reduce(0.0) { $0 + Double($1) * Double($1) } }.squareRoot()
    }
}
