import Datasets
import Foundation

/// One Fashion-MNIST split as flat arrays for the EP batch system, read through the shared `Datasets` IDX reader.
struct FashionMNISTData: Sendable {
    /// Images scaled to [0, 1] (x/255, no normalisation), `[count, 784]` row-major.
    var images: [Float]
    /// Class labels 0…9.
    var labels: [Int]
    /// Pixels per image.
    let pixelCount = 784

    var count: Int { labels.count }

    /// The default directory of the Debian package `dataset-fashion-mnist`.
    static let defaultDirectory = FashionMNIST.defaultDirectory

    /// Whether both splits exist in `directory`.
    static func isAvailable(in directory: String = defaultDirectory) -> Bool {
        ["train", "t10k"].allSatisfy { s in
            FileManager.default.fileExists(atPath: "\(directory)/\(s)-images-idx3-ubyte.gz")
                && FileManager.default.fileExists(atPath: "\(directory)/\(s)-labels-idx1-ubyte.gz")
        }
    }

    /// Loads the first `limit` examples of a split (`"train"` or `"t10k"`).
    ///
    /// - Throws: `DatasetError` naming the file and the fix when a file is missing or malformed.
    static func load(split: String, directory: String = defaultDirectory, limit: Int? = nil) throws -> FashionMNISTData {
        let (images, labels) = try FashionMNIST.load(directory: directory, prefix: split, limit: limit)
        return FashionMNISTData(images: images.scalars, labels: labels)
    }

    /// Rows `indices` as a contiguous `[indices.count, 784]` batch and its labels.
    func batch(_ indices: ArraySlice<Int>) -> (x: [Float], y: [Int]) {
        var x = [Float](repeating: 0, count: indices.count * 784)
        var y: [Int] = []
        y.reserveCapacity(indices.count)
        for (r, i) in indices.enumerated() {
            for j in 0..<784 { x[r * 784 + j] = images[i * 784 + j] }
            y.append(labels[i])
        }
        return (x, y)
    }
}
