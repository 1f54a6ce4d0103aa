import Foundation
import Session

extension WorkbenchState {
    /// The `:` command line's commands, for the help overlay and docs.
    public static let commandSummaries: [(usage: String, summary: String)] = [
        ("set NAME VALUE", "set a hyperparameter exactly (range-checked, applied at the next step)"),
        ("do ACTION", "run an experiment action"),
        ("eval", "evaluate now"),
        ("step [N]", "take N steps (default 1), then pause"),
        ("pause / resume", "pause or resume training"),
        ("checkpoint", "write a checkpoint now"),
        ("stop", "checkpoint and stop the run"),
        ("smooth W", "chart smoothing weight in [0, 0.999]"),
        ("x step|epoch|time", "what the charts' x axis measures"),
        ("filter TEXT", "chart only series whose name contains TEXT"),
        ("quit", "checkpoint, stop and leave"),
    ]

    /// Runs one command-line entry; errors go to the bottom line.
    public mutating func runCommand(_ line: String, snapshot: Snapshot) -> [EngineCommand] {
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let verb = words.first?.lowercased() else { return [] }
        let rest = Array(words.dropFirst())
        switch verb {
        case "set":
            // Accept `set lr 1e-3` and `set lr=1e-3`.
            var parts = rest
            if parts.count == 1, let eq = parts[0].firstIndex(of: "=") {
                parts = [String(parts[0][..<eq]), String(parts[0][parts[0].index(after: eq)...])]
            }
            guard parts.count == 2 else { fail("usage: set NAME VALUE (e.g. set lr 1e-3)"); return [] }
            return commitEdit(name: parts[0], text: parts[1], snapshot: snapshot)
        case "do", "action":
            guard rest.count == 1 else { fail("usage: do ACTION; known: \(snapshot.actions.map(\.name).joined(separator: ", "))"); return [] }
            guard snapshot.actions.contains(where: { $0.name == rest[0] }) else {
                fail(ExperimentError.unknownAction(name: rest[0], known: snapshot.actions.map(\.name)).description)
                return []
            }
            inform("action \(rest[0]) requested")
            return [.perform(action: rest[0])]
        case "eval", "evaluate": return perform(.evaluate, snapshot: snapshot)
        case "step":
            let n = rest.first.flatMap { Int($0) } ?? (rest.isEmpty ? 1 : 0)
            guard n >= 1 else { fail("usage: step N with N a whole number ≥ 1"); return [] }
            inform("\(n) step\(n == 1 ? "" : "s")")
            return [.step(n)]
        case "pause": inform("pausing…"); return [.pause]
        case "resume", "run": inform("resuming…"); return [.resume]
        case "checkpoint", "ckpt": return perform(.checkpoint, snapshot: snapshot)
        case "stop": return perform(.stopAndSave, snapshot: snapshot)
        case "quit", "q": quitRequested = true
        case "smooth":
            guard let w = rest.first.flatMap(Double.init), w.isFinite, w >= 0, w <= 0.999 else {
                fail("usage: smooth W with W in [0, 0.999]"); return []
            }
            smoothing = w
            inform("smoothing \(w)")
        case "x":
            guard let axis = rest.first.flatMap(XAxis.init(rawValue:)) else { fail("usage: x step|epoch|time"); return [] }
            xAxis = axis
            inform("x axis: \(axis.rawValue)")
        case "filter":
            seriesFilter = rest.joined(separator: " ")
            inform(seriesFilter.isEmpty ? "showing all series" : "series filter: \(seriesFilter)")
        default:
            fail("unknown command '\(verb)'; try set, do, eval, step, pause, resume, checkpoint, stop, smooth, x, filter, quit")
        }
        return []
    }
}
