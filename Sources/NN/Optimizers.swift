import Tensors

/// An optimizer updates parameters from their gradients and keeps per-parameter state by name.
///
/// `learningRate` and `weightDecay` are plain `var`s: a live edit changes them between steps.
public protocol Optimizer: AnyObject {
    var learningRate: Float { get set }
    var weightDecay: Float { get set }
    /// Applies one update to every unfrozen parameter with a gradient.
    func update(_ parameters: [Parameter])
    /// The optimizer state as named tensors (moments, step counters), for checkpoints.
    func stateTensors() -> [String: Tensor<Float>]
    /// Restores state written by `stateTensors()`.
    func loadState(_ tensors: [String: Tensor<Float>])
}

/// Stochastic gradient descent with momentum (heavy ball) and L2 weight decay.
///
/// `v ← μ·v + (g + wd·θ)`, `θ ← θ − η·v` (Polyak 1964; Sutskever et al. 2013).
public final class SGD: Optimizer {
    /// The step size η (settable between steps).
    public var learningRate: Float
    /// The momentum μ (0: plain SGD).
    public var momentum: Float
    /// The L2 weight decay added to the gradient.
    public var weightDecay: Float
    var velocity: [String: Tensor<Float>] = [:]

    /// Creates the optimizer; velocities start at zero on first use.
    public init(learningRate: Float, momentum: Float = 0, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    /// Applies one update (one fused pass per parameter; the velocity is updated in place).
    public func update(_ parameters: [Parameter]) {
        let lr = learningRate, mu = momentum, wd = weightDecay
        for p in parameters where !p.isFrozen {
            guard let g = p.gradient else { continue }
            precondition(g.shape == p.value.shape, "gradient \(g.shape) for parameter \(p.name) of shape \(p.value.shape)")
            p.value.scalars.withUnsafeMutableBufferPointer { w in
                g.scalars.withUnsafeBufferPointer { pg in
                    if mu == 0 {
                        for i in 0..<w.count { w[i] -= lr * (pg[i] + wd * w[i]) }
                        return
                    }
                    // Mutate the stored velocity in place (the dictionary's modify accessor: no copy).
                    velocity[p.name, default: Tensor(zeros: g.shape)].scalars.withUnsafeMutableBufferPointer { pv in
                        for i in 0..<w.count {
                            let v = mu * pv[i] + (pg[i] + wd * w[i])
                            pv[i] = v
                            w[i] -= lr * v
                        }
                    }
                }
            }
        }
    }

    /// The velocities, named `sgd.velocity.<parameter>`.
    public func stateTensors() -> [String: Tensor<Float>] {
        Dictionary(uniqueKeysWithValues: velocity.map { ("sgd.velocity.\($0.key)", $0.value) })
    }

    /// Restores velocities written by `stateTensors()`.
    public func loadState(_ tensors: [String: Tensor<Float>]) {
        velocity = [:]
        for (k, v) in tensors where k.hasPrefix("sgd.velocity.") { velocity[String(k.dropFirst(13))] = v }
    }
}

/// Adam (Kingma & Ba, ICLR 2015) and, with `decoupled: true`, AdamW (Loshchilov & Hutter, ICLR 2019).
///
/// `m ← β1·m + (1−β1)·g`, `v ← β2·v + (1−β2)·g²`, `θ ← θ − η·m̂/(√v̂ + ε)` with bias-corrected `m̂, v̂`.
/// Adam adds `wd·θ` to the gradient; AdamW subtracts `η·wd·θ` from the parameter.
public final class Adam: Optimizer {
    /// The step size η (settable between steps).
    public var learningRate: Float
    /// β1, the first-moment decay.
    public var beta1: Float
    /// β2, the second-moment decay.
    public var beta2: Float
    /// ε, added to √v̂.
    public var epsilon: Float
    /// The weight decay: coupled L2 (Adam) or decoupled (AdamW).
    public var weightDecay: Float
    /// Whether weight decay is decoupled (AdamW).
    public let decoupled: Bool
    var m: [String: Tensor<Float>] = [:]
    var v: [String: Tensor<Float>] = [:]
    var steps: [String: Int] = [:]

    /// Creates Adam (or AdamW with `decoupled: true`); moments start at zero on first use.
    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
                weightDecay: Float = 0, decoupled: Bool = false) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupled = decoupled
    }

    /// Applies one update (one fused SSE pass per parameter; moments are updated in place).
    public func update(_ parameters: [Parameter]) {
        for p in parameters where !p.isFrozen {
            guard let g = p.gradient else { continue }
            precondition(g.shape == p.value.shape, "gradient \(g.shape) for parameter \(p.name) of shape \(p.value.shape)")
            let t = (steps[p.name] ?? 0) + 1
            steps[p.name] = t
            let b1 = beta1, b2 = beta2, eps = epsilon, wd = weightDecay
            let c1 = 1 - Float.pow(b1, Float(t)), c2 = 1 - Float.pow(b2, Float(t))
            // θ −= η·(m/c1)/(√(v/c2) + ε)  ==  θ −= (η/c1)·m/(√v·(1/√c2) + ε): one division per scalar.
            let stepSize = learningRate / c1, invSqrtC2 = 1 / c2.squareRoot()
            let coupledDecay = decoupled ? 0 : wd
            let shrink = decoupled ? 1 - learningRate * wd : 1
            p.value.scalars.withUnsafeMutableBufferPointer { w in
                g.scalars.withUnsafeBufferPointer { pg in
                    // The dictionaries' modify accessors mutate the stored moments in place (no copy).
                    m[p.name, default: Tensor(zeros: g.shape)].scalars.withUnsafeMutableBufferPointer { pm in
                        v[p.name, default: Tensor(zeros: g.shape)].scalars.withUnsafeMutableBufferPointer { pv in
                            AdamKernel(beta1: b1, beta2: b2, epsilon: eps, coupledDecay: coupledDecay, shrink: shrink,
                                       stepSize: stepSize, invSqrtC2: invSqrtC2)
                                .apply(w: w.baseAddress!, g: pg.baseAddress!, m: pm.baseAddress!, v: pv.baseAddress!,
                                       count: w.count)
                        }
                    }
                }
            }
        }
    }

    /// The moments and step counts, named `adam.m.<parameter>`, `adam.v.<parameter>`, `adam.t.<parameter>`.
    public func stateTensors() -> [String: Tensor<Float>] {
        var out: [String: Tensor<Float>] = [:]
        for (k, t) in m { out["adam.m.\(k)"] = t }
        for (k, t) in v { out["adam.v.\(k)"] = t }
        for (k, s) in steps { out["adam.t.\(k)"] = Tensor(Float(s)) }
        return out
    }

    /// Restores state written by `stateTensors()`.
    public func loadState(_ tensors: [String: Tensor<Float>]) {
        m = [:]; v = [:]; steps = [:]
        for (k, t) in tensors {
            if k.hasPrefix("adam.m.") { m[String(k.dropFirst(7))] = t }
            else if k.hasPrefix("adam.v.") { v[String(k.dropFirst(7))] = t }
            else if k.hasPrefix("adam.t.") { steps[String(k.dropFirst(7))] = Int(t.scalars[0]) }
        }
    }
}
