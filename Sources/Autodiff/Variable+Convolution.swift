import Tensors

// MARK: - Convolution, pooling and grid sampling ([N, C, H, W])

extension Variable {
    /// 2-D convolution `[N, C, H, W] ⋆ [O, C, kh, kw] (+ bias [O]) -> [N, O, Ho, Wo]` (see `Tensor.conv2d`).
    ///
    /// With `applyingReLU` the result is `relu(conv2d(x) + b)`, fused (one pass, no separate node).
    /// VJP (one sweep over the batch, `Tensor.conv2dGradients`): mask by the ReLU, `dx = col2im(Wᵀ·dY)`,
    /// `dW = Σ_n dY_n · im2col(x_n)ᵀ`, `db = Σ_{n,i,j} dY`.
    @inlinable
    public func conv2d(_ weight: Variable, bias: Variable? = nil, stride: Int = 1, padding: Int = 0,
                       applyingReLU: Bool = false) -> Variable {
        let x = value, w = weight.value
        let y = x.conv2d(w, bias: bias?.value, stride: stride, padding: padding, applyingReLU: applyingReLU)
        let needX = requiresGradient, needW = weight.requiresGradient, needB = bias?.requiresGradient ?? false
        let inputs = bias.map { [self, weight, $0] } ?? [self, weight]
        return Variable(y, inputs: inputs) { g in
            let grads = Tensor.conv2dGradients(g, input: x, weight: w, stride: stride, padding: padding,
                                               reluOutput: applyingReLU ? y : nil,
                                               needInput: needX, needWeight: needW, needBias: needB)
            return inputs.count == 3 ? [grads.input, grads.weight, grads.bias] : [grads.input, grads.weight]
        }
    }

    /// Transposed 2-D convolution `[N, Cin, H, W]` with weight `[Cin, Cout, kh, kw]` (+ bias `[Cout]`).
    ///
    /// VJP: `dx = conv2d(dY, W)`, `dW = Σ_n x_n · im2col(dY_n)ᵀ`, `db = Σ_{n,i,j} dY`.
    @inlinable
    public func convTranspose2d(_ weight: Variable, bias: Variable? = nil, stride: Int = 1, padding: Int = 0,
                                outputPadding: Int = 0) -> Variable {
        let x = value, w = weight.value
        let y = x.convTranspose2d(w, bias: bias?.value, stride: stride, padding: padding, outputPadding: outputPadding)
        let needX = requiresGradient, needW = weight.requiresGradient, needB = bias?.requiresGradient ?? false
        let inputs = bias.map { [self, weight, $0] } ?? [self, weight]
        return Variable(y, inputs: inputs) { g in
            var grads: [Tensor<Scalar>?] = [
                needX ? g.conv2d(w, stride: stride, padding: padding) : nil,
                needW ? Tensor.conv2dWeightGradient(x, input: g, weightShape: w.shape, stride: stride, padding: padding) : nil,
            ]
            if inputs.count == 3 { grads.append(needB ? g.channelSums() : nil) }
            return grads
        }
    }

    /// Average pooling over `kernel × kernel` windows (stride defaults to `kernel`).
    @inlinable
    public func avgPool2d(kernel: Int, stride: Int? = nil) -> Variable {
        let inShape = shape
        return Variable(value.avgPool2d(kernel: kernel, stride: stride), inputs: [self]) { g in
            [Tensor.avgPool2dGradient(g, inputShape: inShape, kernel: kernel, stride: stride)]
        }
    }

    /// Max pooling over `kernel × kernel` windows (stride defaults to `kernel`); the VJP routes each gradient to
    /// the position of its window's maximum.
    @inlinable
    public func maxPool2d(kernel: Int, stride: Int? = nil) -> Variable {
        let inShape = shape
        let (y, argmax) = value.maxPool2dWithIndices(kernel: kernel, stride: stride)
        return Variable(y, inputs: [self]) { g in
            var dx = Tensor<Scalar>(zeros: inShape)
            dx.scalars.withUnsafeMutableBufferPointer { d in
                g.scalars.withUnsafeBufferPointer { pg in for i in 0..<pg.count { d[argmax[i]] += pg[i] } }
            }
            return [dx]
        }
    }

    /// Bilinear sampling of this image `[N, C, H, W]` at `grid [N, Ho, Wo, 2]` (normalised `(x, y)`), differentiable
    /// in both the image and the grid (see `Tensor.gridSample`).
    @inlinable
    public func gridSample(_ grid: Variable, padding: GridSamplePadding = .zeros, alignCorners: Bool = false) -> Variable {
        let image = value, gv = grid.value
        let y = image.gridSample(gv, padding: padding, alignCorners: alignCorners)
        let needImage = requiresGradient, needGrid = grid.requiresGradient
        return Variable(y, inputs: [self, grid]) { g in
            let (di, dg) = Tensor.gridSampleGradients(g, image: image, grid: gv, padding: padding, alignCorners: alignCorners)
            return [needImage ? di : nil, needGrid ? dg : nil]
        }
    }

    /// Warps an image `[N, C, H, W]` by a flow field in pixels `[N, H, W, 2]`: `out(p) = image(p + flow(p))`.
    @inlinable
    public func warped(by flow: Variable, padding: GridSamplePadding = .border, alignCorners: Bool = false) -> Variable {
        precondition(flow.shape.count == 4 && flow.shape[3] == 2 && flow.shape[0] == shape[0],
                     "warped(by:) needs flow [N, H, W, 2] for image \(shape), got \(flow.shape)")
        let (h, w) = (flow.shape[1], flow.shape[2])
        let identity = Variable(Tensor<Scalar>.identityGrid(batch: shape[0], height: h, width: w, alignCorners: alignCorners))
        let scale = Variable(Tensor<Scalar>.flowScale(height: shape[2], width: shape[3], alignCorners: alignCorners))
        return gridSample(identity + flow * scale, padding: padding, alignCorners: alignCorners)
    }
}
