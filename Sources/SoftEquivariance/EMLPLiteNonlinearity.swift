import Tensors

/// The fixed O(3)-equivariant products and gated nonlinearity of one EMLP-lite block (spec §6, steps 2–3).
///
/// From `y = (gates, s, v, T)` (all right-hand sides read `y`, before any addition; indices mod channel counts):
///
///     s_k += ⟨v_k, v_{k+1}⟩                     k < min(c_S, c_V)
///     v_k += s_k·v_k + T_k v_{k+1}
///     T_k += s_{k+c_V}·T_k + v_k ⊗ v_{k+1}
///     s ← swish(s),  v_k ← σ(gate_k)·v_k,  T_k ← σ(gate_{c_V+k})·T_k
///
/// Every product is O(3)-equivariant (T v, v⊗v, ⟨v,v⟩, scalar gates), so a network whose linear layers are
/// G-equivariant is G-equivariant for every G ⊆ O(3). Backward passes are written by hand.
public struct EMLPLiteNonlinearity: Sendable, Hashable {
    public let scalars: Int
    public let vectors: Int
    public let tensors: Int
    /// Keep only `s·v`, `s·T` and `v⊗v` (spec §9.2): under Scale, V has weight 1 and T weight 2, so `⟨v,v⟩ → S`
    /// and `T·v → V` are not Scale-equivariant.
    public let isScaleCompatible: Bool

    public init(scalars: Int, vectors: Int, tensors: Int, isScaleCompatible: Bool = false) {
        self.scalars = scalars
        self.vectors = vectors
        self.tensors = tensors
        self.isScaleCompatible = isScaleCompatible
    }

    /// Gates + H.
    @inlinable public var inputDimension: Int { vectors + tensors + outputDimension }
    /// H.
    @inlinable public var outputDimension: Int { scalars + 3 * vectors + 9 * tensors }

    /// `z = y_H + products(y)` for a batch `[n, inputDimension]` → `[n, outputDimension]` (before the gates).
    @inlinable
    public func products<Scalar: FloatingScalar>(_ y: Tensor<Scalar>) -> Tensor<Scalar> {
        let n = y.shape[0], dIn = inputDimension, dOut = outputDimension, g = vectors + tensors
        let cS = scalars, cV = vectors, cT = tensors
        let innerCount = isScaleCompatible ? 0 : min(cS, cV), usesTensorVector = cT > 0 && !isScaleCompatible
        var z = [Scalar](repeating: 0, count: n * dOut)
        y.scalars.withUnsafeBufferPointer { yp in
            z.withUnsafeMutableBufferPointer { zp in
                for r in 0..<n {
                    let yb = r * dIn + g, zb = r * dOut
                    for j in 0..<dOut { zp[zb + j] = yp[yb + j] }
                    let vo = cS, to = cS + 3 * cV
                    for k in 0..<innerCount {
                        let a = yb + vo + 3 * k, b = yb + vo + 3 * ((k + 1) % cV)
                        zp[zb + k] += yp[a] * yp[b] + yp[a + 1] * yp[b + 1] + yp[a + 2] * yp[b + 2]
                    }
                    for k in 0..<cV {
                        let v = yb + vo + 3 * k, w = yb + vo + 3 * ((k + 1) % cV), s = yp[yb + k % cS]
                        for i in 0..<3 {
                            var acc = s * yp[v + i]
                            if usesTensorVector {
                                let t = yb + to + 9 * (k % cT) + 3 * i
                                acc += yp[t] * yp[w] + yp[t + 1] * yp[w + 1] + yp[t + 2] * yp[w + 2]
                            }
                            zp[zb + vo + 3 * k + i] += acc
                        }
                    }
                    for k in 0..<cT {
                        let t = yb + to + 9 * k, s = yp[yb + (k + cV) % cS]
                        let v = yb + vo + 3 * (k % cV), w = yb + vo + 3 * ((k + 1) % cV)
                        for i in 0..<3 { for j in 0..<3 {
                            zp[zb + to + 9 * k + 3 * i + j] += s * yp[t + 3 * i + j] + yp[v + i] * yp[w + j]
                        } }
                    }
                }
            }
        }
        return Tensor(shape: [n, dOut], scalars: z)
    }

    /// The gated nonlinearity: `h = (swish(z_s), σ(gate)·z_v, σ(gate)·z_T)`, reading the gates from `y`.
    @inlinable
    public func gate<Scalar: FloatingScalar>(_ z: Tensor<Scalar>, gatesFrom y: Tensor<Scalar>) -> Tensor<Scalar> {
        let n = z.shape[0], dIn = inputDimension, dOut = outputDimension
        var h = z.scalars
        y.scalars.withUnsafeBufferPointer { yp in
            h.withUnsafeMutableBufferPointer { hp in
                for r in 0..<n {
                    let zb = r * dOut
                    for k in 0..<scalars { let x = hp[zb + k]; hp[zb + k] = x * sigmoid(x) }
                    for k in 0..<vectors {
                        let gk = sigmoid(yp[r * dIn + k])
                        for i in 0..<3 { hp[zb + scalars + 3 * k + i] *= gk }
                    }
                    for k in 0..<tensors {
                        let gk = sigmoid(yp[r * dIn + vectors + k])
                        for i in 0..<9 { hp[zb + scalars + 3 * vectors + 9 * k + i] *= gk }
                    }
                }
            }
        }
        return Tensor(shape: [n, dOut], scalars: h)
    }

    /// The whole block: `gate(products(y), gatesFrom: y)`.
    @inlinable
    public func callAsFunction<Scalar: FloatingScalar>(_ y: Tensor<Scalar>) -> Tensor<Scalar> {
        gate(products(y), gatesFrom: y)
    }

    @inlinable
    func sigmoid<Scalar: FloatingScalar>(_ x: Scalar) -> Scalar { 1 / (1 + Scalar.exp(-x)) }
}
