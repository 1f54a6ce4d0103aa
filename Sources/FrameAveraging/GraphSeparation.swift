import Tensors

/// The GRAPH8c separation benchmark (Puny et al. 2022, §5.2; Balcilar et al. 2021): random, untrained invariant
/// graph models embed all connected 8-node graphs; a non-isomorphic pair is *not separated* when every model's
/// embeddings agree within `threshold` in L1.
///
/// Models (node features: constant 1 and degree):
/// - `FA-MLP`: an MLP on the flattened canonical adjacency + features, averaged over the spectral frame;
/// - `FA-GIN+ID`: GIN with one-hot sorted-position identifiers appended, averaged over the frame;
/// - `GIN`: plain GIN (1-WL bounded), no frame.
/// The exact frame average uses every distinct canonical form (orders differing by an automorphism give the
/// same form, and each form stands for the same number of frame elements, so the plain mean is exact).
public struct GraphSeparation: Sendable {
    /// The backbones compared.
    public enum Model: String, CaseIterable, Sendable {
        case faMLP = "FA-MLP"
        case faGINID = "FA-GIN+ID"
        case gin = "GIN"
    }

    /// Adjacency matrices `[n·n]`.
    public let graphs: [[Double]]
    /// Nodes per graph.
    public let nodes: Int
    /// The spectral frame of each graph.
    public let frames: [SpectralFrame]
    /// Distinct canonical orders per graph (exact FA).
    let forms: [[[Int]]]

    /// Builds the frames and enumerates canonical forms (frames larger than `exactLimit` keep one order).
    public init(graphs: [[Double]], nodes: Int, exactLimit: Int = 40_320) {
        self.graphs = graphs
        self.nodes = nodes
        let frames = graphs.map { SpectralFrame(adjacency: $0, n: nodes) }
        self.frames = frames
        forms = zip(graphs, frames).map { a, f in
            guard let all = f.allElements(limit: exactLimit) else { return [f.order] }
            var seen = Set<[Double]>(), out: [[Int]] = []
            for o in all where seen.insert(SpectralFrame.reorder(a, n: nodes, by: o)).inserted { out.append(o) }
            return out
        }
    }

    /// Node features `[1, degree]` of graph `g` in the given order, plus one-hot positions when `ids`.
    func features(_ g: Int, order: [Int], ids: Bool) -> [Double] {
        let a = graphs[g], n = nodes
        var out: [Double] = []
        for p in 0..<n {
            let i = order[p]
            out.append(1)
            out.append((0..<n).reduce(0.0) { $0 + a[i * n + $1] })
            if ids { for q in 0..<n { out.append(q == p ? 1 : 0) } }
        }
        return out
    }

    /// One embedding per graph from a randomly initialised model of kind `model`.
    ///
    /// - Parameters:
    ///   - seed: initialisation seed (and the frame samples when `sampled`).
    ///   - sampled: approximate FA with one uniform frame element per graph instead of the exact average.
    public func embeddings(_ model: Model, seed: UInt64, sampled: Bool = false) -> [[Double]] {
        var rng = RandomSource(seed: seed)
        let n = nodes
        // Which (graph, order) inputs to evaluate.
        var owners: [Int] = [], orders: [[Int]] = []
        for g in 0..<graphs.count {
            let list: [[Int]]
            switch model {
            case .gin: list = [Array(0..<n)]
            default: list = sampled ? [frames[g].sample(using: &rng)] : forms[g]
            }
            for o in list { owners.append(g); orders.append(o) }
        }
        let out: Tensor<Double>
        switch model {
        case .faMLP:
            let f = 2
            var rows: [Double] = []
            rows.reserveCapacity(orders.count * (n * n + n * f))
            for (g, o) in zip(owners, orders) {
                rows += SpectralFrame.reorder(graphs[g], n: n, by: o)
                rows += features(g, order: o, ids: false)
            }
            let x = Tensor(shape: [orders.count, n * n + n * f], scalars: rows)
            out = RandomDenseStack(sizes: [n * n + n * f, 64, 64, 16], rng: &rng)(x)
        case .faGINID, .gin:
            let ids = model == .faGINID
            let f = ids ? 2 + n : 2
            var feats: [Double] = [], adjs: [[Double]] = []
            for (g, o) in zip(owners, orders) {
                feats += features(g, order: o, ids: ids)
                adjs.append(SpectralFrame.reorder(graphs[g], n: n, by: o))
            }
            out = RandomGIN(input: f, hidden: 32, layers: 3, rng: &rng)(Tensor(shape: [orders.count * n, f], scalars: feats),
                                                                       adjacency: adjs, nodes: n)
        }
        let d = out.shape[1]
        var sums = [[Double]](repeating: [Double](repeating: 0, count: d), count: graphs.count)
        var counts = [Double](repeating: 0, count: graphs.count)
        for (r, g) in owners.enumerated() {
            counts[g] += 1
            for j in 0..<d { sums[g][j] += out.scalars[r * d + j] }
        }
        return zip(sums, counts).map { s, c in s.map { $0 / c } }
    }

    /// Pairs that no model of kind `model` initialised from `seeds` separates (the paper's protocol: a pair
    /// counts as separated if any of the random models tells it apart).
    public func unseparatedPairs(_ model: Model, seeds: [UInt64], threshold: Double = 1e-3,
                                 sampled: Bool = false) -> [(Int, Int)] {
        var pairs: [(Int, Int)]? = nil
        for seed in seeds {
            pairs = GraphSeparation.unseparatedPairs(embeddings(model, seed: seed, sampled: sampled), threshold: threshold,
                                                     among: pairs)
            if pairs?.isEmpty == true { break }
        }
        return pairs ?? []
    }

    /// Pairs `(a, b)`, `a < b`, whose embeddings differ by at most `threshold` in L1; restricted to `candidates`
    /// when given (intersection over several models).
    public static func unseparatedPairs(_ e: [[Double]], threshold: Double = 1e-3,
                                        among candidates: [(Int, Int)]? = nil) -> [(Int, Int)] {
        func close(_ a: Int, _ b: Int) -> Bool {
            var s = 0.0
            for j in 0..<e[a].count { s += Swift.abs(e[a][j] - e[b][j]); if s > threshold { return false } }
            return true
        }
        if let candidates { return candidates.filter { close($0.0, $0.1) } }
        let order = e.indices.sorted { e[$0][0] < e[$1][0] }
        var out: [(Int, Int)] = []
        for (p, a) in order.enumerated() {
            var q = p + 1
            while q < order.count && e[order[q]][0] - e[a][0] <= threshold {
                let b = order[q]
                if close(a, b) { out.append((Swift.min(a, b), Swift.max(a, b))) }
                q += 1
            }
        }
        return out
    }
}
