import Foundation
import Testing

/// The workbench through the real binary in tmux (skipped when tmux or the binary is missing).
@Suite(.serialized, .enabled(if: TUIHarness.isAvailable, "needs tmux and a built equilab"))
struct TUIEndToEndTests {
    // MARK: - Open, pause, edit

    @Test func pauseAndEditLearningRateShowsInEventLogAndChart() throws {
        let h = try TUIHarness()
        guard h.waitFor("status running", timeout: 60, { $0.contains("running") && $0.contains("1 charts") }) else { return }
        try h.send("Space")
        guard h.waitFor("paused") else { return }
        #expect(h.statusLine().contains("paused"))
        try h.command("set lr 3e-3")
        h.waitFor("lr edit in the event log") { screen in
            screen.split(separator: "\n").contains { $0.contains("lr") && ($0.contains("0.003") || $0.contains("3e-3")
                                                                      || $0.contains("3.000e-03")) && !$0.contains("edit") }
        }
        // Resume so the edit takes effect; the edit's step is marked on the chart's x axis.
        try h.send("Space")
        h.waitFor("edit marker on the chart x axis") { $0.contains("▲") }
    }

    @Test func badValueIsReportedNotFatal() throws {
        let h = try TUIHarness()
        guard h.waitFor("1 charts", timeout: 60) else { return }
        try h.command("set lr 99")
        h.waitFor("range error in the bottom line") { $0.contains("error:") && $0.contains("range") }
        try h.send("q")
        h.waitFor("EXIT=0", timeout: 30)
    }

    // MARK: - Resize

    @Test func resizeTinyAndBack() throws {
        let h = try TUIHarness()
        guard h.waitFor("1 charts", timeout: 60) else { return }
        try h.tmux(["resize-window", "-t", "0", "-x", "30", "-y", "10"])
        guard h.waitFor("too small: 30x10, need 50x14") else { return }
        try h.send("?")
        h.waitFor("help while too small") { $0.contains("pause / resume") }
        try h.send("Escape")
        h.waitFor("too small: 30x10")
        try h.tmux(["resize-window", "-t", "0", "-x", "100", "-y", "30"])
        h.waitFor("panes back") { $0.contains("1 charts") && !$0.contains("too small") }
    }

    // MARK: - The OOD inversion session's image rows

    @Test func oodSessionShowsMasksRetrainsB2AndSwitchesTheEdit() throws {
        // A small real session: 10 stage-0 steps on 256 faces, then a long stage 1 so it is still running.
        let spec = NSTemporaryDirectory() + "equilab-e2e-ood-\(UUID().uuidString.prefix(8)).yaml"
        try """
            name: e2e-ood
            kind: ood-inversion
            seed: 1
            data: { clean: 256, corrupted: 128, alignment: 128, test: 8 }
            training: { stage0_steps: 10, stage1_steps: 100000, stage0_batch: 8, stage1_batch: 4, eval_every: 20, probe: 8 }
            method: { progressive: false }
            """.write(toFile: spec, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: spec) }
        let h = try TUIHarness(arguments: "\(spec) --out {RUN}", width: 140, height: 45)
        guard h.waitFor("the images pane", timeout: 60, { $0.contains("inversion (1 of 3, i: next)") }) else { return }
        try h.send("1")  // hide the charts: the images pane gets the room for all three rows
        guard h.waitFor("all image rows in stage 1", timeout: 60, {
            $0.contains("mask M") && $0.contains("blend") && $0.contains("edited B0") && $0.contains("stage 1, step")
        }) else { return }
        try h.command("do train-b2")
        h.waitFor("B2 mask")
        try h.command("set edit_mode reuse")
        h.waitFor("the reused edit") { $0.contains("edited ŷ (reuse)") && $0.contains("flow and mask reused") }
        try h.send("q")
        h.waitFor("EXIT=0", timeout: 60)
    }

    // MARK: - Leaving

    @Test func ctrlCCheckpointsAndRestoresTheTerminal() throws {
        let h = try TUIHarness()
        guard h.waitFor("1 charts", timeout: 60) else { return }
        try h.send("C-c")
        guard h.waitFor("EXIT=130", timeout: 60) else { return }
        h.waitFor("cooked terminal modes") { $0.contains("icanon echo") }
        #expect(!h.checkpointFiles().isEmpty, "no checkpoint under \(h.runDirectory)")
    }

    @Test func quitWithQ() throws {
        let h = try TUIHarness()
        guard h.waitFor("1 charts", timeout: 60) else { return }
        try h.send("q")
        h.waitFor("EXIT=0", timeout: 60)
        h.waitFor("cooked terminal modes") { $0.contains("icanon echo") }
    }
}
