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
    public var learningRate: Float
    public var momentum: Float
    public var weightDecay: Float
    var velocity: [String: Tensor<Float>] = [:]

    public init(learningRate: Float, momentum: Float = 0, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    public func update(_ parameters: [Parameter]) {
        for p in parameters where !p.isFrozen {
            guard var g = p.gradient else { continue }
            if weightDecay != 0 { g += p.value * weightDecay }
            if momentum != 0 {
                var v = velocity[p.name] ?? Tensor(zeros: p.value.shape)
                v.scalars.withUnsafeMutableBufferPointer { pv in
                    g.scalars.withUnsafeBufferPointer { pg in
                        for i in 0..<pv.count { pv[i] = momentum * pv[i] + pg[i] }
                    }
                }
                velocity[p.name] = v
                g = v
            }
            let lr = learningRate
            p.value.scalars.withUnsafeMutableBufferPointer { pw in
                g.scalars.withUnsafeBufferPointer { pg in for i in 0..<pw.count { pw[i] -= lr * pg[i] } }
            }
        }
    }

    public func stateTensors() -> [String: Tensor<Float>] {
        Dictionary(uniqueKeysWithValues: velocity.map { ("sgd.velocity.\($0.key)", $0.value) })
    }

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
    public var learningRate: Float
    public var beta1: Float
    public var beta2: Float
    public var epsilon: Float
    public var weightDecay: Float
    public let decoupled: Bool
    var m: [String: Tensor<Float>] = [:]
    var v: [String: Tensor<Float>] = [:]
    var steps: [String: Int] = [:]

    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
                weightDecay: Float = 0, decoupled: Bool = false) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupled = decoupled
    }

    public func update(_ parameters: [Parameter]) {
        for p in parameters where !p.isFrozen {
            guard let g = p.gradient else { continue }
            precondition(g.shape == p.value.shape, "gradient \(g.shape) for parameter \(p.name) of shape \(p.value.shape)")
            var mt = m[p.name] ?? Tensor(zeros: g.shape)
            var vt = v[p.name] ?? Tensor(zeros: g.shape)
            let t = (steps[p.name] ?? 0) + 1
            steps[p.name] = t
            let b1 = beta1, b2 = beta2, eps = epsilon, lr = learningRate, wd = weightDecay
            let c1 = 1 - Float.pow(b1, Float(t)), c2 = 1 - Float.pow(b2, Float(t))
            let coupled = !decoupled && wd != 0
            p.value.scalars.withUnsafeMutableBufferPointer { w in
                g.scalars.withUnsafeBufferPointer { pg in
                    mt.scalars.withUnsafeMutableBufferPointer { pm in
                        vt.scalars.withUnsafeMutableBufferPointer { pv in
                            for i in 0..<w.count {
                                var gi = pg[i]
                                if coupled { gi += wd * w[i] }
                                pm[i] = b1 * pm[i] + (1 - b1) * gi
                                pv[i] = b2 * pv[i] + (1 - b2) * gi * gi
                                let update = (pm[i] / c1) / ((pv[i] / c2).squareRoot() + eps)
                                if decoupled && wd != 0 { w[i] -= lr * wd * w[i] }
                                w[i] -= lr * update
                            }
                        }
                    }
                }
            }
            m[p.name] = mt
            v[p.name] = vt
        }
    }

    public func stateTensors() -> [String: Tensor<Float>] {
        var out: [String: Tensor<Float>] = [:]
        for (k, t) in m { out["adam.m.\(k)"] = t }
        for (k, t) in v { out["adam.v.\(k)"] = t }
        for (k, s) in steps { out["adam.t.\(k)"] = Tensor(Float(s)) }
        return out
    }

    public func loadState(_ tensors: [String: Tensor<Float>]) {
        m = [:]; v = [:]; steps = [:]
        for (k, t) in tensors {
            if k.hasPrefix("adam.m.") { m[String(k.dropFirst(7))] = t }
            else if k.hasPrefix("adam.v.") { v[String(k.dropFirst(7))] = t }
            else if k.hasPrefix("adam.t.") { steps[String(k.dropFirst(7))] = Int(t.scalars[0]) }
        }
    }
}
