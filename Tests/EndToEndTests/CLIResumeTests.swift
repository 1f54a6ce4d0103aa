import Foundation
import Session
import Testing

/// The uninterrupted reference run (300 steps).
func referenceRun(in work: String) throws -> (metrics: [String], seconds: Double) {
    let start = Date()
    let r = try CLI.run(["run", CLI.session, "--steps", "300", "--out", "reference"] + smallRun, in: work)
    #expect(r.status == 0, "stderr: \(r.err)")
    return (CLI.timelessMetrics(work + "/reference"), Date().timeIntervalSince(start))
}

// MARK: - SIGKILL at a random moment, then resume

@Test func aRunKilledAtARandomMomentAndResumedReproducesTheUninterruptedRun() throws {
    let work = CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: work) }
    let (reference, seconds) = try referenceRun(in: work)
    var killed = false
    for attempt in 0..<4 where !killed {
        let dir = "killed-\(attempt)"
        let start = Date()
        let p = try CLI.spawn(["run", CLI.session, "--steps", "300", "--out", dir] + smallRun, in: work)
        #expect(CLI.wait { FileManager.default.fileExists(atPath: "\(work)/\(dir)/checkpoint.json") || !p.process.isRunning })
        let target = Double.random(in: 0.3...0.8) * seconds
        let remaining = target - Date().timeIntervalSince(start)
        if remaining > 0 { usleep(UInt32(remaining * 1e6)) }
        kill(p.process.processIdentifier, SIGKILL)
        p.process.waitUntilExit()
        guard p.process.terminationReason == .uncaughtSignal else { continue }
        killed = true
        let checkpoint = try LoadedCheckpoint(directory: "\(work)/\(dir)")
        #expect(checkpoint.record.step > 0 && checkpoint.record.step < 300)
        let resumed = try CLI.run(["resume", dir, "--plain"], in: work)
        #expect(resumed.status == 0, "stderr: \(resumed.err)")
        #expect(resumed.out.contains("[step \(checkpoint.record.step)] resumed at step \(checkpoint.record.step) of 300"))
        #expect(CLI.timelessMetrics("\(work)/\(dir)") == reference)
    }
    #expect(killed, "the run always finished before the kill")
}

// MARK: - SIGKILL during a checkpoint write

@Test(arguments: [("mid-write:2", 20), ("between-renames:2", 40)])
func aKillDuringACheckpointWriteLeavesALoadableCheckpoint(hook: String, expectedStep: Int) throws {
    let work = CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: work) }
    let (reference, _) = try referenceRun(in: work)
    let p = try CLI.spawn(["run", CLI.session, "--steps", "300", "--out", "torn"] + smallRun, in: work,
                          environment: ["EQUILAB_TEST_CHECKPOINT_HOOK": hook])
    #expect(CLI.wait { FileManager.default.fileExists(atPath: work + "/torn/checkpoint-hook-reached") })
    kill(p.process.processIdentifier, SIGKILL)
    p.process.waitUntilExit()
    // Mid-write: the first checkpoint (step 20) is intact. Between the renames: the new tensors are paired
    // with the synced JSON temp file (step 40).
    let checkpoint = try LoadedCheckpoint(directory: work + "/torn")
    #expect(checkpoint.record.step == expectedStep)
    let resumed = try CLI.run(["resume", "torn", "--plain"], in: work)
    #expect(resumed.status == 0, "stderr: \(resumed.err)")
    #expect(CLI.timelessMetrics(work + "/torn") == reference)
}
