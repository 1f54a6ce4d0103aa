import Foundation
import NN

/// An append-only text file with a write buffer (used for metrics.jsonl and events.jsonl).
struct LogFile {
    let path: String
    var fd: Int32
    var buffer: [UInt8] = []
    /// Bytes on disk plus bytes buffered.
    private(set) var length: Int
    var lastFlush: Double = 0

    /// Opens (creating) the file and cuts it to `truncateTo` bytes.
    init(_ path: String, truncateTo size: Int) throws(CheckpointError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT, 0o644)
        guard fd >= 0 else { throw .io(file: path, detail: "cannot open: \(String(cString: strerror(errno)))") }
        var st = stat()
        fstat(fd, &st)
        guard Int(st.st_size) >= size else {
            throw .inconsistent(file: path, detail: "the log holds \(st.st_size) bytes, the checkpoint expects at least \(size)")
        }
        guard ftruncate(fd, off_t(size)) == 0 else { throw .io(file: path, detail: "cannot truncate") }
        lseek(fd, off_t(size), SEEK_SET)
        length = size
        buffer.reserveCapacity(1 << 16)
    }

    mutating func append(_ text: String) {
        let before = buffer.count
        buffer.append(contentsOf: text.utf8)
        length += buffer.count - before
    }

    func isDue(_ now: Double) -> Bool { buffer.count > (1 << 15) || (!buffer.isEmpty && now - lastFlush > 1) }

    mutating func flush(sync: Bool = false) {
        if !buffer.isEmpty {
            try? AtomicFile.writeAll(fd, buffer[...], path)
            buffer.removeAll(keepingCapacity: true)
        }
        lastFlush = ProcessInfo.processInfo.systemUptime
        if sync { fsync(fd) }
    }

    mutating func close() {
        if fd >= 0 { Foundation.close(fd) }
        fd = -1
    }
}
