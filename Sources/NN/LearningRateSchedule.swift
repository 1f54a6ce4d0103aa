/// A learning rate as a function of the optimisation step (0-based), applied by setting
/// `optimizer.learningRate = schedule.learningRate(at: step)` before each update.
///
/// ```swift
/// let schedule = Warmup(steps: 100, then: CosineDecay(base: 1e-3, totalSteps: 10_000))
/// optimizer.learningRate = schedule.learningRate(at: step)
/// ```
public protocol LearningRateSchedule: Sendable {
    /// The learning rate for `step`.
    func learningRate(at step: Int) -> Float
}

/// A constant learning rate.
public struct ConstantLearningRate: LearningRateSchedule, Hashable, Codable {
    /// The rate at every step.
    public var base: Float
    /// A schedule that always returns `base`.
    public init(_ base: Float) { self.base = base }
    /// `base`.
    public func learningRate(at step: Int) -> Float { base }
}

/// Step decay: `base · gamma^⌊step / stepSize⌋`.
public struct StepDecay: LearningRateSchedule, Hashable, Codable {
    /// The rate before the first decay.
    public var base: Float
    /// Steps between decays.
    public var stepSize: Int
    /// The factor applied at each decay.
    public var gamma: Float

    /// Multiplies `base` by `gamma` every `stepSize` steps.
    public init(base: Float, stepSize: Int, gamma: Float = 0.1) {
        precondition(stepSize > 0, "StepDecay needs stepSize > 0, got \(stepSize)")
        self.base = base; self.stepSize = stepSize; self.gamma = gamma
    }

    /// `base · gamma^⌊step / stepSize⌋`.
    public func learningRate(at step: Int) -> Float { base * Float.pow(gamma, Float(Swift.max(step, 0) / stepSize)) }
}

/// Cosine annealing (Loshchilov & Hutter, ICLR 2017, without restarts):
/// `minimum + (base − minimum)·(1 + cos(π·t/T))/2` for `t ≤ T`, then `minimum`.
public struct CosineDecay: LearningRateSchedule, Hashable, Codable {
    /// The rate at step 0.
    public var base: Float
    /// The step at which the rate reaches `minimum`.
    public var totalSteps: Int
    /// The final rate.
    public var minimum: Float

    /// Anneals from `base` to `minimum` over `totalSteps` along half a cosine.
    public init(base: Float, totalSteps: Int, minimum: Float = 0) {
        precondition(totalSteps > 0, "CosineDecay needs totalSteps > 0, got \(totalSteps)")
        self.base = base; self.totalSteps = totalSteps; self.minimum = minimum
    }

    /// The annealed rate (constant `minimum` after `totalSteps`).
    public func learningRate(at step: Int) -> Float {
        let t = Float(Swift.min(Swift.max(step, 0), totalSteps)) / Float(totalSteps)
        return minimum + (base - minimum) * (1 + Float.cos(.pi * t)) / 2
    }
}

/// Linear warm-up `target·(start + (1 − start)·step/steps)` for `step < steps`, then the wrapped schedule
/// (shifted so that it starts at its own step 0 when the warm-up ends).
public struct Warmup<Inner: LearningRateSchedule>: LearningRateSchedule {
    /// The warm-up length.
    public var steps: Int
    /// The fraction of the target rate used at step 0.
    public var start: Float
    /// The schedule after the warm-up.
    public var inner: Inner

    /// - Parameters:
    ///   - steps: warm-up length.
    ///   - start: the fraction of the first post-warm-up rate used at step 0.
    ///   - inner: the schedule that follows.
    public init(steps: Int, start: Float = 0, then inner: Inner) {
        precondition(steps >= 0, "Warmup needs steps >= 0, got \(steps)")
        self.steps = steps; self.start = start; self.inner = inner
    }

    /// The warmed-up rate, or the wrapped schedule's once the warm-up is over.
    public func learningRate(at step: Int) -> Float {
        if step >= steps { return inner.learningRate(at: step - steps) }
        let target = inner.learningRate(at: 0)
        let fraction = start + (1 - start) * Float(step) / Float(steps)
        return target * fraction
    }
}
