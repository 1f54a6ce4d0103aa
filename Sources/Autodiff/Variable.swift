import Tensors

/// A node of the reverse-mode graph: a value, its accumulated gradient, and how to send gradients to its inputs.
///
/// Every operation on variables records a node whose `pullback` maps the gradient of the output to one
/// gradient per input (the vector–Jacobian product). `backward()` orders the graph by depth-first search,
/// seeds the output with ones, sweeps in reverse and **accumulates** (`+=`), so a value used twice receives
/// both contributions. After the sweep interior nodes drop their pullbacks and inputs, so nothing of the
/// graph stays alive beyond the gradients of the leaves.
///
/// ```swift
/// let w = Variable(Tensor<Double>(shape: [2], scalars: [1, 2]), requiresGradient: true)
/// let loss = (w * w).sum()
/// loss.backward()
/// // w.gradient == [2, 4]
/// ```
public final class Variable<Scalar: FloatingScalar> {
    /// The forward value.
    public let value: Tensor<Scalar>
    /// The gradient of the last `backward()` root with respect to this value (leaves and retained nodes).
    public var gradient: Tensor<Scalar>?
    /// Whether gradients flow to (and through) this node.
    public let requiresGradient: Bool
    /// Called with the gradient once `backward()` has finished accumulating into this leaf.
    public var onGradient: ((Tensor<Scalar>) -> Void)?

    @usableFromInline var inputs: [Variable]
    @usableFromInline var pullback: ((Tensor<Scalar>) -> [Tensor<Scalar>?])?

    /// A leaf (a parameter or an input).
    public init(_ value: Tensor<Scalar>, requiresGradient: Bool = false) {
        self.value = value
        self.requiresGradient = requiresGradient
        self.inputs = []
        self.pullback = nil
    }

    /// An interior node produced by an operation. The node needs gradients when any input does.
    @inlinable
    public init(_ value: Tensor<Scalar>, inputs: [Variable], pullback: @escaping (Tensor<Scalar>) -> [Tensor<Scalar>?]) {
        self.value = value
        let needs = inputs.contains { $0.requiresGradient }
        self.requiresGradient = needs
        self.inputs = needs ? inputs : []
        self.pullback = needs ? pullback : nil
    }

    /// A scalar leaf.
    public convenience init(scalar: Scalar, requiresGradient: Bool = false) {
        self.init(Tensor(scalar), requiresGradient: requiresGradient)
    }

    /// The shape of the value.
    @inlinable public var shape: [Int] { value.shape }

    /// The value detached from the graph (a constant leaf).
    public var detached: Variable { Variable(value) }

    /// Back-propagates from this node, seeding its gradient with `seed` (ones by default).
    ///
    /// Leaves accumulate into `gradient`; call `zeroGradient()` (or the optimizer's) between steps.
    public func backward(seed: Tensor<Scalar>? = nil) {
        guard requiresGradient else { return }
        // Topological order by iterative DFS over nodes that need gradients.
        var order: [Variable] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Variable, Bool)] = [(self, false)]
        while let (node, expanded) = stack.popLast() {
            if expanded { order.append(node); continue }
            if !visited.insert(ObjectIdentifier(node)).inserted { continue }
            stack.append((node, true))
            for input in node.inputs where input.requiresGradient && !visited.contains(ObjectIdentifier(input)) {
                stack.append((input, false))
            }
        }
        var grads: [ObjectIdentifier: Tensor<Scalar>] = [:]
        grads[ObjectIdentifier(self)] = seed ?? Tensor(shape: value.shape, repeating: 1)
        for node in order.reversed() {
            let id = ObjectIdentifier(node)
            guard let g = grads.removeValue(forKey: id) else { continue }
            if let pullback = node.pullback {
                let inputGrads = pullback(g)
                precondition(inputGrads.count == node.inputs.count, "pullback returned \(inputGrads.count) gradients for \(node.inputs.count) inputs")
                for (input, ig) in zip(node.inputs, inputGrads) where input.requiresGradient {
                    guard let ig else { continue }
                    precondition(ig.shape == input.value.shape, "gradient shape \(ig.shape) for value of shape \(input.value.shape)")
                    let key = ObjectIdentifier(input)
                    // Take the stored gradient out first so `+=` mutates a uniquely referenced buffer in place.
                    if var acc = grads.removeValue(forKey: key) { acc += ig; grads[key] = acc } else { grads[key] = ig }
                }
                node.pullback = nil
                node.inputs = []
                if node !== self { continue }
            }
            // Leaves (and the root) keep their gradient.
            if let existing = node.gradient { node.gradient = existing + g } else { node.gradient = g }
            if let hook = node.onGradient { hook(g) }
        }
    }

    /// Clears the accumulated gradient.
    public func zeroGradient() { gradient = nil }
}

extension Variable: CustomStringConvertible {
    public var description: String { "Variable(\(value))" }
}
