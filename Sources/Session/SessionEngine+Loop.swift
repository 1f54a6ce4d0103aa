import Dispatch
import Foundation

/// An experiment that can also evaluate on its whole held-out set (slower than `evaluate()`, which may use a
/// subset); the engine calls it once at the end of a run.
public protocol FullEvaluating: Experiment {
    /// Held-out metrics over the whole test set.
    func evaluateFull() throws -> [String: Double]
}

// MARK: - The training loop (runs on `queue` only)

extension SessionEngine {
    func run() {
        clockStart = .now
        if step > 0 { log("resume-run", "resumed at step \(step) of \(totalSteps)") }
        status = settings.startsPaused ? .paused : .running
        refreshDiagnostics()
        publish()
        while true {
            applyCommands()
            if !status.isActive { break }
            if step >= totalSteps {
                finish()
                break
            }
            guard status == .running else {
                lastStepEnd = nil
                recorder?.flush()
                settleWrites()
                publish()
                wake.wait()
                continue
            }
            takeStep()
        }
        stats.withLock { $0 = local }
        finishedFlag.withLock { $0 = true }
        done.signal()
        onFinish?(status)
    }

    func takeStep() {
        let cpuStart = EngineStatistics.threadCPUSeconds()
        let metrics: [String: Double]
        do {
            metrics = try experiment.step()
        } catch {
            fail("step \(step + 1) failed: \(error)")
            return
        }
        let afterStep = ContinuousClock.now
        let cpuAfterStep = EngineStatistics.threadCPUSeconds()
        step += 1
        let time = timeOffset + Self.seconds(afterStep - clockStart)
        for (name, value) in metrics { series[name, default: MetricSeries(name: name)].append(step: step, value: value, time: time) }
        recorder?.appendMetrics(step: step, time: time, values: metrics)
        if let reason = divergence(metrics) {
            status = .diverged(step: step, reason: reason)
            stepBudget = nil
            log("diverged", "\(reason) at step \(step); paused, last good checkpoint kept (step \(max(lastCheckpointStep, 0)))")
            recorder?.flush()
            settleWrites()
            publish()
            return
        }
        let workBefore = local.evaluationSeconds + local.diagnosticsSeconds + local.checkpointSeconds
        if experiment.evaluationInterval > 0, step % experiment.evaluationInterval == 0, step < totalSteps {
            evaluate(final: false)
        }
        if step % settings.diagnosticsInterval == 0 { refreshDiagnostics() }
        if settings.checkpointInterval > 0, step % settings.checkpointInterval == 0, step < totalSteps {
            checkpoint()
        }
        let tail = ContinuousClock.now
        if let budget = stepBudget {
            stepBudget = budget - 1
            if budget <= 1 {
                stepBudget = nil
                status = .paused
            }
        }
        if let last = lastStepEnd {
            let dt = Self.seconds(tail - last)
            rate = rate == 0 ? 1 / max(dt, 1e-9) : 1 / (0.9 / rate + 0.1 * dt)
        }
        lastStepEnd = tail
        recorder?.flushIfDue(now: ProcessInfo.processInfo.systemUptime)
        publish(refreshSeries: status != .running || lastEvaluatedStep == step)
        // The rest of the window minus what evaluation, diagnostics and checkpoints accounted for themselves.
        let work = local.evaluationSeconds + local.diagnosticsSeconds + local.checkpointSeconds - workBefore
        let overhead = EngineStatistics.threadCPUSeconds() - cpuAfterStep - work
        local.steps += 1
        local.stepSeconds += cpuAfterStep - cpuStart
        local.overheadSeconds += overhead
        if local.steps % 64 == 0 { stats.withLock { $0 = local } }
    }

    /// Why a step's metrics count as divergence, if they do.
    func divergence(_ metrics: [String: Double]) -> String? {
        if let loss = metrics["loss"], !loss.isFinite { return "loss is \(loss)" }
        if metrics["loss"] == nil { return "the experiment reported no 'loss'" }
        for (name, v) in metrics where !v.isFinite && name.contains("grad") { return "\(name) is \(v)" }
        return nil
    }

    // MARK: - Commands

    func applyCommands() {
        let commands = inbox.withLock { box -> [EngineCommand] in
            let c = box
            box.removeAll()
            return c
        }
        for command in commands where status.isActive { apply(command) }
    }

    func apply(_ command: EngineCommand) {
        switch command {
        case .pause:
            guard status == .running else { return }
            status = .paused
            stepBudget = nil
            log("pause", "paused at step \(step)")
            if settings.checkpointsOnPause && lastCheckpointStep != step { checkpoint() }
        case .resume:
            guard status != .running || stepBudget != nil else { return }
            status = .running
            stepBudget = nil
            log("resume", "resumed at step \(step)")
        case .step(let n):
            guard n > 0 else { return }
            status = .running
            stepBudget = n
            log("step", "stepping \(n) step\(n == 1 ? "" : "s") from step \(step)")
        case .set(let name, let value):
            let before = experiment.hyperparameters.first { $0.name == name }
            let old = before?.value
            do {
                try experiment.setHyperparameter(name, to: value)
                let after = experiment.hyperparameters.first { $0.name == name }
                log("set", "\(name) \(before?.displayValue ?? "?") → \(after?.displayValue ?? "\(value)")",
                    name: name, old: old, new: value)
            } catch {
                log("error", "set \(name)=\(value) refused: \(error)", name: name, old: old, new: value)
            }
        case .perform(let action):
            do {
                try experiment.perform(action)
                log("action", "ran \(action)")
                refreshDiagnostics()
            } catch {
                log("error", "\(action) failed: \(error)")
            }
        case .evaluateNow:
            log("evaluate", "evaluated at step \(step)")
            evaluate(final: false)
        case .checkpointNow:
            if case .diverged = status {
                log("error", "not checkpointing a diverged state; the last good checkpoint is kept")
            } else {
                log("checkpoint", "checkpoint at step \(step)")
                checkpoint()
            }
        case .stop:
            log("stop", "stopped at step \(step)")
            if case .diverged = status {} else { checkpoint() }
            settleWrites()
            recorder?.close()
            status = .stopped
        }
        publish()
    }

    // MARK: - Work between steps

    func evaluate(final: Bool) {
        let start = EngineStatistics.threadCPUSeconds()
        do {
            let m: [String: Double]
            if final, let full = experiment as? any FullEvaluating { m = try full.evaluateFull() } else { m = try experiment.evaluate() }
            var prefixed: [String: Double] = [:]
            for (k, v) in m { prefixed[k.hasPrefix("eval/") ? k : "eval/" + k] = v }
            let time = now
            for (k, v) in prefixed { series[k, default: MetricSeries(name: k)].append(step: step, value: v, time: time) }
            recorder?.appendMetrics(step: step, time: time, values: prefixed)
            recorder?.flush()
            lastEvaluatedStep = step
        } catch {
            log("error", "evaluation at step \(step) failed: \(error)")
        }
        local.evaluationSeconds += EngineStatistics.threadCPUSeconds() - start
    }

    func refreshDiagnostics() {
        let start = EngineStatistics.threadCPUSeconds()
        panels = experiment.diagnostics()
        local.diagnosticsSeconds += EngineStatistics.threadCPUSeconds() - start
    }

    func checkpoint() {
        guard let recorder else { return }
        let start = EngineStatistics.threadCPUSeconds()
        do {
            let state = try experiment.saveState()
            var hyper: [String: String] = [:]
            for h in experiment.hyperparameters { hyper[h.name] = "\(h.value)" }
            let record = CheckpointRecord(session: spec.name, kind: spec.kind, seed: spec.seed, step: step, elapsed: now,
                                          totalSteps: totalSteps, settings: settings, hyperparameters: hyper,
                                          values: state.values, events: events, metricsBytes: 0, eventsBytes: 0)
            try recorder.writeCheckpoint(state: state, record: record)
            lastCheckpointStep = step
        } catch {
            log("error", "checkpoint at step \(step) failed: \(error)")
        }
        local.checkpointSeconds += EngineStatistics.threadCPUSeconds() - start
    }

    /// Waits for queued checkpoint writes (before a status change a front end may act on) and logs a failure.
    func settleWrites() {
        let start = EngineStatistics.threadCPUSeconds()
        do { try recorder?.waitForWrites() } catch { log("error", "checkpoint write failed: \(error)") }
        local.checkpointSeconds += EngineStatistics.threadCPUSeconds() - start
    }

    func finish() {
        evaluate(final: true)
        log("finish", "finished \(step) steps")
        checkpoint()
        settleWrites()
        recorder?.close()
        status = .finished
        publish()
    }

    func fail(_ message: String) {
        log("error", message)
        recorder?.close()
        status = .failed(message)
        publish()
    }

    func log(_ kind: String, _ message: String, name: String? = nil, old: Double? = nil, new: Double? = nil) {
        let event = RunEvent(kind: kind, step: step, time: now, name: name, oldValue: old, newValue: new, message: message)
        events.append(event)
        recorder?.appendEvent(event)
    }

    /// Publishes a snapshot. The metric series in it are refreshed at most every `seriesRefreshInterval` seconds
    /// (always when `refreshSeries`, on status changes, evaluations and commands): sharing the growing arrays
    /// with readers makes the next append copy them, so refreshing every step would cost O(steps) per step.
    func publish(refreshSeries: Bool = true) {
        version += 1
        let time = now
        if refreshSeries || time - lastSeriesRefresh >= Self.seriesRefreshInterval {
            publishedSeries = series
            lastSeriesRefresh = time
        }
        let snapshot = Snapshot(
            sessionName: spec.name, kind: spec.kind, runDirectory: recorder?.directory ?? "", step: step,
            totalSteps: totalSteps, stepsPerEpoch: experiment.stepsPerEpoch, status: status, stepsPerSecond: rate,
            elapsed: time, series: publishedSeries, hyperparameters: experiment.hyperparameters,
            actions: experiment.actions, panels: panels, events: events, version: version)
        published.withLock { $0 = snapshot }
    }
}
