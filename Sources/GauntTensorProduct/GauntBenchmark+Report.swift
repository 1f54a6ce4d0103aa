import Foundation
import Tensors

extension GauntBenchmark {
    /// The markdown report of measured points (table, slopes, crossovers, speed-ups, ASCII log-log plot).
    public static func report(_ points: [Point], batch: Int, repeats: Int) -> String {
        var out = "Gaunt tensor product benchmark: inputs of degree L, output 2L, batch \(batch) (reduced for slow "
            + "baselines, see column), 1 thread (BLAS threads \(BLAS.threadCount)), FFTW_MEASURE plans, 2 warm-ups, "
            + "median of \(repeats) (thread CPU time); microseconds per product.\n\n"
        for precision in Set(points.map(\.precision)).sorted() {
            let mine = points.filter { $0.precision == precision }
            let degrees = Array(Set(mine.map(\.degree))).sorted()
            out += "### \(precision)\n\n| L | fft µs | sparse µs | dense µs | dense/fft | sparse/fft |\n|---|---|---|---|---|---|\n"
            func t(_ m: GauntMethod, _ L: Int) -> Double? { mine.first { $0.method == m && $0.degree == L }?.microseconds }
            func f(_ v: Double?) -> String { v.map { String(format: $0 < 10 ? "%.3f" : "%.1f", $0) } ?? "–" }
            for L in degrees {
                let ratioD = t(.dense, L).flatMap { d in t(.fft, L).map { d / $0 } }
                let ratioS = t(.sparse, L).flatMap { d in t(.fft, L).map { d / $0 } }
                out += "| \(L) | \(f(t(.fft, L))) | \(f(t(.sparse, L))) | \(f(t(.dense, L))) | "
                    + "\(ratioD.map { String(format: "%.1fx", $0) } ?? "–") | \(ratioS.map { String(format: "%.1fx", $0) } ?? "–") |\n"
            }
            let fft = mine.filter { $0.method == .fft }, sparse = mine.filter { $0.method == .sparse }
            let dense = mine.filter { $0.method == .dense }
            out += "\nfitted log-log slopes on L in [8, 16]: fft \(String(format: "%.2f", slope(fft, in: 8...16))), "
                + "sparse \(String(format: "%.2f", slope(sparse, in: 8...16))), dense \(String(format: "%.2f", slope(dense, in: 8...16)))"
            if fft.contains(where: { $0.degree >= 24 }) {
                out += "; fft on [16, 32]: \(String(format: "%.2f", slope(fft, in: 16...32)))"
            }
            out += "\ncrossover (fft no slower from this L on): vs sparse L = \(crossover(fft, sparse).map(String.init) ?? "none"), "
                + "vs dense L = \(crossover(fft, dense).map(String.init) ?? "none")\n"
            if let f8 = t(.fft, 8) {
                out += "fft at L = 8: \(String(format: "%.2f", f8 * Double(batch) / 1000)) ms per batch of \(batch)\n"
            }
            out += "\n```\n" + asciiPlot(mine) + "```\n\n"
        }
        return out
    }

    /// A log-log plot of time against L, one letter per method (f fft, s sparse, d dense; `*` where they overlap).
    public static func asciiPlot(_ points: [Point], width: Int = 64, height: Int = 16) -> String {
        let valid = points.filter { $0.microseconds > 0 }
        guard let maxL = valid.map(\.degree).max(), let lo = valid.map(\.microseconds).min(),
              let hi = valid.map(\.microseconds).max(), maxL > 1, hi > lo else { return "(no data)\n" }
        var grid = Array(repeating: Array(repeating: Character(" "), count: width), count: height)
        let lx = log(Double(maxL)), ly0 = log(lo), ly1 = log(hi)
        for p in valid {
            let c = min(width - 1, Int(log(Double(p.degree)) / lx * Double(width - 1)))
            let r = height - 1 - min(height - 1, Int((log(p.microseconds) - ly0) / (ly1 - ly0) * Double(height - 1)))
            let mark: Character = p.method == .fft ? "f" : p.method == .sparse ? "s" : "d"
            grid[r][c] = grid[r][c] == " " || grid[r][c] == mark ? mark : "*"
        }
        var out = ""
        for (i, row) in grid.enumerated() {
            let v = exp(ly1 - (ly1 - ly0) * Double(i) / Double(height - 1))
            out += String(format: "%9.3g |", v) + String(row) + "\n"
        }
        out += String(repeating: " ", count: 10) + "+" + String(repeating: "-", count: width) + "\n"
        out += String(repeating: " ", count: 11) + "L=1 (log scale)" + String(repeating: " ", count: max(1, width - 22)) + "L=\(maxL)\n"
        out += "           µs per product; f = fft, s = sparse, d = dense\n"
        return out
    }
}
