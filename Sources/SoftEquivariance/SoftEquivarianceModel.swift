import NN
import Symmetry
import Tensors

/// One trainable model of the comparison: EMLP-lite (PER, PER-fixed, Free, Hard(G), RPP) or the swish MLP.
///
/// Parameters are NN `Parameter`s (Float) named `layer<l>.weight` / `layer<l>.bias` (RPP adds
/// `layer<l>.weight.residual` / `.bias.residual`). The forward pass runs on *effective* weights:
/// raw for PER/Free/MLP, `P_G W` for Hard(G), `P_O3 W_e + W_f` for RPP; gradients map back through the same
/// linear maps (`P` is symmetric).
public final class SoftEquivarianceModel: ParameterContainer {
    /// Which model this is.
    public let kind: SoftModelKind
    /// The EMLP-lite network (nil for the MLP).
    public let network: EMLPLiteNetwork?
    /// The MLP network (nil for EMLP-lite kinds).
    public let mlp: SwishMLPNetwork?
    /// The layer weights and biases (W_e, b_e for RPP).
    public let weights: [Parameter]
    public let biases: [Parameter]
    /// RPP's residual path W_f, b_f (empty otherwise).
    public let residualWeights: [Parameter]
    public let residualBiases: [Parameter]
    /// The projector used in the forward pass (Hard: G; RPP: O3).
    let projection: [RepLayerProjector<Float>]?
    /// The RPP residual penalty coefficient.
    public let residualPenalty: Float

    public var parameters: [Parameter] { weights + biases + residualWeights + residualBiases }

    /// - Parameters:
    ///   - hardGroup: the group of Hard(G) (ignored otherwise).
    ///   - mlpSizes: `[in, hidden…, out]` for the MLP.
    public init(kind: SoftModelKind, architecture: EMLPLiteArchitecture, hardGroup: ContinuousGroup = .o3,
                mlpHidden: [Int] = [128, 128, 128], residualPenalty: Float = 1.0, rng: inout RandomSource) {
        self.kind = kind
        self.residualPenalty = residualPenalty
        var w: [Parameter] = [], b: [Parameter] = [], rw: [Parameter] = [], rb: [Parameter] = []
        if kind == .mlp {
            let sizes = [architecture.inRep.dimension] + mlpHidden + [architecture.outRep.dimension]
            mlp = SwishMLPNetwork(sizes: sizes)
            network = nil
            for l in 0..<(sizes.count - 1) {
                let bound = (1.0 / Double(sizes[l])).squareRoot()
                w.append(Parameter(name: "layer\(l).weight",
                                   value: .randomUniform([sizes[l + 1], sizes[l]], in: -bound...bound, using: &rng)))
                b.append(Parameter(name: "layer\(l).bias", value: Tensor(zeros: [sizes[l + 1]])))
            }
            projection = nil
        } else {
            network = EMLPLiteNetwork(architecture: architecture)
            mlp = nil
            for (l, reps) in architecture.layerReps.enumerated() {
                let dOut = reps.out.dimension, dIn = reps.in.dimension
                let wv = SoftEquivarianceModel.orthogonal(rows: dOut, columns: dIn, using: &rng)
                let scale = 1 / Double(dOut).squareRoot()
                let bv = Tensor<Float>(shape: [dOut]) { _ in Float(rng.uniform() * scale) }
                w.append(Parameter(name: "layer\(l).weight", value: wv))
                b.append(Parameter(name: "layer\(l).bias", value: bv))
                if kind == .rpp {
                    rw.append(Parameter(name: "layer\(l).weight.residual", value: wv * Float(1e-3)))
                    rb.append(Parameter(name: "layer\(l).bias.residual", value: bv * Float(1e-3)))
                }
            }
            switch kind {
            case .hard:
                let p = RepGroupProjectors.cached(hardGroup)
                projection = architecture.layerReps.map { RepLayerProjector(projectors: p, outRep: $0.out, inRep: $0.in) }
            case .rpp:
                let p = RepGroupProjectors.cached(.o3)
                projection = architecture.layerReps.map { RepLayerProjector(projectors: p, outRep: $0.out, inRep: $0.in) }
            default:
                projection = nil
            }
        }
        weights = w
        biases = b
        residualWeights = rw
        residualBiases = rb
    }

    /// A `[rows, columns]` matrix with orthonormal rows or columns (whichever are fewer), from Gaussian draws.
    static func orthogonal(rows: Int, columns: Int, using rng: inout RandomSource) -> Tensor<Float> {
        let count = min(rows, columns), length = max(rows, columns)
        var vectors: [[Double]] = []
        while vectors.count < count {
            var v = (0..<length).map { _ in rng.normal() }
            for u in vectors {
                let dot = zip(u, v).reduce(0.0) { $0 + $1.0 * $1.1 }
                for i in 0..<length { v[i] -= dot * u[i] }
            }
            let norm = v.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
            if norm > 1e-8 { vectors.append(v.map { $0 / norm }) }
        }
        return Tensor(shape: [rows, columns]) { index in
            let r = index / columns, c = index % columns
            return Float(rows <= columns ? vectors[r][c] : vectors[c][r])
        }
    }

    /// The weights and biases the forward pass uses.
    public func effectiveParameters() -> (weights: [Tensor<Float>], biases: [Tensor<Float>]) {
        let w = weights.map(\.value), b = biases.map(\.value)
        guard let projection else { return (w, b) }
        var ew = zip(projection, w).map { $0.project(weight: $1) }
        var eb = zip(projection, b).map { $0.project(bias: $1) }
        if kind == .rpp {
            for l in ew.indices {
                ew[l] = ew[l] + residualWeights[l].value
                eb[l] = eb[l] + residualBiases[l].value
            }
        }
        return (ew, eb)
    }

    /// Predictions `[n, d_out]` for inputs `[n, d_in]`.
    public func predict(_ x: Tensor<Float>) -> Tensor<Float> {
        let (w, b) = effectiveParameters()
        if let mlp { return mlp.forward(x, weights: w, biases: b).output }
        guard let network else { preconditionFailure("model without a network") }
        return network(x, weights: w, biases: b)
    }

    /// The batch MSE (mean over rows and outputs); sets every parameter's gradient to that of
    /// `MSE + residual penalty`. Returns the MSE and the residual penalty value.
    @discardableResult
    public func computeGradients(inputs x: Tensor<Float>, targets y: Tensor<Float>) -> (mse: Double, penalty: Double) {
        let (w, b) = effectiveParameters()
        let output: Tensor<Float>
        var backward: (Tensor<Float>) -> (weights: [Tensor<Float>], biases: [Tensor<Float>])
        if let mlp {
            let f = mlp.forward(x, weights: w, biases: b)
            output = f.output
            backward = { mlp.backward($0, inputs: f.inputs, preActivations: f.preActivations, weights: w) }
        } else if let network {
            let f = network.forward(x, weights: w, biases: b)
            output = f.output
            backward = { network.backward($0, tape: f.tape, weights: w) }
        } else { preconditionFailure("model without a network") }
        precondition(output.shape == y.shape, "targets \(y.shape) for outputs \(output.shape)")
        let scale = 2 / Float(y.count)
        var mse = 0.0
        var dOut = [Float](repeating: 0, count: y.count)
        output.scalars.withUnsafeBufferPointer { o in
            y.scalars.withUnsafeBufferPointer { t in
                for i in 0..<o.count {
                    let d = o[i] - t[i]
                    mse += Double(d) * Double(d)
                    dOut[i] = scale * d
                }
            }
        }
        mse /= Double(y.count)
        let grads = backward(Tensor(shape: output.shape, scalars: dOut))
        var penalty = 0.0
        for l in weights.indices {
            if let projection {
                weights[l].gradient = projection[l].project(weight: grads.weights[l])
                biases[l].gradient = projection[l].project(bias: grads.biases[l])
            } else {
                weights[l].gradient = grads.weights[l]
                biases[l].gradient = grads.biases[l]
            }
            if kind == .rpp {
                let c = residualPenalty
                residualWeights[l].gradient = grads.weights[l] + residualWeights[l].value * (2 * c)
                residualBiases[l].gradient = grads.biases[l] + residualBiases[l].value * (2 * c)
                penalty += Double(c) * (residualWeights[l].value.scalars.reduce(0.0) { $0 + Double($1 * $1) }
                    + residualBiases[l].value.scalars.reduce(0.0) { $0 + Double($1 * $1) })
            }
        }
        return (mse, penalty)
    }
}
