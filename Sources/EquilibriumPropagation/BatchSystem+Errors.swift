import Tensors

/// The hEP estimate together with the nudged phases that produced it (for residual diagnostics).
public struct HolomorphicEstimate<T: FloatingScalar>: Sendable {
    /// ν̂_N, layer-major like ``SplitState``.
    public var error: [T]
    /// The relaxed phases, one per phase point actually run.
    public var phases: [Phase<T>]
    /// The phase points (angle, weight) used.
    public var points: [PhasePoint]
}

extension BatchSystem {
    /// Holomorphic EP: ν̂_N = Re (1/(N r)) Σ_k [s*(β_k) − s*(0)] e^{−iθ_k}, β_k = r e^{iθ_k} (spec §5).
    ///
    /// Each nudged phase starts at the free fixed point and runs `settings.steps` steps. The bias is
    /// O(r^N) inside the analytic radius. N = 1 with θ₀ = 0 is classic EP, N = 2 the symmetric ±r estimate.
    public func holomorphicError(free: Phase<T>, settings: NudgeSettings) -> HolomorphicEstimate<T> {
        let points = PhasePoint.circle(count: settings.phaseCount, offset: settings.phaseOffset)
        let r = settings.radius, n = Double(settings.phaseCount)
        var nu = [T](repeating: 0, count: free.s.re.count)
        var phases: [Phase<T>] = []
        for p in points {
            let beta = Complex(r * Double.cos(p.angle), r * Double.sin(p.angle))
            let isReal = abs(Double.sin(p.angle)) < 1e-12
            let start = free.u
            let phase = relax(from: start, beta: isReal ? Complex(beta.real, 0) : beta, steps: settings.steps,
                              damping: settings.damping, tolerance: settings.tolerance)
            let cr = T(p.weight * Double.cos(p.angle) / (n * r))
            let ci = T(p.weight * (isReal ? 0 : Double.sin(p.angle)) / (n * r))
            let s0 = free.s.re
            phase.s.re.withUnsafeBufferPointer { sr in
                for k in nu.indices { nu[k] += cr * (sr[k] - s0[k]) }
            }
            if let im = phase.s.im, ci != 0 {
                for k in nu.indices { nu[k] += ci * im[k] }
            }
            phases.append(phase)
        }
        return HolomorphicEstimate(error: nu, phases: phases, points: points)
    }

    /// The exact EP tangent ν = D (I − M D)⁻¹ c* by w ← (1 − γ)w + γ(M D w + c*), ν = D w (spec §4).
    ///
    /// - Parameters:
    ///   - slopes: D = φ'(u*) layer-major; `current`: c* = Rᵀ(p − y) `[batch, n_o]`.
    public func tangentError(slopes: [T], current: [T], steps: Int, damping: Double = 1) -> [T] {
        let starts = (0..<network.layerCount).map { batch * network.layerSizes[..<$0].reduce(0, +) }
        let o = starts[network.layerCount - 1]
        var w = [T](repeating: 0, count: slopes.count)
        var dw = w, next = w
        let g = T(damping), keep = T(1 - damping)
        for _ in 0..<steps {
            for k in w.indices { dw[k] = slopes[k] * w[k] }
            for k in next.indices { next[k] = 0 }
            network.addCouplings(dw, into: &next, batch: batch)
            for k in current.indices { next[o + k] += current[k] }
            for k in w.indices { w[k] = keep * w[k] + g * next[k] }
        }
        for k in w.indices { w[k] *= slopes[k] }
        return w
    }

    /// The true error δ = (I − D Mᵀ)⁻¹ D c* by δ ← (1 − γ)δ + γ D(Mᵀ δ + c*): recurrent backprop (spec §3).
    public func adjointError(slopes: [T], current: [T], steps: Int, damping: Double = 1) -> [T] {
        let starts = (0..<network.layerCount).map { batch * network.layerSizes[..<$0].reduce(0, +) }
        let o = starts[network.layerCount - 1]
        var delta = [T](repeating: 0, count: slopes.count)
        var next = delta
        let g = T(damping), keep = T(1 - damping)
        for _ in 0..<steps {
            for k in next.indices { next[k] = 0 }
            network.addTransposedCouplings(delta, into: &next, batch: batch)
            for k in current.indices { next[o + k] += current[k] }
            for k in delta.indices { delta[k] = keep * delta[k] + g * slopes[k] * next[k] }
        }
        return delta
    }

    /// The local weight update from an error vector e (ν̂, ν or δ), batch mean (spec §3, §8 step 3):
    /// ∂B = e₀ xᵀ, ∂b_l = e_l, ∂W_{l+1←l} = e_{l+1} s_lᵀ, ∂W_{l←l+1} = e_l s_{l+1}ᵀ, ∂R = (p − y) s_oᵀ,
    /// ∂r₀ = p − y.
    public func localGradient(error e: [T], activities s: SplitState<T>, readoutErrors pmy: [T]) -> LayeredNetwork<T> {
        let net = network, b = batch, sizes = net.layerSizes, L = sizes.count, inv = 1 / T(b)
        var g = LayeredNetwork<T>(inputSize: net.inputSize, layerSizes: sizes, classCount: net.classCount)
        let starts = (0..<L).map { s.start(ofLayer: $0) }
        let t0 = profile?.now() ?? 0
        e.withUnsafeBufferPointer { ep in
            s.re.withUnsafeBufferPointer { sp in
                inputs.withUnsafeBufferPointer { xp in
                    g.inputWeight.withUnsafeMutableBufferPointer { gp in
                        T.gemm(transposeA: true, transposeB: false, m: sizes[0], n: net.inputSize, k: b, alpha: inv,
                               a: ep.baseAddress!, lda: sizes[0], b: xp.baseAddress!, ldb: net.inputSize, beta: 0,
                               c: gp.baseAddress!, ldc: net.inputSize)
                    }
                }
                for l in 0..<(L - 1) {
                    let lo = sizes[l], hi = sizes[l + 1]
                    g.forward[l].withUnsafeMutableBufferPointer { gp in
                        T.gemm(transposeA: true, transposeB: false, m: hi, n: lo, k: b, alpha: inv,
                               a: ep.baseAddress! + starts[l + 1], lda: hi, b: sp.baseAddress! + starts[l], ldb: lo,
                               beta: 0, c: gp.baseAddress!, ldc: lo)
                    }
                    g.feedback[l].withUnsafeMutableBufferPointer { gp in
                        T.gemm(transposeA: true, transposeB: false, m: lo, n: hi, k: b, alpha: inv,
                               a: ep.baseAddress! + starts[l], lda: lo, b: sp.baseAddress! + starts[l + 1], ldb: hi,
                               beta: 0, c: gp.baseAddress!, ldc: hi)
                    }
                }
                let no = sizes[L - 1], c = net.classCount
                pmy.withUnsafeBufferPointer { pp in
                    g.readout.withUnsafeMutableBufferPointer { gp in
                        T.gemm(transposeA: true, transposeB: false, m: c, n: no, k: b, alpha: inv,
                               a: pp.baseAddress!, lda: c, b: sp.baseAddress! + starts[L - 1], ldb: no, beta: 0,
                               c: gp.baseAddress!, ldc: no)
                    }
                }
            }
        }
        profile?.addGemm(since: t0)
        for l in 0..<L {
            let nl = sizes[l]
            for i in 0..<b { for j in 0..<nl { g.biases[l][j] += inv * e[starts[l] + i * nl + j] } }
        }
        let c = net.classCount
        for i in 0..<b { for k in 0..<c { g.readoutBias[k] += inv * pmy[i * c + k] } }
        return g
    }
}
