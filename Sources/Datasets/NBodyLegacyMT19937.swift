import Foundation

/// NumPy's legacy `RandomState` stream (MT19937 with integer seeding, 53-bit doubles, polar Box–Muller).
///
/// Reproduces `np.random.seed(s); np.random.random_sample(); np.random.randn()` bit for bit, which is what
/// the standard charged n-body generator consumed when the published data set was made.
///
/// - `init(seed:)`: `init_genrand` (`mt[0] = s`, `mt[i] = 1812433253·(mt[i−1] ⊕ (mt[i−1] ≫ 30)) + i`).
/// - `uniform()`: `((a ≫ 5)·2²⁶ + (b ≫ 6)) / 2⁵³` from two 32-bit words.
/// - `normal()`: polar Box–Muller returning `f·x2` and caching `f·x1` for the next call.
public struct NBodyLegacyMT19937: Sendable, Equatable {
    @usableFromInline var mt: [UInt32]
    @usableFromInline var index: Int
    @usableFromInline var cachedGauss: Double?

    /// Seeds the generator as `np.random.seed(seed)` does for an integer seed.
    public init(seed: UInt32) {
        var state = [UInt32](repeating: 0, count: 624)
        state[0] = seed
        for i in 1..<624 {
            let prev = state[i - 1]
            state[i] = 1_812_433_253 &* (prev ^ (prev >> 30)) &+ UInt32(i)
        }
        mt = state
        index = 624
        cachedGauss = nil
    }

    @usableFromInline
    mutating func twist() {
        let upper: UInt32 = 0x8000_0000, lower: UInt32 = 0x7FFF_FFFF
        for i in 0..<624 {
            let y = (mt[i] & upper) | (mt[(i + 1) % 624] & lower)
            var v = mt[(i + 397) % 624] ^ (y >> 1)
            if y & 1 != 0 { v ^= 0x9908_B0DF }
            mt[i] = v
        }
        index = 0
    }

    /// The next tempered 32-bit word.
    @inlinable
    public mutating func nextWord() -> UInt32 {
        if index >= 624 { twist() }
        var y = mt[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// A double in [0, 1) with 53 random bits (`random_sample`).
    @inlinable
    public mutating func uniform() -> Double {
        let a = Double(nextWord() >> 5), b = Double(nextWord() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// A standard normal (`randn`, legacy polar method with its one-value cache).
    @inlinable
    public mutating func normal() -> Double {
        if let g = cachedGauss {
            cachedGauss = nil
            return g
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2 * uniform() - 1
            x2 = 2 * uniform() - 1
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1 || r2 == 0
        let f = (-2 * Foundation.log(r2) / r2).squareRoot()
        cachedGauss = f * x1
        return f * x2
    }
}
