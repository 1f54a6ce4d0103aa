import Symmetry
import Tensors

/// A batch of point clouds as one graph: directed edges `src → dst`, their SH and radial features.
public struct GauntGraph: Sendable {
    /// Total nodes, and for each node the index of its point cloud.
    public var nodeCount: Int, graphOfNode: [Int], graphCount: Int
    /// Edge endpoints (messages flow from `src` to `dst`).
    public var src: [Int], dst: [Int]
    /// `Y(r̂_ij)` per edge, `[E, (L+1)²]`, with `r_ij = x_src − x_dst`.
    public var harmonics: Tensor<Double>
    /// Radial-network inputs per edge, `[E, R]`.
    public var radial: Tensor<Double>

    /// Builds the graph of clouds `positions[g]` (each `[n_g][3]`), connecting pairs closer than `cutoff`.
    ///
    /// - Parameter radialFeatures: maps `(distance, src, dst)` (global node indices) to the radial inputs.
    public init(clouds positions: [[[Double]]], cutoff: Double, maxDegree L: Int,
                radialFeatures: (Double, Int, Int) -> [Double]) {
        var s: [Int] = [], d: [Int] = [], ys: [Double] = [], rad: [Double] = [], owner: [Int] = []
        var base = 0, width = 0
        for (g, cloud) in positions.enumerated() {
            for i in 0..<cloud.count {
                owner.append(g)
                for j in 0..<cloud.count where j != i {
                    let r = (0..<3).map { cloud[j][$0] - cloud[i][$0] }
                    let dist = (r[0] * r[0] + r[1] * r[1] + r[2] * r[2]).squareRoot()
                    guard dist < cutoff, dist > 0 else { continue }
                    s.append(base + j); d.append(base + i)
                    ys += SphericalHarmonics.evaluate(maxDegree: L, x: r[0], y: r[1], z: r[2])
                    let f = radialFeatures(dist, base + j, base + i)
                    width = f.count
                    rad += f
                }
            }
            base += cloud.count
        }
        nodeCount = base
        graphOfNode = owner
        graphCount = positions.count
        src = s; dst = d
        harmonics = Tensor(shape: [s.count, (L + 1) * (L + 1)], scalars: ys)
        radial = Tensor(shape: [s.count, width], scalars: rad)
    }
}
