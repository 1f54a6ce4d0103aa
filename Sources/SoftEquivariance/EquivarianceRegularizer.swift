import Symmetry
import Tensors

/// The equivariance regulariser of one candidate group `G_k` (spec §3):
///
///     R_k(θ) = Σ_l ½ ( ‖W_l − P_k W_l‖²_F + ‖b_l − P_k^b b_l‖² ),   ∂R_k/∂W_l = W_l − P_k W_l,  ∂R_k/∂b_l = b_l − P_k b_l
///
/// The gradient is closed form because `P_k` is an orthogonal projector. For compact `G` and orthogonal `ρ`,
/// `½‖W − PW‖² = ¼ E_{g∼Haar} ‖ρ_out(g) W ρ_in(g)ᵀ − W‖²_F` (the weight-space equivariance error).
public struct EquivarianceRegularizer<Scalar: FloatingScalar>: Sendable {
    /// The candidate group.
    public let group: ContinuousGroup
    /// One projector plan per linear layer.
    public let layers: [RepLayerProjector<Scalar>]
    /// Whether the biases are penalised (spec default: yes).
    public let includesBias: Bool

    public init(group: ContinuousGroup, layerReps: [(out: RepSum, in: RepSum)], includesBias: Bool = true) {
        self.group = group
        let projectors = RepGroupProjectors.cached(group)
        layers = layerReps.map { RepLayerProjector(projectors: projectors, outRep: $0.out, inRep: $0.in) }
        self.includesBias = includesBias
    }

    /// The value, the per-layer values and the gradients `W − PW`, `b − Pb`.
    public func evaluate(weights: [Tensor<Scalar>], biases: [Tensor<Scalar>])
        -> (value: Double, perLayer: [Double], weights: [Tensor<Scalar>], biases: [Tensor<Scalar>]) {
        precondition(weights.count == layers.count && biases.count == layers.count, "regulariser needs \(layers.count) layers")
        var perLayer: [Double] = []
        var gw: [Tensor<Scalar>] = [], gb: [Tensor<Scalar>] = []
        for (l, plan) in layers.enumerated() {
            let rw = zip(weights[l].scalars, plan.project(weight: weights[l].scalars)).map { $0 - $1 }
            var total = rw.reduce(0.0) { $0 + Double($1) * Double($1) }
            var rb = [Scalar](repeating: 0, count: biases[l].count)
            if includesBias {
                rb = zip(biases[l].scalars, plan.project(bias: biases[l].scalars)).map { $0 - $1 }
                total += rb.reduce(0.0) { $0 + Double($1) * Double($1) }
            }
            perLayer.append(total / 2)
            gw.append(Tensor(shape: weights[l].shape, scalars: rw))
            gb.append(Tensor(shape: biases[l].shape, scalars: rb))
        }
        return (perLayer.reduce(0, +), perLayer, gw, gb)
    }

    /// The value only.
    public func value(weights: [Tensor<Scalar>], biases: [Tensor<Scalar>]) -> Double {
        evaluate(weights: weights, biases: biases).value
    }
}
