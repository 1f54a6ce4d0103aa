import Foundation

/// The automatic strength adjustment of spec §5 (the reference rule, exactly), plus the user's overrides.
///
/// 1. `λ_k = λ0` for every regularised candidate; a reference entry (O3) has λ = 0 for good.
/// 2. During the tracking window (the last `window` epochs up to T_adj) the vector `R = (R_1..R_K)` after each
///    epoch replaces `R*` (initially +∞) whenever **any** component is below the stored one.
/// 3. At the end of epoch T_adj, with `R_min = min_{k: λ_k > 0} R*_k`: `λ_k ← λ_k·(R_min/R*_k)^p`, then frozen.
///
/// The discovered level `a_k = R*_k / R_min ≥ 1` is stored, so `λ_k = λ0·a_k^{−p}`; a user override (a frozen
/// row) replaces the rule's value for that row and is never rescaled.
public struct StrengthAdjustment: Sendable, Equatable {
    /// Group names in table order.
    public let groups: [String]
    /// Reference entries (λ = 0 always).
    public let isReference: [Bool]
    /// Active candidates (a disabled group has λ = 0 and takes no part in the rule).
    public var isEnabled: [Bool]
    /// Manual per-group strengths (frozen rows).
    public var overrides: [Double?]
    /// `a_k` after the adjustment (nil before).
    public var levels: [Double?]
    /// `R*` (+∞ until tracked).
    public var bestRegularizers: [Double]
    /// The epoch at which the adjustment happened.
    public var adjustedAtEpoch: Int?
    /// `R` at initialisation (for the weak-λ0 heuristic).
    public var initialRegularizers: [Double]

    public init(groups: [String], reference: String?) {
        self.groups = groups
        isReference = groups.map { $0 == reference }
        isEnabled = groups.map { _ in true }
        overrides = groups.map { _ in nil }
        levels = groups.map { _ in nil }
        bestRegularizers = groups.map { _ in .infinity }
        initialRegularizers = groups.map { _ in .nan }
    }

    /// Whether the rule has been applied.
    public var isAdjusted: Bool { adjustedAtEpoch != nil }

    /// `λ_k` for every group.
    public func strengths(lambda0: Double, exponent: Double) -> [Double] {
        groups.indices.map { k in
            if !isEnabled[k] || isReference[k] { return 0 }
            if let o = overrides[k] { return o }
            if let a = levels[k] { return lambda0 * Foundation.pow(a, -exponent) }
            return lambda0
        }
    }

    /// Step 2: records the epoch's regularisers when any component is below the stored one.
    public mutating func track(_ r: [Double]) {
        let improves = groups.indices.contains { isEnabled[$0] && r[$0] < bestRegularizers[$0] }
        if improves { bestRegularizers = r }
    }

    /// Step 3: rescales the strengths and freezes them. Uses `R*` when tracked, else `current`.
    public mutating func adjust(current: [Double], lambda0: Double, exponent: Double, epoch: Int) {
        let tracked = bestRegularizers.contains { $0.isFinite }
        let r = tracked ? bestRegularizers : current
        bestRegularizers = r
        let before = strengths(lambda0: lambda0, exponent: exponent)
        let active = groups.indices.filter { before[$0] > 0 && r[$0].isFinite }
        guard let rMin = active.map({ r[$0] }).min(), rMin > 0 else { adjustedAtEpoch = epoch; return }
        for k in active { levels[k] = r[k] / rMin }
        adjustedAtEpoch = epoch
    }

    /// The warning badge of spec §14, if it applies: the warm-up did not pull the weights into any subspace
    /// (`min R* > 0.5·min R_init`) or the levels do not separate (`max a < 1.1`).
    public var warning: String? {
        guard isAdjusted else { return nil }
        let active = groups.indices.filter { isEnabled[$0] && !isReference[$0] }
        guard !active.isEmpty else { return nil }
        let minBest = active.map { bestRegularizers[$0] }.min() ?? .nan
        let minInit = active.map { initialRegularizers[$0] }.min() ?? .nan
        let maxLevel = active.compactMap { levels[$0] }.max() ?? 1
        if minBest > 0.5 * minInit || maxLevel < 1.1 { return "λ0 too weak, discovery unreliable" }
        return nil
    }
}
