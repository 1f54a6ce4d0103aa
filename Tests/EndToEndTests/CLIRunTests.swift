import Foundation
import Session
import Testing

/// A small but real baseline run: 3000 training images, hidden 128, evaluation every 30 steps, checkpoints every 20.
let smallRun = ["--set", "data.train_limit=3000", "--set", "data.eval_subset=500", "--set", "model.hidden=[128]",
                "--set", "training.batch_size=64", "--set", "training.eval_every=30", "--set", "run.checkpoint_every=20",
                "--plain"]

// MARK: - run, export, list

@Test func runWritesTheRunDirectoryAndOnePlainLinePerEvaluation() throws {
    let work = CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: work) }
    let r = try CLI.run(["run", CLI.session, "--steps", "90", "--out", "run", "--set", "lr=0.002"] + smallRun, in: work)
    #expect(r.status == 0, "stderr: \(r.err)")
    let lines = r.out.split(separator: "\n").map(String.init)
    #expect(lines.first == "fashion-mlp (fashion-mlp) → run")
    #expect(lines.filter { $0.hasPrefix("step ") && $0.contains("eval/accuracy") }.map { $0.prefix(10) }
            == ["step 30/90", "step 60/90", "step 90/90"])
    #expect(lines.contains("[step 0] lr 0.001 → 0.002"))
    #expect(lines.last?.hasPrefix("finished 90 steps in ") == true)
    for file in ["spec.yaml", "metrics.jsonl", "events.jsonl", "checkpoint.json", "checkpoint.safetensors"] {
        #expect(FileManager.default.fileExists(atPath: work + "/run/" + file), "\(file)")
    }
    #expect(CLI.read(work + "/run/spec.yaml").contains("hidden: [128]"))
    #expect(CLI.timelessMetrics(work + "/run").count == 93)

    let csv = try CLI.run(["export", "run", "--csv"], in: work)
    #expect(csv.status == 0)
    let rows = csv.out.split(separator: "\n")
    #expect(rows.first == "step,time,metric,value")
    #expect(rows.count == 1 + 90 * 3 + 3 * 2)
    #expect(rows.contains { $0.hasPrefix("90,") && $0.contains(",eval/accuracy,") })
    #expect(try CLI.run(["export", "run", "--csv", "--out", "m.csv"], in: work).status == 0)
    #expect(CLI.read(work + "/m.csv") == csv.out)
}

@Test func listPrintsOneLinePerSession() throws {
    let work = CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: work) }
    let r = try CLI.run(["list"], in: work, environment: ["EQUILAB_SESSIONS": CLI.repository + "/sessions"])
    #expect(r.status == 0)
    #expect(r.out.split(separator: "\n").contains { $0.hasPrefix("fashion-mlp  ") && $0.contains("Fashion-MNIST") })
}

// MARK: - Exit codes

@Test func badSpecsAndUsageExitWithCode2AndSayWhy() throws {
    let work = CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: work) }
    let missing = try CLI.run(["run", "no-such-session"], in: work)
    #expect(missing.status == 2)
    #expect(missing.err.contains("no-such-session:0: SESSION: no such file and no session of that name"))
    let typo = try CLI.run(["run", CLI.session, "--set", "training.lrr=0.1"], in: work)
    #expect(typo.status == 2)
    #expect(typo.err.contains("training.lrr: unknown key 'lrr'; did you mean 'lr'?"))
    let live = try CLI.run(["run", CLI.session, "--set", "lrr=0.1"] + smallRun, in: work)
    #expect(live.status == 2)
    #expect(live.err.contains("--set lrr: not a hyperparameter; did you mean 'lr'?"))
    let steps = try CLI.run(["run", CLI.session, "--steps", "0"], in: work)
    #expect(steps.status == 2)
    #expect(steps.err.contains("--steps must be at least 1"))
    let notRun = try CLI.run(["resume", "nowhere"], in: work)
    #expect(notRun.status == 1)
    #expect(notRun.err.contains("nowhere/checkpoint.json: no such checkpoint file"))
}

@Test func sigintWritesACheckpointAndExits130() throws {
    let work = CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: work) }
    let p = try CLI.spawn(["run", CLI.session, "--steps", "100000", "--out", "run"] + smallRun, in: work)
    #expect(CLI.wait { CLI.read(work + "/run/metrics.jsonl").count > 2000 })
    kill(p.process.processIdentifier, SIGINT)
    p.process.waitUntilExit()
    #expect(p.process.terminationStatus == 130)
    let checkpoint = try LoadedCheckpoint(directory: work + "/run")
    #expect(checkpoint.record.step > 0)
    #expect(checkpoint.record.events.last?.kind == "stop")
    #expect(CLI.read(p.out).contains("stopped at step \(checkpoint.record.step); continue with: equilab resume run"))
}

// MARK: - reproduce overrides

@Test func reproduceRejectsBadLieOverridesBeforeTraining() throws {
    let work = CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: work) }
    let cases: [(set: String, status: Int32, message: String)] = [
        ("rotation=spiral", 2, "--set rotation=spiral: expected one of equidistant, offset, linspace"),
        ("mask=round", 2, "--set mask=round: expected one of hard, smooth, none"),
        ("cnn_lr=-1", 2, "--set cnn_lr=-1: expected a positive number"),
        ("preset=affnist", 2, "--set preset=affnist: expected one of section10, long, mnist-5k"),
        ("data_dir=\(work)/no-digits", 1, "\(work)/no-digits/train-images-idx3-ubyte.gz: no such file"),
    ]
    for c in cases {
        let r = try CLI.run(["reproduce", "lie-group-decompositions", "--set", c.set], in: work)
        #expect(r.status == c.status, "\(c.set): \(r.err)")
        #expect(r.err.contains(c.message), "\(c.set): \(r.err)")
    }
    // The OOD-inversion protocol's module options and variants, checked before any face is rendered.
    let ood: [(set: String, message: String)] = [
        ("fusion=sum", "--set fusion=sum: expected one of logit, product"),
        ("warp=half", "--set warp=half: expected one of full, gated"),
        ("variants=product,dense", "--set variants=product,dense: dense is not a variant; expected product, gated"),
        ("passes=4", "--set passes=4: expected K in 1...3"),
        ("epochs=3", "--set epochs: unknown key for ood-gan-inversion"),
    ]
    for c in ood {
        let r = try CLI.run(["reproduce", "ood-gan-inversion", "--set", c.set], in: work)
        #expect(r.status == 2, "\(c.set): \(r.err)")
        #expect(r.err.contains(c.message), "\(c.set): \(r.err)")
    }
}
