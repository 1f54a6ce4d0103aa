import Foundation
import Session

extension SoftEquivarianceExperiment {
    /// The phase of the run (spec §14): warm-up, tracking window, adjusted, selecting.
    public var phaseLine: String {
        let window = config.trackingWindow ?? max(1, adjustEpoch / 4)
        var phase: String
        if let at = adjustment.adjustedAtEpoch {
            phase = epoch > selectionStart ? "selecting (> \(selectionStart))" : "adjusted at epoch \(at)"
        } else if !config.model.isRegularized || !autoTune {
            phase = epoch > selectionStart ? "selecting (> \(selectionStart))" : "fixed strengths"
        } else if epoch > adjustEpoch - window {
            phase = "tracking window · adjust in \(max(adjustEpoch - epoch, 0)) epochs"
        } else {
            phase = "warm-up · adjust in \(adjustEpoch - epoch) epochs"
        }
        let best = bestEpoch.map { "best val epoch \($0) (\(String(format: "%.4g", bestValidation)))" } ?? "best val epoch –"
        return "epoch \(epoch)/\(config.epochs) · \(phase) · \(best)"
    }

    /// The symmetry table, phase line, loss breakdown and warning badge (spec §14), plus the per-layer R heat map.
    public func diagnostics() -> [Panel] {
        if equivarianceCache == nil || epoch - (equivarianceCache?.epoch ?? 0) >= config.equivarianceEvery {
            equivarianceCache = (epoch, modelEquivarianceErrors())
        }
        let ee = equivarianceCache?.values ?? config.groups.map { _ in .nan }
        let lambdas = strengths
        let active = config.groups.indices.filter { lambdas[$0] > 0 && lastRegularizers[$0].isFinite }
        let reference = adjustment.isAdjusted ? adjustment.bestRegularizers : lastRegularizers
        let rMin = (active.isEmpty ? config.groups.indices.filter { lastRegularizers[$0].isFinite } : active)
            .map { reference[$0] }.min()
        let rows = config.groups.indices.map { k -> SymmetryRow in
            let level = adjustment.levels[k] ?? (rMin.map { reference[k] / $0 } ?? .nan)
            let isCandidate = active.isEmpty || active.contains(k)
            return SymmetryRow(group: config.groups[k].name, strength: lambdas[k],
                               strengthHistory: strengthHistory.map { $0[k] }, regularizer: lastRegularizers[k],
                               regularizerHistory: regularizerHistory.map { $0[k] }, adjustment: level,
                               modelError: ee[k], trueError: trueEquivarianceErrors[k],
                               isWinner: isCandidate && abs(level - 1) < 1e-12 && !adjustment.isReference[k],
                               isFrozen: adjustment.isAdjusted || adjustment.overrides[k] != nil,
                               isEnabled: adjustment.isEnabled[k])
        }
        var warnings: [String] = []
        if let w = adjustment.warning { warnings.append(w) }
        var panels: [Panel] = [.symmetry(SymmetryPanel(title: "symmetries (\(config.model.rawValue))", rows: rows,
                                                       phase: phaseLine, lossBreakdown: lastBreakdown, warnings: warnings))]
        if !regularizers.isEmpty {
            let (w, b) = regularizedParameters()
            let perLayer = regularizers.map { $0.evaluate(weights: w, biases: b).perLayer }
            let columns = ["group"] + (0..<(perLayer.first?.count ?? 0)).map { "R layer \($0)" }
            let table = zip(config.groups, perLayer).map { g, r in [g.name] + r.map { String(format: "%.4g", $0) } }
            panels.append(.table(TablePanel(title: "R_k per layer", columns: columns, rows: table)))
        }
        return panels
    }
}
