import Symmetry

/// The typed layer layout of EMLP-lite (spec §6): `blocks` hidden blocks, then a linear output layer.
///
/// Hidden layer `l` maps into `gated = (c_V + c_T gate scalars) ⊕ H`; the gates come first and are ordinary S
/// channels for the projectors, so `gated = (c_V + c_T + c_S)·S ⊕ c_V·V ⊕ c_T·T`.
///
///     x ∈ ρ_in ──W₀,b₀──▶ gated ──products, gates──▶ H ──W₁,b₁──▶ gated ──▶ H … ──W_L,b_L──▶ ρ_out
public struct EMLPLiteArchitecture: Sendable, Hashable {
    /// Input, hidden and output representations.
    public var inRep: RepSum
    public var hidden: RepSum
    public var outRep: RepSum
    /// The number of hidden blocks (spec: 3).
    public var blocks: Int
    /// Restrict the products to the Scale-compatible ones (CosSim, spec §9.2).
    public var usesScaleCompatibleProducts: Bool

    public init(inRep: RepSum, hidden: RepSum, outRep: RepSum, blocks: Int = 3, usesScaleCompatibleProducts: Bool = false) {
        self.usesScaleCompatibleProducts = usesScaleCompatibleProducts
        precondition(blocks >= 1, "EMLP-lite needs at least one hidden block")
        precondition(hidden.vectors > 0 && hidden.scalars > 0, "EMLP-lite needs S and V hidden channels, got \(hidden)")
        self.inRep = inRep
        self.hidden = hidden
        self.outRep = outRep
        self.blocks = blocks
    }

    /// The number of gate scalars, `c_V + c_T`.
    @inlinable public var gateCount: Int { hidden.vectors + hidden.tensors }

    /// The output representation of a hidden linear layer (gates, then H).
    public var gated: RepSum {
        RepSum(scalars: gateCount + hidden.scalars, vectors: hidden.vectors, tensors: hidden.tensors)
    }

    /// `(out, in)` representations of every linear layer, output layer last.
    public var layerReps: [(out: RepSum, in: RepSum)] {
        (0..<blocks).map { (out: gated, in: $0 == 0 ? inRep : hidden) } + [(out: outRep, in: hidden)]
    }

    /// The number of trainable scalars of the weights and biases.
    public var parameterCount: Int { layerReps.reduce(0) { $0 + $1.out.dimension * ($1.in.dimension + 1) } }
}
