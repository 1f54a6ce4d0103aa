import Tensors

extension BatchSystem {
    /// The online (oscillation) estimate of spec §5: starting from u = 0, β_k = r e^{i(θ₀ + 2πk/N)} is held for
    /// `settings.steps` steps per block, k cycling over `periods` turns of the circle (no separate free phase).
    ///
    /// ν̂ = Re mean over blocks of s(end of block)/β_k and u* = Re mean of u at block ends (mean-value property
    /// of holomorphic functions). Reference setting: N = 4, r = 0.5, 20 blocks of 60 steps (5 periods).
    ///
    /// - Returns: ν̂ (layer-major), the free-phase stand-in at u* (its residual is one evaluation of H₀ at u*)
    ///   and the block phases.
    public func onlineError(settings: NudgeSettings, periods: Int) -> (error: [T], free: Phase<T>, blocks: [Phase<T>]) {
        let n = settings.phaseCount, blocks = max(periods, 1) * n
        var u = SplitState<T>(batch: batch, layerSizes: network.layerSizes, complex: true)
        var nu = [T](repeating: 0, count: u.re.count), uMean = nu
        var phases: [Phase<T>] = []
        let inv = 1 / T(blocks)
        for j in 0..<blocks {
            let theta = settings.phaseOffset + 2 * Double.pi * Double(j % n) / Double(n)
            let beta = Complex(settings.radius * Double.cos(theta), settings.radius * Double.sin(theta))
            let phase = relax(from: u, beta: beta, steps: settings.steps, damping: settings.damping)
            let cr = T(Double.cos(theta) / settings.radius), ci = T(Double.sin(theta) / settings.radius)
            let si = phase.s.im ?? [T](repeating: 0, count: nu.count)
            for k in nu.indices {
                nu[k] += inv * (cr * phase.s.re[k] + ci * si[k])
                uMean[k] += inv * phase.u.re[k]
            }
            u = phase.u
            phases.append(phase)
        }
        var star = SplitState<T>(batch: batch, layerSizes: network.layerSizes)
        star.re = uMean
        // One evaluation of H₀ at u* gives its residual (the returned state stays u*).
        let check = relax(from: star, steps: 1, damping: settings.damping)
        let free = Phase(beta: .zero, u: star, s: activities(of: star), residuals: check.residuals, steps: 0,
                         maxImaginary: 0, residualTrace: check.residualTrace)
        return (nu, free, phases)
    }
}
