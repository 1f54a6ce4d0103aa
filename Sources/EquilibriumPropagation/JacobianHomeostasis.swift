import Tensors

/// Jacobian homeostasis: the penalty L_homeo = ‖J − Jᵀ‖²_F on the activity-coordinate Jacobian J = M − I
/// (spec §7; Laborieux & Zenke, ICLR 2024, eq. 9–10).
///
/// Code scale (as in the reference): each probe value is divided by n (number of dynamical units), so
/// E[value] = ½‖J − Jᵀ‖²_F / n = Σ_pairs ‖W_f − W_bᵀ‖²_F / n. For dense layers J does not depend on s*, so
/// the penalty is a weight-matching term and its gradient needs no relaxation.
public enum JacobianHomeostasis {
    /// The exact (expected) code-scale value Σ_l ‖W_{l+1←l} − W_{l←l+1}ᵀ‖²_F / n.
    public static func exactLoss<T: FloatingScalar>(_ net: LayeredNetwork<T>) -> Double {
        var acc = 0.0
        forEachPair(net) { f, b in acc += Double((f - b) * (f - b)) }
        return acc / Double(net.unitCount)
    }

    /// The gradient of `exactLoss`: ∇W_f = (2/n)(W_f − W_bᵀ), ∇W_b = (2/n)(W_b − W_fᵀ); zero elsewhere.
    public static func exactGradient<T: FloatingScalar>(_ net: LayeredNetwork<T>) -> LayeredNetwork<T> {
        var g = LayeredNetwork<T>(inputSize: net.inputSize, layerSizes: net.layerSizes, classCount: net.classCount)
        let scale = 2 / T(net.unitCount)
        for l in 0..<(net.layerCount - 1) {
            let lo = net.layerSizes[l], hi = net.layerSizes[l + 1]
            for i in 0..<hi {
                for j in 0..<lo {
                    let d = net.forward[l][i * lo + j] - net.feedback[l][j * hi + i]
                    g.forward[l][i * lo + j] = scale * d
                    g.feedback[l][j * hi + i] = -scale * d
                }
            }
        }
        return g
    }

    /// The stochastic estimator with Gaussian probes ε ~ N(0, I) given as rows `[P, n]` (layer-major like
    /// ``SplitState`` with batch P): value mean_p (‖Jε‖² − εᵀJ(Jε))/n and its exact parameter gradient
    /// mean_p [2(Jε)εᵀ − ε(Jε)ᵀ − (Jᵀε)εᵀ]/n restricted to the coupling blocks.
    ///
    /// - Complexity: four products with the coupling blocks for P probes, then two per block for the gradient.
    public static func stochastic<T: FloatingScalar>(_ net: LayeredNetwork<T>, probes eps: [T], count p: Int)
        -> (loss: Double, gradient: LayeredNetwork<T>) {
        let n = net.unitCount, L = net.layerCount
        precondition(eps.count == p * n, "probes \(eps.count) for \(p) x \(n)")
        var je = [T](repeating: 0, count: eps.count), jte = je
        net.addCouplings(eps, into: &je, batch: p)
        net.addTransposedCouplings(eps, into: &jte, batch: p)
        for k in eps.indices { je[k] -= eps[k]; jte[k] -= eps[k] }
        var value = 0.0
        for k in eps.indices { value += Double(je[k] * je[k] - jte[k] * je[k]) }
        let scale = 1 / (T(n) * T(p))
        // a = 2 Jε − Jᵀε (left factor of the ε-terms)
        var a = je
        for k in a.indices { a[k] = 2 * je[k] - jte[k] }
        var g = LayeredNetwork<T>(inputSize: net.inputSize, layerSizes: net.layerSizes, classCount: net.classCount)
        let starts = (0..<L).map { p * net.layerSizes[..<$0].reduce(0, +) }
        a.withUnsafeBufferPointer { ap in
            eps.withUnsafeBufferPointer { ep in
                je.withUnsafeBufferPointer { jp in
                    for l in 0..<(L - 1) {
                        let lo = net.layerSizes[l], hi = net.layerSizes[l + 1]
                        // block (l+1, l): a_{l+1}ᵀ ε_l − ε_{l+1}ᵀ (Jε)_l
                        g.forward[l].withUnsafeMutableBufferPointer { gp in
                            T.gemm(transposeA: true, transposeB: false, m: hi, n: lo, k: p, alpha: scale,
                                   a: ap.baseAddress! + starts[l + 1], lda: hi, b: ep.baseAddress! + starts[l], ldb: lo,
                                   beta: 0, c: gp.baseAddress!, ldc: lo)
                            T.gemm(transposeA: true, transposeB: false, m: hi, n: lo, k: p, alpha: -scale,
                                   a: ep.baseAddress! + starts[l + 1], lda: hi, b: jp.baseAddress! + starts[l], ldb: lo,
                                   beta: 1, c: gp.baseAddress!, ldc: lo)
                        }
                        // block (l, l+1): a_lᵀ ε_{l+1} − ε_lᵀ (Jε)_{l+1}
                        g.feedback[l].withUnsafeMutableBufferPointer { gp in
                            T.gemm(transposeA: true, transposeB: false, m: lo, n: hi, k: p, alpha: scale,
                                   a: ap.baseAddress! + starts[l], lda: lo, b: ep.baseAddress! + starts[l + 1], ldb: hi,
                                   beta: 0, c: gp.baseAddress!, ldc: hi)
                            T.gemm(transposeA: true, transposeB: false, m: lo, n: hi, k: p, alpha: -scale,
                                   a: ep.baseAddress! + starts[l], lda: lo, b: jp.baseAddress! + starts[l + 1], ldb: hi,
                                   beta: 1, c: gp.baseAddress!, ldc: hi)
                        }
                    }
                }
            }
        }
        return (value / Double(n * p), g)
    }

    /// Draws P standard-normal probes `[P, n]` and applies ``stochastic(_:probes:count:)``.
    public static func sampled<T: FloatingScalar>(_ net: LayeredNetwork<T>, count p: Int, using rng: inout RandomSource)
        -> (loss: Double, gradient: LayeredNetwork<T>) {
        let eps = (0..<(p * net.unitCount)).map { _ in T(rng.normal()) }
        return stochastic(net, probes: eps, count: p)
    }

    /// The symmetry score ‖J_s‖_F / (‖J_s‖_F + ‖J_a‖_F) of J = M − I (1: symmetric, 0.5: equal parts; spec §6).
    public static func symmetryScore<T: FloatingScalar>(_ net: LayeredNetwork<T>) -> Double {
        var sym = Double(net.unitCount), anti = 0.0   // ‖I‖² on the diagonal of J_s
        forEachPair(net) { f, b in
            let s = Double(f + b) / 2, a = Double(f - b) / 2
            sym += 2 * s * s
            anti += 2 * a * a
        }
        return sym.squareRoot() / (sym.squareRoot() + anti.squareRoot())
    }

    /// The angle (degrees) between W_{l+1←l} and W_{l←l+1}ᵀ for each pair, arccos(⟨W_f, W_bᵀ⟩/(‖W_f‖‖W_b‖)).
    public static func weightAngles<T: FloatingScalar>(_ net: LayeredNetwork<T>) -> [Double] {
        (0..<(net.layerCount - 1)).map { l in
            let lo = net.layerSizes[l], hi = net.layerSizes[l + 1]
            var dot = 0.0, nf = 0.0, nb = 0.0
            for i in 0..<hi {
                for j in 0..<lo {
                    let f = Double(net.forward[l][i * lo + j]), b = Double(net.feedback[l][j * hi + i])
                    dot += f * b; nf += f * f; nb += b * b
                }
            }
            let c = dot / max((nf * nb).squareRoot(), 1e-300)
            return Double.acos(min(1, max(-1, c))) * 180 / Double.pi
        }
    }

    /// Calls `body(W_f[i, j], W_b[j, i])` for every entry of every forward/feedback pair.
    static func forEachPair<T: FloatingScalar>(_ net: LayeredNetwork<T>, _ body: (T, T) -> Void) {
        for l in 0..<(net.layerCount - 1) {
            let lo = net.layerSizes[l], hi = net.layerSizes[l + 1]
            for i in 0..<hi { for j in 0..<lo { body(net.forward[l][i * lo + j], net.feedback[l][j * hi + i]) } }
        }
    }
}
