import Tensors

extension LayeredNetwork {
    /// d_l += s_{l−1}·W_{l←l−1}ᵀ + s_{l+1}·W_{l←l+1}ᵀ for every layer (one plane).
    @inlinable
    public func addCouplings(_ s: [T], into d: inout [T], batch b: Int) {
        let sizes = layerSizes, starts = (0..<sizes.count).map { b * sizes[..<$0].reduce(0, +) }
        s.withUnsafeBufferPointer { sp in
            d.withUnsafeMutableBufferPointer { dp in
                for l in 0..<(sizes.count - 1) {
                    let lo = sizes[l], hi = sizes[l + 1]
                    // forward: d_{l+1} += s_l · W_fᵀ, W_f [hi, lo]
                    forward[l].withUnsafeBufferPointer { w in
                        T.gemm(transposeA: false, transposeB: true, m: b, n: hi, k: lo, alpha: 1,
                               a: sp.baseAddress! + starts[l], lda: lo, b: w.baseAddress!, ldb: lo, beta: 1,
                               c: dp.baseAddress! + starts[l + 1], ldc: hi)
                    }
                    // feedback: d_l += s_{l+1} · W_bᵀ, W_b [lo, hi]
                    feedback[l].withUnsafeBufferPointer { w in
                        T.gemm(transposeA: false, transposeB: true, m: b, n: lo, k: hi, alpha: 1,
                               a: sp.baseAddress! + starts[l + 1], lda: hi, b: w.baseAddress!, ldb: hi, beta: 1,
                               c: dp.baseAddress! + starts[l], ldc: lo)
                    }
                }
            }
        }
    }

    /// d += Mᵀ·e: (Mᵀe)_l = W_{l+1←l}ᵀ e_{l+1} + W_{l−1←l}ᵀ e_{l−1}, as row products e·W.
    @inlinable
    public func addTransposedCouplings(_ e: [T], into d: inout [T], batch b: Int) {
        let sizes = layerSizes, starts = (0..<sizes.count).map { b * sizes[..<$0].reduce(0, +) }
        e.withUnsafeBufferPointer { ep in
            d.withUnsafeMutableBufferPointer { dp in
                for l in 0..<(sizes.count - 1) {
                    let lo = sizes[l], hi = sizes[l + 1]
                    forward[l].withUnsafeBufferPointer { w in   // [hi, lo]
                        T.gemm(transposeA: false, transposeB: false, m: b, n: lo, k: hi, alpha: 1,
                               a: ep.baseAddress! + starts[l + 1], lda: hi, b: w.baseAddress!, ldb: lo, beta: 1,
                               c: dp.baseAddress! + starts[l], ldc: lo)
                    }
                    feedback[l].withUnsafeBufferPointer { w in  // [lo, hi]
                        T.gemm(transposeA: false, transposeB: false, m: b, n: hi, k: lo, alpha: 1,
                               a: ep.baseAddress! + starts[l], lda: lo, b: w.baseAddress!, ldb: hi, beta: 1,
                               c: dp.baseAddress! + starts[l + 1], ldc: hi)
                    }
                }
            }
        }
    }

}
