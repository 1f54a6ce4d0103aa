import Autodiff
import Tensors

// Image operations the invertibility module needs on `[N, C, H, W]` variables, each with its VJP.
// (Candidates for hoisting into Autodiff: nearest/bilinear ×2 upsampling, FiLM, instance norm, binomial blur.)

extension Variable {
    /// Nearest-neighbour ×2 upsampling `[N, C, H, W] → [N, C, 2H, 2W]` (VJP: sum over each 2×2 block).
    func upsampleNearest2x() -> Variable {
        let s = shape
        precondition(s.count == 4, "upsampleNearest2x needs [N,C,H,W], got \(s)")
        let planes = s[0] * s[1], h = s[2], w = s[3]
        var out = [Scalar](repeating: 0, count: planes * 4 * h * w)
        value.scalars.withUnsafeBufferPointer { x in
            for p in 0..<planes {
                for r in 0..<(2 * h) {
                    for c in 0..<(2 * w) { out[p * 4 * h * w + r * 2 * w + c] = x[p * h * w + (r / 2) * w + c / 2] }
                }
            }
        }
        return Variable(Tensor(shape: [s[0], s[1], 2 * h, 2 * w], scalars: out), inputs: [self]) { g in
            var gx = [Scalar](repeating: 0, count: planes * h * w)
            g.scalars.withUnsafeBufferPointer { gp in
                for p in 0..<planes {
                    for r in 0..<(2 * h) {
                        for c in 0..<(2 * w) { gx[p * h * w + (r / 2) * w + c / 2] += gp[p * 4 * h * w + r * 2 * w + c] }
                    }
                }
            }
            return [Tensor(shape: s, scalars: gx)]
        }
    }

    /// Bilinear ×2 upsampling with half-pixel centres and edge clamping (the mask-logit hand-over between scales).
    func upsampleBilinear2x() -> Variable {
        let s = shape
        precondition(s.count == 4, "upsampleBilinear2x needs [N,C,H,W], got \(s)")
        let planes = s[0] * s[1], h = s[2], w = s[3], oh = 2 * h, ow = 2 * w
        // Source coordinate of output index i: (i + 0.5)/2 − 0.5, clamped.
        func taps(_ i: Int, _ n: Int) -> (Int, Int, Scalar) {
            let src = Swift.max(Scalar(i) * 0.5 - 0.25, 0)
            let i0 = Swift.min(Int(src), n - 1), i1 = Swift.min(i0 + 1, n - 1)
            return (i0, i1, src - Scalar(i0))
        }
        let rows = (0..<oh).map { taps($0, h) }, cols = (0..<ow).map { taps($0, w) }
        var out = [Scalar](repeating: 0, count: planes * oh * ow)
        value.scalars.withUnsafeBufferPointer { x in
            for p in 0..<planes {
                let base = p * h * w
                for r in 0..<oh {
                    let (r0, r1, fr) = rows[r]
                    for c in 0..<ow {
                        let (c0, c1, fc) = cols[c]
                        let top = x[base + r0 * w + c0] * (1 - fc) + x[base + r0 * w + c1] * fc
                        let bottom = x[base + r1 * w + c0] * (1 - fc) + x[base + r1 * w + c1] * fc
                        out[p * oh * ow + r * ow + c] = top * (1 - fr) + bottom * fr
                    }
                }
            }
        }
        return Variable(Tensor(shape: [s[0], s[1], oh, ow], scalars: out), inputs: [self]) { g in
            var gx = [Scalar](repeating: 0, count: planes * h * w)
            g.scalars.withUnsafeBufferPointer { gp in
                for p in 0..<planes {
                    let base = p * h * w
                    for r in 0..<oh {
                        let (r0, r1, fr) = rows[r]
                        for c in 0..<ow {
                            let (c0, c1, fc) = cols[c]
                            let v = gp[p * oh * ow + r * ow + c]
                            gx[base + r0 * w + c0] += v * (1 - fr) * (1 - fc)
                            gx[base + r0 * w + c1] += v * (1 - fr) * fc
                            gx[base + r1 * w + c0] += v * fr * (1 - fc)
                            gx[base + r1 * w + c1] += v * fr * fc
                        }
                    }
                }
            }
            return [Tensor(shape: s, scalars: gx)]
        }
    }

    /// FiLM `h·(1 + γ) + β` with `h: [N, C, H, W]`, `γ, β: [N, C]` (spec §3.4, standing in for StyleGAN2's
    /// weight modulation).
    func film(gamma: Variable, beta: Variable) -> Variable {
        let s = shape
        precondition(s.count == 4 && gamma.shape == [s[0], s[1]] && beta.shape == [s[0], s[1]],
                     "film needs h [N,C,H,W] and γ, β [N,C], got \(s), \(gamma.shape), \(beta.shape)")
        let planes = s[0] * s[1], hw = s[2] * s[3]
        let h = value, ga = gamma.value, be = beta.value
        var out = [Scalar](repeating: 0, count: h.count)
        h.scalars.withUnsafeBufferPointer { hp in
            for p in 0..<planes {
                let a = 1 + ga.scalars[p], b = be.scalars[p]
                for k in 0..<hw { out[p * hw + k] = hp[p * hw + k] * a + b }
            }
        }
        return Variable(Tensor(shape: s, scalars: out), inputs: [self, gamma, beta]) { g in
            var gh = [Scalar](repeating: 0, count: h.count)
            var gg = [Scalar](repeating: 0, count: planes), gb = [Scalar](repeating: 0, count: planes)
            g.scalars.withUnsafeBufferPointer { gp in
                h.scalars.withUnsafeBufferPointer { hp in
                    for p in 0..<planes {
                        let a = 1 + ga.scalars[p]
                        var sg: Scalar = 0, sb: Scalar = 0
                        for k in 0..<hw {
                            let v = gp[p * hw + k]
                            gh[p * hw + k] = v * a
                            sg += v * hp[p * hw + k]
                            sb += v
                        }
                        gg[p] = sg
                        gb[p] = sb
                    }
                }
            }
            return [Tensor(shape: s, scalars: gh), Tensor(shape: ga.shape, scalars: gg), Tensor(shape: be.shape, scalars: gb)]
        }
    }

    /// Instance normalisation without affine parameters: each `(n, c)` plane to zero mean, unit variance
    /// (biased variance, ε = 1e-5).
    func instanceNorm(epsilon: Scalar = 1e-5) -> Variable {
        let s = shape
        precondition(s.count == 4, "instanceNorm needs [N,C,H,W], got \(s)")
        let planes = s[0] * s[1], hw = s[2] * s[3], n = Scalar(hw)
        var out = [Scalar](repeating: 0, count: value.count)
        var inverseStd = [Scalar](repeating: 0, count: planes)
        value.scalars.withUnsafeBufferPointer { x in
            for p in 0..<planes {
                var mean: Scalar = 0
                for k in 0..<hw { mean += x[p * hw + k] }
                mean /= n
                var variance: Scalar = 0
                for k in 0..<hw { let d = x[p * hw + k] - mean; variance += d * d }
                variance /= n
                let inv = 1 / (variance + epsilon).squareRoot()
                inverseStd[p] = inv
                for k in 0..<hw { out[p * hw + k] = (x[p * hw + k] - mean) * inv }
            }
        }
        let y = out
        return Variable(Tensor(shape: s, scalars: out), inputs: [self]) { g in
            // dx = inv/N · (N·g − Σg − y·Σ(g·y))
            var gx = [Scalar](repeating: 0, count: y.count)
            g.scalars.withUnsafeBufferPointer { gp in
                for p in 0..<planes {
                    var sg: Scalar = 0, sgy: Scalar = 0
                    for k in 0..<hw { sg += gp[p * hw + k]; sgy += gp[p * hw + k] * y[p * hw + k] }
                    let inv = inverseStd[p]
                    for k in 0..<hw { gx[p * hw + k] = inv / n * (n * gp[p * hw + k] - sg - y[p * hw + k] * sgy) }
                }
            }
            return [Tensor(shape: s, scalars: gx)]
        }
    }

    /// The 3×3 binomial blur `[1,2,1]⊗[1,2,1]/16` per channel with edge padding (spec §3.5).
    func binomialBlur() -> Variable {
        let s = shape
        precondition(s.count == 4, "binomialBlur needs [N,C,H,W], got \(s)")
        let planes = s[0] * s[1], h = s[2], w = s[3]
        let weights: [Scalar] = [1, 2, 1]
        func apply(_ src: [Scalar], transpose: Bool) -> [Scalar] {
            var dst = [Scalar](repeating: 0, count: src.count)
            for p in 0..<planes {
                for r in 0..<h {
                    for c in 0..<w {
                        let v = src[p * h * w + r * w + c]
                        for dr in -1...1 {
                            for dc in -1...1 {
                                let rr = Swift.min(Swift.max(r + dr, 0), h - 1), cc = Swift.min(Swift.max(c + dc, 0), w - 1)
                                let wgt = weights[dr + 1] * weights[dc + 1] / 16
                                // Forward gathers from clamped neighbours; the adjoint scatters back to them.
                                if transpose { dst[p * h * w + rr * w + cc] += wgt * v } else { dst[p * h * w + r * w + c] += wgt * src[p * h * w + rr * w + cc] }
                            }
                        }
                    }
                }
            }
            return dst
        }
        let out = apply(value.scalars, transpose: false)
        return Variable(Tensor(shape: s, scalars: out), inputs: [self]) { g in
            [Tensor(shape: s, scalars: apply(g.scalars, transpose: true))]
        }
    }
}
