import Tensors

extension BatchSystem {
    /// The NeurIPS 2022 energy-form cross-check of the Cauchy estimate (spec §5), for tied weights.
    ///
    /// With `W_b ≡ W_fᵀ` the network is energy-based and the Cauchy mean can be taken of the whole Hebbian term
    /// instead of the neuronal error:
    ///
    ///     ∂L/∂W_l ≈ Re (1/(N r)) Σ_k e^{−iθ_k} · mean_batch[ s_{l+1}(β_k) s_l(β_k)ᵀ − s*_{l+1} s*_lᵀ ]
    ///
    /// (our nudge adds +β·∂ℓ/∂s, so the sign is + where the energy form with −β·ℓ has −). With tied symmetric
    /// weights this equals the ICLR vector-field form `ν_{l+1} s_lᵀ + (ν_l s_{l+1}ᵀ)ᵀ`, i.e.
    /// `forward[l] + feedback[l]ᵀ` of ``localGradient(error:activities:readoutErrors:)``, up to O(r^N).
    ///
    /// - Parameters:
    ///   - free: the free phase s*.
    ///   - estimate: the nudged phases of ``holomorphicError(free:settings:)`` (same radius and N).
    ///   - radius: r = |β_k|; `phaseCount`: N.
    /// - Returns: one `[hi · lo]` matrix per forward block, row-major like `LayeredNetwork.forward`.
    public func energyFormGradient(free: Phase<T>, estimate: HolomorphicEstimate<T>, radius: Double,
                                   phaseCount: Int) -> [[T]] {
        let sizes = network.layerSizes, b = batch
        let starts = (0..<sizes.count).map { free.s.start(ofLayer: $0) }
        let s0 = free.s.re
        var out: [[T]] = []
        for l in 0..<(sizes.count - 1) {
            let lo = sizes[l], hi = sizes[l + 1]
            var g = [Double](repeating: 0, count: hi * lo)
            for (phase, point) in zip(estimate.phases, estimate.points) {
                let c = point.weight * Double.cos(point.angle) / (Double(phaseCount) * radius * Double(b))
                let d = point.weight * Double.sin(point.angle) / (Double(phaseCount) * radius * Double(b))
                let re = phase.s.re, im = phase.s.im
                for n in 0..<b {
                    let post = starts[l + 1] + n * hi, pre = starts[l] + n * lo
                    for i in 0..<hi {
                        let ar = Double(re[post + i]), ai = im.map { Double($0[post + i]) } ?? 0
                        let a0 = Double(s0[post + i])
                        for j in 0..<lo {
                            let br = Double(re[pre + j]), bi = im.map { Double($0[pre + j]) } ?? 0
                            // Re(e^{−iθ} P) = cos θ·Re P + sin θ·Im P for P = s_post s_pre − s*_post s*_pre.
                            let pr = ar * br - ai * bi - a0 * Double(s0[pre + j])
                            let pi = ar * bi + ai * br
                            g[i * lo + j] += c * pr + d * pi
                        }
                    }
                }
            }
            out.append(g.map { T($0) })
        }
        return out
    }
}
