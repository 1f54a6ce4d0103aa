import Datasets
import Session

/// Fashion-MNIST images and labels with raw pixel values, for the affine data set.
struct FashionMNISTSplit {
    /// Raw pixel values 0…255, `[count·784]`.
    var images: [Float]
    var labels: [Int]
    var count: Int { labels.count }
}

/// Reads Fashion-MNIST through the shared `Datasets` IDX reader (gzipped or plain files).
enum FashionMNISTLoader {
    /// The default directory of the Debian package `dataset-fashion-mnist`.
    static let defaultDirectory = FashionMNIST.defaultDirectory

    /// Reads `{split}-{images-idx3,labels-idx1}-ubyte(.gz)` from `directory`, keeping the first `limit`.
    ///
    /// - Throws: `ExperimentError.data` naming the file, the session file and the fix when it is missing or malformed.
    static func load(split: String, directory: String, limit: Int? = nil, specFile: String = "the session file")
        throws -> FashionMNISTSplit {
        do {
            let (images, labels) = try FashionMNIST.load(directory: directory, prefix: split, limit: limit)
            // The shared reader scales to [0, 1] by x/255; rounding x·255 recovers the stored bytes exactly.
            return FashionMNISTSplit(images: images.scalars.map { ($0 * 255).rounded() }, labels: labels)
        } catch {
            let mnistHint = directory.contains("mnist-5k") ? "; scripts/fetch-mnist-5k.sh writes the 5,000 MNIST digits there" : ""
            throw ExperimentError.data("\(error) (data.directory in \(specFile))\(mnistHint)")
        }
    }
}
