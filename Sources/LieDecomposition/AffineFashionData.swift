import Datasets
import Tensors

/// The §9/§10 data of a run: centred 40×40 Fashion-MNIST training images, the first test images centred and
/// under seeded affNIST-range affine maps ("affFashion"), all normalised to `[-1, 1]` by `(x/255 − 0.5)/0.5`.
final class AffineFashionData {
    let trainImages: [Float]
    let trainLabels: [Int]
    /// The raw 28×28 test sources (kept to rebuild the affine set when the ranges change).
    let testSources: [Float]
    let testLabels: [Int]
    let testCentred: [Float]
    private(set) var testAffine: [Float]
    private(set) var ranges: AffineFashionRanges
    let affineSeed: UInt64

    static let pixels = AffineFashion.canvasSide * AffineFashion.canvasSide

    init(train: FashionMNISTSplit, test: FashionMNISTSplit, ranges: AffineFashionRanges, affineSeed: UInt64) {
        trainImages = Self.normalised(AffineFashion.centredSet(train.images, count: train.count))
        trainLabels = train.labels
        testSources = test.images
        testLabels = test.labels
        testCentred = Self.normalised(AffineFashion.centredSet(test.images, count: test.count))
        self.ranges = ranges
        self.affineSeed = affineSeed
        testAffine = Self.normalised(AffineFashion.affineSet(test.images, count: test.count, ranges: ranges, seed: affineSeed))
    }

    /// Loads from IDX files: the first `trainCount` training and `testCount` test images. With `copies` > 1 every
    /// test image enters the test set `copies` times, each copy under its own affine draw (affNIST uses 32 copies of
    /// each MNIST test digit); the centred set then repeats each image as often.
    convenience init(directory: String, trainCount: Int, testCount: Int, ranges: AffineFashionRanges,
                     affineSeed: UInt64, specFile: String, copies: Int = 1) throws {
        let train = try FashionMNISTLoader.load(split: "train", directory: directory, limit: trainCount, specFile: specFile)
        var test = try FashionMNISTLoader.load(split: "t10k", directory: directory, limit: testCount, specFile: specFile)
        if copies > 1 {
            test = FashionMNISTSplit(images: Array([[Float]](repeating: test.images, count: copies).joined()),
                                     labels: Array([[Int]](repeating: test.labels, count: copies).joined()))
        }
        self.init(train: train, test: test, ranges: ranges, affineSeed: affineSeed)
    }

    static func normalised(_ raw: [Float]) -> [Float] { raw.map { ($0 / 255 - 0.5) / 0.5 } }

    var trainCount: Int { trainLabels.count }
    var testCount: Int { testLabels.count }

    /// Rebuilds the affine test set for new ranges (same seed, so the draws are comparable).
    func setRanges(_ newRanges: AffineFashionRanges) {
        guard newRanges != ranges else { return }
        ranges = newRanges
        testAffine = Self.normalised(AffineFashion.affineSet(testSources, count: testCount, ranges: ranges, seed: affineSeed))
    }

    /// The normalised background value (raw 0 ↦ −1).
    static let background = normalised([0])[0]

    /// `[B, 1, S, S]` images surrounded by `margin` pixels of ``background`` on every side.
    static func padded(_ x: Tensor<Float>, by margin: Int) -> Tensor<Float> {
        guard margin > 0 else { return x }
        let b = x.shape[0], side = x.shape[2], out = side + 2 * margin
        var scalars = [Float](repeating: background, count: b * out * out)
        x.scalars.withUnsafeBufferPointer { src in
            for i in 0..<b {
                for y in 0..<side {
                    for xx in 0..<side {
                        scalars[(i * out + y + margin) * out + xx + margin] = src[(i * side + y) * side + xx]
                    }
                }
            }
        }
        return Tensor(shape: [b, 1, out, out], scalars: scalars)
    }

    /// Images `[indices.count, 1, 40, 40]` gathered from a flat set.
    static func batch(_ set: [Float], _ indices: [Int]) -> Tensor<Float> {
        var out = [Float]()
        out.reserveCapacity(indices.count * pixels)
        for i in indices { out.append(contentsOf: set[(i * pixels)..<((i + 1) * pixels)]) }
        return Tensor(shape: [indices.count, 1, 40, 40], scalars: out)
    }
}
