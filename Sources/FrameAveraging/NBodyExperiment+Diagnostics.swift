import Foundation
import Session
import Tensors

// MARK: - Panels (spec §9)

extension NBodyExperiment {
    /// Published n-body test MSEs (Puny et al. 2022, Table 1; all rows but FA-GNN from Satorras et al. 2021).
    static let published: [(String, Double)] = [
        ("Linear", 0.0819), ("SE(3)-Transformer", 0.0244), ("Tensor Field Network", 0.0155), ("GNN", 0.0107),
        ("Radial Field", 0.0104), ("EGNN", 0.0071), ("FA-GNN", 0.0057),
    ]

    public func diagnostics() -> [Panel] {
        var panels: [Panel] = [lossPanel(), referenceTable(), symmetryPanel()]
        panels += framePanels()
        panels.append(scatterPanel())
        panels.append(throughputPanel())
        return panels
    }

    func lossPanel() -> Panel {
        let stats = data.test.baselineStatistics
        let last = Swift.max(Double(epochs), history.values.flatMap { $0.map(\.epoch) }.max() ?? 1)
        var curves = history.keys.sorted().map { name in
            CurvePanel.Curve(name: "\(name) test", x: history[name]?.map(\.epoch) ?? [], y: history[name]?.map(\.mse) ?? [])
        }
        for (name, value) in [("paper FA-GNN", 0.0057), ("paper EGNN", 0.0071), ("paper GNN", 0.0107),
                              ("paper Linear", 0.0819), ("x+τv (this data)", stats.linear), ("no motion", stats.noMotion)] {
            curves.append(.init(name: String(format: "%@ %.4f", name, value), x: [0, last], y: [value, value]))
        }
        return .curves(CurvePanel(title: "test MSE vs epoch (reference lines)", curves: curves, logY: true))
    }

    func throughputPanel() -> Panel {
        let perStep = timedSteps > 0 ? stepSeconds / Double(timedSteps) : .nan
        var lines = [String(format: "%.1f steps/s, %.2f s per epoch of %d systems (model %@)", 1 / perStep,
                            perStep * Double(stepsPerEpoch), data.train.count, active)]
        if let gnn = best["GNN"], let fa = history["FA-GNN"], let hit = fa.first(where: { $0.mse <= gnn.test }) {
            lines.append(String(format: "FA-GNN reached the GNN's best test MSE %.4f at epoch %.1f", gnn.test, hit.epoch))
        }
        return .text(title: "throughput", lines: lines)
    }

    func referenceTable() -> Panel {
        let stats = data.test.baselineStatistics
        var rows = NBodyExperiment.published.map { [$0.0, String(format: "%.4f", $0.1), "paper"] }
        rows.append(["no motion", String(format: "%.4f", stats.noMotion), "this data"])
        rows.append([String(format: "x + %.3f v", stats.tau), String(format: "%.4f", stats.linear), "this data"])
        for name in NBodyExperiment.modelNames {
            if let b = best[name] { rows.append(["\(name) (this run)", String(format: "%.4f", b.test), "best val"]) }
        }
        return .table(TablePanel(title: "n-body test MSE: published and measured", columns: ["method", "MSE", "source"], rows: rows))
    }

    func symmetryPanel() -> Panel {
        let rows = [
            SymmetryRow(group: "E3 (\(active))", strength: .nan, regularizer: .nan, modelError: lastSymmetry.e3),
            SymmetryRow(group: "Sn (\(active))", strength: .nan, regularizer: .nan, modelError: lastSymmetry.permutation),
            SymmetryRow(group: "E3 (GNN)", strength: .nan, regularizer: .nan, modelError: lastSymmetry.gnnE3,
                        isEnabled: trainers["GNN"] != nil),
        ]
        return .symmetry(SymmetryPanel(title: "symmetry monitor (probe: 50 test systems, float32)", rows: rows,
                                       phase: "max |f(gX) − g f(X)| at the last evaluation"))
    }

    func framePanels() -> [Panel] {
        var rng = RandomSource(seed: 5)
        let fa = (current.model as? FAGNN) ?? (trainers["FA-GNN"]?.model as? FAGNN)
        var trace = NBodyTrace()
        var frameSize = group.isProper ? 4 : 8
        if let fa {
            fa.recordsSpread = true
            trace = fa.predict(probe, training: false, rng: &rng).1
            fa.recordsSpread = false
            frameSize = fa.group.isProper ? 4 : 8
        } else {
            trace.inputGaps = (0..<probe.systems).map { s in
                PCAFrame(points: Array(probe.positions[(s * 15)..<((s + 1) * 15)]), group: .e3).minimumGap
            }
        }
        func histogram(_ gaps: [Double]) -> (x: [Double], y: [Double]) {
            let edges = stride(from: -8.0, through: 0.0, by: 0.5).map { $0 }
            var counts = [Double](repeating: 0, count: edges.count)
            for g in gaps {
                let l = Swift.max(-8, Swift.min(0, Foundation.log10(Swift.max(g, 1e-300))))
                counts[Swift.min(edges.count - 1, Int((l + 8) / 0.5))] += 1
            }
            return (edges, counts)
        }
        var curves: [CurvePanel.Curve] = []
        let hin = histogram(trace.inputGaps)
        curves.append(.init(name: "input frame", x: hin.x, y: hin.y))
        for (i, g) in trace.latentGaps.enumerated() {
            let h = histogram(g)
            curves.append(.init(name: "latent frame \(i + 1)", x: h.x, y: h.y))
        }
        let tol = PCAFrame.degeneracyTolerance
        let degenerateInput = trace.inputGaps.filter { $0 < tol }.count
        let degenerateLatent = trace.latentGaps.map { $0.filter { $0 < tol }.count }
        let spread = trace.perFrameSpread.isEmpty ? Double.nan : trace.perFrameSpread.reduce(0, +) / Double(trace.perFrameSpread.count)
        let lines = [
            "frame size |F| = \(frameSize) (\(group == .se3 ? "SE(3)" : "E(3)")), mode \(mode.rawValue)",
            "degenerate systems (relative gap < 1e-6): input \(degenerateInput)/\(probe.systems), latent \(degenerateLatent.map(String.init).joined(separator: "/"))",
            String(format: "per-frame decoder output spread (RMS, mapped back): %.4g", spread),
            String(format: "smallest input gap on the probe: %.3g", trace.inputGaps.min() ?? .nan),
        ]
        return [.curves(CurvePanel(title: "relative eigen-gap histogram (log10 gap)", curves: curves)),
                .text(title: "frame diagnostics", lines: lines)]
    }
}
