import Foundation
import Tensors

/// One split of the charged n-body task: input positions/velocities at one frame, target positions later.
///
/// Arrays are particle-major doubles: `positions[s*n*3 + i*3 + d]`.
public struct NBodySplit: Sendable, Equatable {
    /// Number of systems.
    public var count: Int
    /// Particles per system.
    public var bodies: Int
    /// Charges `[count·n]`.
    public var charges: [Double]
    /// Input positions `[count·n·3]`.
    public var positions: [Double]
    /// Input velocities `[count·n·3]`.
    public var velocities: [Double]
    /// Target positions `[count·n·3]`.
    public var targets: [Double]

    public init(count: Int, bodies: Int, charges: [Double], positions: [Double], velocities: [Double],
                targets: [Double]) {
        self.count = count
        self.bodies = bodies
        self.charges = charges
        self.positions = positions
        self.velocities = velocities
        self.targets = targets
    }

    /// The first `k` systems.
    public func prefix(_ k: Int) -> NBodySplit {
        let m = Swift.min(k, count), n = bodies
        return NBodySplit(count: m, bodies: n, charges: Array(charges[0..<(m * n)]),
                          positions: Array(positions[0..<(m * n * 3)]), velocities: Array(velocities[0..<(m * n * 3)]),
                          targets: Array(targets[0..<(m * n * 3)]))
    }
}

/// The charged 5-body data set (train/validation/test) from one seeded legacy stream, with a file cache.
///
/// The stream is consumed for 10,000 train, 2,000 validation and 2,000 test trajectories in that order (as the
/// reference script does); only the first `trainCount` train trajectories are integrated, the rest are skipped
/// by drawing exactly the same numbers. Input frame 30 (t = 3.1), target frame 40 (t = 4.1).
public struct NBodyDataset: Sendable {
    public var train: NBodySplit
    public var validation: NBodySplit
    public var test: NBodySplit

    /// Generation settings; every field is part of the cache key.
    public struct Configuration: Sendable, Hashable {
        public var seed: UInt32 = 43
        public var trainCount = 3000
        public var streamTrainCount = 10_000
        public var validationCount = 2000
        public var testCount = 2000
        public var inputFrame = 30
        public var targetFrame = 40
        public init() {}

        /// The cache file name for these settings.
        public var cacheName: String {
            "nbody-charged5-seed\(seed)-tr\(trainCount)of\(streamTrainCount)-va\(validationCount)-te\(testCount)"
                + "-f\(inputFrame)to\(targetFrame).bin"
        }
    }

    /// Generates the data set (seconds; pure function of the configuration).
    public static func generate(_ config: Configuration) -> NBodyDataset {
        let gen = NBodyChargedGenerator()
        var rng = NBodyLegacyMT19937(seed: config.seed)
        func split(_ simulate: Int, _ total: Int) -> NBodySplit {
            var q: [Double] = [], x: [Double] = [], v: [Double] = [], y: [Double] = []
            for k in 0..<total {
                if k < simulate {
                    let t = gen.trajectory(using: &rng)
                    q += t.charges
                    x += t.positions[config.inputFrame]
                    v += t.velocities[config.inputFrame]
                    y += t.positions[config.targetFrame]
                } else {
                    gen.skipTrajectory(using: &rng)
                }
            }
            return NBodySplit(count: simulate, bodies: gen.bodies, charges: q, positions: x, velocities: v, targets: y)
        }
        let train = split(config.trainCount, config.streamTrainCount)
        let validation = split(config.validationCount, config.validationCount)
        let test = split(config.testCount, config.testCount)
        return NBodyDataset(train: train, validation: validation, test: test)
    }

    /// Loads the data set from `directory/cacheName`, or generates and writes it there (atomically).
    public static func cached(_ config: Configuration, directory: String) throws -> NBodyDataset {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(config.cacheName)
        if let data = try? Data(contentsOf: url), let set = decode(data, config) { return set }
        let set = generate(config)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try encode(set).write(to: url, options: .atomic)
        return set
    }

    static func encode(_ set: NBodyDataset) -> Data {
        var all: [Double] = []
        for s in [set.train, set.validation, set.test] {
            all += [Double(s.count), Double(s.bodies)] + s.charges + s.positions + s.velocities + s.targets
        }
        return all.withUnsafeBufferPointer { Data(buffer: $0) }
    }

    static func decode(_ data: Data, _ config: Configuration) -> NBodyDataset? {
        guard data.count % 8 == 0 else { return nil }
        let all: [Double] = data.withUnsafeBytes { raw in Array(raw.bindMemory(to: Double.self)) }
        var cursor = 0
        func split() -> NBodySplit? {
            guard cursor + 2 <= all.count else { return nil }
            let c = Int(all[cursor]), n = Int(all[cursor + 1])
            cursor += 2
            let sizes = [c * n, c * n * 3, c * n * 3, c * n * 3]
            guard c >= 0, n > 0, cursor + sizes.reduce(0, +) <= all.count else { return nil }
            var parts: [[Double]] = []
            for s in sizes { parts.append(Array(all[cursor..<(cursor + s)])); cursor += s }
            return NBodySplit(count: c, bodies: n, charges: parts[0], positions: parts[1], velocities: parts[2],
                              targets: parts[3])
        }
        guard let tr = split(), let va = split(), let te = split(), cursor == all.count,
              tr.count == config.trainCount, va.count == config.validationCount, te.count == config.testCount
        else { return nil }
        return NBodyDataset(train: tr, validation: va, test: te)
    }
}

// MARK: - Reference statistics

extension NBodySplit {
    /// Closed-form baselines of the split: no-motion MSE, least-squares τ for `x + τv`, its MSE, mean |v|.
    public var baselineStatistics: (noMotion: Double, tau: Double, linear: Double, meanSpeed: Double) {
        var still = 0.0, num = 0.0, den = 0.0, speed = 0.0
        let m = count * bodies
        for k in 0..<(m * 3) {
            let d = targets[k] - positions[k]
            still += d * d
            num += d * velocities[k]
            den += velocities[k] * velocities[k]
        }
        for i in 0..<m {
            let a = velocities[i * 3], b = velocities[i * 3 + 1], c = velocities[i * 3 + 2]
            speed += (a * a + b * b + c * c).squareRoot()
        }
        let tau = den > 0 ? num / den : 0
        var lin = 0.0
        for k in 0..<(m * 3) {
            let d = targets[k] - positions[k] - tau * velocities[k]
            lin += d * d
        }
        let n = Double(Swift.max(m * 3, 1))
        return (still / n, tau, lin / n, speed / Double(Swift.max(m, 1)))
    }
}
