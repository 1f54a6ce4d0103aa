import Datasets
import NN
import Session
import Tensors

// MARK: - Checkpoints and diagnostics

extension FashionMLPExperiment {
    /// Parameters, Adam moments and step counts, the data cursor, the step counter and live values.
    public func saveState() throws -> ExperimentState {
        var state = ExperimentState()
        for p in model.parameters { state.floatTensors[p.name] = p.value }
        for (k, t) in optimizer.stateTensors() { state.floatTensors[k] = t }
        state.values["data.epoch"] = "\(batcher.cursor.epoch)"
        state.values["data.batch"] = "\(batcher.cursor.batch)"
        state.values["data.seed"] = "\(batcher.seed)"
        state.values["step"] = "\(stepCount)"
        state.values["lr"] = "\(optimizer.learningRate)"
        state.values["weight_decay"] = "\(optimizer.weightDecay)"
        return state
    }

    /// Restores what `saveState()` wrote; the shapes must match this model.
    public func restoreState(_ state: ExperimentState) throws {
        for p in model.parameters { p.value = try state.tensor(p.name, shape: p.value.shape) }
        optimizer.loadState(state.floatTensors.filter { $0.key.hasPrefix("adam.") })
        guard try state.int("data.seed") == Int(batcher.seed) else {
            throw ExperimentError.incompatibleState("the data order comes from another seed")
        }
        batcher.cursor = Batcher.Cursor(epoch: try state.int("data.epoch"), batch: try state.int("data.batch"))
        stepCount = try state.int("step")
        optimizer.learningRate = Float(try state.double("lr"))
        optimizer.weightDecay = Float(try state.double("weight_decay"))
    }

    /// A table of layer weight norms and the latest per-class test accuracy.
    public func diagnostics() -> [Panel] {
        var rows: [[String]] = []
        for p in model.parameters {
            var sq: Float = 0
            p.value.scalars.withUnsafeBufferPointer { for v in $0 { sq += v * v } }
            rows.append([p.name, p.value.shape.map(String.init).joined(separator: "×"), String(format: "%.4g", sq.squareRoot())])
        }
        var panels: [Panel] = [.table(TablePanel(title: "layers", columns: ["parameter", "shape", "‖W‖"], rows: rows))]
        if !lastPerClass.isEmpty {
            let classRows = zip(FashionMNIST.classNames, lastPerClass).map { [$0, String(format: "%.3f", $1)] }
            panels.append(.table(TablePanel(title: "test accuracy per class", columns: ["class", "accuracy"], rows: classRows)))
        }
        panels.append(.text(title: "baseline", lines: [
            "epoch \(batcher.cursor.epoch + 1), batch \(batcher.cursor.batch)/\(batcher.batchesPerEpoch)",
            String(format: "last gradient norm %.4g", lastGradientNorm),
        ]))
        return panels
    }
}
