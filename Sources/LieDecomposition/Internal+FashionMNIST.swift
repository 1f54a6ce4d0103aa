import Foundation
import Session

// TO BE REPLACED by the Datasets module's IDX reader (only Datasets may import CZlib). This minimal loader
// decompresses with `gunzip -c` through Foundation.Process and parses the IDX header itself.

/// Fashion-MNIST images and labels as read from IDX files.
struct FashionMNISTSplit {
    /// Raw pixel values 0…255, `[count·784]`.
    var images: [Float]
    var labels: [Int]
    var count: Int { labels.count }
}

enum FashionMNISTLoader {
    /// The default directory of the Debian package `dataset-fashion-mnist`.
    static let defaultDirectory = "/usr/share/datasets/fashion-mnist"

    /// Reads `{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz` from `directory`, keeping the first `limit`.
    ///
    /// - Throws: `ExperimentError.data` naming the file and the fix when it is missing or malformed.
    static func load(split: String, directory: String, limit: Int? = nil, specFile: String = "the session file")
        throws -> FashionMNISTSplit {
        let imagePath = "\(directory)/\(split)-images-idx3-ubyte.gz"
        let labelPath = "\(directory)/\(split)-labels-idx1-ubyte.gz"
        let imageBytes = try gunzip(imagePath, specFile: specFile)
        let labelBytes = try gunzip(labelPath, specFile: specFile)
        let (imageDims, imageOffset) = try header(imageBytes, magic: 0x0803, rank: 3, path: imagePath)
        let (labelDims, labelOffset) = try header(labelBytes, magic: 0x0801, rank: 1, path: labelPath)
        guard imageDims[0] == labelDims[0], imageDims[1] == 28, imageDims[2] == 28 else {
            throw ExperimentError.data("\(imagePath): expected 28×28 images matching \(labelPath), got \(imageDims) vs \(labelDims)")
        }
        let n = min(limit ?? imageDims[0], imageDims[0])
        guard imageBytes.count >= imageOffset + n * 784, labelBytes.count >= labelOffset + n else {
            throw ExperimentError.data("\(imagePath): file is truncated; reinstall the package dataset-fashion-mnist")
        }
        let images = imageBytes[imageOffset..<(imageOffset + n * 784)].map { Float($0) }
        let labels = labelBytes[labelOffset..<(labelOffset + n)].map { Int($0) }
        return FashionMNISTSplit(images: images, labels: labels)
    }

    static func header(_ bytes: [UInt8], magic: Int, rank: Int, path: String) throws -> ([Int], Int) {
        func word(_ i: Int) -> Int {
            (Int(bytes[i]) << 24) | (Int(bytes[i + 1]) << 16) | (Int(bytes[i + 2]) << 8) | Int(bytes[i + 3])
        }
        guard bytes.count >= 4 + 4 * rank, word(0) == magic else {
            throw ExperimentError.data("\(path): not an IDX file with magic 0x\(String(magic, radix: 16))")
        }
        return ((0..<rank).map { word(4 + 4 * $0) }, 4 + 4 * rank)
    }

    static func gunzip(_ path: String, specFile: String) throws -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ExperimentError.data("\(path) not found (data.directory in \(specFile)): install it with "
                + "`apt-get install dataset-fashion-mnist` or set data.directory to the folder holding the IDX .gz files")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gunzip")
        process.arguments = ["-c", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            throw ExperimentError.data("cannot run /bin/gunzip for \(path): \(error)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ExperimentError.data("\(path): gunzip failed (status \(process.terminationStatus)); the file is corrupt")
        }
        return [UInt8](data)
    }
}
