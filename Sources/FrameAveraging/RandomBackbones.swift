import Tensors

/// A randomly initialised dense network in Double with tanh between layers (graph-separation backbones).
struct RandomDenseStack {
    var weights: [Tensor<Double>] = []
    var biases: [Tensor<Double>] = []
    var relu = false

    init(sizes: [Int], relu: Bool = false, rng: inout RandomSource) {
        self.relu = relu
        for i in 0..<(sizes.count - 1) {
            let bound = (3.0 / Double(sizes[i])).squareRoot()
            weights.append(.randomUniform([sizes[i], sizes[i + 1]], in: -bound...bound, using: &rng))
            biases.append(.randomUniform([sizes[i + 1]], in: -0.5...0.5, using: &rng))
        }
    }

    /// `[rows, in] → [rows, out]`.
    func callAsFunction(_ x: Tensor<Double>) -> Tensor<Double> {
        var h = x
        for (i, w) in weights.enumerated() {
            h = h.matmul(w) + biases[i]
            if i < weights.count - 1 { h = relu ? h.map { Swift.max($0, 0) } : h.map { Double.tanh($0) } }
        }
        return h
    }
}

/// A randomly initialised GIN (Xu et al. 2019): `H ← ReLU(MLP(H + A·H))` per layer (ReLU MLPs), sum readout of every layer
/// (jumping knowledge), in Double.
struct RandomGIN {
    var mlps: [RandomDenseStack] = []

    init(input: Int, hidden: Int, layers: Int, rng: inout RandomSource) {
        var width = input
        for _ in 0..<layers {
            mlps.append(RandomDenseStack(sizes: [width, hidden, hidden], relu: true, rng: &rng))
            width = hidden
        }
    }

    /// Node features `[graphs·n, f]` with one adjacency per graph → graph embeddings `[graphs, layers·hidden]`.
    func callAsFunction(_ x: Tensor<Double>, adjacency: [[Double]], nodes n: Int) -> Tensor<Double> {
        var h = x
        var readouts: [Tensor<Double>] = []
        for mlp in mlps {
            let f = h.shape[1]
            var agg = h.scalars
            h.scalars.withUnsafeBufferPointer { ph in
                for (g, a) in adjacency.enumerated() {
                    for i in 0..<n {
                        for j in 0..<n where a[i * n + j] != 0 {
                            for c in 0..<f { agg[(g * n + i) * f + c] += ph[(g * n + j) * f + c] }
                        }
                    }
                }
            }
            h = mlp(Tensor(shape: h.shape, scalars: agg)).map { Swift.max($0, 0) }
            readouts.append(h.reshaped([adjacency.count, n, h.shape[1]]).sum(axis: 1))
        }
        return Tensor.concatenate(readouts, axis: 1)
    }
}
