import Dispatch
import Foundation
import Session

/// The headless front end: a progress line on a terminal, one plain line per evaluation otherwise.
///
/// It reads snapshots at 5 Hz on the main queue (never blocking training), turns SIGINT/SIGTERM into a
/// `stop` (checkpoint, then exit 130), stops a diverged run (exit 3) and exits when the run ends.
final class Headless: @unchecked Sendable {
    let controller: any RunController
    let isTerminal: Bool
    var signalSources: [any DispatchSourceSignal] = []
    var timer: (any DispatchSourceTimer)?
    var interrupted = false
    var stopRequested = false
    var printedEvaluations = 0
    var lineIsOpen = false
    var lastEventCount = 0

    /// - Parameter skipEvents: events already in the log before this process (a resumed run's history).
    init(controller: any RunController, plain: Bool, skipEvents: Int = 0) {
        self.controller = controller
        lastEventCount = skipEvents
        isTerminal = !plain && isatty(STDOUT_FILENO) != 0
    }

    /// Reports until the run ends, then exits the process with the matching `ExitStatus`.
    func run() -> Never {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .main)
            source.setEventHandler { [self] in
                interrupted = true
                controller.send(.stop)
            }
            source.resume()
            signalSources.append(source)
        }
        let snapshot = controller.latestSnapshot
        printedEvaluations = snapshot.series.keys.filter { $0.hasPrefix("eval/") }.sorted().first
            .flatMap { snapshot.series[$0]?.steps.count } ?? 0
        say("\(snapshot.sessionName) (\(snapshot.kind)) → \(snapshot.runDirectory)")
        let t = DispatchSource.makeTimerSource(queue: .main)
        t.schedule(deadline: .now(), repeating: .milliseconds(200))
        t.setEventHandler { [self] in tick() }
        t.resume()
        timer = t
        dispatchMain()
    }

    func tick() {
        let s = controller.latestSnapshot
        reportEvents(s)
        reportEvaluations(s)
        switch s.status {
        case .finished:
            finish(s, "finished \(s.step) steps in \(Headless.duration(s.elapsed))", interrupted ? .interrupted : .success)
        case .stopped:
            finish(s, "stopped at step \(s.step); continue with: equilab resume \(s.runDirectory)",
                   interrupted ? .interrupted : (stopRequested ? .diverged : .success))
        case .failed(let message):
            finish(s, "failed: \(message)", .failure)
        case .diverged(let step, let reason):
            if !stopRequested {
                stopRequested = true
                closeLine()
                say("diverged at step \(step): \(reason); the last good checkpoint is in \(s.runDirectory)")
                controller.send(.stop)
            }
        default:
            if isTerminal { progress(s) }
        }
    }

    func finish(_ s: Snapshot, _ message: String, _ status: ExitStatus) -> Never {
        closeLine()
        say(message)
        status.exit()
    }

    // MARK: - Lines

    func progress(_ s: Snapshot) {
        var line = "step \(s.step)/\(s.totalSteps)  \(String(format: "%.1f", s.stepsPerSecond)) it/s"
        if let eta = s.etaSeconds { line += "  ETA \(Headless.duration(eta))" }
        if let loss = s.series["loss"]?.last { line += "  loss \(String(format: "%.4f", loss))" }
        if s.status == .paused { line += "  (paused)" }
        print("\r\u{1B}[K" + line, terminator: "")
        fflush(nil)
        lineIsOpen = true
    }

    func reportEvaluations(_ s: Snapshot) {
        let evalNames = s.series.keys.filter { $0.hasPrefix("eval/") }.sorted()
        guard let first = evalNames.first, let count = s.series[first]?.steps.count, count > printedEvaluations else { return }
        for i in printedEvaluations..<count {
            let step = s.series[first]?.steps[i] ?? 0
            var parts = ["step \(step)/\(s.totalSteps)"]
            for name in evalNames {
                guard let series = s.series[name], i < series.values.count else { continue }
                parts.append("\(name) \(String(format: "%.4f", series.values[i]))")
            }
            if let loss = s.series["loss"], let j = loss.steps.lastIndex(where: { $0 <= step }) {
                parts.append("loss \(String(format: "%.4f", loss.values[j]))")
            }
            if let time = s.series[first]?.times[i] { parts.append(Headless.duration(time)) }
            closeLine()
            say(parts.joined(separator: "  "))
        }
        printedEvaluations = count
    }

    func reportEvents(_ s: Snapshot) {
        guard s.events.count > lastEventCount else { return }
        for e in s.events[lastEventCount...] where e.kind == "set" || e.kind == "error" || e.kind == "resume-run" {
            closeLine()
            say("[step \(e.step)] \(e.message)")
        }
        lastEventCount = s.events.count
    }

    func closeLine() {
        if lineIsOpen { print("\r\u{1B}[K", terminator: "") }
        lineIsOpen = false
    }

    func say(_ text: String) {
        print(text)
        fflush(nil)
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let s = Int(seconds.rounded())
        if s < 60 { return String(format: "%.1f s", seconds) }
        if s < 3600 { return "\(s / 60)m\(String(format: "%02d", s % 60))s" }
        return "\(s / 3600)h\(String(format: "%02d", (s % 3600) / 60))m"
    }
}
