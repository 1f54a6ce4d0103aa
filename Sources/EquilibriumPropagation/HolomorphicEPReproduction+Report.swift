import Foundation

extension HolomorphicEPReproduction {
    /// The training acceptance check 9 of spec §12, one line per criterion that the runs present allow.
    static func verdicts(_ rows: [RunSummary]) -> String {
        let by = Dictionary(grouping: rows, by: \.name).mapValues(mean)
        func acc(_ r: RunSummary) -> Double { 100 * (r.testAccuracy.last ?? .nan) }
        var lines: [(String, Bool)] = []
        if let b = by["B"] {
            lines.append(("B: cos(ν,δ) hidden at init ≤ 0.2 (\(fmt(b.cosTangentTrueInit)))", b.cosTangentTrueInit <= 0.2))
            lines.append(("B: cos(ν̂,δ) hidden after training ≤ 0.6 (\(fmt(b.cosEstimateTrueEnd)))", b.cosEstimateTrueEnd <= 0.6))
        }
        if let c = by["C"] {
            lines.append(("C: cos(ν̂,δ) hidden ≥ 0.85 (\(fmt(c.cosEstimateTrueEnd)))", c.cosEstimateTrueEnd >= 0.85))
            lines.append(("C: weight angle ≤ 35° (\(fmt(c.weightAngle))°)", c.weightAngle <= 35))
        }
        for name in ["A", "B", "C"] {
            if let r = by[name] {
                lines.append(("\(name): cos(ν̂,ν) ≥ 0.98 (\(fmt(r.cosEstimateTangentEnd)))", r.cosEstimateTangentEnd >= 0.98))
            }
        }
        if let b = by["B"], let c = by["C"] {
            lines.append(("C − B ≥ +1.5 points (\(fmt(acc(c) - acc(b))))", acc(c) - acc(b) >= 1.5))
        }
        if let b = by["B"], let d = by["D"] {
            lines.append(("D − B ≥ +1.5 points (\(fmt(acc(d) - acc(b))))", acc(d) - acc(b) >= 1.5))
        }
        if let c = by["C"], let e = by["E"] {
            lines.append(("|E − C| ≤ 2 points (\(fmt(acc(e) - acc(c))))", abs(acc(e) - acc(c)) <= 2))
        }
        if let a = by["A"] { lines.append(("A ≥ 78 % (\(fmt(acc(a))))", acc(a) >= 78)) }
        for r in by.values.sorted(by: { $0.name < $1.name }) {
            lines.append(("\(r.name): free residual < 1e-3 on ≥ 99 % of test images (\(fmt(100 * (1 - r.residualFraction))) %)",
                          r.residualFraction <= 0.01))
        }
        let seedCount = Set(rows.map(\.seed)).count
        var s = "\n## Spec §12 check 9 (means over \(seedCount) seed(s); cos(ν̂,ν): minimum)\n\n"
        for (text, ok) in lines { s += "- \(ok ? "PASS" : "FAIL") \(text)\n" }
        return s
    }

    /// Field-wise mean of one run's seeds (worst case for cos(ν̂,ν) and the residual fraction).
    static func mean(_ rs: [RunSummary]) -> RunSummary {
        var m = rs[0]
        let n = Double(rs.count)
        func avg(_ f: (RunSummary) -> Double) -> Double { rs.map(f).reduce(0, +) / n }
        m.testAccuracy = m.testAccuracy.indices.map { i in avg { $0.testAccuracy[i] } }
        m.cosEstimateTrueInit = avg(\.cosEstimateTrueInit)
        m.cosTangentTrueInit = avg(\.cosTangentTrueInit)
        m.cosEstimateTrueEnd = avg(\.cosEstimateTrueEnd)
        m.cosTangentTrueEnd = avg(\.cosTangentTrueEnd)
        m.cosEstimateTangentEnd = rs.map(\.cosEstimateTangentEnd).min() ?? .nan
        m.weightAngle = avg(\.weightAngle)
        m.symmetry = avg(\.symmetry)
        m.residualFraction = rs.map(\.residualFraction).max() ?? .nan
        m.seconds = avg(\.seconds)
        return m
    }

    static func table(_ rows: [RunSummary]) -> String {
        let reference: [String: String] = [
            "A": "78.4 → 80.8 % | 1.000 → 0.916 | 30.0° | 0.910",
            "B": "69.5 → 75.0 % | 0.030 → 0.484 | 71.6° | 0.654",
            "C": "75.6 → 78.3 % | 0.030 → 0.916 | 20.4° | 0.893",
            "D": "69.8 → 79.0 % | (ν vs δ 0.313) | 78.1° | 0.646",
            "E": "75.0 → 79.2 % | (0.911) | 25.0° | 0.886",
        ]
        var s = "\n## Training runs (spec §11)\n\n"
        s += "| run | seed | test acc per epoch | cos(ν̂,δ) hidden init → end | cos(ν,δ) end | cos(ν̂,ν) end | weight angle | Jac. symmetry | test residual > 1e-3 | time | spec reference (acc, cos, angle, sym.) |\n"
        s += "|---|---|---|---|---|---|---|---|---|---|---|\n"
        var all = rows.map { ($0, "\($0.seed)") }
        if Set(rows.map(\.seed)).count > 1 {
            all += Dictionary(grouping: rows, by: \.name).values.map { (mean($0), "mean") }.sorted { $0.0.name < $1.0.name }
        }
        for (r, seed) in all {
            let acc = r.testAccuracy.map { String(format: "%.1f", 100 * $0) }.joined(separator: " → ") + " %"
            s += "| \(r.name) | \(seed) | \(acc) | \(String(format: "%.3f → %.3f", r.cosEstimateTrueInit, r.cosEstimateTrueEnd)) | "
            s += "\(String(format: "%.3f", r.cosTangentTrueEnd)) | \(String(format: "%.4f", r.cosEstimateTangentEnd)) | "
            s += "\(String(format: "%.1f°", r.weightAngle)) | \(String(format: "%.3f", r.symmetry)) | "
            s += "\(String(format: "%.2f %%", 100 * r.residualFraction)) | \(Int(r.seconds)) s | \(reference[r.name] ?? "") |\n"
        }
        return s
    }
}
