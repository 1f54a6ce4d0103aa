import Autodiff
import Tensors

// Local tensor ops with VJPs (LayerNorm, GELU, 2×2 max-pool, global max). Generic ones that belong in
// Autodiff/NN once hoisted: `layerNorm(perExample:)`, `gelu()`, `maxPool2x2()`, `globalMax(groups:)`.

extension Variable {
    /// Layer normalisation of each example over all its other axes, without affine parameters:
    /// `y = (x − μ)/√(σ² + ε)` with `μ, σ²` over `x[b, ...]`.
    ///
    /// VJP: `dx = (g − mean(g) − y·mean(g·y)) / √(σ² + ε)` per example.
    func layerNormPerExample(epsilon: Scalar = 1e-5) -> Variable {
        let x = value
        let batch = x.shape[0], n = x.count / max(batch, 1)
        var y = [Scalar](repeating: 0, count: x.count)
        var inv = [Scalar](repeating: 0, count: batch)
        x.scalars.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                for b in 0..<batch {
                    let base = b * n
                    var mean: Scalar = 0
                    for i in 0..<n { mean += px[base + i] }
                    mean /= Scalar(n)
                    var variance: Scalar = 0
                    for i in 0..<n { let d = px[base + i] - mean; variance += d * d }
                    variance /= Scalar(n)
                    let s = 1 / (variance + epsilon).squareRoot()
                    inv[b] = s
                    for i in 0..<n { py[base + i] = (px[base + i] - mean) * s }
                }
            }
        }
        let out = Tensor(shape: x.shape, scalars: y)
        return Variable(out, inputs: [self]) { g in
            var dx = [Scalar](repeating: 0, count: g.count)
            g.scalars.withUnsafeBufferPointer { pg in
                y.withUnsafeBufferPointer { py in
                    dx.withUnsafeMutableBufferPointer { pd in
                        for b in 0..<batch {
                            let base = b * n
                            var mg: Scalar = 0, mgy: Scalar = 0
                            for i in 0..<n { mg += pg[base + i]; mgy += pg[base + i] * py[base + i] }
                            mg /= Scalar(n); mgy /= Scalar(n)
                            for i in 0..<n { pd[base + i] = (pg[base + i] - mg - py[base + i] * mgy) * inv[b] }
                        }
                    }
                }
            }
            return [Tensor(shape: g.shape, scalars: dx)]
        }
    }

    /// GELU, `x·Φ(x)` with the normal CDF `Φ(x) = (1 + erf(x/√2))/2` (erf to ~1e-7 by Abramowitz–Stegun 7.1.26).
    ///
    /// One pass computes `y` and `dy/dx = Φ(x) + x·φ(x)`; the VJP multiplies by the stored derivative.
    func gelu() -> Variable {
        let x = value
        var y = [Scalar](repeating: 0, count: x.count)
        var dy = [Scalar](repeating: 0, count: x.count)
        let r: Scalar = 1 / Scalar(2).squareRoot(), c: Scalar = 1 / (2 * Scalar.pi).squareRoot()
        x.scalars.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                dy.withUnsafeMutableBufferPointer { pd in
                    for i in 0..<px.count {
                        let v = px[i]
                        let density = c * Scalar.exp(-v * v / 2)
                        let phi = (1 + fastErf(v * r, gaussian: density)) / 2
                        py[i] = v * phi
                        pd[i] = phi + v * density
                    }
                }
            }
        }
        return Variable(Tensor(shape: x.shape, scalars: y), inputs: [self]) { g in
            var out = g.scalars
            out.withUnsafeMutableBufferPointer { po in
                dy.withUnsafeBufferPointer { pd in for i in 0..<po.count { po[i] *= pd[i] } }
            }
            return [Tensor(shape: x.shape, scalars: out)]
        }
    }

    /// 2×2 max-pooling with stride 2 over the last two axes of `[B, C, H, W]` (H, W even; ties: first).
    func maxPool2x2() -> Variable {
        let x = value
        precondition(x.rank == 4 && x.shape[2] % 2 == 0 && x.shape[3] % 2 == 0, "maxPool2x2 needs even [B,C,H,W], got \(x.shape)")
        let planes = x.shape[0] * x.shape[1], h = x.shape[2], w = x.shape[3], ho = h / 2, wo = w / 2
        var out = [Scalar](repeating: 0, count: planes * ho * wo)
        var arg = [Int32](repeating: 0, count: out.count)
        x.scalars.withUnsafeBufferPointer { px in
            for pl in 0..<planes {
                for y in 0..<ho {
                    for xx in 0..<wo {
                        let base = pl * h * w
                        let i0 = 2 * y * w + 2 * xx
                        var best = i0
                        if px[base + i0 + 1] > px[base + best] { best = i0 + 1 }
                        if px[base + i0 + w] > px[base + best] { best = i0 + w }
                        if px[base + i0 + w + 1] > px[base + best] { best = i0 + w + 1 }
                        let o = (pl * ho + y) * wo + xx
                        out[o] = px[pl * h * w + best]
                        arg[o] = Int32(best)
                    }
                }
            }
        }
        let shape = x.shape
        return Variable(Tensor(shape: [x.shape[0], x.shape[1], ho, wo], scalars: out), inputs: [self]) { g in
            var dx = [Scalar](repeating: 0, count: shape.reduce(1, *))
            for pl in 0..<planes {
                for j in 0..<(ho * wo) { dx[pl * h * w + Int(arg[pl * ho * wo + j])] += g.scalars[pl * ho * wo + j] }
            }
            return [Tensor(shape: shape, scalars: dx)]
        }
    }

    /// Global max over each group of `groupSize` consecutive channels and all pixels:
    /// `[B, C·N, H, W] → [B, C]` (invariant pooling over samples and space).
    func globalMax(groupSize: Int) -> Variable {
        let x = value
        precondition(x.rank == 4 && x.shape[1] % groupSize == 0, "globalMax: \(x.shape) with groups of \(groupSize)")
        let batch = x.shape[0], groups = x.shape[1] / groupSize
        let span = groupSize * x.shape[2] * x.shape[3]
        var out = [Scalar](repeating: 0, count: batch * groups)
        var arg = [Int](repeating: 0, count: out.count)
        x.scalars.withUnsafeBufferPointer { px in
            for k in 0..<(batch * groups) {
                let base = k * span
                var best = base
                for i in base..<(base + span) where px[i] > px[best] { best = i }
                out[k] = px[best]
                arg[k] = best
            }
        }
        let shape = x.shape
        return Variable(Tensor(shape: [batch, groups], scalars: out), inputs: [self]) { g in
            var dx = [Scalar](repeating: 0, count: shape.reduce(1, *))
            for k in 0..<arg.count { dx[arg[k]] += g.scalars[k] }
            return [Tensor(shape: shape, scalars: dx)]
        }
    }
}

/// LayerNorm over the last axis of `[B, F]` with a learned gain and bias (the classifier head's normaliser).
func layerNormAffine<S: FloatingScalar>(_ x: Variable<S>, gain: Variable<S>, bias: Variable<S>) -> Variable<S> {
    x.layerNormPerExample() * gain + bias
}

/// `erf(z)` by Abramowitz–Stegun 7.1.26 (absolute error ≤ 1.5e-7), given `gaussian = e^{-z²}/√(2π)`... rescaled:
/// the caller passes `φ(x) = e^{-x²/2}/√(2π)` with `z = x/√2`, so `e^{-z²} = √(2π)·φ`.
@inline(__always)
func fastErf<S: FloatingScalar>(_ z: S, gaussian density: S) -> S {
    let a = abs(z)
    let t = 1 / (1 + S(0.3275911) * a)
    let poly = t * (S(0.254829592) + t * (S(-0.284496736) + t * (S(1.421413741) + t * (S(-1.453152027) + t * S(1.061405429)))))
    let e = (2 * S.pi).squareRoot() * density
    let v = 1 - poly * e
    return z < 0 ? -v : v
}
