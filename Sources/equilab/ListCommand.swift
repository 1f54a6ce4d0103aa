import ArgumentParser
import Foundation
import Session

/// `equilab list`: one line per session file: name, kind, summary.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the sessions in sessions/, one line each: name, kind, summary.")

    func run() throws {
        let files = SessionFinder.files
        guard !files.isEmpty else {
            ExitStatus.failure.exit("no sessions found (looked in \(SessionFinder.directories.prefix(2).joined(separator: ", ")))")
        }
        var rows: [(String, String, String)] = []
        for file in files {
            let kinds = Registry.experimentTypes.map { $0.kind }
            do {
                let spec = try SpecLoader.load(path: file, knownKinds: kinds)
                let summary = spec.summary.isEmpty ? (Registry.type(forKind: spec.kind)?.summary ?? "") : spec.summary
                rows.append((spec.name, spec.kind, summary))
            } catch {
                rows.append((URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent, "?", "(invalid: \(error))"))
            }
        }
        let w0 = rows.map(\.0.count).max() ?? 0, w1 = rows.map(\.1.count).max() ?? 0
        for (name, kind, summary) in rows {
            print(name.padding(toLength: w0, withPad: " ", startingAt: 0) + "  "
                  + kind.padding(toLength: w1, withPad: " ", startingAt: 0) + "  " + summary)
        }
    }
}

/// `equilab export RUN --csv [--out FILE]`: the metrics log as a tidy CSV.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a run's metrics as a tidy CSV (step,time,metric,value).")

    @Argument(help: ArgumentHelp("A run directory.", valueName: "RUN"))
    var runDirectory: String

    @Flag(name: .long, help: "Write CSV (the only format for now).")
    var csv = false

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var out: String?

    func validate() throws {
        guard csv else { throw ValidationError("choose a format: --csv") }
    }

    func run() throws {
        let metrics = (runDirectory as NSString).appendingPathComponent(Recorder.metricsFile)
        guard FileManager.default.fileExists(atPath: metrics) else {
            ExitStatus.failure.exit("\(metrics): no such file; is \(runDirectory) a run directory (runs/<session>-<timestamp>)?")
        }
        let text = MetricsLog.csv(fromFile: metrics)
        if let out {
            do { try AtomicFile.write(Array(text.utf8), to: out) } catch { ExitStatus.failure.exit(error.description) }
        } else {
            print(text, terminator: "")
        }
    }
}
