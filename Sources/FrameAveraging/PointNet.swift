import Autodiff
import NN
import Tensors

/// A small PointNet segmentation head for per-point normals (Qi et al. 2017):
/// shared MLP 3 → 64 → 64, max-pool to a global feature, then `[local, global]` → 64 → 3 per point.
/// With `frameAveraged` it becomes FA-PointNet: each cloud is canonicalised by its 8 PCA-frame elements (E(3)),
/// the backbone runs on every copy, and the per-point outputs are mapped back (`F_k y`) and averaged — an exactly
/// E(3)-equivariant vector field (Puny et al. 2022, §5.3).
public final class NormalsPointNet: ParameterContainer {
    let local1: TorchLinear, local2: TorchLinear, head1: TorchLinear, head1Global: TorchLinear, head2: TorchLinear
    /// Whether the backbone is frame averaged.
    public let frameAveraged: Bool

    public init(frameAveraged: Bool, rng: inout RandomSource) {
        self.frameAveraged = frameAveraged
        local1 = TorchLinear(3, 64, name: "local1", rng: &rng)
        local2 = TorchLinear(64, 64, name: "local2", rng: &rng)
        head1 = TorchLinear(64, 64, name: "head1", rng: &rng)
        head1Global = TorchLinear(64, 64, name: "head1.global", rng: &rng)
        head2 = TorchLinear(64, 3, name: "head2", rng: &rng)
    }

    public var parameters: [Parameter] {
        local1.parameters + local2.parameters + head1.parameters + head1Global.parameters + head2.parameters
    }

    /// Predicted (unnormalised) normals `[clouds·n, 3]` for `clouds` point sets of `n` points (`[clouds·n·3]`).
    public func predict(points: [Double], clouds: Int, pointsPerCloud n: Int) -> Variable<Float> {
        guard frameAveraged else {
            return backbone(Tensor(shape: [clouds * n, 3], scalars: points.map { Float($0) }), clouds: clouds, n: n)
        }
        var pca: [PCAFrame] = []
        for c in 0..<clouds { pca.append(PCAFrame(points: Array(points[(c * n * 3)..<((c + 1) * n * 3)]), group: .e3)) }
        var rng = RandomSource(seed: 0)
        let frames = BatchFrames(frames: pca, sample: nil, rng: &rng)
        let k = frames.copies
        var canonical = [Float](repeating: 0, count: clouds * k * n * 3)
        for c in 0..<clouds {
            let t = pca[c].centroid
            for e in 0..<k {
                let f = (c * k + e) * 9
                for i in 0..<n {
                    let p = (c * n + i) * 3, row = ((c * k + e) * n + i) * 3
                    for col in 0..<3 {
                        var acc = 0.0
                        for r in 0..<3 { acc += Double(frames.matrices[f + r * 3 + col]) * (points[p + r] - t[r]) }
                        canonical[row + col] = Float(acc)
                    }
                }
            }
        }
        let y = backbone(Tensor(shape: [clouds * k * n, 3], scalars: canonical), clouds: clouds * k, n: n)
        return FrameOps.mapBackAndAverage(y, frames: frames, centroids: [Double](repeating: 0, count: clouds * 3), bodies: n)
    }

    func backbone(_ x: Tensor<Float>, clouds: Int, n: Int) -> Variable<Float> {
        let h = FusedOps.silu(local2(FusedOps.silu(local1(Variable(x)))))
        let global = PointNetOps.maxPool(h, groupSize: n)
        let g = PointNetOps.repeatRows(FusedOps.affine(global, head1Global.weight.variable(), head1Global.bias.variable()), times: n)
        let u = FusedOps.silu(head1(h) + g)
        return head2(u)
    }
}

/// Pooling and loss operations of the normals task (candidates for Autodiff).
enum PointNetOps {
    /// Max over each block of `groupSize` rows: `[G·n, c] → [G, c]`; the VJP routes to the arg-max row.
    static func maxPool(_ x: Variable<Float>, groupSize n: Int) -> Variable<Float> {
        let c = x.shape[1], groups = x.shape[0] / n
        var out = [Float](repeating: -.infinity, count: groups * c), arg = [Int](repeating: 0, count: groups * c)
        let v = x.value.scalars
        for g in 0..<groups {
            for i in 0..<n { for j in 0..<c where v[(g * n + i) * c + j] > out[g * c + j] { out[g * c + j] = v[(g * n + i) * c + j]; arg[g * c + j] = g * n + i } }
        }
        let rows = x.shape[0]
        return Variable(Tensor(shape: [groups, c], scalars: out), inputs: [x]) { grad in
            var d = [Float](repeating: 0, count: rows * c)
            for k in 0..<(groups * c) { d[arg[k] * c + k % c] += grad.scalars[k] }
            return [Tensor(shape: [rows, c], scalars: d)]
        }
    }

    /// Each row repeated `times` times consecutively: `[G, c] → [G·times, c]` (VJP: block sums).
    static func repeatRows(_ x: Variable<Float>, times: Int) -> Variable<Float> {
        let g = x.shape[0], c = x.shape[1]
        var out = [Float]()
        out.reserveCapacity(g * times * c)
        for r in 0..<g { for _ in 0..<times { out += x.value.scalars[(r * c)..<((r + 1) * c)] } }
        return Variable(Tensor(shape: [g * times, c], scalars: out), inputs: [x]) { grad in
            [grad.reshaped([g, times, c]).sum(axis: 1)]
        }
    }

    /// Sign-agnostic normal loss `mean(1 − (p·n)² / (p·p))` over points (`n` unit targets `[M, 3]`).
    static func normalLoss(_ p: Variable<Float>, targets: [Double]) -> Variable<Float> {
        let m = p.shape[0], v = p.value.scalars
        var loss = 0.0
        var grad = [Float](repeating: 0, count: m * 3)
        for i in 0..<m {
            let a = (0..<3).map { Double(v[i * 3 + $0]) }, t = (0..<3).map { targets[i * 3 + $0] }
            let pp = Swift.max(a[0] * a[0] + a[1] * a[1] + a[2] * a[2], 1e-12), pt = a[0] * t[0] + a[1] * t[1] + a[2] * t[2]
            loss += 1 - pt * pt / pp
            for d in 0..<3 { grad[i * 3 + d] = Float(-(2 * pt * t[d] * pp - pt * pt * 2 * a[d]) / (pp * pp) / Double(m)) }
        }
        return Variable(Tensor(Float(loss / Double(m))), inputs: [p]) { g in
            [Tensor(shape: [m, 3], scalars: grad.map { $0 * g.scalar })]
        }
    }
}
