import CZlib
import Foundation

/// A data set file that is missing, truncated or inconsistent; each case names the file and the fix.
public enum DatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist (`hint` says how to get it, e.g. the Debian package).
    case missing(file: String, hint: String)
    /// The file ends before its header says it should.
    case truncated(file: String, expectedBytes: Int, foundBytes: Int)
    /// The header or contents are not what the reader expects.
    case malformed(file: String, detail: String)
    /// Two files that belong together disagree (image and label counts, image sizes).
    case inconsistent(file: String, detail: String)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case .missing(let f, let hint): "\(f): no such file\(hint.isEmpty ? "" : "; \(hint)")"
        case .truncated(let f, let e, let n):
            "\(f): truncated: the header promises \(e) data bytes but the file holds \(n); download or reinstall it"
        case .malformed(let f, let d): "\(f): not an IDX file (\(d))"
        case .inconsistent(let f, let d): "\(f): \(d)"
        }
    }
}

/// An IDX array (the MNIST file format), read from a gzip-compressed or plain file.
///
/// ```
/// magic: 0x00 0x00 <type> <rank>     type 0x08 = unsigned byte (the only type MNIST files use)
/// rank × big-endian UInt32 extents    e.g. [60000, 28, 28]
/// data: product(extents) items, row-major
/// ```
/// zlib's `gzread` reads both compressed and plain files, so one path serves `*.gz` and unpacked copies.
public struct IDXArray: Sendable, Equatable {
    /// The extents (`[count, rows, columns]` for images, `[count]` for labels). `shape[0]` is the number read,
    /// which is smaller than the file's when `limit` was given.
    public var shape: [Int]
    /// The raw unsigned bytes, row-major.
    public var bytes: [UInt8]

    /// Reads an unsigned-byte IDX file, optionally only its first `limit` items along axis 0.
    ///
    /// - Parameters:
    ///   - path: a `.gz` or plain IDX file.
    ///   - limit: read at most this many items (the rest of the file is not decompressed).
    ///   - missingHint: appended to the "no such file" message (how to install the data).
    /// - Throws: `DatasetError.missing`, `.truncated` or `.malformed`, naming the file.
    public init(contentsOf path: String, limit: Int? = nil, missingHint: String = "") throws(DatasetError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(file: path, hint: missingHint) }
        guard let gz = gzopen(path, "rb") else { throw .malformed(file: path, detail: "cannot open the file") }
        defer { gzclose(gz) }
        func read(_ count: Int) -> [UInt8] {
            var out = [UInt8](repeating: 0, count: count)
            var got = 0
            while got < count {
                let chunk = Int32(min(count - got, 1 << 30))
                let n = out.withUnsafeMutableBytes { gzread(gz, $0.baseAddress! + got, UInt32(chunk)) }
                if n <= 0 { break }
                got += Int(n)
            }
            return Array(out.prefix(got))
        }
        let magic = read(4)
        guard magic.count == 4 else { throw .truncated(file: path, expectedBytes: 4, foundBytes: magic.count) }
        guard magic[0] == 0, magic[1] == 0 else {
            throw .malformed(file: path, detail: "magic number starts \(magic[0]) \(magic[1]), expected 0 0")
        }
        guard magic[2] == 0x08 else {
            throw .malformed(file: path, detail: "data type 0x\(String(magic[2], radix: 16)), only unsigned bytes (0x08) are supported")
        }
        let rank = Int(magic[3])
        guard rank >= 1 && rank <= 4 else { throw .malformed(file: path, detail: "rank \(rank), expected 1…4") }
        let dims = read(4 * rank)
        guard dims.count == 4 * rank else { throw .truncated(file: path, expectedBytes: 4 * rank, foundBytes: dims.count) }
        var shape: [Int] = []
        for i in 0..<rank {
            shape.append(dims[(4 * i)..<(4 * i + 4)].reduce(0) { $0 << 8 | Int($1) })
        }
        let rowSize = shape.dropFirst().reduce(1, *)
        let items = limit.map { min($0, shape[0]) } ?? shape[0]
        let want = items * rowSize
        let data = read(want)
        guard data.count == want else {
            throw .truncated(file: path, expectedBytes: shape[0] * rowSize, foundBytes: data.count)
        }
        if limit == nil || items == shape[0] {
            // A complete read must also end there: trailing bytes mean the header is wrong.
            let extra = read(1)
            if !extra.isEmpty {
                throw .malformed(file: path, detail: "more data than the header's \(shape) extents describe")
            }
        }
        shape[0] = items
        self.shape = shape
        self.bytes = data
    }
}
