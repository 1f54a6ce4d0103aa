import Tensors

/// Measures the §6 diagnostics of a network on a fixed probe set, in Double, with exact ν and δ by dense
/// solves (one LU of I − D·M per sample).
///
/// - Complexity: O(P · n³) for the solves (P probe images, n dynamical units), plus the relaxations.
public enum ProbeDiagnostics {
    /// The phase counts of the finite-nudge sweep.
    public static let sweepPhaseCounts = [1, 2, 4, 6, 8]

    /// Runs every diagnostic. `inputs` is `[P, inputSize]`; `nudge` holds r, N, θ₀, T2, γ and the tolerance.
    public static func measure(network: LayeredNetwork<Double>, inputs: [Double], labels: [Int],
                               estimator: ErrorEstimator, nudge: NudgeSettings, freeSteps: Int, lambda: Double,
                               sweepImages: Int = 16, spectralSamples: Int = 10, onlinePeriods: Int = 5) -> ProbeReport {
        let sys = BatchSystem(network: network, inputs: inputs, labels: labels)
        let b = sys.batch, sizes = network.layerSizes, L = sizes.count
        let free = sys.relax(steps: freeSteps, damping: nudge.damping, tolerance: nudge.tolerance)
        let (pmy, current, losses, predictions) = sys.readout(at: free.s)
        let slopes = sys.slopes(atActivities: free.s)
        // Exact ν, δ per sample.
        var nu = [Double](repeating: 0, count: slopes.count), delta = nu
        var rho = 0.0, lambda1 = 0.0
        for i in 0..<b {
            let idx = indices(of: i, batch: b, sizes: sizes)
            let d = idx.map { slopes[$0] }
            var c = [Double](repeating: 0, count: idx.count)
            let no = sizes[L - 1], off = idx.count - no
            for j in 0..<no { c[off + j] = current[i * no + j] }
            let e = ExactErrors(network: network, slopes: d, current: c, powerSteps: i < spectralSamples ? 60 : 0)
            if i < spectralSamples && e.spectralRadius >= rho { rho = e.spectralRadius; lambda1 = e.leadingEigenvalue }
            for (k, g) in idx.enumerated() { nu[g] = e.nu[k]; delta[g] = e.delta[k] }
        }
        // The hEP estimate with the live settings (N = 1, θ₀ = 0 for classic EP).
        var settings = nudge
        if estimator == .classic { settings.phaseCount = 1; settings.phaseOffset = 0 }
        let holo = sys.holomorphicError(free: free, settings: settings)
        let used: [Double]
        switch estimator {
        case .holomorphic, .classic: used = holo.error
        case .tangent: used = sys.tangentError(slopes: slopes, current: current, steps: nudge.steps, damping: nudge.damping)
        case .recurrentBackprop:
            used = sys.adjointError(slopes: slopes, current: current, steps: nudge.steps, damping: nudge.damping)
        case .online:
            used = sys.onlineError(settings: nudge, periods: onlinePeriods).error
        }
        // Per-layer cosines, mean over samples.
        func layerCos(_ a: [Double], _ c: [Double]) -> [Double] {
            (0..<L).map { l in
                var acc = 0.0, cnt = 0
                for i in 0..<b {
                    let s0 = free.s.start(ofLayer: l) + i * sizes[l]
                    if let v = cosine(a[s0..<(s0 + sizes[l])], c[s0..<(s0 + sizes[l])]) { acc += v; cnt += 1 }
                }
                return cnt > 0 ? acc / Double(cnt) : .nan
            }
        }
        let g = sys.localGradient(error: delta, activities: free.s, readoutErrors: pmy)
        let gHat = sys.localGradient(error: used, activities: free.s, readoutErrors: pmy)
        var tensorCos: [(String, Double)] = []
        for (t, e) in zip(gHat.namedTensors, g.namedTensors) where t.name != "R" && t.name != "r0" {
            tensorCos.append((t.name, cosine(t.values[...], e.values[...]) ?? .nan))
        }
        // Sweep of N and the aliasing check on the first images.
        let m = min(sweepImages, b)
        let sub = BatchSystem(network: network, inputs: Array(inputs[0..<(m * network.inputSize)]),
                              labels: Array(labels[0..<m]))
        let subFree = sub.relax(steps: freeSteps, damping: nudge.damping, tolerance: nudge.tolerance)
        let subNu = gather(nu, batch: b, samples: m, sizes: sizes)
        var sweep: [(Int, Double)] = []
        for n in sweepPhaseCounts {
            var s = nudge
            s.phaseCount = n
            if estimator == .classic { s.phaseOffset = 0 }
            sweep.append((n, relativeError(sub.holomorphicError(free: subFree, settings: s).error, subNu)))
        }
        let s0 = settings
        var s1 = settings
        s1.phaseOffset += Double.pi / Double(settings.phaseCount)
        let a0 = sub.holomorphicError(free: subFree, settings: s0).error
        let a1 = sub.holomorphicError(free: subFree, settings: s1).error
        let aliasing = relativeError(a1, a0)
        // Residuals.
        let sortedFree = free.residuals.sorted()
        let circle = (0..<settings.phaseCount).map { settings.phaseOffset + 2 * Double.pi * Double($0) / Double(settings.phaseCount) }
        let phaseMedians = holo.phases.map { $0.residuals.sorted()[$0.residuals.count / 2] }
        let phaseResiduals = circle.map { a -> Double in
            let (c, s) = (Double.cos(a), Double.sin(a))
            for (p, med) in zip(holo.points, phaseMedians)
            where abs(Double.cos(p.angle) - c) < 1e-9 && abs(abs(Double.sin(p.angle)) - abs(s)) < 1e-9 { return med }
            return .nan
        }
        let accuracy = Double(zip(predictions, labels).filter { $0 == $1 }.count) / Double(b)
        let homeo = JacobianHomeostasis.exactLoss(network)
        let homeoGrad = JacobianHomeostasis.exactGradient(network).norm
        return ProbeReport(
            layers: (0..<L).map { $0 == L - 1 ? "out" : "h\($0)" },
            cosEstimateTangent: layerCos(holo.error, nu), cosTangentTrue: layerCos(nu, delta),
            cosEstimateTrue: layerCos(used, delta), tensorCosines: tensorCos,
            finiteNudgeError: relativeError(holo.error, nu), aliasingError: aliasing, errorVersusPhases: sweep,
            freeResidualMedian: sortedFree[b / 2], freeResidualMax: sortedFree[b - 1],
            freeResidualFractionLarge: Double(free.residuals.filter { $0 > 1e-3 }.count) / Double(b),
            freeSteps: free.steps,
            phasePoints: circle.map { (settings.radius * Double.cos($0), settings.radius * Double.sin($0)) },
            phaseResiduals: phaseResiduals, maxImaginary: holo.phases.map(\.maxImaginary).max() ?? 0,
            spectralRadius: rho, leadingEigenvalue: lambda1,
            weightAngles: JacobianHomeostasis.weightAngles(network),
            symmetryScore: JacobianHomeostasis.symmetryScore(network), homeostasisLoss: homeo,
            homeostasisRatio: lambda * homeoGrad / max(gHat.norm, 1e-300),
            loss: losses.reduce(0, +) / Double(b), accuracy: accuracy,
            oscillationWarning: free.looksOscillating || holo.phases.contains { $0.looksOscillating })
    }

    /// Flat layer-major positions of sample i's units, layers concatenated.
    static func indices(of i: Int, batch b: Int, sizes: [Int]) -> [Int] {
        var out: [Int] = [], start = 0
        for n in sizes {
            for j in 0..<n { out.append(start + i * n + j) }
            start += b * n
        }
        return out
    }

    /// The first `m` samples of a layer-major vector with batch `b`, as a layer-major vector with batch `m`.
    static func gather(_ v: [Double], batch b: Int, samples m: Int, sizes: [Int]) -> [Double] {
        var out: [Double] = [], start = 0
        for n in sizes {
            out.append(contentsOf: v[start..<(start + m * n)])
            start += b * n
        }
        return out
    }

    static func cosine(_ a: ArraySlice<Double>, _ b: ArraySlice<Double>) -> Double? {
        var ab = 0.0, aa = 0.0, bb = 0.0
        for (x, y) in zip(a, b) { ab += x * y; aa += x * x; bb += y * y }
        guard aa > 0, bb > 0 else { return nil }
        return ab / (aa * bb).squareRoot()
    }

    static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        var num = 0.0, den = 0.0
        for (x, y) in zip(a, b) { num += (x - y) * (x - y); den += y * y }
        return den > 0 ? (num / den).squareRoot() : .nan
    }
}
