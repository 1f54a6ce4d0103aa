import Symmetry

/// Text renderings of sampled group elements: a table row per sample and ASCII ellipses `g·(unit circle)`.
enum SampleDiagnostics {
    /// θ (degrees), stretch (ratio of the singular values), shear (Iwasawa `T₀₁/T₁₁`), det.
    static func row(_ s: GL2Sample<Double>, index: Int) -> [String] {
        let g = s.element
        let (p, _, angle) = g.polarDecomposition()
        let (m, r) = p.symmetricSpectrum
        let stretch = (m + r) / (m - r)
        // Iwasawa g = Q·T: the first column of g gives Q; T = Qᵀg.
        let n = (g.m00 * g.m00 + g.m10 * g.m10).squareRoot()
        let q = GL2Matrix<Double>(g.m00 / n, -g.m10 / n, g.m10 / n, g.m00 / n)
        let t = q.transposed * g
        return ["g\(index + 1)", String(format: "%.1f", angle * 180 / Double.pi), String(format: "%.3f", stretch),
                String(format: "%+.3f", t.m01 / t.m11), String(format: "%.3f", g.determinant)]
    }

    /// Side-by-side ASCII ellipses: the unit circle mapped by each `g` ('*'), the image of (1, 0) ('o'),
    /// the origin ('+'); `y` points up. Columns are twice as dense as rows to keep the aspect.
    static func ellipses(_ samples: [GL2Sample<Double>], width: Int = 15, height: Int = 7, perLine: Int = 4) -> [String] {
        var lines: [String] = []
        var start = 0
        while start < samples.count {
            let chunk = Array(samples[start..<min(samples.count, start + perLine)])
            var grid = [[Character]](repeating: [Character](repeating: " ", count: chunk.count * (width + 2)), count: height + 1)
            for (k, s) in chunk.enumerated() {
                let x0 = k * (width + 2)
                func plot(_ x: Double, _ y: Double, _ c: Character) {
                    let col = Int(((x / 1.6 + 1) / 2 * Double(width - 1)).rounded())
                    let row = Int(((1 - y / 1.6) / 2 * Double(height - 1)).rounded())
                    guard col >= 0, col < width, row >= 0, row < height else { return }
                    grid[row][x0 + col] = c
                }
                for a in 0..<64 {
                    let t = 2 * Double.pi * Double(a) / 64
                    let v = s.element.apply(Double.cos(t), Double.sin(t))
                    plot(v.x, v.y, "*")
                }
                plot(0, 0, "+")
                let e = s.element.apply(1, 0)
                plot(e.x, e.y, "o")
                let label = Array("g\(start + k + 1)")
                for (i, ch) in label.enumerated() where i < width { grid[height][x0 + width / 2 - 1 + i] = ch }
            }
            lines += grid.map { String($0) }
            start += perLine
        }
        return lines
    }
}
