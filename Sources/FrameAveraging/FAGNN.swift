import Autodiff
import NN
import Tensors

/// FA-GNN for the n-body task (Puny et al., ICLR 2022, §4): an S_n-equivariant message-passing backbone run on
/// the 8 (or 4) canonicalised copies of each system, with latent re-symmetrisation after layers 1–3, giving an
/// exactly E(3)×S_n-equivariant position predictor.
///
/// ```
///  X,V ─PCA frame F(X)─▶ [F_kᵀ(x_i−t), F_kᵀv_i] ─embed─▶ layer1 ─resym─▶ layer2 ─resym─▶ layer3 ─resym─▶ layer4
///                                                                  decoder ─▶ x̂_i = t + 1/|F| Σ_k F_k y_i^(k)
/// ```
/// Edge attributes `(q_i q_j, ‖x_i − x_j‖²)`; H = 60; 92,103 parameters at the defaults.
public final class FAGNN: NBodyModel {
    public let name = "FA-GNN"
    let stack: GNNStack
    /// Frame usage (live).
    public var mode: FAMode
    /// E(3) (8 elements) or SE(3) (4 elements) (live).
    public var group: FrameGroup
    /// Frame elements per system in the sampled mode's training passes.
    public var sampleCount: Int
    /// Whether to record the per-copy output spread (costs a little).
    public var recordsSpread = false

    public init(hidden: Int = 60, layers: Int = 4, mode: FAMode = .perLayer, group: FrameGroup = .e3,
                sampleCount: Int = 2, rng: inout RandomSource) {
        precondition(hidden % 3 == 0, "FA-GNN hidden width must be divisible by 3, got \(hidden)")
        stack = GNNStack(input: 6, hidden: hidden, attributes: 2, layers: layers, rng: &rng)
        self.mode = mode
        self.group = group
        self.sampleCount = sampleCount
    }

    public var parameters: [Parameter] { stack.parameters }

    public func predict(_ batch: NBodyBatch, training: Bool, rng: inout RandomSource) -> (Variable<Float>, NBodyTrace) {
        let n = batch.bodies, b = batch.systems
        let g: FrameGroup = group.isProper ? .se3 : .e3
        let sample: Int? = (mode == .sampled && training) ? sampleCount : nil
        var pca: [PCAFrame] = []
        var centroids: [Double] = []
        for s in 0..<b {
            let f = PCAFrame(points: Array(batch.positions[(s * n * 3)..<((s + 1) * n * 3)]), group: g)
            pca.append(f)
            centroids += f.centroid
        }
        var frames = BatchFrames(frames: pca, sample: sample, rng: &rng)
        var trace = NBodyTrace(inputGaps: frames.gaps)
        let k = frames.copies
        // Canonical node inputs, ordered (system, copy, node).
        var input = [Float](repeating: 0, count: b * k * n * 6)
        for s in 0..<b {
            let t = pca[s].centroid
            for c in 0..<k {
                let f = (s * k + c) * 9
                for i in 0..<n {
                    let p = (s * n + i) * 3, row = ((s * k + c) * n + i) * 6
                    let x = (0..<3).map { batch.positions[p + $0] - t[$0] }
                    let v = (0..<3).map { batch.velocities[p + $0] }
                    for col in 0..<3 {
                        var ax = 0.0, av = 0.0
                        for r in 0..<3 { let m = Double(frames.matrices[f + r * 3 + col]); ax += m * x[r]; av += m * v[r] }
                        input[row + col] = Float(ax)
                        input[row + 3 + col] = Float(av)
                    }
                }
            }
        }
        let graph = CompleteGraphs(graphs: b * k, nodes: n)
        var attrs = [Float](repeating: 0, count: graph.edgeCount * 2)
        for e in 0..<graph.edgeCount {
            let gi = graph.receivers[e], gj = graph.senders[e]
            let s = gi / (k * n), i = gi % n, j = gj % n
            var d2 = 0.0
            for d in 0..<3 { let z = batch.positions[(s * n + i) * 3 + d] - batch.positions[(s * n + j) * 3 + d]; d2 += z * z }
            attrs[e * 2] = Float(batch.charges[s * n + i] * batch.charges[s * n + j])
            attrs[e * 2 + 1] = Float(d2)
        }
        let attributes = Tensor(shape: [graph.edgeCount, 2], scalars: attrs)
        var h = stack.embed(Variable(Tensor(shape: [b * k * n, 6], scalars: input)))
        for (l, layer) in stack.layers.enumerated() {
            h = layer(h, attributes: attributes, graph: graph)
            if mode != .inputOutput && l < stack.layers.count - 1 {
                let (h2, f2) = FrameOps.resymmetrize(h, frames: frames, bodies: n, group: g, sample: sample, rng: &rng)
                h = h2
                frames = f2
                trace.latentGaps.append(f2.gaps)
            }
        }
        let y = stack.decode(h)
        if recordsSpread { trace.perFrameSpread = FAGNN.spread(y.value, frames: frames, bodies: n) }
        return (FrameOps.mapBackAndAverage(y, frames: frames, centroids: centroids, bodies: n), trace)
    }

    /// RMS distance of the mapped-back per-copy outputs `F_k y^(k)` from their mean, per system.
    static func spread(_ y: Tensor<Float>, frames: BatchFrames, bodies n: Int) -> [Double] {
        let k = frames.copies, fm = frames.matrices
        return (0..<frames.systems).map { s in
            var mapped = [[Double]](repeating: [], count: k)
            for c in 0..<k {
                let f = (s * k + c) * 9
                for i in 0..<n {
                    let row = ((s * k + c) * n + i) * 3
                    for r in 0..<3 {
                        mapped[c].append((0..<3).reduce(0.0) { $0 + Double(fm[f + r * 3 + $1]) * Double(y.scalars[row + $1]) })
                    }
                }
            }
            var total = 0.0
            for j in 0..<(n * 3) {
                let mean = mapped.reduce(0.0) { $0 + $1[j] } / Double(k)
                total += mapped.reduce(0.0) { $0 + ($1[j] - mean) * ($1[j] - mean) }
            }
            return (total / Double(k * n * 3)).squareRoot()
        }
    }
}
