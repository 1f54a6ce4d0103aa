import RealModule

/// A seeded pseudo-random generator (xoshiro256**), a value passed `inout`, never global.
///
/// Its whole state is four `UInt64`s, so checkpoints save and restore it exactly (`Codable`).
///
/// ```swift
/// var rng = RandomSource(seed: 42)
/// let x = Tensor<Float>.randomNormal([3, 4], using: &rng)
/// ```
public struct RandomSource: RandomNumberGenerator, Sendable, Codable, Hashable {
    /// The generator state.
    public var state: [UInt64]

    /// Seeds the state by SplitMix64 from one integer.
    public init(seed: UInt64) {
        var s = seed
        func splitmix() -> UInt64 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = [splitmix(), splitmix(), splitmix(), splitmix()]
    }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotl(state[1] &* 5, 7) &* 9
        let t = state[1] << 17
        state[2] ^= state[0]
        state[3] ^= state[1]
        state[1] ^= state[2]
        state[0] ^= state[3]
        state[2] ^= t
        state[3] = rotl(state[3], 45)
        return result
    }

    @inlinable
    func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in `range`.
    @inlinable
    public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * uniform()
    }

    /// A standard normal double (Box–Muller; consumes two uniforms, keeps no cache so the state stays four words).
    @inlinable
    public mutating func normal() -> Double {
        var u1 = uniform()
        while u1 <= .leastNormalMagnitude { u1 = uniform() }
        let u2 = uniform()
        return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * .pi * u2)
    }

    /// An integer uniform in `0..<n`.
    @inlinable
    public mutating func int(below n: Int) -> Int {
        precondition(n > 0, "int(below:) needs n > 0")
        return Int(next() % UInt64(n))
    }

    /// A uniformly random permutation of `0..<n` (Fisher–Yates).
    @inlinable
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        if n > 1 {
            for i in stride(from: n - 1, to: 0, by: -1) { p.swapAt(i, int(below: i + 1)) }
        }
        return p
    }
}

extension Tensor where Scalar: FloatingScalar {
    /// Independent uniform scalars in `range`.
    public static func randomUniform(_ shape: [Int], in range: ClosedRange<Double> = 0...1,
                                     using rng: inout RandomSource) -> Tensor {
        Tensor(shape: shape) { _ in Scalar(rng.uniform(range)) }
    }

    /// Independent normal scalars with the given mean and standard deviation.
    public static func randomNormal(_ shape: [Int], mean: Double = 0, standardDeviation: Double = 1,
                                    using rng: inout RandomSource) -> Tensor {
        Tensor(shape: shape) { _ in Scalar(mean + standardDeviation * rng.normal()) }
    }
}
