import Foundation
import Tensors

/// A checkpoint file that cannot be read: each case names the file and what is wrong.
public enum CheckpointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist.
    case missing(file: String)
    /// The file ends before its header or data says it should.
    case truncated(file: String, detail: String)
    /// The header is not valid safetensors JSON, or offsets/shapes disagree.
    case corrupt(file: String, detail: String)
    /// A tensor has a dtype this reader cannot convert.
    case unsupportedType(file: String, tensor: String, dtype: String)
    /// The tensor file and its JSON companion describe different checkpoints.
    case inconsistent(file: String, detail: String)
    /// Reading or writing failed at the operating-system level.
    case io(file: String, detail: String)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case .missing(let f): "\(f): no such checkpoint file; run longer (checkpoints are written every N steps and on stop) or pick another run"
        case .truncated(let f, let d): "\(f): truncated checkpoint (\(d)); use an earlier run or delete the partial file"
        case .corrupt(let f, let d): "\(f): corrupt safetensors file (\(d))"
        case .unsupportedType(let f, let t, let d): "\(f): tensor '\(t)' has dtype \(d); supported: F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL"
        case .inconsistent(let f, let d): "\(f): inconsistent checkpoint (\(d))"
        case .io(let f, let d): "\(f): \(d)"
        }
    }
}

/// The safetensors format: an 8-byte little-endian header length, a JSON header, then raw little-endian data.
///
/// ```
/// [u64 LE: N] [N bytes JSON, space padded] [data ...]
/// JSON: {"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, ..., "__metadata__": {"k": "v"}}
/// ```
/// Offsets are relative to the start of the data block. Files written here are readable by Python's
/// `safetensors.numpy.load_file` and PyTorch; tensors are stored in name order, the header padded to 8 bytes.
public enum Safetensors {
    /// One tensor entry: its dtype name, shape and raw little-endian bytes.
    public struct Entry: Sendable, Equatable {
        /// The safetensors dtype (`F32`, `F64`, ...), the shape and the raw bytes.
        public var dtype: String
        public var shape: [Int]
        public var bytes: [UInt8]
    }

    /// A decoded file.
    public struct Archive: Sendable, Equatable {
        /// Tensors by name.
        public var entries: [String: Entry]
        /// The optional `__metadata__` string map.
        public var metadata: [String: String]
        /// The file (for messages).
        public var file: String

        /// Every F32 tensor (other floating dtypes are not converted here; see `floatTensor(_:)`).
        public var floatTensors: [String: Tensor<Float>] {
            entries.filter { $0.value.dtype == "F32" }.compactMapValues { try? Safetensors.convert($0, file: file, name: "") }
        }

        /// Every F64 tensor.
        public var doubleTensors: [String: Tensor<Double>] {
            entries.filter { $0.value.dtype == "F64" }.compactMapValues { try? Safetensors.convert($0, file: file, name: "") }
        }

        /// One tensor converted to Float (from F64, F32, F16, BF16 or an integer dtype).
        public func floatTensor(_ name: String) throws(CheckpointError) -> Tensor<Float> {
            guard let e = entries[name] else { throw .corrupt(file: file, detail: "no tensor '\(name)'") }
            return try Safetensors.convert(e, file: file, name: name)
        }

        /// One tensor converted to Double.
        public func doubleTensor(_ name: String) throws(CheckpointError) -> Tensor<Double> {
            guard let e = entries[name] else { throw .corrupt(file: file, detail: "no tensor '\(name)'") }
            return try Safetensors.convert(e, file: file, name: name)
        }
    }

    static let sizes: [String: Int] = ["F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2,
                                       "I8": 1, "U8": 1, "BOOL": 1, "U16": 2, "U32": 4, "U64": 8]

    // MARK: - Encoding

    /// Encodes Float tensors as F32 and Double tensors as F64 (names must be distinct across both).
    public static func encode(floats: [String: Tensor<Float>], doubles: [String: Tensor<Double>] = [:],
                              metadata: [String: String] = [:]) -> [UInt8] {
        precondition(Set(floats.keys).isDisjoint(with: doubles.keys), "a tensor name is used for both Float and Double")
        var items: [(String, String, [Int], [UInt8])] = []
        for (k, t) in floats { items.append((k, "F32", t.shape, rawBytes(t.scalars))) }
        for (k, t) in doubles { items.append((k, "F64", t.shape, rawBytes(t.scalars))) }
        items.sort { $0.0 < $1.0 }
        var header = "{"
        var parts: [String] = []
        if !metadata.isEmpty {
            let m = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0] ?? ""))" }
            parts.append("\"__metadata__\":{\(m.joined(separator: ","))}")
        }
        var offset = 0
        for (name, dtype, shape, bytes) in items {
            let s = shape.map(String.init).joined(separator: ",")
            parts.append("\(jsonString(name)):{\"dtype\":\"\(dtype)\",\"shape\":[\(s)],\"data_offsets\":[\(offset),\(offset + bytes.count)]}")
            offset += bytes.count
        }
        header += parts.joined(separator: ",") + "}"
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }
        var out: [UInt8] = []
        out.reserveCapacity(8 + headerBytes.count + offset)
        var n = UInt64(headerBytes.count).littleEndian
        withUnsafeBytes(of: &n) { out.append(contentsOf: $0) }
        out += headerBytes
        for item in items { out += item.3 }
        return out
    }

    static func rawBytes<T: BinaryFloatingPoint>(_ scalars: [T]) -> [UInt8] {
        // Linux targets are little-endian; the format is little-endian.
        scalars.withUnsafeBytes { Array($0) }
    }

    /// A JSON string literal for `s` (quotes, backslashes and control characters escaped).
    public static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    /// Writes a file (not atomically; the session recorder wraps this in temp-file + fsync + rename).
    public static func write(floats: [String: Tensor<Float>], doubles: [String: Tensor<Double>] = [:],
                             metadata: [String: String] = [:], to path: String) throws(CheckpointError) {
        let bytes = encode(floats: floats, doubles: doubles, metadata: metadata)
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw .io(file: path, detail: "cannot write the file; check the directory exists and is writable")
        }
    }

    // MARK: - Decoding

    /// Reads a file.
    public static func read(_ path: String) throws(CheckpointError) -> Archive {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(file: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(file: path, detail: "cannot read the file")
        }
        return try decode([UInt8](data), file: path)
    }

    /// Decodes bytes (`file` names the source in errors).
    public static func decode(_ bytes: [UInt8], file: String) throws(CheckpointError) -> Archive {
        guard bytes.count >= 8 else { throw .truncated(file: file, detail: "\(bytes.count) bytes, the length prefix needs 8") }
        var n: UInt64 = 0
        for i in 0..<8 { n |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard n <= UInt64(bytes.count - 8) else {
            throw .truncated(file: file, detail: "header of \(n) bytes but only \(bytes.count - 8) follow")
        }
        let headerEnd = 8 + Int(n)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(bytes[8..<headerEnd]))
        } catch {
            throw .corrupt(file: file, detail: "header is not valid JSON")
        }
        guard let header = json as? [String: Any] else { throw .corrupt(file: file, detail: "header is not a JSON object") }
        let dataCount = bytes.count - headerEnd
        var archive = Archive(entries: [:], metadata: [:], file: file)
        for (name, value) in header {
            if name == "__metadata__" {
                guard let m = value as? [String: Any] else { throw .corrupt(file: file, detail: "__metadata__ is not an object") }
                for (k, v) in m {
                    guard let s = v as? String else { throw .corrupt(file: file, detail: "metadata '\(k)' is not a string") }
                    archive.metadata[k] = s
                }
                continue
            }
            guard let info = value as? [String: Any], let dtype = info["dtype"] as? String,
                  let shapeAny = info["shape"] as? [Any], let offsetsAny = info["data_offsets"] as? [Any] else {
                throw .corrupt(file: file, detail: "entry '\(name)' lacks dtype, shape or data_offsets")
            }
            let shape = shapeAny.compactMap { ($0 as? NSNumber)?.intValue }
            let offsets = offsetsAny.compactMap { ($0 as? NSNumber)?.intValue }
            guard shape.count == shapeAny.count, shape.allSatisfy({ $0 >= 0 }), offsets.count == 2 else {
                throw .corrupt(file: file, detail: "entry '\(name)' has a malformed shape or offsets")
            }
            guard let size = sizes[dtype] else { throw .unsupportedType(file: file, tensor: name, dtype: dtype) }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, begin <= end else { throw .corrupt(file: file, detail: "entry '\(name)' has offsets \(offsets)") }
            guard end <= dataCount else {
                throw .truncated(file: file, detail: "tensor '\(name)' ends at byte \(end) of a \(dataCount)-byte data block")
            }
            guard end - begin == shape.reduce(1, *) * size else {
                throw .corrupt(file: file, detail: "tensor '\(name)' of shape \(shape) and dtype \(dtype) needs \(shape.reduce(1, *) * size) bytes, has \(end - begin)")
            }
            archive.entries[name] = Entry(dtype: dtype, shape: shape, bytes: Array(bytes[(headerEnd + begin)..<(headerEnd + end)]))
        }
        return archive
    }

    /// Converts an entry to a floating tensor.
    static func convert<T: FloatingScalar>(_ e: Entry, file: String, name: String) throws(CheckpointError) -> Tensor<T> {
        let n = e.shape.reduce(1, *)
        var out = [T](repeating: 0, count: n)
        e.bytes.withUnsafeBytes { raw in
            switch e.dtype {
            case "F32": for i in 0..<n { out[i] = T(raw.loadUnaligned(fromByteOffset: 4 * i, as: Float.self)) }
            case "F64": for i in 0..<n { out[i] = T(raw.loadUnaligned(fromByteOffset: 8 * i, as: Double.self)) }
            case "F16":
                for i in 0..<n { out[i] = T(halfToFloat(raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) }
            case "BF16":
                for i in 0..<n {
                    out[i] = T(Float(bitPattern: UInt32(raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)) << 16))
                }
            case "I64": for i in 0..<n { out[i] = T(raw.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self)) }
            case "I32": for i in 0..<n { out[i] = T(raw.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self)) }
            case "I16": for i in 0..<n { out[i] = T(raw.loadUnaligned(fromByteOffset: 2 * i, as: Int16.self)) }
            case "I8": for i in 0..<n { out[i] = T(raw.loadUnaligned(fromByteOffset: i, as: Int8.self)) }
            case "U8", "BOOL": for i in 0..<n { out[i] = T(raw[i]) }
            default: break
            }
        }
        guard ["F32", "F64", "F16", "BF16", "I64", "I32", "I16", "I8", "U8", "BOOL"].contains(e.dtype) else {
            throw .unsupportedType(file: file, tensor: name, dtype: e.dtype)
        }
        return Tensor(shape: e.shape, scalars: out)
    }

    /// IEEE 754 half to single precision.
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h >> 15) << 31
        let exp = Int(h >> 10) & 0x1F
        let mant = UInt32(h & 0x3FF)
        if exp == 0 {
            let v = Float(mant) * 0x1p-24
            return sign != 0 ? -v : v
        }
        if exp == 31 { return Float(bitPattern: sign | 0x7F80_0000 | (mant << 13)) }
        return Float(bitPattern: sign | UInt32(exp - 15 + 127) << 23 | (mant << 13))
    }
}
