import Tensors

/// Central-difference gradient checking in Double.
public enum GradientCheck {
    /// The largest relative error between the analytic gradient of `f` at `inputs` and central differences.
    ///
    /// For each scalar `x_i` of each input: `(f(x + εe_i) - f(x - εe_i)) / 2ε`, compared with the reverse-mode
    /// gradient of `f(...).sum()`; the error is `|a - n| / max(1, |a|, |n|)` (absolute near zero, relative above).
    ///
    /// - Parameters:
    ///   - inputs: the points at which to differentiate.
    ///   - epsilon: the step (1e-6 suits Double).
    ///   - f: the function under test, built from `Variable` operations.
    /// - Returns: the maximum error over every scalar of every input.
    public static func maxError(
        at inputs: [Tensor<Double>], epsilon: Double = 1e-6,
        _ f: ([Variable<Double>]) -> Variable<Double>
    ) -> Double {
        let vars = inputs.map { Variable($0, requiresGradient: true) }
        f(vars).sum().backward()
        var worst = 0.0
        for (k, input) in inputs.enumerated() {
            let analytic = vars[k].gradient ?? Tensor(zeros: input.shape)
            for i in 0..<input.count {
                var plus = inputs, minus = inputs
                plus[k].scalars[i] += epsilon
                minus[k].scalars[i] -= epsilon
                let fp = f(plus.map { Variable($0) }).value.sum()
                let fm = f(minus.map { Variable($0) }).value.sum()
                let numeric = (fp - fm) / (2 * epsilon)
                let a = analytic.scalars[i]
                let err = Swift.abs(a - numeric) / Swift.max(1, Swift.abs(a), Swift.abs(numeric))
                worst = Swift.max(worst, err)
            }
        }
        return worst
    }
}
