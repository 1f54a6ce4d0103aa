/// An ASCII phase wheel: the N nudges β_k on the circle |β| = r, each marked by its index, with a legend of the
/// nudged residual per point (spec §13). Pure text, for any front end.
public enum PhaseWheel {
    /// Renders the wheel in a `rows` × (2·rows + 1) character box plus one legend line per point.
    ///
    /// Points whose nudged residual exceeds 1e-3 are marked `!` in the legend.
    public static func render(points: [(re: Double, im: Double)], residuals: [Double], rows: Int = 9) -> [String] {
        let height = max(rows | 1, 5), width = 2 * height + 1
        var grid = Array(repeating: Array(repeating: Character(" "), count: width), count: height)
        let cy = Double(height - 1) / 2, cx = Double(width - 1) / 2
        let ry = cy, rx = cx - 1
        for k in 0..<96 {   // the circle
            let a = 2 * Double.pi * Double(k) / 96
            let x = Int((cx + rx * Double.cos(a)).rounded()), y = Int((cy - ry * Double.sin(a)).rounded())
            if grid.indices.contains(y) && grid[y].indices.contains(x) { grid[y][x] = "·" }
        }
        grid[Int(cy)][Int(cx)] = "+"
        let r = points.map { ($0.re * $0.re + $0.im * $0.im).squareRoot() }.max() ?? 1
        let marks = Array("0123456789abcdef")
        for (k, p) in points.enumerated() {
            let x = Int((cx + rx * p.re / max(r, 1e-300)).rounded()), y = Int((cy - ry * p.im / max(r, 1e-300)).rounded())
            if grid.indices.contains(y) && grid[y].indices.contains(x) { grid[y][x] = marks[k % marks.count] }
        }
        var lines = grid.map { String($0) }
        for (k, p) in points.enumerated() {
            let res = k < residuals.count ? residuals[k] : .nan
            let flag = res > 1e-3 ? " !" : ""
            lines.append("\(marks[k % marks.count]): β = \(fmt(p.re)) \(p.im < 0 ? "−" : "+") \(fmt(abs(p.im)))i  residual \(fmt(res))\(flag)")
        }
        return lines
    }
}
