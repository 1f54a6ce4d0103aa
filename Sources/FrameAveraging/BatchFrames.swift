import Autodiff
import Tensors

/// The frame elements chosen for every system of a batch: `copies` 3×3 matrices per system (Float, row-major).
struct BatchFrames {
    let systems: Int
    let copies: Int
    /// `[B·K·9]`, element k of system b at `(b·K + k)·9`.
    var matrices: [Float]
    /// The smaller relative eigen-gap per system.
    var gaps: [Double]

    /// Picks the frame elements of each system's PCA frame: all of them, or `sample` random distinct ones.
    init(frames: [PCAFrame], sample: Int?, rng: inout RandomSource) {
        systems = frames.count
        let full = frames.first?.elements.count ?? 8
        copies = sample.map { Swift.min($0, full) } ?? full
        var m: [Float] = []
        m.reserveCapacity(systems * copies * 9)
        for f in frames {
            let chosen = sample == nil ? Array(0..<full) : Array(rng.permutation(full).prefix(copies))
            for k in chosen { m += f.elements[k].map { Float($0) } }
        }
        matrices = m
        gaps = frames.map(\.minimumGap)
    }
}

// MARK: - Frame operations on latent and output features

enum FrameOps {
    /// Latent re-symmetrisation (Puny et al. 2022, §4 step 4): view `[B·K·n, H]` as 3-vectors, map back with the
    /// old frame and average over copies, build a new PCA frame of each system's `n·H/3` vectors, and
    /// canonicalise with every new element. The frames are constants for backprop.
    ///
    /// Returns the new features and the new frames.
    static func resymmetrize(_ h: Variable<Float>, frames: BatchFrames, bodies n: Int, group: FrameGroup,
                             sample: Int?, rng: inout RandomSource) -> (Variable<Float>, BatchFrames) {
        let hidden = h.shape[1], vecs = hidden / 3, b = frames.systems, k = frames.copies
        let perSystem = n * vecs
        var w = [Double](repeating: 0, count: b * perSystem * 3)
        let fm = frames.matrices
        h.value.scalars.withUnsafeBufferPointer { ph in
            for s in 0..<b {
                for c in 0..<k {
                    let f = (s * k + c) * 9
                    for i in 0..<n {
                        let row = ((s * k + c) * n + i) * hidden
                        for v in 0..<vecs {
                            let z0 = Double(ph[row + 3 * v]), z1 = Double(ph[row + 3 * v + 1]), z2 = Double(ph[row + 3 * v + 2])
                            let o = (s * perSystem + i * vecs + v) * 3
                            for r in 0..<3 {
                                w[o + r] += Double(fm[f + r * 3]) * z0 + Double(fm[f + r * 3 + 1]) * z1 + Double(fm[f + r * 3 + 2]) * z2
                            }
                        }
                    }
                }
            }
        }
        let inv = 1 / Double(k)
        for i in 0..<w.count { w[i] *= inv }
        var pca: [PCAFrame] = []
        for s in 0..<b {
            let pts = Array(w[(s * perSystem * 3)..<((s + 1) * perSystem * 3)])
            pca.append(PCAFrame(points: pts, group: group.isProper ? .se3 : .e3))
        }
        let newFrames = BatchFrames(frames: pca, sample: sample, rng: &rng)
        let k2 = newFrames.copies, nm = newFrames.matrices
        var out = [Float](repeating: 0, count: b * k2 * n * hidden)
        for s in 0..<b {
            let mu = pca[s].centroid
            for c in 0..<k2 {
                let f = (s * k2 + c) * 9
                for i in 0..<n {
                    let row = ((s * k2 + c) * n + i) * hidden
                    for v in 0..<vecs {
                        let o = (s * perSystem + i * vecs + v) * 3
                        let d0 = w[o] - mu[0], d1 = w[o + 1] - mu[1], d2 = w[o + 2] - mu[2]
                        for col in 0..<3 {
                            out[row + 3 * v + col] = Float(Double(nm[f + col]) * d0 + Double(nm[f + 3 + col]) * d1
                                                           + Double(nm[f + 6 + col]) * d2)
                        }
                    }
                }
            }
        }
        let result = Variable(Tensor(shape: [b * k2 * n, hidden], scalars: out), inputs: [h]) { g in
            // gw = Σ_k' F'_k' g'; centre per system; gz_k = (1/K) F_kᵀ gw.
            var gw = [Float](repeating: 0, count: b * perSystem * 3)
            g.scalars.withUnsafeBufferPointer { pg in
                for s in 0..<b {
                    for c in 0..<k2 {
                        let f = (s * k2 + c) * 9
                        for i in 0..<n {
                            let row = ((s * k2 + c) * n + i) * hidden
                            for v in 0..<vecs {
                                let g0 = pg[row + 3 * v], g1 = pg[row + 3 * v + 1], g2 = pg[row + 3 * v + 2]
                                let o = (s * perSystem + i * vecs + v) * 3
                                for r in 0..<3 { gw[o + r] += nm[f + r * 3] * g0 + nm[f + r * 3 + 1] * g1 + nm[f + r * 3 + 2] * g2 }
                            }
                        }
                    }
                    var mean: [Float] = [0, 0, 0]
                    for v in 0..<perSystem { for r in 0..<3 { mean[r] += gw[(s * perSystem + v) * 3 + r] } }
                    for r in 0..<3 { mean[r] /= Float(perSystem) }
                    for v in 0..<perSystem { for r in 0..<3 { gw[(s * perSystem + v) * 3 + r] -= mean[r] } }
                }
            }
            var gh = [Float](repeating: 0, count: b * k * n * hidden)
            let scale = Float(inv)
            for s in 0..<b {
                for c in 0..<k {
                    let f = (s * k + c) * 9
                    for i in 0..<n {
                        let row = ((s * k + c) * n + i) * hidden
                        for v in 0..<vecs {
                            let o = (s * perSystem + i * vecs + v) * 3
                            for col in 0..<3 {
                                gh[row + 3 * v + col] = scale * (fm[f + col] * gw[o] + fm[f + 3 + col] * gw[o + 1] + fm[f + 6 + col] * gw[o + 2])
                            }
                        }
                    }
                }
            }
            return [Tensor(shape: [b * k * n, hidden], scalars: gh)]
        }
        return (result, newFrames)
    }

    /// Output map: `x̂_i = t + (1/K) Σ_k F_k y_i^(k)` from `[B·K·n, 3]` to `[B·n, 3]`.
    static func mapBackAndAverage(_ y: Variable<Float>, frames: BatchFrames, centroids: [Double], bodies n: Int) -> Variable<Float> {
        let b = frames.systems, k = frames.copies, fm = frames.matrices
        let inv = 1 / Float(k)
        var out = [Float](repeating: 0, count: b * n * 3)
        y.value.scalars.withUnsafeBufferPointer { py in
            for s in 0..<b {
                for i in 0..<n {
                    var acc: [Float] = [0, 0, 0]
                    for c in 0..<k {
                        let f = (s * k + c) * 9, row = ((s * k + c) * n + i) * 3
                        for r in 0..<3 { acc[r] += fm[f + r * 3] * py[row] + fm[f + r * 3 + 1] * py[row + 1] + fm[f + r * 3 + 2] * py[row + 2] }
                    }
                    for r in 0..<3 { out[(s * n + i) * 3 + r] = Float(centroids[s * 3 + r]) + inv * acc[r] }
                }
            }
        }
        return Variable(Tensor(shape: [b * n, 3], scalars: out), inputs: [y]) { g in
            var gy = [Float](repeating: 0, count: b * k * n * 3)
            for s in 0..<b {
                for c in 0..<k {
                    let f = (s * k + c) * 9
                    for i in 0..<n {
                        let o = (s * n + i) * 3, row = ((s * k + c) * n + i) * 3
                        for col in 0..<3 {
                            gy[row + col] = inv * (fm[f + col] * g.scalars[o] + fm[f + 3 + col] * g.scalars[o + 1] + fm[f + 6 + col] * g.scalars[o + 2])
                        }
                    }
                }
            }
            return [Tensor(shape: [b * k * n, 3], scalars: gy)]
        }
    }
}
