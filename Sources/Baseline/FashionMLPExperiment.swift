import Autodiff
import Datasets
import NN
import Session
import Tensors

/// An MLP classifier (784-256-10 by default, ReLU) trained with Adam on Fashion-MNIST: the baseline run.
///
/// Loss: mean cross-entropy of the logits against the labels over a mini-batch of `B` images.
/// Learning rate η and weight decay λ change live; the batch size only at restart. Evaluation uses the first
/// `data.eval_subset` test images every `training.eval_every` steps and the whole test set at the end.
///
/// ```yaml
/// kind: fashion-mlp
/// data:     { directory: /usr/share/datasets/fashion-mnist, train_limit: 60000, eval_subset: 2000 }
/// model:    { hidden: [256], activation: relu }
/// training: { steps: 3000, batch_size: 128, optimizer: adam, lr: 1e-3, weight_decay: 0, eval_every: 500 }
/// ```
public final class FashionMLPExperiment: Experiment, FullEvaluating {
    /// The spec kind and the line `equilab list` shows.
    public static let kind = "fashion-mlp"
    public static let summary = "MLP 784-256-10 on Fashion-MNIST with Adam: the plain baseline"

    let data: FashionMNIST
    let model: MLP
    let optimizer: Adam
    var batcher: Batcher
    let batchSize: Int
    let evalSubset: Int
    /// `training.steps` and `training.eval_every`.
    public let totalSteps: Int
    public let evaluationInterval: Int
    var stepCount = 0
    var lastGradientNorm = 0.0
    var lastPerClass: [Double] = []

    /// Reads `data`, `model` and `training`, loads Fashion-MNIST and initialises the MLP from the seed.
    public init(spec: SessionSpec) throws {
        let dataSection = spec.section("data")
        let directory = try dataSection.string("directory", default: FashionMNIST.defaultDirectory)
        let trainLimit = try dataSection.int("train_limit", default: 60_000, in: 1...60_000)
        evalSubset = try dataSection.int("eval_subset", default: 2_000, in: 1...10_000)
        let modelSection = spec.section("model")
        let hidden = try modelSection.doubles("hidden", default: [256])
        guard hidden.allSatisfy({ $0 >= 1 && $0 == $0.rounded() && $0 <= 8192 }) else {
            throw modelSection.error("hidden", "expected a list of layer widths (whole numbers 1…8192), e.g. [256]")
        }
        let activationName = try modelSection.string("activation", default: "relu",
                                                     oneOf: Activation.allCases.map(\.rawValue))
        let training = spec.section("training")
        totalSteps = try training.int("steps", default: 3_000, in: 1...10_000_000)
        batchSize = try training.int("batch_size", default: 128, in: 1...4_096)
        let optimizerName = try training.string("optimizer", default: "adam", oneOf: ["adam", "adamw"])
        let lr = try training.double("lr", default: 1e-3, in: 1e-6...1)
        let weightDecay = try training.double("weight_decay", default: 0, in: 0...1)
        evaluationInterval = try training.int("eval_every", default: 500, in: 0...Int.max)
        guard batchSize <= trainLimit else {
            throw training.error("batch_size", "\(batchSize) is larger than data.train_limit = \(trainLimit); lower it")
        }
        do {
            data = try FashionMNIST(directory: directory, trainLimit: trainLimit)
        } catch {
            throw ExperimentError.data(error.description)
        }
        var rng = RandomSource(seed: spec.seed)
        let activation = Activation(rawValue: activationName) ?? .relu
        model = MLP(sizes: [784] + hidden.map { Int($0) } + [10], activation: activation, name: "mlp", rng: &rng)
        optimizer = Adam(learningRate: Float(lr), weightDecay: Float(weightDecay), decoupled: optimizerName == "adamw")
        batcher = Batcher(count: data.trainLabels.count, batchSize: batchSize, seed: spec.seed &+ 1)
    }

    // MARK: - Hyperparameters

    /// η and λ (live), B (restart only).
    public var hyperparameters: [HyperparameterSpec] {
        [
            HyperparameterSpec(name: "lr", symbol: "η", summary: "Adam learning rate", value: Double(optimizer.learningRate),
                               range: 1e-6...1, scale: .log),
            HyperparameterSpec(name: "weight_decay", symbol: "λ", summary: "L2 weight decay (decoupled with adamw)",
                               value: Double(optimizer.weightDecay), range: 0...1),
            HyperparameterSpec(name: "batch_size", symbol: "B", summary: "images per step (restart to change)",
                               value: Double(batchSize), range: 1...4096, isLive: false, kind: .integer),
        ]
    }

    /// Sets η or λ on the optimizer; B is refused as restart-only.
    public func setHyperparameter(_ name: String, to value: Double) throws(ExperimentError) {
        _ = try checkedHyperparameter(name, value)
        switch name {
        case "lr": optimizer.learningRate = Float(value)
        case "weight_decay": optimizer.weightDecay = Float(value)
        default: throw .notLive(name: name)
        }
    }

    /// Full batches per pass over the training images.
    public var stepsPerEpoch: Int { batcher.batchesPerEpoch }

    // MARK: - Training

    /// One Adam step on the next batch: `loss`, batch `accuracy` and the gradient norm `grad_norm`.
    public func step() throws -> [String: Double] {
        let rows = batcher.nextBatch()
        let x = Batcher.gather(data.trainImages, rows: rows)
        let labels = rows.map { data.trainLabels[$0] }
        let logits = model(Variable(x))
        let loss = logits.crossEntropy(labels: labels)
        loss.backward()
        var squared: Float = 0
        for p in model.parameters {
            guard let g = p.gradient else { continue }
            g.scalars.withUnsafeBufferPointer { for v in $0 { squared += v * v } }
        }
        lastGradientNorm = Double(squared.squareRoot())
        optimizer.update(model.parameters)
        model.zeroGradients()
        stepCount += 1
        let predicted = logits.value.argmaxRows()
        let correct = zip(predicted, labels).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        return ["loss": Double(loss.value.scalar), "accuracy": Double(correct) / Double(labels.count),
                "grad_norm": lastGradientNorm]
    }

    /// Test loss and accuracy on the first `data.eval_subset` test images.
    public func evaluate() throws -> [String: Double] { evaluate(count: evalSubset) }

    /// Test loss and accuracy on the whole test set (used at the end of a run).
    public func evaluateFull() throws -> [String: Double] { evaluate(count: data.testLabels.count) }

    /// Loss and accuracy on the first `count` test images (forward only, in chunks of 1000).
    func evaluate(count: Int) -> [String: Double] {
        var lossSum = 0.0, correct = 0
        var perClass = [Int](repeating: 0, count: 10), perClassTotal = [Int](repeating: 0, count: 10)
        var start = 0
        while start < count {
            let end = min(start + 1000, count)
            let rows = Array(start..<end)[...]
            let logits = forward(Batcher.gather(data.testImages, rows: rows))
            let labels = rows.map { data.testLabels[$0] }
            lossSum += Double(Variable(logits).crossEntropy(labels: labels).value.scalar) * Double(rows.count)
            for (p, y) in zip(logits.argmaxRows(), labels) {
                perClassTotal[y] += 1
                if p == y { correct += 1; perClass[y] += 1 }
            }
            start = end
        }
        lastPerClass = zip(perClass, perClassTotal).map { $1 > 0 ? Double($0) / Double($1) : .nan }
        return ["loss": lossSum / Double(count), "accuracy": Double(correct) / Double(count)]
    }

    /// Logits `[n, 10]` without recording a graph.
    func forward(_ x: Tensor<Float>) -> Tensor<Float> {
        var h = x
        for (i, layer) in model.layers.enumerated() {
            h = h.matmul(layer.weight.value)
            if let b = layer.bias { h += b.value }
            if i < model.layers.count - 1 { h = model.activation(Variable(h)).value }
        }
        return h
    }
}
