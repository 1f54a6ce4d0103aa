import RealModule

/// An exact quadrature rule on the unit sphere: Gauss–Legendre in `cos t` times equally spaced `p`.
///
/// With `n_t` Gauss nodes and `n_p` azimuths it integrates exactly every polynomial of degree `<= B` on the
/// sphere when `2 n_t − 1 >= B` and `n_p >= B + 1` (Gaunt spec §8a). Weights sum to `4π`.
public struct SphereQuadrature: Sendable {
    /// Unit points `[x, y, z]`.
    public let points: [[Double]]
    /// One weight per point.
    public let weights: [Double]

    /// The rule exact for band limit `bandLimit` (the total degree of the integrand).
    public init(bandLimit B: Int) {
        let nt = max(1, B / 2 + 1), np = B + 1
        let (nodes, gw) = SphereQuadrature.gaussLegendre(nt)
        var pts: [[Double]] = [], ws: [Double] = []
        pts.reserveCapacity(nt * np)
        for i in 0..<nt {
            let c = nodes[i], s = max(0, 1 - c * c).squareRoot()
            for k in 0..<np {
                let p = 2 * Double.pi * Double(k) / Double(np)
                pts.append([s * Double.cos(p), s * Double.sin(p), c])
                ws.append(gw[i] * 2 * Double.pi / Double(np))
            }
        }
        points = pts
        weights = ws
    }

    /// Gauss–Legendre nodes and weights on [-1, 1] (Newton iteration on `P_n`, to full double precision).
    public static func gaussLegendre(_ n: Int) -> (nodes: [Double], weights: [Double]) {
        var x = [Double](repeating: 0, count: n), w = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var z = Double.cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
            var dp = 0.0
            for _ in 0..<100 {
                var p0 = 1.0, p1 = 0.0
                for j in 1...n {
                    let p2 = p1
                    p1 = p0
                    p0 = (Double(2 * j - 1) * z * p1 - Double(j - 1) * p2) / Double(j)
                }
                dp = Double(n) * (z * p0 - p1) / (z * z - 1)
                let dz = p0 / dp
                z -= dz
                if abs(dz) < 1e-16 { break }
            }
            x[i] = z
            w[i] = 2 / ((1 - z * z) * dp * dp)
        }
        return (x, w)
    }
}
