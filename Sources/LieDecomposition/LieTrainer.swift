import Autodiff
import Datasets
import NN
import Symmetry
import Tensors

/// Which network a run trains.
public enum LieModelKind: String, Sendable, Codable, CaseIterable {
    /// The affine G-CNN (`R² ⋊ SL(2)` or `R² ⋊ GL+(2)`).
    case gcnn
    /// The CNN baseline on the same skeleton.
    case cnn
}

/// Training and evaluation of one model on the §10 protocol: Adam, cosine schedule, shuffled epochs, fresh
/// sample draws every forward pass (training and test), seeded generators for data order and samples.
final class LieTrainer {
    let kind: LieModelKind
    let model: any AffineClassifier
    let optimizer: Adam
    let data: AffineFashionData
    var baseLearningRate: Float
    var finalLearningRate: Float = 0
    let totalSteps: Int
    let batchSize: Int
    /// Logit averaging over this many sample draws at evaluation (1 for the CPU preset).
    var evaluationDraws: Int
    var stepCount = 0
    var order: [Int] = []
    var cursor = 0
    var dataRNG: RandomSource
    var sampleRNG: RandomSource
    let evaluationSeed: UInt64
    /// Background margin (pixels per side) added to every test image at evaluation, so objects the affine maps move
    /// to the canvas edge keep a background border (0 = the protocol's 40×40 images; the networks are fully
    /// convolutional with a global max, so any canvas size works).
    var evaluationPadding = 0
    /// Background margin (pixels per side) around every training and test image: the network's input canvas is
    /// `40 + 2·margin`, the images themselves (and the affine maps) are unchanged.
    let inputMargin: Int
    /// The sample set of the last training step (for diagnostics).
    var lastSamples: [GL2Sample<Double>] = []

    init(kind: LieModelKind, configuration: LieGCNNConfiguration, cnnWidth: Int, data: AffineFashionData,
         learningRate: Double, weightDecay: Double, totalSteps: Int, batchSize: Int, evaluationDraws: Int, seed: UInt64,
         inputMargin: Int = 0) {
        self.kind = kind
        self.inputMargin = inputMargin
        var initRNG = RandomSource(seed: seed)
        switch kind {
        case .gcnn: model = LieGCNN(configuration: configuration, rng: &initRNG)
        case .cnn: model = ConvBaseline(width: cnnWidth, headWidth: configuration.headWidth, classes: configuration.classes,
                                        rng: &initRNG)
        }
        optimizer = Adam(learningRate: Float(learningRate), weightDecay: Float(weightDecay))
        self.data = data
        baseLearningRate = Float(learningRate)
        self.totalSteps = totalSteps
        self.batchSize = batchSize
        self.evaluationDraws = evaluationDraws
        dataRNG = RandomSource(seed: seed &+ 1)
        sampleRNG = RandomSource(seed: seed &+ 2)
        evaluationSeed = seed &+ 3
    }

    var stepsPerEpoch: Int { max(1, data.trainCount / batchSize) }

    /// The cosine-annealed learning rate at the current step.
    var currentLearningRate: Float {
        let t = Float(min(stepCount, totalSteps)) / Float(max(totalSteps, 1))
        return finalLearningRate + (baseLearningRate - finalLearningRate) * (1 + Float.cos(Float.pi * t)) / 2
    }

    func nextBatch() -> [Int] {
        if cursor + batchSize > order.count || order.isEmpty {
            order = dataRNG.permutation(data.trainCount)
            cursor = 0
        }
        defer { cursor += batchSize }
        return Array(order[cursor..<(cursor + batchSize)])
    }

    /// One Adam step on one batch; returns the loss and the batch accuracy.
    func trainStep() -> (loss: Double, accuracy: Double) {
        let indices = nextBatch()
        let x = AffineFashionData.padded(AffineFashionData.batch(data.trainImages, indices), by: inputMargin)
        let labels = indices.map { data.trainLabels[$0] }
        let samples = model.drawSamples(using: &sampleRNG)
        lastSamples = samples
        model.zeroGradients()
        let logits = model.logits(Variable(x), samples: samples)
        let loss = logits.crossEntropy(labels: labels)
        loss.backward()
        optimizer.learningRate = currentLearningRate
        optimizer.update(model.parameters)
        stepCount += 1
        let predicted = logits.value.argmaxRows()
        let correct = zip(predicted, labels).filter { $0 == $1 }.count
        return (Double(loss.value.scalar), Double(correct) / Double(labels.count))
    }

    /// Runs `body` with every parameter frozen, so forward passes record no graph.
    func inference<T>(_ body: () -> T) -> T {
        let params = model.parameters
        let frozen = params.map(\.isFrozen)
        for p in params { p.isFrozen = true }
        defer { for (p, f) in zip(params, frozen) { p.isFrozen = f } }
        return body()
    }

    /// Logits `[count, classes]` of the first `count` images of a flat set under the given sample sets
    /// (averaged over the sets), in batches of 100.
    func logits(of set: [Float], count: Int, sampleSets: [[GL2Sample<Double>]]) -> Tensor<Float> {
        inference {
            var out: [Float] = []
            var start = 0
            while start < count {
                let idx = Array(start..<min(count, start + 100))
                let x = AffineFashionData.padded(AffineFashionData.batch(set, idx), by: inputMargin + evaluationPadding)
                var acc = Tensor<Float>(zeros: [idx.count, 10])
                for s in sampleSets { acc += model.logits(Variable(x), samples: s).value }
                acc *= 1 / Float(sampleSets.count)
                out += acc.scalars
                start += 100
            }
            return Tensor(shape: [count, out.count / max(count, 1)], scalars: out)
        }
    }

    /// Sample sets for an evaluation, from a generator derived from the evaluation seed and a salt.
    func evaluationSamples(draws: Int, salt: UInt64) -> [[GL2Sample<Double>]] {
        var rng = RandomSource(seed: evaluationSeed &+ salt &* 7919)
        return (0..<draws).map { _ in model.drawSamples(using: &rng) }
    }

    /// Clean and affine test accuracy (and per-class affine accuracy).
    func evaluate() -> (clean: Double, affine: Double, perClassAffine: [Double]) {
        let n = data.testCount
        let clean = logits(of: data.testCentred, count: n, sampleSets: evaluationSamples(draws: evaluationDraws, salt: 1))
        let affine = logits(of: data.testAffine, count: n, sampleSets: evaluationSamples(draws: evaluationDraws, salt: 2))
        let pc = clean.argmaxRows(), pa = affine.argmaxRows()
        var hits = [Double](repeating: 0, count: 10), totals = [Double](repeating: 0, count: 10)
        for i in 0..<n {
            totals[data.testLabels[i]] += 1
            if pa[i] == data.testLabels[i] { hits[data.testLabels[i]] += 1 }
        }
        let accClean = Double(zip(pc, data.testLabels).filter { $0 == $1 }.count) / Double(max(n, 1))
        let accAffine = Double(zip(pa, data.testLabels).filter { $0 == $1 }.count) / Double(max(n, 1))
        return (accClean, accAffine, zip(hits, totals).map { $1 > 0 ? $0 / $1 : .nan })
    }

    /// The invariance meter: mean ‖f(affine x) − f(centred x)‖ / mean ‖f(centred x)‖ with one shared draw,
    /// the resampling noise (same image, two draws) and the prediction agreement, over `count` test images.
    func invariance(count requested: Int = 250) -> (change: Double, noise: Double, agreement: Double) {
        let n = min(requested, data.testCount)
        let draws = evaluationSamples(draws: 2, salt: 3)
        let c = logits(of: data.testCentred, count: n, sampleSets: [draws[0]])
        let a = logits(of: data.testAffine, count: n, sampleSets: [draws[0]])
        let c2 = logits(of: data.testCentred, count: n, sampleSets: [draws[1]])
        func rowNorms(_ t: Tensor<Float>) -> [Double] {
            let k = t.shape[1]
            var norms: [Double] = []
            for r in 0..<t.shape[0] {
                var sq = 0.0
                for j in 0..<k { let v = Double(t.scalars[r * k + j]); sq += v * v }
                norms.append(sq.squareRoot())
            }
            return norms
        }
        let base = rowNorms(c).reduce(0, +)
        let change = rowNorms(a - c).reduce(0, +) / max(base, 1e-12)
        let noise = rowNorms(c2 - c).reduce(0, +) / max(base, 1e-12)
        let agree = Double(zip(a.argmaxRows(), c.argmaxRows()).filter { $0 == $1 }.count) / Double(max(n, 1))
        return (change, noise, agree)
    }
}
