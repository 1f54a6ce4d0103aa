import Foundation
import Session

extension DemoRun {
    /// The run as a snapshot, with synthetic diagnostics panels of every kind.
    public func snapshot(version: Int = 0, stepsPerSecond: Double = 50, runDirectory: String = "runs/demo") -> Snapshot {
        Snapshot(sessionName: "demo (synthetic data)", kind: "demo", runDirectory: runDirectory, step: step,
                 totalSteps: totalSteps, stepsPerEpoch: 100, status: status, stepsPerSecond: stepsPerSecond,
                 elapsed: Double(step) * secondsPerStep, series: series, hyperparameters: hyperparameters,
                 actions: DemoRun.actions, panels: panels(), events: events, version: version)
    }

    /// Synthetic symmetry, nudge, image, table and text panels.
    func panels() -> [Panel] {
        let groups = ["O3", "O2xy", "Scale", "Shift"]
        let strengthsNow = groups.indices.map { k in 0.1 * pow(k == 1 ? 1.002 : 0.996, Double(step)) }
        let errors = [0.31, 0.004, 0.12, 0.45]
        let rows = groups.indices.map { k in
            SymmetryRow(group: groups[k], strength: strengthsNow[k],
                        strengthHistory: (0..<12).map { 0.1 * pow(k == 1 ? 1.002 : 0.996, Double(max(0, step - 11 + $0) * 8)) },
                        regularizer: errors[k] * strengthsNow[k], adjustment: k == 3 ? .nan : errors[k] - 0.1,
                        modelError: errors[k], trueError: k == 1 ? 0 : errors[k] * 1.1, isWinner: k == 1,
                        isFrozen: k == 2, isEnabled: k != 3)
        }
        let symmetry = SymmetryPanel(title: "soft equivariance (demo)", rows: rows,
                                     phase: "adjusting · next adjustment in \(50 - step % 50) steps",
                                     lossBreakdown: [("task", 0.31), ("R_O3", 0.02), ("R_O2xy", 0.001)],
                                     warnings: step < 100 ? ["weak λ₀"] : [])
        let beta = hyperparameters.first { $0.name == "beta" }?.value ?? 0.1
        let n = 4
        let points = (0..<n).map { k in
            (re: beta * cos(2 * .pi * Double(k) / Double(n)), im: beta * sin(2 * .pi * Double(k) / Double(n)))
        }
        let nudge = NudgePanel(title: "holomorphic EP (demo)", estimator: "hEP", radius: beta, phaseCount: n,
                               phasePoints: points, freeResidual: 3.2e-6, nudgedResiduals: [4.1e-6, 3.9e-6, 5.0e-6, 4.4e-6],
                               layerAlignment: [("layer1", 0.998), ("layer2", 0.991), ("output", 0.85)],
                               jacobianAsymmetry: 0.02, extras: [("spectral radius", 0.91), ("finite-nudge err", 1.2e-4)])
        let size = 12
        func image(_ label: String, _ f: (Double, Double) -> Double) -> PanelImage {
            var pixels: [Float] = []
            for y in 0..<size {
                for x in 0..<size {
                    let u = (Double(x) + 0.5) / Double(size) - 0.5, v = (Double(y) + 0.5) / Double(size) - 0.5
                    pixels.append(Float(min(max(f(u, v), 0), 1)))
                }
            }
            return PanelImage(label: label, width: size, height: size, pixels: pixels)
        }
        let images = ImagePanel(title: "invertibility (demo)", images: [
            image("input") { u, v in 1 - 2.2 * (u * u + v * v) },
            image("inversion") { u, v in 0.9 - 2 * (u * u + v * v) + 0.1 * u },
            image("pred mask") { u, v in u * u + v * v < 0.12 ? 1 : 0 },
            image("true mask") { u, v in u * u + v * v < 0.1 ? 1 : 0 },
            image("blend") { u, v in (u * u + v * v < 0.12 ? 0.5 : 0) + 0.5 * (1 - 2.2 * (u * u + v * v)) },
        ], caption: "synthetic image · IoU 0.87 (demo)")
        let table = TablePanel(title: "per-class accuracy (demo)", columns: ["class", "acc", "n"],
                               rows: [["shirt", "0.71", "100"], ["boot", "0.97", "100"], ["bag", "0.95", "100"]])
        let note = Panel.text(title: "note", lines: ["demo mode: every number here is synthetic"])
        let curves = CurvePanel(title: "finite-nudge error vs N (demo)", curves: [
            .init(name: "hEP", x: [2, 4, 8, 16, 32], y: [1e-2, 1e-4, 1e-8, 1e-12, 1e-13]),
            .init(name: "EP", x: [2, 4, 8, 16, 32], y: [3e-2, 2e-2, 1.5e-2, 1.4e-2, 1.4e-2]),
        ], logX: true, logY: true)
        return [.symmetry(symmetry), .nudge(nudge), .images(images), .table(table), .curves(curves), note]
    }
}
