// MARK: - 2-D convolution by im2col + GEMM ([N, C, H, W] layout)

/// The sizes of one 2-D convolution: input `[N, C, H, W]`, weight `[O, C, kh, kw]`, output `[N, O, Ho, Wo]`,
/// `Ho = (H + 2·padding − kh) / stride + 1` (floor), likewise `Wo`.
public struct Conv2DGeometry: Sendable, Hashable {
    /// Input sizes `N, C, H, W`.
    public let batch, inChannels, height, width: Int
    /// Weight sizes `O, kh, kw`.
    public let outChannels, kernelHeight, kernelWidth: Int
    /// Window step and zero padding (both spatial axes).
    public let stride, padding: Int
    /// Output spatial sizes `Ho, Wo`.
    public let outHeight, outWidth: Int

    /// The geometry of `conv2d(input, weight)`; preconditions name both shapes on mismatch.
    @inlinable
    public init(inputShape: [Int], weightShape: [Int], stride: Int, padding: Int) {
        precondition(inputShape.count == 4 && weightShape.count == 4,
                     "conv2d needs input [N, C, H, W] and weight [O, C, kh, kw], got \(inputShape) and \(weightShape)")
        precondition(inputShape[1] == weightShape[1],
                     "conv2d channels differ: input \(inputShape) vs weight \(weightShape)")
        precondition(stride >= 1 && padding >= 0, "conv2d needs stride >= 1 and padding >= 0, got \(stride), \(padding)")
        batch = inputShape[0]; inChannels = inputShape[1]; height = inputShape[2]; width = inputShape[3]
        outChannels = weightShape[0]; kernelHeight = weightShape[2]; kernelWidth = weightShape[3]
        self.stride = stride; self.padding = padding
        outHeight = (height + 2 * padding - kernelHeight) / stride + 1
        outWidth = (width + 2 * padding - kernelWidth) / stride + 1
        precondition(outHeight > 0 && outWidth > 0, "conv2d kernel \(weightShape) larger than padded input \(inputShape)")
    }

    /// Rows of the column matrix: `C·kh·kw`.
    @inlinable public var patchSize: Int { inChannels * kernelHeight * kernelWidth }
    /// Columns of the column matrix: `Ho·Wo`.
    @inlinable public var outPixels: Int { outHeight * outWidth }
    /// `[N, C, H, W]`.
    @inlinable public var inputShape: [Int] { [batch, inChannels, height, width] }
    /// `[N, O, Ho, Wo]`.
    @inlinable public var outputShape: [Int] { [batch, outChannels, outHeight, outWidth] }
    /// `[O, C, kh, kw]`.
    @inlinable public var weightShape: [Int] { [outChannels, inChannels, kernelHeight, kernelWidth] }

    /// Unfolds one image `[C, H, W]` into columns `[C·kh·kw, Ho·Wo]` (zeros where the window leaves the image).
    @inlinable
    public func im2col<S: FloatingScalar>(_ image: UnsafePointer<S>, into cols: UnsafeMutablePointer<S>) {
        let hw = height * width, opix = outPixels
        for c in 0..<inChannels {
            for ki in 0..<kernelHeight {
                for kj in 0..<kernelWidth {
                    let row = cols + ((c * kernelHeight + ki) * kernelWidth + kj) * opix
                    let plane = image + c * hw
                    for oy in 0..<outHeight {
                        let y = oy * stride - padding + ki
                        let dst = row + oy * outWidth
                        if y < 0 || y >= height {
                            dst.update(repeating: 0, count: outWidth)
                            continue
                        }
                        let src = plane + y * width
                        if stride == 1 {
                            // x = ox - padding + kj: a contiguous run with zero borders.
                            let shift = kj - padding
                            let lo = Swift.max(0, -shift), hi = Swift.min(outWidth, width - shift)
                            if lo > 0 { dst.update(repeating: 0, count: Swift.min(lo, outWidth)) }
                            if hi > lo { (dst + lo).update(from: src + lo + shift, count: hi - lo) }
                            if hi < outWidth { (dst + Swift.max(hi, 0)).update(repeating: 0, count: outWidth - Swift.max(hi, 0)) }
                        } else {
                            for ox in 0..<outWidth {
                                let x = ox * stride - padding + kj
                                dst[ox] = (x >= 0 && x < width) ? src[x] : 0
                            }
                        }
                    }
                }
            }
        }
    }

    /// Folds columns `[C·kh·kw, Ho·Wo]` back into one image `[C, H, W]`, adding overlaps (im2col's adjoint).
    @inlinable
    public func col2imAdd<S: FloatingScalar>(_ cols: UnsafePointer<S>, into image: UnsafeMutablePointer<S>) {
        let hw = height * width, opix = outPixels
        for c in 0..<inChannels {
            for ki in 0..<kernelHeight {
                for kj in 0..<kernelWidth {
                    let row = cols + ((c * kernelHeight + ki) * kernelWidth + kj) * opix
                    let plane = image + c * hw
                    for oy in 0..<outHeight {
                        let y = oy * stride - padding + ki
                        if y < 0 || y >= height { continue }
                        let src = row + oy * outWidth
                        let dst = plane + y * width
                        if stride == 1 {
                            // x = ox + shift: one contiguous, branch-free run.
                            let shift = kj - padding
                            let lo = Swift.max(0, -shift), hi = Swift.min(outWidth, width - shift)
                            if hi > lo { for ox in lo..<hi { dst[ox + shift] += src[ox] } }
                            continue
                        }
                        for ox in 0..<outWidth {
                            let x = ox * stride - padding + kj
                            if x >= 0 && x < width { dst[x] += src[ox] }
                        }
                    }
                }
            }
        }
    }
}

extension Tensor where Scalar: FloatingScalar {
    /// 2-D cross-correlation (deep learning's "convolution"): `[N, C, H, W] ⋆ [O, C, kh, kw] -> [N, O, Ho, Wo]`.
    ///
    /// `y[n,o,i,j] = b[o] + Σ_{c,p,q} w[o,c,p,q] · x[n, c, i·s − pad + p, j·s − pad + q]` (zeros outside).
    /// Per image: im2col, then one gemm `W[O, C·kh·kw] · cols[C·kh·kw, Ho·Wo]`.
    /// - Complexity: O(N·O·C·kh·kw·Ho·Wo) in BLAS.
    ///
    /// With `applyingReLU`, each image's output is rectified right after its gemm while it is still in cache
    /// (`max(0, conv(x) + b)`, the fused form of a following `relu()`).
    @inlinable
    public func conv2d(_ weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0,
                       applyingReLU: Bool = false) -> Tensor {
        let g = Conv2DGeometry(inputShape: shape, weightShape: weight.shape, stride: stride, padding: padding)
        if let bias { precondition(bias.shape == [g.outChannels], "conv2d bias \(bias.shape) for \(g.outChannels) channels") }
        let k = g.patchSize, opix = g.outPixels, o = g.outChannels
        let inStride = g.inChannels * g.height * g.width, outStride = o * opix
        var cols = [Scalar](repeating: 0, count: k * opix)
        let total = g.batch * outStride
        let out = [Scalar](unsafeUninitializedCapacity: total) { po, initialized in
            scalars.withUnsafeBufferPointer { x in
                weight.scalars.withUnsafeBufferPointer { w in
                    cols.withUnsafeMutableBufferPointer { pc in
                        for n in 0..<g.batch {
                            g.im2col(x.baseAddress! + n * inStride, into: pc.baseAddress!)
                            let dst = po.baseAddress! + n * outStride
                            if let bias {
                                for oc in 0..<o { (dst + oc * opix).initialize(repeating: bias.scalars[oc], count: opix) }
                            }
                            Scalar.gemm(transposeA: false, transposeB: false, m: o, n: opix, k: k, alpha: 1,
                                        a: w.baseAddress!, lda: k, b: pc.baseAddress!, ldb: opix,
                                        beta: bias == nil ? 0 : 1, c: dst, ldc: opix)
                            if applyingReLU { VectorKernels.relu(UnsafePointer(dst), into: dst, count: outStride) }
                        }
                    }
                }
            }
            initialized = total
        }
        return Tensor(shape: g.outputShape, scalars: out)
    }

    /// The gradient of `conv2d` with respect to its input: per image `col2im(Wᵀ · dY)`, shape `inputShape`.
    @inlinable
    public static func conv2dInputGradient(_ gradOutput: Tensor, weight: Tensor, inputShape: [Int],
                                           stride: Int = 1, padding: Int = 0) -> Tensor {
        let g = Conv2DGeometry(inputShape: inputShape, weightShape: weight.shape, stride: stride, padding: padding)
        precondition(gradOutput.shape == g.outputShape, "conv2d output gradient \(gradOutput.shape), expected \(g.outputShape)")
        let k = g.patchSize, opix = g.outPixels, o = g.outChannels
        let inStride = g.inChannels * g.height * g.width, outStride = o * opix
        var cols = [Scalar](repeating: 0, count: k * opix)
        var dx = [Scalar](repeating: 0, count: g.batch * inStride)
        gradOutput.scalars.withUnsafeBufferPointer { dy in
            weight.scalars.withUnsafeBufferPointer { w in
                cols.withUnsafeMutableBufferPointer { pc in
                    dx.withUnsafeMutableBufferPointer { px in
                        for n in 0..<g.batch {
                            Scalar.gemm(transposeA: true, transposeB: false, m: k, n: opix, k: o, alpha: 1,
                                        a: w.baseAddress!, lda: k, b: dy.baseAddress! + n * outStride, ldb: opix,
                                        beta: 0, c: pc.baseAddress!, ldc: opix)
                            g.col2imAdd(UnsafePointer(pc.baseAddress!), into: px.baseAddress! + n * inStride)
                        }
                    }
                }
            }
        }
        return Tensor(shape: inputShape, scalars: dx)
    }

    /// The gradient of `conv2d` with respect to its weight: `Σ_n dY_n · im2col(x_n)ᵀ`, shape `weightShape`.
    @inlinable
    public static func conv2dWeightGradient(_ gradOutput: Tensor, input: Tensor, weightShape: [Int],
                                            stride: Int = 1, padding: Int = 0) -> Tensor {
        let g = Conv2DGeometry(inputShape: input.shape, weightShape: weightShape, stride: stride, padding: padding)
        precondition(gradOutput.shape == g.outputShape, "conv2d output gradient \(gradOutput.shape), expected \(g.outputShape)")
        let k = g.patchSize, opix = g.outPixels, o = g.outChannels
        let inStride = g.inChannels * g.height * g.width, outStride = o * opix
        var cols = [Scalar](repeating: 0, count: k * opix)
        var dw = [Scalar](repeating: 0, count: o * k)
        gradOutput.scalars.withUnsafeBufferPointer { dy in
            input.scalars.withUnsafeBufferPointer { x in
                cols.withUnsafeMutableBufferPointer { pc in
                    dw.withUnsafeMutableBufferPointer { pw in
                        for n in 0..<g.batch {
                            g.im2col(x.baseAddress! + n * inStride, into: pc.baseAddress!)
                            Scalar.gemm(transposeA: false, transposeB: true, m: o, n: k, k: opix, alpha: 1,
                                        a: dy.baseAddress! + n * outStride, lda: opix, b: pc.baseAddress!, ldb: opix,
                                        beta: n == 0 ? 0 : 1, c: pw.baseAddress!, ldc: k)
                        }
                    }
                }
            }
        }
        return Tensor(shape: weightShape, scalars: dw)
    }

    /// Per-channel sums of an `[N, C, H, W]` tensor: `[C]` (a convolution bias's gradient).
    @inlinable
    public func channelSums() -> Tensor {
        precondition(rank == 4, "channelSums needs [N, C, H, W], got \(shape)")
        let c = shape[1], plane = shape[2] * shape[3]
        var out = [Scalar](repeating: 0, count: c)
        scalars.withUnsafeBufferPointer { p in
            for n in 0..<shape[0] {
                for ch in 0..<c {
                    var s: Scalar = 0
                    let base = (n * c + ch) * plane
                    for i in 0..<plane { s += p[base + i] }
                    out[ch] += s
                }
            }
        }
        return Tensor(shape: [c], scalars: out)
    }

    /// Transposed convolution (the adjoint of `conv2d`): `[N, Cin, H, W]` with weight `[Cin, Cout, kh, kw]` gives
    /// `[N, Cout, (H−1)·s − 2·pad + kh + outputPadding, …]` (PyTorch's `conv_transpose2d` layout).
    @inlinable
    public func convTranspose2d(_ weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0,
                                outputPadding: Int = 0) -> Tensor {
        let outShape = Tensor.convTranspose2dOutputShape(inputShape: shape, weightShape: weight.shape, stride: stride,
                                                         padding: padding, outputPadding: outputPadding)
        var y = Tensor.conv2dInputGradient(self, weight: weight, inputShape: outShape, stride: stride, padding: padding)
        if let bias {
            precondition(bias.shape == [outShape[1]], "convTranspose2d bias \(bias.shape) for \(outShape[1]) channels")
            let plane = outShape[2] * outShape[3], c = outShape[1]
            y.scalars.withUnsafeMutableBufferPointer { p in
                for n in 0..<outShape[0] { for ch in 0..<c {
                    let b = bias.scalars[ch], base = (n * c + ch) * plane
                    for i in 0..<plane { p[base + i] += b }
                } }
            }
        }
        return y
    }

    /// The output shape of `convTranspose2d`.
    @inlinable
    public static func convTranspose2dOutputShape(inputShape: [Int], weightShape: [Int], stride: Int, padding: Int,
                                                  outputPadding: Int) -> [Int] {
        precondition(inputShape.count == 4 && weightShape.count == 4 && inputShape[1] == weightShape[0],
                     "convTranspose2d needs input [N, Cin, H, W] and weight [Cin, Cout, kh, kw], got \(inputShape) and \(weightShape)")
        precondition(outputPadding >= 0 && outputPadding < stride, "outputPadding must be in 0..<stride, got \(outputPadding)")
        let h = (inputShape[2] - 1) * stride - 2 * padding + weightShape[2] + outputPadding
        let w = (inputShape[3] - 1) * stride - 2 * padding + weightShape[3] + outputPadding
        return [inputShape[0], weightShape[1], h, w]
    }
}
