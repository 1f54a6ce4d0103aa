import Autodiff
import Datasets
import NN
import Tensors

/// Mini-batch Adam training of an n-body model on MSE (systems × nodes × 3 coordinates), with an epoch cursor.
public final class NBodyTrainer {
    /// The model being trained.
    public var model: any NBodyModel
    /// Adam (β = (0.9, 0.999), ε = 1e-8).
    public let optimizer: Adam
    /// Training systems.
    public let train: NBodySplit
    /// Systems per batch (live).
    public var batchSize: Int
    /// Randomness for shuffling and frame sampling (saved in checkpoints).
    public var rng: RandomSource
    /// The current epoch's order and the position in it.
    public var order: [Int] = []
    public var cursor = 0
    /// Completed epochs.
    public var epoch = 0

    public init(model: any NBodyModel, train: NBodySplit, learningRate: Float, batchSize: Int = 100,
                weightDecay: Float = 1e-12, seed: UInt64) {
        self.model = model
        self.train = train
        self.batchSize = batchSize
        self.optimizer = Adam(learningRate: learningRate, weightDecay: weightDecay)
        self.rng = RandomSource(seed: seed)
        Allocator.retainFreedMemory()
    }

    /// Steps per epoch at the current batch size.
    public var stepsPerEpoch: Int { (train.count + batchSize - 1) / batchSize }

    /// One Adam step on the next batch; returns the batch MSE.
    @discardableResult
    public func step() -> Double {
        if order.isEmpty {
            order = rng.permutation(train.count)
            cursor = 0
        }
        let indices = Array(order[cursor..<Swift.min(cursor + batchSize, order.count)])
        cursor += indices.count
        if cursor >= order.count { epoch += 1; order = []; cursor = 0 }
        let batch = NBodyBatch(train, indices: indices)
        model.zeroGradients()
        let (prediction, _) = model.predict(batch, training: true, rng: &rng)
        let loss = prediction.meanSquaredError(to: batch.targetTensor)
        loss.backward()
        optimizer.update(model.parameters)
        return Double(loss.value.scalar)
    }

    /// Runs one full epoch; returns the mean batch loss.
    public func runEpoch() -> Double {
        var total = 0.0, count = 0
        let start = epoch
        repeat { total += step(); count += 1 } while epoch == start
        return total / Double(count)
    }

    /// MSE of the model on a split (batches of 100, all frame elements).
    public func evaluate(_ split: NBodySplit) -> Double {
        NBodyTrainer.meanSquaredError(model, split, rng: &rng)
    }

    /// MSE of `model` on `split` without touching gradients.
    public static func meanSquaredError(_ model: any NBodyModel, _ split: NBodySplit, rng: inout RandomSource) -> Double {
        var total = 0.0
        var start = 0
        while start < split.count {
            let idx = Array(start..<Swift.min(start + 100, split.count))
            let batch = NBodyBatch(split, indices: idx)
            let (p, _) = model.predict(batch, training: false, rng: &rng)
            for (a, b) in zip(p.value.scalars, batch.targets) { let d = Double(a) - b; total += d * d }
            start += idx.count
        }
        return total / Double(Swift.max(split.count * split.bodies * 3, 1))
    }
}
