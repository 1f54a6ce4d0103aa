import Foundation

/// A minimal gzip'd IDX loader for Fashion-MNIST (decompresses with `/bin/gunzip -c` in memory).
///
/// Temporary: to be replaced by the Datasets module's IDX reader (only Datasets may import CZlib).
struct FashionMNISTData: Sendable {
    /// Images scaled to [0, 1] (x/255, no normalisation), `[count, 784]` row-major.
    var images: [Float]
    /// Class labels 0…9.
    var labels: [Int]
    /// Pixels per image.
    let pixelCount = 784

    var count: Int { labels.count }

    /// The default directory of the Debian package `dataset-fashion-mnist`.
    static let defaultDirectory = "/usr/share/datasets/fashion-mnist"

    /// Whether both splits exist in `directory`.
    static func isAvailable(in directory: String = defaultDirectory) -> Bool {
        ["train", "t10k"].allSatisfy { s in
            FileManager.default.fileExists(atPath: "\(directory)/\(s)-images-idx3-ubyte.gz")
                && FileManager.default.fileExists(atPath: "\(directory)/\(s)-labels-idx1-ubyte.gz")
        }
    }

    /// Loads the first `limit` examples of a split (`"train"` or `"t10k"`).
    ///
    /// - Throws: `ExperimentError.data` naming the file and the fix when a file is missing or malformed.
    static func load(split: String, directory: String = defaultDirectory, limit: Int? = nil) throws -> FashionMNISTData {
        let imagePath = "\(directory)/\(split)-images-idx3-ubyte.gz"
        let labelPath = "\(directory)/\(split)-labels-idx1-ubyte.gz"
        let imageBytes = try gunzip(imagePath)
        let labelBytes = try gunzip(labelPath)
        guard imageBytes.count >= 16, readInt(imageBytes, 0) == 2051 else {
            throw FashionMNISTError.malformed(imagePath, "not an IDX3 image file (magic 2051)")
        }
        guard labelBytes.count >= 8, readInt(labelBytes, 0) == 2049 else {
            throw FashionMNISTError.malformed(labelPath, "not an IDX1 label file (magic 2049)")
        }
        let n = readInt(imageBytes, 4), rows = readInt(imageBytes, 8), cols = readInt(imageBytes, 12)
        guard rows * cols == 784, labelBytes.count >= 8 + n, imageBytes.count >= 16 + n * 784, readInt(labelBytes, 4) == n else {
            throw FashionMNISTError.malformed(imagePath, "unexpected sizes \(n)x\(rows)x\(cols)")
        }
        let m = min(n, limit ?? n)
        var images = [Float](repeating: 0, count: m * 784)
        imageBytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            for i in 0..<(m * 784) { images[i] = Float(raw[16 + i]) / 255 }
        }
        let labelArray = [UInt8](labelBytes)
        let labels = (0..<m).map { Int(labelArray[8 + $0]) }
        return FashionMNISTData(images: images, labels: labels)
    }

    static func readInt(_ d: Data, _ offset: Int) -> Int {
        let bytes = [UInt8](d[d.startIndex + offset..<d.startIndex + offset + 4])
        return bytes.reduce(0) { ($0 << 8) | Int($1) }
    }

    static func gunzip(_ path: String) throws -> Data {
        guard FileManager.default.fileExists(atPath: path) else { throw FashionMNISTError.missing(path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gunzip")
        process.arguments = ["-c", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw FashionMNISTError.malformed(path, "gunzip failed") }
        return Data(data)
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

/// Missing or malformed Fashion-MNIST files.
enum FashionMNISTError: Error, CustomStringConvertible {
    case missing(String)
    case malformed(String, String)

    var description: String {
        switch self {
        case .missing(let path):
            return "Fashion-MNIST file \(path) is missing; install it with `apt-get install dataset-fashion-mnist` "
                + "or set data.directory in the session file to the folder holding the IDX .gz files"
        case .malformed(let path, let why):
            return "Fashion-MNIST file \(path) is malformed (\(why)); reinstall dataset-fashion-mnist"
        }
    }
}
