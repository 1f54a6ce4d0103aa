// MARK: - 2-D pooling ([N, C, H, W], no padding, floor output size)

extension Tensor where Scalar: FloatingScalar {
    /// Average pooling over `kernel × kernel` windows moved by `stride` (default: `kernel`).
    ///
    /// `[N, C, H, W] -> [N, C, (H − k)/s + 1, (W − k)/s + 1]`.
    @inlinable
    public func avgPool2d(kernel: Int, stride: Int? = nil) -> Tensor {
        let s = stride ?? kernel
        let (n, c, h, w, oh, ow) = poolGeometry(kernel: kernel, stride: s)
        var out = [Scalar](repeating: 0, count: n * c * oh * ow)
        let scale = 1 / Scalar(kernel * kernel)
        scalars.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                for plane in 0..<(n * c) {
                    let src = x.baseAddress! + plane * h * w, dst = o.baseAddress! + plane * oh * ow
                    for i in 0..<oh { for j in 0..<ow {
                        var acc: Scalar = 0
                        for p in 0..<kernel { for q in 0..<kernel { acc += src[(i * s + p) * w + j * s + q] } }
                        dst[i * ow + j] = acc * scale
                    } }
                }
            }
        }
        return Tensor(shape: [n, c, oh, ow], scalars: out)
    }

    /// The adjoint of `avgPool2d`: spreads each output gradient evenly over its window, shape `inputShape`.
    @inlinable
    public static func avgPool2dGradient(_ gradOutput: Tensor, inputShape: [Int], kernel: Int, stride: Int? = nil) -> Tensor {
        let s = stride ?? kernel
        let (n, c, h, w) = (inputShape[0], inputShape[1], inputShape[2], inputShape[3])
        let oh = gradOutput.shape[2], ow = gradOutput.shape[3]
        var dx = [Scalar](repeating: 0, count: n * c * h * w)
        let scale = 1 / Scalar(kernel * kernel)
        gradOutput.scalars.withUnsafeBufferPointer { g in
            dx.withUnsafeMutableBufferPointer { d in
                for plane in 0..<(n * c) {
                    let src = g.baseAddress! + plane * oh * ow, dst = d.baseAddress! + plane * h * w
                    for i in 0..<oh { for j in 0..<ow {
                        let v = src[i * ow + j] * scale
                        for p in 0..<kernel { for q in 0..<kernel { dst[(i * s + p) * w + j * s + q] += v } }
                    } }
                }
            }
        }
        return Tensor(shape: inputShape, scalars: dx)
    }

    /// Max pooling over `kernel × kernel` windows, also returning the flat input index of each maximum
    /// (the first one on ties), which the VJP uses to route gradients.
    @inlinable
    public func maxPool2dWithIndices(kernel: Int, stride: Int? = nil) -> (Tensor, [Int]) {
        let s = stride ?? kernel
        let (n, c, h, w, oh, ow) = poolGeometry(kernel: kernel, stride: s)
        var out = [Scalar](repeating: 0, count: n * c * oh * ow)
        var arg = [Int](repeating: 0, count: out.count)
        scalars.withUnsafeBufferPointer { x in
            for plane in 0..<(n * c) {
                let base = plane * h * w
                for i in 0..<oh { for j in 0..<ow {
                    var best = base + (i * s) * w + j * s
                    for p in 0..<kernel { for q in 0..<kernel {
                        let idx = base + (i * s + p) * w + j * s + q
                        if x[idx] > x[best] { best = idx }
                    } }
                    out[(plane * oh + i) * ow + j] = x[best]
                    arg[(plane * oh + i) * ow + j] = best
                } }
            }
        }
        return (Tensor(shape: [n, c, oh, ow], scalars: out), arg)
    }

    /// Max pooling over `kernel × kernel` windows moved by `stride` (default: `kernel`).
    @inlinable
    public func maxPool2d(kernel: Int, stride: Int? = nil) -> Tensor { maxPool2dWithIndices(kernel: kernel, stride: stride).0 }

    @inlinable
    func poolGeometry(kernel: Int, stride: Int) -> (Int, Int, Int, Int, Int, Int) {
        precondition(rank == 4, "2-D pooling needs [N, C, H, W], got \(shape)")
        precondition(kernel >= 1 && stride >= 1 && kernel <= shape[2] && kernel <= shape[3],
                     "pooling kernel \(kernel) / stride \(stride) invalid for \(shape)")
        return (shape[0], shape[1], shape[2], shape[3], (shape[2] - kernel) / stride + 1, (shape[3] - kernel) / stride + 1)
    }
}
