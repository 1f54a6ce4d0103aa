import Tensors

/// Seeded, shuffled mini-batches over `count` examples with a cursor that checkpoints save and restore.
///
/// Each epoch visits a fresh permutation drawn from `RandomSource(seed: seed ^ epoch-mix)`, so the cursor is
/// just `(epoch, position)`: no permutation needs saving and a restored batcher continues exactly. The last
/// partial batch of an epoch is dropped (every batch has `batchSize` rows).
///
/// ```swift
/// var batches = Batcher(count: 60_000, batchSize: 128, seed: 1)
/// let rows = batches.nextBatch()          // 128 indices
/// let cursor = batches.cursor             // save; later: batches.cursor = cursor
/// ```
public struct Batcher: Sendable, Equatable {
    /// Where a batcher stands: the epoch and the index of the next batch within it.
    public struct Cursor: Sendable, Equatable, Codable {
        /// The epoch (0-based) and the index of the next batch in it.
        public var epoch: Int
        public var batch: Int
        /// A cursor at `batch` of `epoch`.
        public init(epoch: Int, batch: Int) {
            self.epoch = epoch
            self.batch = batch
        }
    }

    /// The number of examples.
    public let count: Int
    /// Rows per batch.
    public let batchSize: Int
    /// The seed permutations derive from.
    public let seed: UInt64
    /// The current epoch's order.
    public private(set) var order: [Int]
    /// The saved position.
    public var cursor: Cursor {
        didSet { if cursor.epoch != oldValue.epoch { order = Batcher.permutation(count, seed: seed, epoch: cursor.epoch) } }
    }

    /// - Precondition: `1 <= batchSize <= count`.
    public init(count: Int, batchSize: Int, seed: UInt64) {
        precondition(batchSize >= 1 && batchSize <= count, "batch size \(batchSize) for \(count) examples")
        self.count = count
        self.batchSize = batchSize
        self.seed = seed
        self.cursor = Cursor(epoch: 0, batch: 0)
        self.order = Batcher.permutation(count, seed: seed, epoch: 0)
    }

    /// Full batches per epoch.
    public var batchesPerEpoch: Int { count / batchSize }

    /// The indices of the next batch (advancing to a new epoch and permutation when one is used up).
    public mutating func nextBatch() -> ArraySlice<Int> {
        if cursor.batch >= batchesPerEpoch { cursor = Cursor(epoch: cursor.epoch + 1, batch: 0) }
        let start = cursor.batch * batchSize
        cursor.batch += 1
        return order[start..<(start + batchSize)]
    }

    static func permutation(_ n: Int, seed: UInt64, epoch: Int) -> [Int] {
        var rng = RandomSource(seed: seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(epoch + 1))
        return rng.permutation(n)
    }

    /// Copies the rows `indices` of a `[n, d]` tensor into a `[indices.count, d]` tensor (one memcpy per row).
    public static func gather(_ x: Tensor<Float>, rows indices: ArraySlice<Int>) -> Tensor<Float> {
        precondition(x.rank == 2, "gather needs a [n, d] tensor, got \(x.shape)")
        let d = x.shape[1]
        var out = [Float](repeating: 0, count: indices.count * d)
        x.scalars.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for (r, i) in indices.enumerated() {
                    precondition(i >= 0 && i < x.shape[0], "row \(i) outside 0..<\(x.shape[0])")
                    (dst.baseAddress! + r * d).update(from: src.baseAddress! + i * d, count: d)
                }
            }
        }
        return Tensor(shape: [indices.count, d], scalars: out)
    }
}
