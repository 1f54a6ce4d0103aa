import Autodiff
import NN
import Tensors

/// What one forward pass of an n-body model saw (frame diagnostics for the TUI).
public struct NBodyTrace: Sendable {
    /// Smaller relative eigen-gap of each system's input frame (empty for frame-free models).
    public var inputGaps: [Double] = []
    /// The same for each latent frame (one array per re-symmetrisation).
    public var latentGaps: [[Double]] = []
    /// Per system: the RMS spread of the mapped-back per-copy decoder outputs around their mean.
    public var perFrameSpread: [Double] = []
}

/// A model of the n-body task: predicts target positions `[B·n, 3]` from a batch.
public protocol NBodyModel: ParameterContainer {
    /// A short name (`"FA-GNN"`).
    var name: String { get }
    /// Forward pass. `training` selects the training-time frame sampling of the sampled-FA mode.
    func predict(_ batch: NBodyBatch, training: Bool, rng: inout RandomSource) -> (Variable<Float>, NBodyTrace)
}

/// How FA-GNN uses its frames.
public enum FAMode: String, Sendable, CaseIterable {
    /// Input frame, latent re-symmetrisation after layers 1–3, output with the last latent frame (the paper).
    case perLayer = "per-layer"
    /// One input frame, four layers on the copies, average only at the output.
    case inputOutput = "input-output"
    /// Like per-layer but training uses `k` random frame elements per system (evaluation uses all).
    case sampled
}

/// The plain message-passing stack shared by FA-GNN and GNN: embedding, 4 layers, decoder 60 → 60 → 3.
final class GNNStack: ParameterContainer {
    let embed: TorchLinear
    let layers: [MessagePassingLayer]
    let decoder1: TorchLinear, decoder2: TorchLinear

    init(input: Int, hidden: Int, attributes: Int, layers count: Int, rng: inout RandomSource) {
        embed = TorchLinear(input, hidden, name: "embed", rng: &rng)
        var ls: [MessagePassingLayer] = []
        for l in 0..<count { ls.append(MessagePassingLayer(hidden: hidden, attributes: attributes, name: "layer\(l)", rng: &rng)) }
        layers = ls
        decoder1 = TorchLinear(hidden, hidden, name: "decoder1", rng: &rng)
        decoder2 = TorchLinear(hidden, 3, name: "decoder2", rng: &rng)
    }

    var parameters: [Parameter] {
        embed.parameters + layers.flatMap(\.parameters) + decoder1.parameters + decoder2.parameters
    }

    func decode(_ h: Variable<Float>) -> Variable<Float> { decoder2(FusedOps.silu(decoder1(h))) }
}

/// The "GNN" baseline of Satorras et al. (2021): raw `[x_i, v_i]`, edge attribute `q_i q_j`, H = 64,
/// absolute positions out. Not E(3)-equivariant (permutation-equivariant only).
public final class PlainGNN: NBodyModel {
    public let name = "GNN"
    let stack: GNNStack

    public init(hidden: Int = 64, layers: Int = 4, rng: inout RandomSource) {
        stack = GNNStack(input: 6, hidden: hidden, attributes: 1, layers: layers, rng: &rng)
    }

    public var parameters: [Parameter] { stack.parameters }

    public func predict(_ batch: NBodyBatch, training: Bool, rng: inout RandomSource) -> (Variable<Float>, NBodyTrace) {
        let n = batch.bodies, b = batch.systems
        var input = [Float](repeating: 0, count: b * n * 6)
        for r in 0..<(b * n) {
            for d in 0..<3 {
                input[r * 6 + d] = Float(batch.positions[r * 3 + d])
                input[r * 6 + 3 + d] = Float(batch.velocities[r * 3 + d])
            }
        }
        let graph = CompleteGraphs(graphs: b, nodes: n)
        let attrs = Tensor<Float>(shape: [graph.edgeCount, 1]) { e in
            Float(batch.charges[graph.receivers[e]] * batch.charges[graph.senders[e]])
        }
        var h = stack.embed(Variable(Tensor(shape: [b * n, 6], scalars: input)))
        for layer in stack.layers { h = layer(h, attributes: attrs, graph: graph) }
        return (stack.decode(h), NBodyTrace())
    }
}

/// The "Linear" baseline: `x̂ = x + τ v` with one learned scalar τ (init 0.7).
public final class LinearDrift: NBodyModel {
    public let name = "Linear"
    let tau = Parameter(name: "linear.tau", value: Tensor(shape: [1], scalars: [0.7]))

    public init() {}

    public var parameters: [Parameter] { [tau] }

    public func predict(_ batch: NBodyBatch, training: Bool, rng: inout RandomSource) -> (Variable<Float>, NBodyTrace) {
        let m = batch.systems * batch.bodies
        let x = Variable(Tensor(shape: [m, 3], scalars: batch.positions.map { Float($0) }))
        let v = Variable(Tensor(shape: [m, 3], scalars: batch.velocities.map { Float($0) }))
        return (x + v * tau.variable(), NBodyTrace())
    }
}
