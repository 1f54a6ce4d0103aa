import Tensors

extension EMLPLiteNonlinearity {
    /// The vector–Jacobian product of the whole block: `dL/dy` from `dL/dh`, given the forward input `y` and
    /// the pre-gate values `z = products(y)`.
    ///
    /// Gates: `dz_s = dh_s·swish'(z_s)`, `dz_v = σ(g)·dh_v`, `dg = σ'(g)·⟨dh_v, z_v⟩` (same for T).
    /// Products (bilinear): each term sends its upstream gradient to both factors.
    @inlinable
    public func backward<Scalar: FloatingScalar>(_ dh: Tensor<Scalar>, input y: Tensor<Scalar>,
                                                 preGate z: Tensor<Scalar>) -> Tensor<Scalar> {
        let n = y.shape[0], dIn = inputDimension, dOut = outputDimension, g = vectors + tensors
        let cS = scalars, cV = vectors, cT = tensors
        let vo = cS, to = cS + 3 * cV
        let innerCount = isScaleCompatible ? 0 : min(cS, cV), usesTensorVector = cT > 0 && !isScaleCompatible
        var dz = [Scalar](repeating: 0, count: n * dOut)
        var dy = [Scalar](repeating: 0, count: n * dIn)
        y.scalars.withUnsafeBufferPointer { yp in
        z.scalars.withUnsafeBufferPointer { zp in
        dh.scalars.withUnsafeBufferPointer { hp in
        dz.withUnsafeMutableBufferPointer { dzp in
        dy.withUnsafeMutableBufferPointer { dyp in
            for r in 0..<n {
                let zb = r * dOut, yr = r * dIn, yb = yr + g
                // Gates.
                for k in 0..<cS {
                    let x = zp[zb + k], s = sigmoid(x)
                    dzp[zb + k] = hp[zb + k] * (s + x * s * (1 - s))
                }
                for k in 0..<cV {
                    let sk = sigmoid(yp[yr + k])
                    var dot: Scalar = 0
                    for i in 0..<3 {
                        let j = zb + vo + 3 * k + i
                        dzp[j] = sk * hp[j]
                        dot += hp[j] * zp[j]
                    }
                    dyp[yr + k] = sk * (1 - sk) * dot
                }
                for k in 0..<cT {
                    let sk = sigmoid(yp[yr + cV + k])
                    var dot: Scalar = 0
                    for i in 0..<9 {
                        let j = zb + to + 9 * k + i
                        dzp[j] = sk * hp[j]
                        dot += hp[j] * zp[j]
                    }
                    dyp[yr + cV + k] = sk * (1 - sk) * dot
                }
                // Identity part of z = y_H + products.
                for j in 0..<dOut { dyp[yb + j] += dzp[zb + j] }
                // s_k += ⟨v_k, v_{k+1}⟩.
                for k in 0..<innerCount {
                    let a = vo + 3 * k, b = vo + 3 * ((k + 1) % cV), up = dzp[zb + k]
                    for i in 0..<3 {
                        dyp[yb + a + i] += up * yp[yb + b + i]
                        dyp[yb + b + i] += up * yp[yb + a + i]
                    }
                }
                // v_k += s_k·v_k + T_k v_{k+1}.
                for k in 0..<cV {
                    let v = vo + 3 * k, w = vo + 3 * ((k + 1) % cV), si = k % cS
                    let s = yp[yb + si]
                    var ds: Scalar = 0
                    for i in 0..<3 {
                        let up = dzp[zb + v + i]
                        ds += up * yp[yb + v + i]
                        dyp[yb + v + i] += s * up
                        if usesTensorVector {
                            let t = to + 9 * (k % cT) + 3 * i
                            for j in 0..<3 {
                                dyp[yb + t + j] += up * yp[yb + w + j]
                                dyp[yb + w + j] += up * yp[yb + t + j]
                            }
                        }
                    }
                    dyp[yb + si] += ds
                }
                // T_k += s_{k+c_V}·T_k + v_k ⊗ v_{k+1}.
                for k in 0..<cT {
                    let t = to + 9 * k, si = (k + cV) % cS, s = yp[yb + si]
                    let v = vo + 3 * (k % cV), w = vo + 3 * ((k + 1) % cV)
                    var ds: Scalar = 0
                    for i in 0..<3 { for j in 0..<3 {
                        let up = dzp[zb + t + 3 * i + j]
                        ds += up * yp[yb + t + 3 * i + j]
                        dyp[yb + t + 3 * i + j] += s * up
                        dyp[yb + v + i] += up * yp[yb + w + j]
                        dyp[yb + w + j] += up * yp[yb + v + i]
                    } }
                    dyp[yb + si] += ds
                }
            }
        }}}}}
        return Tensor(shape: [n, dIn], scalars: dy)
    }
}
