import Tensors

/// The result of one relaxation (free or nudged phase).
public struct Phase<T: FloatingScalar>: Sendable {
    /// The nudge β of this phase (0 for the free phase).
    public var beta: Complex<Double>
    /// The final state u and its activities s = φ(u).
    public var u: SplitState<T>
    /// The activities s = φ(u) of the final state.
    public var s: SplitState<T>
    /// ‖H_β(u) − u‖₂ per sample at the last evaluated state.
    public var residuals: [Double]
    /// Steps taken (fewer than requested when the tolerance was reached).
    public var steps: Int
    /// max |Im u| over the batch at the end (0 for real phases); compare with π/4.
    public var maxImaginary: Double
    /// The batch-maximum residual after every step (for period-2 / stall warnings).
    public var residualTrace: [Double]

    /// Whether the residual stayed flat over the last steps while still large (period-2 or stalled dynamics).
    public var looksOscillating: Bool {
        guard residualTrace.count >= 12, let last = residualTrace.last, last > 1e-3 else { return false }
        let earlier = residualTrace[residualTrace.count - 11]
        return last > 0.5 * earlier
    }
}

extension BatchSystem {
    /// Relaxes u_{t+1} = (1 − γ)u_t + γ H_β(u_t), H_β(u) = G(φ(u); x) + β c(φ(u)), for at most `steps` steps.
    ///
    /// Starts from `start` (the free fixed point for nudged phases) or from u = 0. The arithmetic is complex
    /// (split planes) when β ∉ ℝ or the start state is complex; every operation is the analytic formula.
    /// Stops early when every sample's residual ‖H_β(u) − u‖₂ is at most `tolerance` (0: never).
    ///
    /// - Complexity: per step two real GEMMs per block (four when complex) plus O(batch · n) transcendental
    ///   functions.
    public func relax(from start: SplitState<T>? = nil, beta: Complex<Double> = .zero, steps: Int,
                      damping: Double = 1, tolerance: Double = 0) -> Phase<T> {
        let isComplex = beta.imaginary != 0 || start?.im != nil
        var u = start ?? SplitState<T>(batch: batch, layerSizes: network.layerSizes)
        if isComplex { u = u.complexified() }
        let b = batch, sizes = network.layerSizes, L = sizes.count, total = u.re.count
        let starts = (0..<L).map { u.start(ofLayer: $0) }
        let no = sizes[L - 1], c = network.classCount
        var sRe = [T](repeating: 0, count: total), dRe = [T](repeating: 0, count: total)
        var sIm = [T](repeating: 0, count: isComplex ? total : 0), dIm = sIm
        var pr = [T](repeating: 0, count: b * c), pi = pr
        var cr = [T](repeating: 0, count: b * no), ci = cr
        var uIm = u.im ?? []
        var residuals = [Double](repeating: 0, count: b)
        var trace: [Double] = []
        let gamma = T(damping), keep = T(1 - damping)
        let betaR = T(beta.real), betaI = T(beta.imaginary), isNudged = beta != .zero
        var used = 0
        var evaluated = false
        for _ in 0..<max(steps, 0) {
            // s = φ(u)
            var t0 = profile?.now() ?? 0
            u.re.withUnsafeBufferPointer { ur in
                sRe.withUnsafeMutableBufferPointer { sr in
                    if isComplex {
                        uIm.withUnsafeBufferPointer { ui in
                            sIm.withUnsafeMutableBufferPointer { si in HolomorphicSigmoid.apply(re: ur, im: ui, re: sr, im: si) }
                        }
                    } else {
                        HolomorphicSigmoid.apply(ur, into: sr)
                    }
                }
            }
            // d = base (+ 0i)
            dRe.withUnsafeMutableBufferPointer { d in baseDrive.withUnsafeBufferPointer { bd in _ = d.update(fromContentsOf: bd) } }
            if isComplex { dIm.withUnsafeMutableBufferPointer { d in d.update(repeating: 0) } }
            profile?.addElementwise(since: t0)
            // d_l += s_{l−1}·W_fᵀ + s_{l+1}·W_bᵀ
            t0 = profile?.now() ?? 0
            network.addCouplings(sRe, into: &dRe, batch: batch)
            if isComplex { network.addCouplings(sIm, into: &dIm, batch: batch) }
            profile?.addGemm(since: t0)
            if isNudged {
                sRe.withUnsafeBufferPointer { sr in
                    sIm.withUnsafeBufferPointer { si in
                        pr.withUnsafeMutableBufferPointer { prp in
                            pi.withUnsafeMutableBufferPointer { pip in
                                cr.withUnsafeMutableBufferPointer { crp in
                                    ci.withUnsafeMutableBufferPointer { cip in
                                        nudgeCurrent(sr: sr.baseAddress! + starts[L - 1],
                                                     si: isComplex ? si.baseAddress! + starts[L - 1] : nil,
                                                     pr: prp.baseAddress!, pi: isComplex ? pip.baseAddress! : nil,
                                                     cr: crp.baseAddress!, ci: isComplex ? cip.baseAddress! : nil)
                                    }
                                }
                            }
                        }
                    }
                }
                t0 = profile?.now() ?? 0
                let o = starts[L - 1]
                for i in 0..<(b * no) {
                    if isComplex {
                        dRe[o + i] += betaR * cr[i] - betaI * ci[i]
                        dIm[o + i] += betaR * ci[i] + betaI * cr[i]
                    } else {
                        dRe[o + i] += betaR * cr[i]
                    }
                }
                profile?.addElementwise(since: t0)
            }
            // residual and damped update
            t0 = profile?.now() ?? 0
            for i in 0..<b { residuals[i] = 0 }
            u.re.withUnsafeMutableBufferPointer { ur in
                dRe.withUnsafeBufferPointer { dr in
                    for l in 0..<L {
                        let nl = sizes[l], s0 = starts[l]
                        for i in 0..<b {
                            var acc: T = 0
                            for j in 0..<nl {
                                let k = s0 + i * nl + j
                                let diff = dr[k] - ur[k]
                                acc += diff * diff
                            }
                            residuals[i] += Double(acc)
                        }
                    }
                }
            }
            if isComplex {
                uIm.withUnsafeBufferPointer { ui in
                    dIm.withUnsafeBufferPointer { di in
                        for l in 0..<L {
                            let nl = sizes[l], s0 = starts[l]
                            for i in 0..<b {
                                var acc: T = 0
                                for j in 0..<nl { let k = s0 + i * nl + j; let diff = di[k] - ui[k]; acc += diff * diff }
                                residuals[i] += Double(acc)
                            }
                        }
                    }
                }
            }
            var worst = 0.0
            for i in 0..<b { residuals[i] = residuals[i].squareRoot(); worst = max(worst, residuals[i]) }
            trace.append(worst)
            evaluated = true
            if worst <= tolerance { profile?.addElementwise(since: t0); break }
            used += 1
            u.re.withUnsafeMutableBufferPointer { ur in
                dRe.withUnsafeBufferPointer { dr in for k in 0..<total { ur[k] = keep * ur[k] + gamma * dr[k] } }
            }
            if isComplex {
                uIm.withUnsafeMutableBufferPointer { ui in
                    dIm.withUnsafeBufferPointer { di in for k in 0..<total { ui[k] = keep * ui[k] + gamma * di[k] } }
                }
            }
            profile?.addElementwise(since: t0)
        }
        if isComplex { u.im = uIm }
        let s = activities(of: u)
        var maxIm = 0.0
        if isComplex { for v in uIm { maxIm = max(maxIm, abs(Double(v))) } }
        if !evaluated { residuals = [Double](repeating: .nan, count: b) }
        return Phase(beta: beta, u: u, s: s, residuals: residuals, steps: used, maxImaginary: maxIm,
                     residualTrace: trace)
    }
}
