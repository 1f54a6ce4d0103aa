import Foundation
import Testing
@testable import Session

let lineFit = """
    kind: line-fit
    seed: 5
    training:
      steps: 100
      lr: 0.1
      eval_every: 0
    """

// MARK: - Commands: order and stamping

@Test func commandsApplyBetweenStepsInOrderAndAreStampedWithTheirStep() throws {
    let (engine, _) = try TestSupport.engine(lineFit, settings: EngineSettings(startsPaused: true))
    engine.start()
    #expect(TestSupport.wait(engine) { $0.status == .paused } != nil)
    engine.send(.set(name: "lr", value: 0.05))
    engine.send(.set(name: "batch", value: 4))        // restart-only: refused
    engine.send(.set(name: "lr", value: 100))         // out of range: refused
    engine.send(.step(3))
    #expect(TestSupport.wait(engine) { $0.status == .paused && $0.step == 3 } != nil)
    engine.send(.set(name: "lr", value: 0.02))
    engine.send(.perform(action: "bump"))
    engine.send(.step(2))
    #expect(TestSupport.wait(engine) { $0.status == .paused && $0.step == 5 } != nil)
    engine.send(.evaluateNow)
    engine.send(.stop)
    engine.waitUntilFinished()
    let s = engine.latestSnapshot
    #expect(s.status == .stopped)
    let stamped = s.events.map { "\($0.kind)@\($0.step)" }
    #expect(stamped == ["set@0", "error@0", "error@0", "step@0", "set@3", "action@3", "step@3", "evaluate@5", "stop@5"])
    #expect(s.events[0].oldValue == 0.1 && s.events[0].newValue == 0.05 && s.events[0].name == "lr")
    #expect(s.events[1].message.contains("cannot change during a run"))
    #expect(s.events[2].message.contains("outside its range"))
    // Step k+1 is the first to see a change stamped k.
    #expect(s.series["lr"]?.steps == [1, 2, 3, 4, 5])
    #expect(s.series["lr"]?.values == [0.05, 0.05, 0.05, 0.02, 0.02])
    #expect(s.series["eval/error_a"]?.steps == [5])
    #expect(s.hyperparameters.first { $0.name == "lr" }?.value == 0.02)
    #expect(s.panels.first?.title == "line")
}

@Test func runEvaluatesAtTheIntervalAndAtTheEndThenFinishes() throws {
    let dir = TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (engine, _) = try TestSupport.engine(lineFit.replacingOccurrences(of: "eval_every: 0", with: "eval_every: 10")
        .replacingOccurrences(of: "steps: 100", with: "steps: 25"), recorder: dir)
    engine.start()
    engine.waitUntilFinished()
    let s = engine.latestSnapshot
    #expect(s.status == .finished && s.step == 25)
    #expect(s.series["eval/error_a"]?.steps == [10, 20, 25])
    #expect(s.series["loss"]?.steps == Array(1...25))
    let lines = MetricsLog.lines(fromFile: dir + "/metrics.jsonl")
    #expect(lines.count == 28)
    #expect(lines.map(\.step).filter { $0 == 25 }.count == 2)
    #expect(try LoadedCheckpoint(directory: dir).record.step == 25)
    #expect(s.events.map(\.kind) == ["finish"])
}

// MARK: - Divergence

@Test func divergencePausesLogsAndKeepsTheLastGoodCheckpoint() throws {
    let dir = TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let text = lineFit + "\n  diverge_at: 5\nrun:\n  checkpoint_every: 2\n"
    let (engine, _) = try TestSupport.engine(text, recorder: dir)
    engine.start()
    let diverged = TestSupport.wait(engine) { if case .diverged = $0.status { true } else { false } }
    #expect(diverged?.status == .diverged(step: 5, reason: "loss is nan"))
    #expect(diverged?.step == 5)
    #expect(diverged?.events.last?.kind == "diverged" && diverged?.events.last?.step == 5)
    #expect(try LoadedCheckpoint(directory: dir).record.step == 4)
    engine.send(.checkpointNow)                        // refused while diverged
    engine.send(.stop)                                 // stops without overwriting the good checkpoint
    engine.waitUntilFinished()
    let s = engine.latestSnapshot
    #expect(s.status == .stopped && s.step == 5)
    #expect(s.events.map(\.kind).suffix(3) == ["diverged", "error", "stop"])
    #expect(try LoadedCheckpoint(directory: dir).record.step == 4)
}

@Test func aDivergedRunIsBlockedUntilTheUserStepsOrResumes() throws {
    let (engine, _) = try TestSupport.engine(lineFit + "\n  diverge_at: 3\n")
    engine.start()
    #expect(TestSupport.wait(engine) { $0.status.label == "diverged" }?.step == 3)
    engine.send(.set(name: "lr", value: 0.01))
    engine.send(.step(2))
    let s = TestSupport.wait(engine) { $0.status == .paused }
    #expect(s?.step == 5)
    #expect(s?.events.map(\.kind) == ["diverged", "set", "step"])
    engine.send(.stop)
    engine.waitUntilFinished()
}

@Test func aFailingStepEndsTheRunWithFailed() throws {
    let (engine, _) = try TestSupport.engine(lineFit + "\n  fail_at: 4\n")
    engine.start()
    engine.waitUntilFinished()
    let s = engine.latestSnapshot
    #expect(s.status == .failed("step 4 failed: planned failure at step 4"))
    #expect(s.step == 3)
}
