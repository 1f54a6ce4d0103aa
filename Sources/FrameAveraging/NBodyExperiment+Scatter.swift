import Foundation
import Session
import Tensors

// MARK: - ASCII scatter of one test system

extension NBodyExperiment {
    /// One test system projected on its input PCA plane (the two largest principal axes): input positions as
    /// `+`/`-` by charge, targets as digits `1`–`5`, predictions as letters `a`–`e` (same particle order).
    func scatterPanel(width: Int = 41, height: Int = 15) -> Panel {
        let s = scatterIndex % Swift.max(data.test.count, 1)
        let batch = NBodyBatch(data.test, indices: [s])
        var rng = RandomSource(seed: 3)
        let prediction = current.model.predict(batch, training: false, rng: &rng).0.value.scalars.map { Double($0) }
        let frame = PCAFrame(points: batch.positions, group: .e3)
        func project(_ p: [Double], _ i: Int) -> (Double, Double) {
            let x = (0..<3).map { p[i * 3 + $0] - frame.centroid[$0] }
            let a = (0..<3).reduce(0.0) { $0 + x[$1] * frame.basis[$1 * 3 + 2] }
            let b = (0..<3).reduce(0.0) { $0 + x[$1] * frame.basis[$1 * 3 + 1] }
            return (a, b)
        }
        let n = batch.bodies
        var points: [(Double, Double, Character)] = []
        for i in 0..<n {
            let (a, b) = project(batch.positions, i)
            points.append((a, b, batch.charges[i] > 0 ? "+" : "-"))
            let (ta, tb) = project(batch.targets, i)
            points.append((ta, tb, Character(String(i + 1))))
            let (pa, pb) = project(prediction, i)
            points.append((pa, pb, Character(UnicodeScalar(UInt8(97 + i)))))
        }
        let extent = Swift.max(points.map { Swift.max(Swift.abs($0.0), Swift.abs($0.1)) }.max() ?? 1, 1e-6) * 1.05
        var grid = [[Character]](repeating: [Character](repeating: " ", count: width), count: height)
        for c in 0..<width { grid[height / 2][c] = "·" }
        for r in 0..<height { grid[r][width / 2] = "·" }
        for (a, b, ch) in points {
            let c = Int(((a / extent + 1) / 2 * Double(width - 1)).rounded())
            let r = Int(((1 - (b / extent + 1) / 2) * Double(height - 1)).rounded())
            if (0..<height).contains(r) && (0..<width).contains(c) { grid[r][c] = ch }
        }
        var mse = 0.0
        for (p, t) in zip(prediction, batch.targets) { mse += (p - t) * (p - t) }
        var lines = grid.map { String($0) }
        lines.append(String(format: "system %d of the test split, model %@, MSE %.4f, half-width %.2f", s, active,
                            mse / Double(n * 3), extent))
        lines.append("+/- input (charge)  1-5 target  a-e prediction  (action next-system steps)")
        return .text(title: "test system on its input PCA plane", lines: lines)
    }
}
