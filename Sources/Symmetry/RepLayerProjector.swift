import Tensors

/// Projects a linear layer `W: ρ_in → ρ_out` (`[d_out, d_in]`, row-major) and its bias (in `ρ_out`) onto the
/// `G`-equivariant subspace, blockwise.
///
/// Because `ρ_in` and `ρ_out` are block diagonal, the (o, i) channel block of `W` must be equivariant from
/// `type(i)` to `type(o)`. For each of the nine type pairs the plan gathers all blocks of that pair into a
/// matrix `[n_blocks, d_o·d_i]` and multiplies it by `P_pairᵀ` (one `gemm`). The bias is projected with the
/// `out ← S` projectors. The projection is orthogonal in the Frobenius metric of the raw weights. Spec §2.
///
/// - Complexity: `O(Σ_pairs n_blocks · (d_o·d_i)²)` per call, at most 81² per block.
public struct RepLayerProjector<Scalar: FloatingScalar>: Sendable {
    /// The group, output and input representations.
    public let groupName: String
    public let outRep: RepSum
    public let inRep: RepSum

    struct Pair: Sendable {
        var size: Int
        var blockCount: Int
        /// Flat indices into `W`, `[blockCount, size]`.
        var indices: [Int]
        /// `P` (symmetric), `size×size`; nil when `P = 0`.
        var projector: [Scalar]?
    }

    let pairs: [Pair]
    let biasPairs: [Pair]

    /// Builds the gather plan and converts the projectors to `Scalar`.
    public init(projectors: RepGroupProjectors, outRep: RepSum, inRep: RepSum) {
        self.groupName = projectors.group.name
        self.outRep = outRep
        self.inRep = inRep
        let dIn = inRep.dimension
        let outBlocks = outRep.blocks, inBlocks = inRep.blocks
        func convert(_ p: RepPairProjector) -> [Scalar]? {
            p.rank == 0 ? nil : p.matrix.map { Scalar($0) }
        }
        var pairs: [Pair] = []
        for to in Tensor3Type.allCases {
            for ti in Tensor3Type.allCases {
                let p = projectors[to, ti]
                var indices: [Int] = []
                var n = 0
                for ob in outBlocks where ob.type == to {
                    for ib in inBlocks where ib.type == ti {
                        n += 1
                        for a in 0..<to.dimension {
                            for b in 0..<ti.dimension { indices.append((ob.offset + a) * dIn + ib.offset + b) }
                        }
                    }
                }
                if n > 0 { pairs.append(Pair(size: p.size, blockCount: n, indices: indices, projector: convert(p))) }
            }
        }
        self.pairs = pairs
        var biasPairs: [Pair] = []
        for to in Tensor3Type.allCases {
            let blocks = outBlocks.filter { $0.type == to }
            guard !blocks.isEmpty else { continue }
            let indices = blocks.flatMap { b in (0..<to.dimension).map { b.offset + $0 } }
            biasPairs.append(Pair(size: to.dimension, blockCount: blocks.count, indices: indices,
                                  projector: convert(projectors[to, .scalar])))
        }
        self.biasPairs = biasPairs
    }

    /// `P W` for a weight `[d_out, d_in]` given as its row-major scalars.
    public func project(weight: [Scalar]) -> [Scalar] {
        precondition(weight.count == outRep.dimension * inRep.dimension,
                     "weight has \(weight.count) entries, expected \(outRep.dimension)x\(inRep.dimension)")
        return RepLayerProjector.apply(pairs, to: weight)
    }

    /// `P b` for a bias in `ρ_out`.
    public func project(bias: [Scalar]) -> [Scalar] {
        precondition(bias.count == outRep.dimension, "bias has \(bias.count) entries, expected \(outRep.dimension)")
        return RepLayerProjector.apply(biasPairs, to: bias)
    }

    /// `P W` for a `[d_out, d_in]` tensor.
    public func project(weight: Tensor<Scalar>) -> Tensor<Scalar> {
        Tensor(shape: weight.shape, scalars: project(weight: weight.scalars))
    }

    /// `P b` for a `[d_out]` tensor.
    public func project(bias: Tensor<Scalar>) -> Tensor<Scalar> {
        Tensor(shape: bias.shape, scalars: project(bias: bias.scalars))
    }

    static func apply(_ pairs: [Pair], to x: [Scalar]) -> [Scalar] {
        var out = [Scalar](repeating: 0, count: x.count)
        for pair in pairs {
            guard let p = pair.projector else { continue }
            let n = pair.blockCount, d = pair.size
            var gathered = [Scalar](repeating: 0, count: n * d)
            var projected = [Scalar](repeating: 0, count: n * d)
            x.withUnsafeBufferPointer { src in
                pair.indices.withUnsafeBufferPointer { idx in
                    for k in 0..<(n * d) { gathered[k] = src[idx[k]] }
                }
            }
            gathered.withUnsafeBufferPointer { g in
                p.withUnsafeBufferPointer { pp in
                    projected.withUnsafeMutableBufferPointer { r in
                        Scalar.gemm(transposeA: false, transposeB: true, m: n, n: d, k: d, alpha: 1,
                                    a: g.baseAddress!, lda: d, b: pp.baseAddress!, ldb: d,
                                    beta: 0, c: r.baseAddress!, ldc: d)
                    }
                }
            }
            out.withUnsafeMutableBufferPointer { dst in
                pair.indices.withUnsafeBufferPointer { idx in
                    for k in 0..<(n * d) { dst[idx[k]] = projected[k] }
                }
            }
        }
        return out
    }
}
