import Autodiff
import Tensors

/// A trainable tensor with a stable name (`"encoder.0.weight"`), its gradient and a frozen flag.
///
/// Each forward pass takes a fresh leaf with `variable()`; `backward()` accumulates into `gradient`.
public final class Parameter {
    /// The dotted name under which checkpoints store the value.
    public let name: String
    /// The current value.
    public var value: Tensor<Float>
    /// The gradient accumulated since the last `zeroGradient()`.
    public var gradient: Tensor<Float>?
    /// Frozen parameters get no gradient and are skipped by optimizers.
    public var isFrozen: Bool

    public init(name: String, value: Tensor<Float>, isFrozen: Bool = false) {
        self.name = name
        self.value = value
        self.isFrozen = isFrozen
    }

    /// A leaf variable for this parameter whose gradient accumulates into `gradient`.
    public func variable() -> Variable<Float> {
        let v = Variable(value, requiresGradient: !isFrozen)
        v.onGradient = { [unowned self] g in
            if let existing = self.gradient { self.gradient = existing + g } else { self.gradient = g }
        }
        return v
    }

    /// Clears the gradient.
    public func zeroGradient() { gradient = nil }
}

/// Anything that owns parameters, found recursively by name.
public protocol ParameterContainer: AnyObject {
    /// Every parameter, each with its full dotted name.
    var parameters: [Parameter] { get }
}

extension ParameterContainer {
    /// Parameters by name.
    public var namedParameters: [String: Parameter] {
        Dictionary(parameters.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Clears every gradient.
    public func zeroGradients() { for p in parameters { p.zeroGradient() } }

    /// The total number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
}

/// Scales gradients so their global L2 norm is at most `maxNorm`; returns the norm before clipping.
@discardableResult
public func clipGradientNorm(_ parameters: [Parameter], maxNorm: Float) -> Float {
    var sq: Float = 0
    for p in parameters { if let g = p.gradient { sq += g.scalars.reduce(0) { $0 + $1 * $1 } } }
    let norm = sq.squareRoot()
    if norm > maxNorm && norm > 0 {
        let s = maxNorm / norm
        for p in parameters where p.gradient != nil { p.gradient! *= s }
    }
    return norm
}
