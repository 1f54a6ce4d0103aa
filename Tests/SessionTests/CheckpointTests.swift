import Foundation
import NN
import Testing
@testable import Session

/// Metrics lines without the wall-clock time, for bit-identity comparisons.
func timeless(_ dir: String) -> [String] {
    MetricsLog.lines(fromFile: dir + "/metrics.jsonl").map { line in
        "\(line.step) " + line.metrics.map { "\($0.name)=\($0.value.bitPattern)" }.joined(separator: " ")
    }
}

// MARK: - Stop, restore, continue: bit identity

@Test func stopAndRestoreContinuesBitIdentically() throws {
    let text = lineFit.replacingOccurrences(of: "steps: 100", with: "steps: 40")
        .replacingOccurrences(of: "eval_every: 0", with: "eval_every: 7")
    let a = TestSupport.temporaryDirectory(), b = TestSupport.temporaryDirectory()
    defer { for d in [a, b] { try? FileManager.default.removeItem(atPath: d) } }

    let (whole, _) = try TestSupport.engine(text, recorder: a)
    whole.send(.set(name: "lr", value: 0.05))
    whole.start()
    whole.waitUntilFinished()

    var settings = EngineSettings(checkpointInterval: 0, startsPaused: true)
    settings.checkpointsOnPause = false
    let (first, _) = try TestSupport.engine(text, settings: settings, recorder: b)
    first.send(.set(name: "lr", value: 0.05))
    first.send(.step(17))
    first.start()
    #expect(TestSupport.wait(first) { $0.status == .paused && $0.step == 17 } != nil)
    first.send(.stop)
    first.waitUntilFinished()

    let checkpoint = try LoadedCheckpoint(directory: b)
    #expect(checkpoint.record.step == 17 && checkpoint.record.hyperparameters["lr"] == "0.05")
    let spec = try SpecLoader.load(path: b + "/spec.yaml", knownKinds: TestSupport.catalog.kinds)
    let (experiment, _) = try TestSupport.catalog.build(spec)
    var resumedSettings = checkpoint.record.settings
    resumedSettings.startsPaused = false
    let second = SessionEngine(experiment: experiment, spec: spec, settings: resumedSettings,
                               recorder: try Recorder(resuming: checkpoint))
    try second.restore(from: checkpoint)
    #expect(second.latestSnapshot.series["loss"]?.steps.count == 17)
    second.start()
    second.waitUntilFinished()
    #expect(second.latestSnapshot.status == .finished)
    #expect(timeless(a) == timeless(b))
    #expect(timeless(a).count == 40 + 6)
    #expect(second.latestSnapshot.events.map(\.kind) == ["set", "step", "stop", "resume-run", "finish"])
}

// MARK: - Crashes during a checkpoint write

@Test func aTornCheckpointWriteLeavesThePreviousOneLoadable() throws {
    let dir = TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (engine, _) = try TestSupport.engine(lineFit.replacingOccurrences(of: "steps: 100", with: "steps: 10"), recorder: dir)
    engine.start()
    engine.waitUntilFinished()
    let good = try LoadedCheckpoint(directory: dir)
    #expect(good.record.step == 10)

    // Killed mid-write: half-written temporary files are ignored.
    let next = Safetensors.encode(floats: [:], doubles: ["ab": .init(shape: [2], scalars: [9, 9])], metadata: ["step": "12"])
    _ = FileManager.default.createFile(atPath: dir + "/checkpoint.safetensors.tmp", contents: Data(next.prefix(next.count / 2)))
    #expect(try LoadedCheckpoint(directory: dir).record == good.record)
    #expect(try LoadedCheckpoint(directory: dir).state == good.state)

    // Killed between the renames: new tensors, old JSON; the synced JSON temp file completes the pair.
    var record = good.record
    record.step = 12
    try AtomicFile.write(next, to: dir + "/checkpoint.safetensors")
    _ = FileManager.default.createFile(atPath: dir + "/checkpoint.json.tmp", contents: Data(try record.encoded()))
    #expect(try LoadedCheckpoint(directory: dir).record.step == 12)

    // Without it the pair is reported as inconsistent, naming the file.
    try FileManager.default.removeItem(atPath: dir + "/checkpoint.json.tmp")
    #expect(throws: CheckpointError.inconsistent(file: dir + "/checkpoint.safetensors",
                                                 detail: "tensors are from step 12, \(dir)/checkpoint.json from step 10")) {
        try LoadedCheckpoint(directory: dir)
    }
}

@Test func atomicWriteReplacesWholeFilesAndLeavesNoTemporary() throws {
    let dir = TestSupport.temporaryDirectory()
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try AtomicFile.write(Array("first".utf8), to: dir + "/f")
    try AtomicFile.write(Array("second".utf8), to: dir + "/f")
    #expect(String(data: FileManager.default.contents(atPath: dir + "/f") ?? Data(), encoding: .utf8) == "second")
    #expect(!FileManager.default.fileExists(atPath: dir + "/f.tmp"))
    #expect(throws: CheckpointError.self) { try AtomicFile.write([1], to: "/nonexistent-dir/x") }
}

// MARK: - Logs and export

@Test func metricsLogExportsATidyCSVAndCutsTornLines() throws {
    let dir = TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let spec = try TestSupport.spec(lineFit)
    let recorder = try Recorder(newRunAt: dir, spec: spec)
    recorder.appendMetrics(step: 1, time: 0.5, values: ["loss": 0.25, "acc": 1])
    recorder.appendMetrics(step: 2, time: 1, values: ["eval/loss": .nan])
    recorder.close()
    let path = dir + "/metrics.jsonl"
    let text = String(data: FileManager.default.contents(atPath: path) ?? Data(), encoding: .utf8)
    #expect(text == "{\"step\":1,\"time\":0.5000,\"acc\":1.0,\"loss\":0.25}\n{\"step\":2,\"time\":1.0000,\"eval/loss\":null}\n")
    #expect(MetricsLog.csv(fromFile: path) == "step,time,metric,value\n1,0.5,acc,1.0\n1,0.5,loss,0.25\n2,1.0,eval/loss,nan\n")
    let handle = try #require(FileHandle(forWritingAtPath: path))
    handle.seekToEndOfFile()
    handle.write(Data("{\"step\":3,\"ti".utf8))
    handle.closeFile()
    #expect(MetricsLog.lines(fromFile: path).count == 2)
    #expect(throws: CheckpointError.self) { try Recorder(newRunAt: dir + "/metrics.jsonl/x", spec: spec) }
}

@Test func aRunDirectoryIsWrittenByOneRecorderAtATime() throws {
    let dir = TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let spec = try TestSupport.spec(lineFit)
    let first = try Recorder(newRunAt: dir, spec: spec)
    #expect(throws: CheckpointError.io(file: dir, detail: "another equilab process is writing this run; wait for it or stop it first")) {
        try Recorder(newRunAt: dir, spec: spec)
    }
    first.close()
    let second = try Recorder(newRunAt: dir, spec: spec)
    second.close()
}
