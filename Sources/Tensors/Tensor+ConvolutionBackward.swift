// MARK: - Fused conv2d backward pass (one sweep over the batch)

extension Tensor where Scalar: FloatingScalar {
    /// All gradients of `conv2d` (optionally with a fused ReLU) in one pass over the batch, image by image while
    /// each image's data is in cache: mask the output gradient by `reluOutput > 0` (when given), then
    /// `dW += dY_n·im2col(x_n)ᵀ`, `db += Σ_pixels dY_n`, `dx_n = col2im(Wᵀ·dY_n)`.
    ///
    /// - Parameters:
    ///   - reluOutput: the forward output of `conv2d(..., applyingReLU: true)`, or `nil` for a plain convolution.
    ///   - needInput, needWeight, needBias: which gradients to compute (the others are `nil`).
    @inlinable
    public static func conv2dGradients(
        _ gradOutput: Tensor, input: Tensor, weight: Tensor, stride: Int = 1, padding: Int = 0,
        reluOutput: Tensor? = nil, needInput: Bool = true, needWeight: Bool = true, needBias: Bool = true
    ) -> (input: Tensor?, weight: Tensor?, bias: Tensor?) {
        let g = Conv2DGeometry(inputShape: input.shape, weightShape: weight.shape, stride: stride, padding: padding)
        precondition(gradOutput.shape == g.outputShape, "conv2d output gradient \(gradOutput.shape), expected \(g.outputShape)")
        if let reluOutput { precondition(reluOutput.shape == g.outputShape, "conv2d ReLU output \(reluOutput.shape)") }
        let k = g.patchSize, opix = g.outPixels, o = g.outChannels
        let inStride = g.inChannels * g.height * g.width, outStride = o * opix
        var cols = [Scalar](repeating: 0, count: (needWeight || needInput) ? k * opix : 0)
        var masked = [Scalar](repeating: 0, count: reluOutput == nil ? 0 : outStride)
        var dw = [Scalar](repeating: 0, count: needWeight ? o * k : 0)
        var db = [Scalar](repeating: 0, count: needBias ? o : 0)
        var dx = [Scalar](repeating: 0, count: needInput ? g.batch * inStride : 0)
        let mask = reluOutput?.scalars ?? []
        gradOutput.scalars.withUnsafeBufferPointer { dy in
        input.scalars.withUnsafeBufferPointer { x in
        weight.scalars.withUnsafeBufferPointer { w in
        mask.withUnsafeBufferPointer { py in
        cols.withUnsafeMutableBufferPointer { pc in
        masked.withUnsafeMutableBufferPointer { pm in
        dw.withUnsafeMutableBufferPointer { pw in
        db.withUnsafeMutableBufferPointer { pb in
        dx.withUnsafeMutableBufferPointer { px in
            for n in 0..<g.batch {
                var gn = dy.baseAddress! + n * outStride
                if reluOutput != nil {
                    let yn = py.baseAddress! + n * outStride, mn = pm.baseAddress!
                    VectorKernels.reluMask(gradient: gn, output: yn, into: mn, count: outStride)
                    gn = UnsafePointer(mn)
                }
                if needBias {
                    for oc in 0..<o {
                        var s: Scalar = 0
                        let row = gn + oc * opix
                        for i in 0..<opix { s += row[i] }
                        pb[oc] += s
                    }
                }
                if needWeight {
                    g.im2col(x.baseAddress! + n * inStride, into: pc.baseAddress!)
                    Scalar.gemm(transposeA: false, transposeB: true, m: o, n: k, k: opix, alpha: 1,
                                a: gn, lda: opix, b: pc.baseAddress!, ldb: opix,
                                beta: n == 0 ? 0 : 1, c: pw.baseAddress!, ldc: k)
                }
                if needInput {
                    Scalar.gemm(transposeA: true, transposeB: false, m: k, n: opix, k: o, alpha: 1,
                                a: w.baseAddress!, lda: k, b: gn, ldb: opix,
                                beta: 0, c: pc.baseAddress!, ldc: opix)
                    g.col2imAdd(UnsafePointer(pc.baseAddress!), into: px.baseAddress! + n * inStride)
                }
            }
        } } } } } } } } }
        return (needInput ? Tensor(shape: input.shape, scalars: dx) : nil,
                needWeight ? Tensor(shape: weight.shape, scalars: dw) : nil,
                needBias ? Tensor(shape: [o], scalars: db) : nil)
    }
}
