import Foundation
import Testing

/// Runs the real `equilab` binary (built next to the test bundle, or `$EQUILAB_BINARY`).
enum CLI {
    static var repository: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    static var session: String { repository + "/sessions/fashion-mlp.yaml" }

    static func binary() throws -> String {
        if let env = ProcessInfo.processInfo.environment["EQUILAB_BINARY"] { return env }
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("equilab").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        Issue.record("no equilab binary beside \(exe.path); run `swift build --build-tests` (or set EQUILAB_BINARY)")
        throw CancellationError()
    }

    /// A fresh working directory.
    static func temporaryDirectory() -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("equilab-cli-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    /// A started process and the files its output goes to.
    struct Spawned {
        var process: Process
        var out: String
        var err: String
    }

    /// Starts the binary with its output going to files in `directory`.
    static func spawn(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> Spawned {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try binary())
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env["OPENBLAS_NUM_THREADS"] = "1"
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = directory + "/stdout-\(UUID().uuidString).txt", err = out.replacingOccurrences(of: "stdout", with: "stderr")
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        p.standardOutput = FileHandle(forWritingAtPath: out)
        p.standardError = FileHandle(forWritingAtPath: err)
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return Spawned(process: p, out: out, err: err)
    }

    /// Runs to completion: exit status, stdout, stderr.
    static func run(_ arguments: [String], in directory: String, environment: [String: String] = [:])
        throws -> (status: Int32, out: String, err: String) {
        let s = try spawn(arguments, in: directory, environment: environment)
        s.process.waitUntilExit()
        return (s.process.terminationStatus, read(s.out), read(s.err))
    }

    static func read(_ path: String) -> String {
        String(data: FileManager.default.contents(atPath: path) ?? Data(), encoding: .utf8) ?? ""
    }

    /// Polls until `condition` holds or `timeout` seconds pass.
    static func wait(timeout: Double = 60, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(2_000)
        }
        return false
    }

    /// Metrics lines of a run without the wall-clock field.
    static func timelessMetrics(_ run: String) -> [String] {
        read(run + "/metrics.jsonl").split(separator: "\n").map { line in
            line.replacingOccurrences(of: #""time":[0-9.e+-]+,"#, with: "", options: .regularExpression)
        }
    }
}
