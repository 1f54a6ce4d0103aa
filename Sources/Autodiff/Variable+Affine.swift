import Tensors

// MARK: - Fused affine map (dense layers)

extension Variable {
    /// `x·W + b` for `x [n, in]`, `W [in, out]`, `b [out]` in one gemm (the bias pre-fills the output, `beta = 1`).
    ///
    /// VJP: `dx = dY·Wᵀ`, `dW = xᵀ·dY`, `db = 1ᵀ·dY` (column sums, also one gemm). Equal to
    /// `x.matmul(W) + b` up to rounding, without the separate broadcast and reduction passes.
    @inlinable
    public func affine(_ weight: Variable, bias: Variable) -> Variable {
        let x = value, w = weight.value, b = bias.value
        precondition(x.rank == 2 && w.rank == 2 && x.shape[1] == w.shape[0] && b.shape == [w.shape[1]],
                     "affine needs x [n, in], W [in, out], b [out], got \(x.shape), \(w.shape), \(b.shape)")
        let n = x.shape[0], k = x.shape[1], m = w.shape[1]
        var out = [Scalar](unsafeUninitializedCapacity: n * m) { buffer, initialized in
            b.scalars.withUnsafeBufferPointer { pb in
                for r in 0..<n { (buffer.baseAddress! + r * m).initialize(from: pb.baseAddress!, count: m) }
            }
            initialized = n * m
        }
        if n > 0 && m > 0 && k > 0 {
            x.scalars.withUnsafeBufferPointer { px in
                w.scalars.withUnsafeBufferPointer { pw in
                    out.withUnsafeMutableBufferPointer { po in
                        Scalar.gemm(transposeA: false, transposeB: false, m: n, n: m, k: k, alpha: 1,
                                    a: px.baseAddress!, lda: k, b: pw.baseAddress!, ldb: m, beta: 1,
                                    c: po.baseAddress!, ldc: m)
                    }
                }
            }
        }
        let needX = requiresGradient, needW = weight.requiresGradient, needB = bias.requiresGradient
        return Variable(Tensor(shape: [n, m], scalars: out), inputs: [self, weight, bias]) { g in
            [needX ? g.matmul(w, transposeOther: true) : nil,
             needW ? x.matmul(g, transposeSelf: true) : nil,
             needB ? g.columnSums() : nil]
        }
    }
}
