import Autodiff
import NN
import Tensors

/// A Gaunt-only equivariant message-passing network (Gaunt spec §5a, §5b, §8d).
///
/// ```
/// h⁰ [nodes, Cin, (L+1)²] ─embed (per-degree linear)─▶ h
/// per layer:  filter_e = ρ(radial_e) ⊙ Y(r̂_e)                    (ρ: MLP, one weight per channel and degree)
///             m_e = h_src ⊗Ga filter_e                          (equivariant convolution, channel-wise)
///             u   = mix(Σ_e→i m_e / avg degree) + self(h_i)      (per-degree linear maps)
///             u  += γ ⊙ ((α ⊙ u) ⊗Ga (β ⊙ u))                   (Gaunt self-mix interaction, learnable α, β, γ)
///             h   = gate(u)                                      (SiLU on scalars, sigmoid gates on l > 0)
/// ```
/// Every step commutes with rotations and inversion (natural parity), so scalar outputs are mirror-invariant.
public final class GauntNetwork: ParameterContainer {
    /// Feature degree L, channels C, input channels, layers, radial inputs R and the radial MLP's hidden width.
    public let maxDegree: Int, channels: Int, inputChannels: Int, layerCount: Int, radialInputs: Int, hidden: Int
    /// Every parameter, named `embed`, `layerN.radial.w1/b1/w2`, `layerN.mix/self/alpha/beta/gamma` and the outputs.
    public let parameters: [Parameter]
    let byName: [String: Parameter]

    /// Initialises every weight from `rng` (α, β ≈ 1, γ ≈ 0.1, linear maps with variance 1/fan-in).
    public init(maxDegree L: Int, channels C: Int, inputChannels cin: Int, layers: Int, radialInputs r: Int,
                outputs: [(name: String, shape: [Int])], rng: inout RandomSource) {
        maxDegree = L; channels = C; inputChannels = cin; layerCount = layers; radialInputs = r; hidden = 16
        var ps: [Parameter] = []
        func add(_ name: String, _ shape: [Int], std: Double, mean: Double = 0) {
            ps.append(Parameter(name: name, value: .randomNormal(shape, mean: mean, standardDeviation: std, using: &rng)))
        }
        add("embed", [L + 1, cin, C], std: 1 / Double(cin).squareRoot())
        for i in 0..<layers {
            add("layer\(i).radial.w1", [r, hidden], std: 1 / Double(r).squareRoot())
            add("layer\(i).radial.b1", [hidden], std: 0.1)
            add("layer\(i).radial.w2", [hidden, C * (L + 1)], std: 1 / Double(hidden).squareRoot())
            add("layer\(i).mix", [L + 1, C, C], std: 1 / Double(C).squareRoot())
            add("layer\(i).self", [L + 1, C, C], std: 1 / Double(C).squareRoot())
            add("layer\(i).alpha", [C, L + 1], std: 0.1, mean: 1)
            add("layer\(i).beta", [C, L + 1], std: 0.1, mean: 1)
            add("layer\(i).gamma", [C, L + 1], std: 0.02, mean: 0.1)
        }
        for (name, shape) in outputs { add(name, shape, std: 1 / Double(shape[shape.count - 2]).squareRoot()) }
        parameters = ps
        byName = Dictionary(uniqueKeysWithValues: ps.map { ($0.name, $0) })
    }

    /// Leaves for every parameter: trainable Float leaves, or constant copies in another precision.
    public func variables<S: FloatingScalar>(as: S.Type) -> [String: Variable<S>] {
        var out: [String: Variable<S>] = [:]
        for p in parameters {
            if S.self == Float.self, let v = p.variable() as? Variable<S> { out[p.name] = v }
            else { out[p.name] = Variable(p.value.converted(to: S.self)) }
        }
        return out
    }

    /// Node features after all layers, `[nodes, C, (L+1)²]`.
    public func features<S: BatchedFFTScalar>(_ w: [String: Variable<S>], graph g: GauntGraph, input h0: Tensor<S>,
                                              product op: GauntProductOperator<S>) -> Variable<S> {
        let L = maxDegree, C = channels, K = (L + 1) * (L + 1), E = g.src.count
        precondition(op.degree1 == L && op.degree2 == L && op.outputDegree == L, "product must be (L, L -> L)")
        var h = DegreeOps.linear(Variable(h0), w["embed"]!)
        var yb = [S](repeating: 0, count: E * C * K)
        for e in 0..<E { for c in 0..<C { for a in 0..<K { yb[(e * C + c) * K + a] = S(g.harmonics.scalars[e * K + a]) } } }
        let harmonics = Variable(Tensor(shape: [E, C, K], scalars: yb))
        let radial = Variable(g.radial.converted(to: S.self))
        let averageDegree = S(Double(max(E, 1)) / Double(max(g.nodeCount, 1)))
        for i in 0..<layerCount {
            let p = "layer\(i)."
            let hiddenLayer = (radial.matmul(w[p + "radial.w1"]!) + w[p + "radial.b1"]!).silu()
            let rho = hiddenLayer.matmul(w[p + "radial.w2"]!).reshaped([E, C, L + 1])
            let filter = DegreeOps.scale(harmonics, rho)
            let messages = op(h.gatherRows(g.src), filter)
            let aggregated = messages.scatterAddRows(g.dst, rowCount: g.nodeCount) * (1 / averageDegree)
            var u = DegreeOps.linear(aggregated, w[p + "mix"]!) + DegreeOps.linear(h, w[p + "self"]!)
            let mixed = op(DegreeOps.scale(u, w[p + "alpha"]!), DegreeOps.scale(u, w[p + "beta"]!))
            u = u + DegreeOps.scale(mixed, w[p + "gamma"]!)
            h = DegreeOps.gate(u)
        }
        return h
    }

    /// The per-degree weights α, β, γ of layer `i` averaged over channels (for the UI's bar charts).
    public func degreeWeights(layer i: Int) -> (alpha: [Double], beta: [Double], gamma: [Double]) {
        func avg(_ n: String) -> [Double] {
            guard let t = byName["layer\(i).\(n)"]?.value else { return [] }
            let lc = t.shape[1]
            return (0..<lc).map { l in (0..<t.shape[0]).map { Double(t.scalars[$0 * lc + l]) }.reduce(0, +) / Double(t.shape[0]) }
        }
        return (avg("alpha"), avg("beta"), avg("gamma"))
    }

    /// The parameter called `name`.
    public func parameter(_ name: String) -> Parameter? { byName[name] }
}
