import Foundation

/// Markdown tables and the A3–A6 verdicts of the reproduction.
enum ReproductionReport {
    static func meanStd(_ v: [Double]) -> (Double, Double) {
        let m = v.reduce(0, +) / Double(max(v.count, 1))
        let s = (v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(max(v.count - 1, 1))).squareRoot()
        return (m, v.count > 1 ? s : 0)
    }

    static func f(_ x: Double) -> String { x.isNaN ? "–" : String(format: "%.3g", x) }

    static func section(task: SoftEquivarianceConfig.Task, results: [String: [RunResult]], taskSeconds: [UInt64: Double],
                        defaults: SoftEquivarianceConfig) -> String {
        let groups = defaults.groups.map(\.name)
        var s = "## \(task.rawValue) (\(defaults.epochs) epochs, T_adj \(defaults.adjustEpoch), λ0 \(f(defaults.lambda0)), p \(f(defaults.exponent)))\n\n"
        let isMotion = task == .motion
        s += "| model | test MSE (mean ± std) |\(isMotion ? " ADE m |" : "") λ (\(groups.joined(separator: ", "))) | "
            + groups.map { "EE \($0)" }.joined(separator: " | ") + " | s/run |\n"
        s += "|---|---|" + (isMotion ? "---|" : "") + "---|" + groups.map { _ in "---|" }.joined() + "---|\n"
        for entry in SoftEquivarianceReproduction.entries {
            guard let runs = results[entry.label], !runs.isEmpty else { continue }
            let (m, sd) = meanStd(runs.map(\.testMSE))
            let lambdas = (0..<groups.count).map { k in meanStd(runs.map { $0.strengths[k] }).0 }
            let lambdaText = entry.kind.isRegularized ? lambdas.map(f).joined(separator: ", ") : "–"
            let ee = (0..<groups.count).map { k in f(meanStd(runs.map { $0.modelErrors[k] }).0) }
            s += "| \(entry.label) | \(String(format: "%.4g ± %.2g", m, sd)) |"
            if isMotion { s += " \(String(format: "%.3g", meanStd(runs.map(\.averageDisplacement)).0)) |" }
            s += " \(lambdaText) | \(ee.joined(separator: " | ")) | \(String(format: "%.1f", meanStd(runs.map(\.seconds)).0)) |\n"
        }
        if let any = results.values.first?.first, any.trueErrors.contains(where: { $0.isFinite }) {
            s += "| data function | – |\(isMotion ? " – |" : "") – | " + any.trueErrors.map(f).joined(separator: " | ") + " | – |\n"
        }
        s += "\nPER per seed (discovery):\n\n| seed | λ | R* | a_k | EE model | EE true | selected epoch | warning |\n|---|---|---|---|---|---|---|---|\n"
        for r in results["PER"] ?? [] {
            s += "| \(r.seed) | \(r.strengths.map(f).joined(separator: ", ")) | \(r.trackedRegularizers.map(f).joined(separator: ", ")) | "
                + "\(r.levels.map(f).joined(separator: ", ")) | \(r.modelErrors.map(f).joined(separator: ", ")) | "
                + "\(r.trueErrors.map(f).joined(separator: ", ")) | \(r.selectedEpoch) | \(r.warning ?? "") |\n"
        }
        let wall = taskSeconds.values.map { $0 }
        s += "\nWall time per seed (all 7 models): " + wall.map { String(format: "%.0f s", $0) }.joined(separator: ", ") + "\n\n"
        s += checks(task: task, results: results, groups: groups, lambda0: defaults.lambda0) + "\n"
        return s
    }

    static func checks(task: SoftEquivarianceConfig.Task, results: [String: [RunResult]], groups: [String], lambda0: Double) -> String {
        func mean(_ label: String) -> Double { meanStd((results[label] ?? []).map(\.testMSE)).0 }
        let per = results["PER"] ?? []
        guard !per.isEmpty, let o2xy = groups.firstIndex(of: "O2xy"), let yz = groups.firstIndex(of: "O2yz"),
              let xz = groups.firstIndex(of: "O2xz") else { return "" }
        var lines: [(String, Bool)] = []
        let pm = mean("PER")
        let holdsXY = per.allSatisfy { abs($0.strengths[o2xy] - lambda0) <= 1e-9 * lambda0 }
        if task == .inertia {
            let perSeedOracle = zip(per, results["Hard(O2xy)"] ?? []).allSatisfy { $0.testMSE < $1.testMSE }
            lines.append(("A3 PER mean test MSE \(f(pm)) < 0.4", pm < 0.4))
            lines.append(("A3 PER < Hard(O2xy) in every seed", perSeedOracle && (results["Hard(O2xy)"]?.count ?? 0) == per.count))
            lines.append(("A3 PER < MLP/5 (\(f(mean("MLP") / 5)))", pm < mean("MLP") / 5))
            lines.append(("A3 PER < Free/10 (\(f(mean("Free") / 10)))", pm < mean("Free") / 10))
            lines.append(("A3 PER < Hard(O3)/20 (\(f(mean("Hard(O3)") / 20)))", pm < mean("Hard(O3)") / 20))
            lines.append(("A3 PER ≤ 1.5×RPP(O3) (\(f(1.5 * mean("RPP(O3)"))))", pm <= 1.5 * mean("RPP(O3)")))
            lines.append(("A4 λ_O2xy = λ0 in every seed", holdsXY))
            lines.append(("A4 λ_O2yz, λ_O2xz ≤ 0.5·λ0 in every seed",
                          per.allSatisfy { $0.strengths[yz] <= 0.5 * lambda0 && $0.strengths[xz] <= 0.5 * lambda0 }))
            lines.append(("A4 EE_O2xy < 0.05 and EE_O2yz, EE_O2xz > 0.15 in every seed",
                          per.allSatisfy { $0.modelErrors[o2xy] < 0.05 && $0.modelErrors[yz] > 0.15 && $0.modelErrors[xz] > 0.15 }))
            lines.append(("A4 ordering of EE_k matches the data function's in every seed", per.allSatisfy {
                let order = { (v: [Double]) in v.indices.sorted { v[$0] < v[$1] } }
                return order($0.modelErrors) == order($0.trueErrors)
            }))
        } else {
            lines.append(("A5 λ_O2xy = λ0 in every seed", holdsXY))
            lines.append(("A5 max(λ_O2yz, λ_O2xz) ≤ 0.1·λ0 in every seed",
                          per.allSatisfy { max($0.strengths[yz], $0.strengths[xz]) <= 0.1 * lambda0 }))
            lines.append(("A5 EE_O2xy < 0.05 and the others > 0.2 in every seed", per.allSatisfy { r in
                r.modelErrors[o2xy] < 0.05 && r.modelErrors.indices.allSatisfy { $0 == o2xy || r.modelErrors[$0] > 0.2 }
            }))
            lines.append(("A6 PER ≤ 1.4×Hard(O2xy) (\(f(1.4 * mean("Hard(O2xy)"))))", pm <= 1.4 * mean("Hard(O2xy)")))
            lines.append(("A6 PER ≤ 1.15×MLP (\(f(1.15 * mean("MLP"))))", pm <= 1.15 * mean("MLP")))
            lines.append(("A6 PER < Free (\(f(mean("Free"))))", pm < mean("Free")))
            for other in ["Hard(O3)", "RPP(O3)", "PER-fixed"] {
                lines.append(("A6 PER < 0.5×\(other) (\(f(0.5 * mean(other))))", pm < 0.5 * mean(other)))
            }
        }
        return "Acceptance:\n\n" + lines.map { "- [\($0.1 ? "x" : " ")] \($0.0) — \($0.1 ? "pass" : "FAIL")" }.joined(separator: "\n") + "\n"
    }
}

typealias RunResult = SoftEquivarianceReproduction.RunResult
