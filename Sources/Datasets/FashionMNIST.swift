import Foundation
import Tensors

/// Fashion-MNIST (Xiao, Rasul & Vollgraf, 2017): 28×28 grey images of clothing in 10 classes, 60 000 for
/// training and 10 000 for testing, as installed by the Debian package `dataset-fashion-mnist`.
///
/// Images are scaled to `[0, 1]` and flattened: `images: [count, 784]`, `labels: [count]` in `0..<10`.
///
/// ```swift
/// let data = try FashionMNIST(directory: FashionMNIST.defaultDirectory, trainLimit: 10_000)
/// ```
public struct FashionMNIST: Sendable {
    /// Where the Debian package puts the files.
    public static let defaultDirectory = "/usr/share/datasets/fashion-mnist"
    /// The class names in label order.
    public static let classNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                                    "Sneaker", "Bag", "Ankle boot"]
    /// The install hint shown when a file is missing.
    public static let installHint = "install the Debian package dataset-fashion-mnist (sudo apt-get install dataset-fashion-mnist) or set data.directory to a folder with the four *-ubyte.gz files"

    /// Training images `[n, 784]` in `[0, 1]` and labels.
    public var trainImages: Tensor<Float>
    /// Training labels in `0..<10`.
    public var trainLabels: [Int]
    /// Test images `[m, 784]` and labels.
    public var testImages: Tensor<Float>
    /// Test labels in `0..<10`.
    public var testLabels: [Int]

    /// Loads the four files from `directory` (gzipped, or unpacked without the `.gz`).
    ///
    /// - Parameters:
    ///   - trainLimit: use only the first this-many training examples (nil: all 60 000).
    ///   - testLimit: use only the first this-many test examples.
    /// - Throws: `DatasetError` naming the file and the package that provides it.
    public init(directory: String = FashionMNIST.defaultDirectory, trainLimit: Int? = nil,
                testLimit: Int? = nil) throws(DatasetError) {
        (trainImages, trainLabels) = try FashionMNIST.load(directory: directory, prefix: "train", limit: trainLimit)
        (testImages, testLabels) = try FashionMNIST.load(directory: directory, prefix: "t10k", limit: testLimit)
    }

    static func file(_ directory: String, _ name: String) -> String {
        let gz = (directory as NSString).appendingPathComponent(name + ".gz")
        let plain = (directory as NSString).appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: gz) || !FileManager.default.fileExists(atPath: plain) ? gz : plain
    }

    /// Reads one images/labels pair and checks they agree.
    public static func load(directory: String, prefix: String, limit: Int?) throws(DatasetError) -> (Tensor<Float>, [Int]) {
        let imageFile = file(directory, "\(prefix)-images-idx3-ubyte")
        let labelFile = file(directory, "\(prefix)-labels-idx1-ubyte")
        let images = try IDXArray(contentsOf: imageFile, limit: limit, missingHint: installHint)
        let labels = try IDXArray(contentsOf: labelFile, limit: limit, missingHint: installHint)
        guard images.shape.count == 3, images.shape[1] == 28, images.shape[2] == 28 else {
            throw .inconsistent(file: imageFile, detail: "images have shape \(images.shape), expected [n, 28, 28]")
        }
        guard labels.shape.count == 1 else {
            throw .inconsistent(file: labelFile, detail: "labels have shape \(labels.shape), expected [n]")
        }
        guard labels.shape[0] == images.shape[0] else {
            throw .inconsistent(file: labelFile, detail: "\(labels.shape[0]) labels for \(images.shape[0]) images in \(imageFile)")
        }
        if let bad = labels.bytes.firstIndex(where: { $0 >= 10 }) {
            throw .inconsistent(file: labelFile, detail: "label \(labels.bytes[bad]) at index \(bad) is outside 0…9")
        }
        let n = images.shape[0]
        var pixels = [Float](repeating: 0, count: n * 784)
        images.bytes.withUnsafeBufferPointer { src in
            pixels.withUnsafeMutableBufferPointer { dst in
                for i in 0..<src.count { dst[i] = Float(src[i]) / 255 }
            }
        }
        return (Tensor(shape: [n, 784], scalars: pixels), labels.bytes.map(Int.init))
    }
}
