import Autodiff
import NN
import Tensors

/// Complete directed graphs without self loops, `graphs` copies of `n` nodes, edges ordered (graph, i, j ≠ i).
///
/// Edge `e` goes from receiver `i` (`receivers[e]`) to sender `j` (`senders[e]`), so the `n − 1` edges of a
/// receiver are consecutive and aggregation is a sum over consecutive rows.
struct CompleteGraphs: Sendable {
    let graphs: Int
    let nodes: Int
    let receivers: [Int]
    let senders: [Int]

    init(graphs: Int, nodes: Int) {
        self.graphs = graphs
        self.nodes = nodes
        var r: [Int] = [], s: [Int] = []
        r.reserveCapacity(graphs * nodes * (nodes - 1))
        s.reserveCapacity(graphs * nodes * (nodes - 1))
        for g in 0..<graphs {
            for i in 0..<nodes { for j in 0..<nodes where j != i { r.append(g * nodes + i); s.append(g * nodes + j) } }
        }
        receivers = r
        senders = s
    }

    var edgeCount: Int { receivers.count }
}

/// One message-passing layer of Satorras et al.'s "GNN" (the backbone of FA-GNN, Puny et al. 2022 §4):
///
/// ```
/// m_ij = σ(W2 σ(W1 [h_i, h_j, a_ij] + b1) + b2)
/// h_i ← h_i + W4 σ(W3 [h_i, Σ_{j≠i} m_ij] + b3) + b4          σ = SiLU
/// ```
/// `W1` is stored split as `[W1a | W1b]` (`[H, 2H]`, applied once per node) and `W1c` (`[A, H]`, per edge).
final class MessagePassingLayer: ParameterContainer {
    let pairWeight: Parameter, attributeWeight: Parameter, edgeBias1: Parameter
    let edgeWeight2: Parameter, edgeBias2: Parameter
    let nodeWeightH: Parameter, nodeWeightM: Parameter, nodeBias3: Parameter
    let nodeWeight4: Parameter, nodeBias4: Parameter
    let hidden: Int

    init(hidden h: Int, attributes a: Int, name: String, rng: inout RandomSource) {
        hidden = h
        func u(_ shape: [Int], _ fanIn: Int, _ n: String) -> Parameter {
            let bound = 1 / Double(fanIn).squareRoot()
            return Parameter(name: "\(name).\(n)", value: .randomUniform(shape, in: -bound...bound, using: &rng))
        }
        pairWeight = u([h, 2 * h], 2 * h + a, "edge1.pair")
        attributeWeight = u([a, h], 2 * h + a, "edge1.attr")
        edgeBias1 = u([h], 2 * h + a, "edge1.bias")
        edgeWeight2 = u([h, h], h, "edge2.weight")
        edgeBias2 = u([h], h, "edge2.bias")
        nodeWeightH = u([h, h], 2 * h, "node1.h")
        nodeWeightM = u([h, h], 2 * h, "node1.m")
        nodeBias3 = u([h], 2 * h, "node1.bias")
        nodeWeight4 = u([h, h], h, "node2.weight")
        nodeBias4 = u([h], h, "node2.bias")
    }

    var parameters: [Parameter] {
        [pairWeight, attributeWeight, edgeBias1, edgeWeight2, edgeBias2, nodeWeightH, nodeWeightM, nodeBias3,
         nodeWeight4, nodeBias4]
    }

    /// Applies the layer to node features `[N, H]` with constant edge attributes `[E, A]`.
    func callAsFunction(_ h: Variable<Float>, attributes: Tensor<Float>, graph: CompleteGraphs) -> Variable<Float> {
        let pq = h.matmul(pairWeight.variable())
        let pre = MessagePassingLayer.edgeInput(pq, attributes: attributes, weight: attributeWeight.variable(),
                                                bias: edgeBias1.variable(), graph: graph, hidden: hidden)
        let m = FusedOps.silu(FusedOps.affine(FusedOps.silu(pre), edgeWeight2.variable(), edgeBias2.variable()))
        let agg = FusedOps.sumConsecutiveRows(m, blockSize: graph.nodes - 1)
        let u = FusedOps.silu(FusedOps.affine2(h, nodeWeightH.variable(), agg, nodeWeightM.variable(), nodeBias3.variable()))
        return h + FusedOps.affine(u, nodeWeight4.variable(), nodeBias4.variable())
    }

    /// `pre_e = PQ[i_e, :H] + PQ[j_e, H:] + a_e·W1c + b1` with its VJP.
    static func edgeInput(_ pq: Variable<Float>, attributes: Tensor<Float>, weight: Variable<Float>,
                          bias: Variable<Float>, graph: CompleteGraphs, hidden h: Int) -> Variable<Float> {
        let e = graph.edgeCount, a = attributes.shape[1], nodes = pq.shape[0]
        var out = attributes.matmul(weight.value)
        let b = bias.value.scalars
        pq.value.scalars.withUnsafeBufferPointer { p in
            out.scalars.withUnsafeMutableBufferPointer { o in
                for r in 0..<e {
                    let i = graph.receivers[r] * 2 * h, j = graph.senders[r] * 2 * h + h, base = r * h
                    for k in 0..<h { o[base + k] += p[i + k] + p[j + k] + b[k] }
                }
            }
        }
        _ = a
        return Variable(out, inputs: [pq, weight, bias]) { g in
            var gpq = [Float](repeating: 0, count: nodes * 2 * h)
            g.scalars.withUnsafeBufferPointer { pg in
                gpq.withUnsafeMutableBufferPointer { o in
                    for r in 0..<e {
                        let i = graph.receivers[r] * 2 * h, j = graph.senders[r] * 2 * h + h, base = r * h
                        for k in 0..<h { o[i + k] += pg[base + k]; o[j + k] += pg[base + k] }
                    }
                }
            }
            return [Tensor(shape: [nodes, 2 * h], scalars: gpq), attributes.matmul(g, transposeSelf: true),
                    FusedOps.columnSums(g)]
        }
    }
}

/// A dense layer with PyTorch's default initialisation `U(±1/√fan_in)` for weight and bias.
final class TorchLinear: ParameterContainer {
    let weight: Parameter, bias: Parameter

    init(_ i: Int, _ o: Int, name: String, rng: inout RandomSource) {
        let bound = 1 / Double(i).squareRoot()
        weight = Parameter(name: "\(name).weight", value: .randomUniform([i, o], in: -bound...bound, using: &rng))
        bias = Parameter(name: "\(name).bias", value: .randomUniform([o], in: -bound...bound, using: &rng))
    }

    var parameters: [Parameter] { [weight, bias] }

    func callAsFunction(_ x: Variable<Float>) -> Variable<Float> {
        FusedOps.affine(x, weight.variable(), bias.variable())
    }
}
