import Foundation
import NN

/// Whole-file replacement that a crash cannot half-do: write a temporary file, `fsync` it, `rename` it over the
/// target, then `fsync` the directory. A reader sees either the old file or the new one, never a mix.
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically.
    ///
    /// - Throws: `CheckpointError.io` naming the file.
    public static func write(_ bytes: [UInt8], to path: String) throws(CheckpointError) {
        let temp = path + ".tmp"
        try writeSynced(bytes, to: temp)
        try rename(temp, to: path)
    }

    /// Writes and syncs a file (no rename). `midWrite` runs after half the bytes are written (test hook).
    static func writeSynced(_ bytes: [UInt8], to path: String, midWrite: (() -> Void)? = nil) throws(CheckpointError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .io(file: path, detail: "cannot create the file: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let half = bytes.count / 2
        try writeAll(fd, bytes[0..<half], path)
        midWrite?()
        try writeAll(fd, bytes[half...], path)
        guard fsync(fd) == 0 else { throw .io(file: path, detail: "fsync failed: \(String(cString: strerror(errno)))") }
    }

    static func writeAll(_ fd: Int32, _ bytes: ArraySlice<UInt8>, _ path: String) throws(CheckpointError) {
        var done = 0
        let count = bytes.count
        while done < count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + done, count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .io(file: path, detail: "write failed: \(String(cString: strerror(errno)))") }
            done += n
        }
    }

    /// Renames `from` over `to` and syncs the directory so the rename is durable.
    static func rename(_ from: String, to: String) throws(CheckpointError) {
        guard Foundation.rename(from, to) == 0 else {
            throw .io(file: to, detail: "rename from \(from) failed: \(String(cString: strerror(errno)))")
        }
        let dir = (to as NSString).deletingLastPathComponent
        let dfd = open(dir.isEmpty ? "." : dir, O_RDONLY)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
    }
}
