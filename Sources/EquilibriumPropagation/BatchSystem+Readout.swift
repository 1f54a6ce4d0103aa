import Tensors

extension BatchSystem {
    /// The nudge current c(s) = Rᵀ(softmax(R s_o + r₀) − y) for output activities, in complex arithmetic.
    ///
    /// Inputs and outputs are `[batch, n_o]` planes; `pr/pi` are `[batch, classCount]` work planes that hold
    /// p − y on return. The softmax subtracts the max of the real parts before exp (spec §2). When `si` is
    /// `nil` everything is real.
    @usableFromInline
    func nudgeCurrent(sr: UnsafePointer<T>, si: UnsafePointer<T>?, pr: UnsafeMutablePointer<T>,
                      pi: UnsafeMutablePointer<T>?, cr: UnsafeMutablePointer<T>, ci: UnsafeMutablePointer<T>?) {
        let b = batch, c = network.classCount, no = network.layerSizes[network.layerCount - 1]
        network.readout.withUnsafeBufferPointer { rw in
            let r = rw.baseAddress!
            var t0 = profile?.now() ?? 0
            T.gemm(transposeA: false, transposeB: true, m: b, n: c, k: no, alpha: 1, a: sr, lda: no, b: r, ldb: no,
                   beta: 0, c: pr, ldc: c)
            if let si, let pi {
                T.gemm(transposeA: false, transposeB: true, m: b, n: c, k: no, alpha: 1, a: si, lda: no, b: r,
                       ldb: no, beta: 0, c: pi, ldc: c)
            }
            profile?.addGemm(since: t0)
            t0 = profile?.now() ?? 0
            for i in 0..<b {
                let row = i * c
                var m = -T.infinity
                for k in 0..<c { pr[row + k] += network.readoutBias[k]; m = max(m, pr[row + k]) }
                if let pi {
                    var sumR: T = 0, sumI: T = 0
                    for k in 0..<c {
                        let e = T.exp(pr[row + k] - m), a = pi[row + k]
                        pr[row + k] = e * T.cos(a); pi[row + k] = e * T.sin(a)
                        sumR += pr[row + k]; sumI += pi[row + k]
                    }
                    let den = sumR * sumR + sumI * sumI
                    for k in 0..<c {
                        let er = pr[row + k], ei = pi[row + k]
                        pr[row + k] = (er * sumR + ei * sumI) / den - targets[row + k]
                        pi[row + k] = (ei * sumR - er * sumI) / den
                    }
                } else {
                    var sum: T = 0
                    for k in 0..<c { pr[row + k] = T.exp(pr[row + k] - m); sum += pr[row + k] }
                    for k in 0..<c { pr[row + k] = pr[row + k] / sum - targets[row + k] }
                }
            }
            profile?.addElementwise(since: t0)
            t0 = profile?.now() ?? 0
            T.gemm(transposeA: false, transposeB: false, m: b, n: no, k: c, alpha: 1, a: pr, lda: c, b: r, ldb: no,
                   beta: 0, c: cr, ldc: no)
            if let pi, let ci {
                T.gemm(transposeA: false, transposeB: false, m: b, n: no, k: c, alpha: 1, a: pi, lda: c, b: r,
                       ldb: no, beta: 0, c: ci, ldc: no)
            }
            profile?.addGemm(since: t0)
        }
    }

    /// Readout at real activities: p − y `[batch, classCount]`, c* = Rᵀ(p − y) `[batch, n_o]`, the
    /// cross-entropy loss per sample and the predicted classes.
    public func readout(at s: SplitState<T>) -> (errors: [T], current: [T], losses: [Double], predictions: [Int]) {
        let b = batch, c = network.classCount, no = network.layerSizes[network.layerCount - 1]
        var pmy = [T](repeating: 0, count: b * c)
        var cur = [T](repeating: 0, count: b * no)
        let start = s.start(ofLayer: network.layerCount - 1)
        s.re.withUnsafeBufferPointer { sp in
            pmy.withUnsafeMutableBufferPointer { p in
                cur.withUnsafeMutableBufferPointer { cp in
                    nudgeCurrent(sr: sp.baseAddress! + start, si: nil, pr: p.baseAddress!, pi: nil,
                                 cr: cp.baseAddress!, ci: nil)
                }
            }
        }
        var losses = [Double](repeating: 0, count: b), predictions = [Int](repeating: 0, count: b)
        for i in 0..<b {
            var best = 0
            for k in 0..<c where Double(pmy[i * c + k] + targets[i * c + k]) > Double(pmy[i * c + best] + targets[i * c + best]) {
                best = k
            }
            predictions[i] = best
            let pTrue = Double(pmy[i * c + labels[i]]) + 1
            losses[i] = -Double.log(max(pTrue, 1e-300))
        }
        return (pmy, cur, losses, predictions)
    }
}
