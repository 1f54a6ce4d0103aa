import Dispatch
import Foundation
import Synchronization
import Testing
@testable import Session

// MARK: - Readers never see a torn snapshot

@Test func snapshotsStayConsistentUnderConcurrentReaders() throws {
    let text = lineFit.replacingOccurrences(of: "steps: 100", with: "steps: 4000")
        .replacingOccurrences(of: "eval_every: 0", with: "eval_every: 100")
    let (engine, _) = try TestSupport.engine(text)
    let problems = Mutex<[String]>([])
    let reads = Mutex(0)
    engine.start()
    DispatchQueue.concurrentPerform(iterations: 4) { reader in
        var lastVersion = -1, lastStep = -1, count = 0
        while true {
            let s = engine.latestSnapshot
            count += 1
            var issue: String?
            if s.version < lastVersion || s.step < lastStep { issue = "went backwards" }
            for (name, series) in s.series where series.steps.count != series.values.count || series.steps.count != series.times.count {
                issue = "series \(name) has ragged arrays"
            }
            // Series are a prefix of the run (refreshed every 50 ms while running), complete once it has ended.
            if let loss = s.series["loss"], loss.steps.count > s.step || loss.steps.last.map({ $0 != loss.steps.count }) == true
                || (!s.status.isActive && loss.steps.count != s.step) {
                issue = "loss series has \(loss.steps.count) points at step \(s.step)"
            }
            if let e = s.series["eval/error_a"], e.steps.last.map({ $0 > s.step }) == true { issue = "evaluation from the future" }
            if let issue { problems.withLock { $0.append("reader \(reader): \(issue)") } }
            lastVersion = s.version
            lastStep = s.step
            if !s.status.isActive { break }
        }
        reads.withLock { $0 += count }
    }
    engine.waitUntilFinished()
    #expect(problems.withLock { $0 }.isEmpty)
    #expect(engine.latestSnapshot.step == 4000)
    #expect(reads.withLock { $0 } > 4)
}
