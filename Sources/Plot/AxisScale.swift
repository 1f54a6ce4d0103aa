import Foundation

/// A linear or base-10 logarithmic axis, with autoscaling.
public enum AxisScale: Sendable, Equatable {
    case linear
    case logarithmic

    /// The value in axis space; nil when it cannot be placed (non-finite, or ≤ 0 on a log axis).
    @inlinable
    public func transform(_ v: Double) -> Double? {
        guard v.isFinite else { return nil }
        switch self {
        case .linear: return v
        case .logarithmic: return v > 0 ? log10(v) : nil
        }
    }

    /// Back from axis space to a value.
    @inlinable
    public func inverse(_ t: Double) -> Double {
        switch self {
        case .linear: t
        case .logarithmic: pow(10, t)
        }
    }

    /// An axis-space range covering `values` with 10 % padding on each side.
    ///
    /// Linear axes keep 0 as the floor when every value is ≥ 0 (padding never pushes the range below 0). A
    /// single distinct value gets a span of 10 % of its magnitude (or 1 around 0). Returns nil when no value can
    /// be placed.
    public func autoscale<S: Sequence>(_ values: S) -> ClosedRange<Double>? where S.Element == Double {
        var lo = Double.infinity, hi = -Double.infinity
        var nonNegative = true
        for v in values {
            guard let t = transform(v) else { continue }
            if v < 0 { nonNegative = false }
            lo = min(lo, t)
            hi = max(hi, t)
        }
        guard lo <= hi else { return nil }
        var span = hi - lo
        if span == 0 { span = self == .linear ? (abs(hi) > 0 ? abs(hi) : 1) : 1 }
        var a = lo - 0.1 * span, b = hi + 0.1 * span
        if self == .linear && nonNegative && a < 0 { a = 0 }
        if a == b { b = a + 1 }
        return a...b
    }
}

