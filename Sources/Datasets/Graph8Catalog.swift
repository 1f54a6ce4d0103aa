import Foundation

/// Errors of the graph catalog.
public enum Graph8Error: Error, CustomStringConvertible, Sendable {
    /// The nauty generator is not installed.
    case generatorMissing(String)
    /// The generator failed or printed something that is not graph6.
    case generatorFailed(String)

    public var description: String {
        switch self {
        case .generatorMissing(let path):
            return "\(path) not found: install the Debian package nauty (sudo apt-get install nauty, or run scripts/setup.sh)"
        case .generatorFailed(let message): return "nauty-geng failed: \(message)"
        }
    }
}

/// All connected simple graphs on n nodes up to isomorphism (GRAPH8c for n = 8: 11,117 graphs), from nauty.
///
/// Each graph is an adjacency matrix `[n·n]` of 0/1 doubles. graph6 decoding: the first byte is `n + 63`,
/// then the upper triangle column by column (`(0,1), (0,2), (1,2), (0,3), …`), six bits per byte (`byte − 63`,
/// most significant bit first).
public enum Graph8Catalog {
    /// Runs `nauty-geng -c -q n` and decodes every line.
    ///
    /// - Throws: `Graph8Error.generatorMissing` naming the Debian package when the tool is absent.
    public static func connectedGraphs(nodes n: Int = 8, executable: String? = nil) throws -> [[Double]] {
        let candidates = executable.map { [$0] } ?? ["/usr/bin/nauty-geng", "/usr/local/bin/nauty-geng", "/usr/bin/geng"]
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Graph8Error.generatorMissing(candidates[0])
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-c", "-q", "\(n)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw Graph8Error.generatorFailed("\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Graph8Error.generatorFailed("exit status \(process.terminationStatus)") }
        var graphs: [[Double]] = []
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let g = decodeGraph6(Array(line)) else {
                throw Graph8Error.generatorFailed("cannot decode graph6 line '\(String(decoding: line, as: UTF8.self))'")
            }
            graphs.append(g)
        }
        return graphs
    }

    /// Decodes one graph6 string (n ≤ 62) into an adjacency matrix.
    public static func decodeGraph6(_ bytes: [UInt8]) -> [Double]? {
        guard let first = bytes.first, first >= 63, first < 126 else { return nil }
        let n = Int(first) - 63
        var adjacency = [Double](repeating: 0, count: n * n)
        var bit = 0
        let payload = bytes.dropFirst().map { Int($0) - 63 }
        guard payload.allSatisfy({ $0 >= 0 && $0 < 64 }), payload.count * 6 >= n * (n - 1) / 2 else { return nil }
        for j in 1..<max(n, 1) {
            for i in 0..<j {
                let byte = payload[bit / 6], shift = 5 - bit % 6
                if (byte >> shift) & 1 == 1 { adjacency[i * n + j] = 1; adjacency[j * n + i] = 1 }
                bit += 1
            }
        }
        return adjacency
    }
}
