/// Debiased exponential moving average, the smoothing every chart applies before downsampling.
///
/// ```
/// m₀ = 0,   mₜ = w·mₜ₋₁ + (1 − w)·xₜ,   shown value  m̂ₜ = mₜ / (1 − wᵗ)
/// ```
/// with weight `w ∈ [0, 0.999]` (clamped). The division removes the bias towards the zero start, so a constant
/// series stays exactly constant and the first shown value equals the first sample (Kingma & Ba, "Adam",
/// ICLR 2015, §3 bias correction). `w = 0` returns the input.
///
/// Non-finite samples (NaN, ±Inf) are skipped: they leave `m` and `t` unchanged and their output is NaN, so
/// charts can mark them instead of letting one bad value poison the rest of the curve.
public enum Smoothing {
    /// The largest weight accepted.
    public static let maximumWeight = 0.999

    /// The debiased EMA of `values` with weight `weight`.
    ///
    /// - Complexity: O(n).
    public static func debiasedEMA(_ values: [Double], weight: Double) -> [Double] {
        let w = min(max(weight.isFinite ? weight : 0, 0), maximumWeight)
        var out = [Double](repeating: .nan, count: values.count)
        var m = 0.0
        var wPower = 1.0  // w^t
        for (i, x) in values.enumerated() where x.isFinite {
            if w == 0 {
                out[i] = x
                continue
            }
            m = w * m + (1 - w) * x
            wPower *= w
            out[i] = m / (1 - wPower)
        }
        return out
    }
}
