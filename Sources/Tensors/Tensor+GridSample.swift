// MARK: - Bilinear grid sampling (image warping)

/// What `gridSample` reads outside the image.
public enum GridSamplePadding: String, Sendable, Hashable, Codable {
    /// Zeros outside the image (each out-of-range corner contributes nothing).
    case zeros
    /// The nearest border pixel (the sampling coordinate is clamped into the image).
    case border
}

/// Normalised-to-pixel coordinate maps for `gridSample` (PyTorch's `grid_sample` conventions).
///
/// `alignCorners == false`: −1 and +1 are the outer edges of the first and last pixel, `p = ((g + 1)·W − 1) / 2`.
/// `alignCorners == true`: −1 and +1 are the centres of the first and last pixel, `p = (g + 1)·(W − 1) / 2`.
@usableFromInline
struct GridAxis {
    @usableFromInline let size: Int
    @usableFromInline let alignCorners: Bool
    @usableFromInline let border: Bool

    @inlinable init(size: Int, alignCorners: Bool, border: Bool) {
        self.size = size; self.alignCorners = alignCorners; self.border = border
    }

    /// The pixel coordinate of normalised `g` and `dp/dg` (0 where border padding clamps).
    @inlinable
    func pixel<S: FloatingScalar>(_ g: S) -> (S, S) {
        let n = S(size)
        var p: S, slope: S
        if alignCorners { p = (g + 1) * (n - 1) / 2; slope = (n - 1) / 2 } else { p = ((g + 1) * n - 1) / 2; slope = n / 2 }
        if border {
            if p < 0 { p = 0; slope = 0 } else if p > n - 1 { p = n - 1; slope = 0 }
        }
        return (p, slope)
    }
}

extension Tensor where Scalar: FloatingScalar {
    /// Samples `image [N, C, H, W]` bilinearly at `grid [N, Ho, Wo, 2]` of normalised `(x, y)` in [−1, 1]:
    /// `[N, C, Ho, Wo]`. `x` runs along the width, `y` along the height (PyTorch's `grid_sample`, bilinear).
    ///
    /// `out[n,c,i,j] = Σ_corners (1 − |px − x_k|)(1 − |py − y_k|) · image[n, c, y_k, x_k]` over the four pixels around
    /// `(px, py)`, the pixel coordinates of `grid[n, i, j]` (see ``GridSamplePadding`` for the outside).
    @inlinable
    public func gridSample(_ grid: Tensor, padding: GridSamplePadding = .zeros, alignCorners: Bool = false) -> Tensor {
        let count = shape[0] * shape[1] * grid.shape[1] * grid.shape[2]
        let out = [Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
            Tensor.gridSampleKernel(image: self, grid: grid, padding: padding, alignCorners: alignCorners,
                                    gradOutput: nil, output: buffer.baseAddress, imageGradient: nil, gridGradient: nil)
            initialized = count
        }
        return Tensor(shape: [shape[0], shape[1], grid.shape[1], grid.shape[2]], scalars: out)
    }

    /// The gradients of `gridSample` with respect to the image and to the grid.
    @inlinable
    public static func gridSampleGradients(_ gradOutput: Tensor, image: Tensor, grid: Tensor,
                                           padding: GridSamplePadding = .zeros,
                                           alignCorners: Bool = false) -> (image: Tensor, grid: Tensor) {
        precondition(gradOutput.shape == [image.shape[0], image.shape[1], grid.shape[1], grid.shape[2]],
                     "gridSample output gradient \(gradOutput.shape) for image \(image.shape) and grid \(grid.shape)")
        var dImage = [Scalar](repeating: 0, count: image.count)
        var dGrid = [Scalar](repeating: 0, count: grid.count)
        dImage.withUnsafeMutableBufferPointer { di in
            dGrid.withUnsafeMutableBufferPointer { dg in
                gridSampleKernel(image: image, grid: grid, padding: padding, alignCorners: alignCorners,
                                 gradOutput: gradOutput, output: nil, imageGradient: di.baseAddress,
                                 gridGradient: dg.baseAddress)
            }
        }
        return (Tensor(shape: image.shape, scalars: dImage), Tensor(shape: grid.shape, scalars: dGrid))
    }

    /// Forward (when `gradOutput == nil`) or backward pass of bilinear sampling.
    @inlinable
    static func gridSampleKernel(image: Tensor, grid: Tensor, padding: GridSamplePadding, alignCorners: Bool,
                                 gradOutput: Tensor?, output: UnsafeMutablePointer<Scalar>?,
                                 imageGradient: UnsafeMutablePointer<Scalar>?,
                                 gridGradient: UnsafeMutablePointer<Scalar>?) {
        precondition(image.rank == 4 && grid.rank == 4 && grid.shape[3] == 2 && grid.shape[0] == image.shape[0],
                     "gridSample needs image [N, C, H, W] and grid [N, Ho, Wo, 2], got \(image.shape) and \(grid.shape)")
        let (n, c, h, w) = (image.shape[0], image.shape[1], image.shape[2], image.shape[3])
        let (oh, ow) = (grid.shape[1], grid.shape[2])
        let border = padding == .border
        let ax = GridAxis(size: w, alignCorners: alignCorners, border: border)
        let ay = GridAxis(size: h, alignCorners: alignCorners, border: border)
        let backward = gradOutput != nil
        let g = gradOutput?.scalars ?? []
        let plane = h * w, opix = oh * ow
        image.scalars.withUnsafeBufferPointer { img in
            grid.scalars.withUnsafeBufferPointer { gr in
                for b in 0..<n {
                    for pix in 0..<opix {
                        let gi = (b * opix + pix) * 2
                        let (px, sx) = ax.pixel(gr[gi])
                        let (py, sy) = ay.pixel(gr[gi + 1])
                        let fx = px.rounded(.down), fy = py.rounded(.down)
                        let x0 = Int(fx), y0 = Int(fy)
                        let wx1 = px - fx, wy1 = py - fy
                        let wx0 = 1 - wx1, wy0 = 1 - wy1
                        let inX0 = x0 >= 0 && x0 < w, inX1 = x0 + 1 >= 0 && x0 + 1 < w
                        let inY0 = y0 >= 0 && y0 < h, inY1 = y0 + 1 >= 0 && y0 + 1 < h
                        var dpx: Scalar = 0, dpy: Scalar = 0
                        for ch in 0..<c {
                            let base = (b * c + ch) * plane
                            let v00 = inY0 && inX0 ? img[base + y0 * w + x0] : 0
                            let v01 = inY0 && inX1 ? img[base + y0 * w + x0 + 1] : 0
                            let v10 = inY1 && inX0 ? img[base + (y0 + 1) * w + x0] : 0
                            let v11 = inY1 && inX1 ? img[base + (y0 + 1) * w + x0 + 1] : 0
                            let o = (b * c + ch) * opix + pix
                            if let output {
                                output[o] = wy0 * (wx0 * v00 + wx1 * v01) + wy1 * (wx0 * v10 + wx1 * v11)
                                continue
                            }
                            let go = g[o]
                            if go == 0 { continue }
                            dpx += go * (wy0 * (v01 - v00) + wy1 * (v11 - v10))
                            dpy += go * (wx0 * (v10 - v00) + wx1 * (v11 - v01))
                            if let di = imageGradient {
                                if inY0 && inX0 { di[base + y0 * w + x0] += go * wy0 * wx0 }
                                if inY0 && inX1 { di[base + y0 * w + x0 + 1] += go * wy0 * wx1 }
                                if inY1 && inX0 { di[base + (y0 + 1) * w + x0] += go * wy1 * wx0 }
                                if inY1 && inX1 { di[base + (y0 + 1) * w + x0 + 1] += go * wy1 * wx1 }
                            }
                        }
                        if backward, let dg = gridGradient {
                            dg[gi] = dpx * sx
                            dg[gi + 1] = dpy * sy
                        }
                    }
                }
            }
        }
    }

    /// The grid that samples every pixel at its own centre: `gridSample(identityGrid) == image`.
    /// Shape `[batch, height, width, 2]` with `(x, y)` pairs.
    @inlinable
    public static func identityGrid(batch: Int, height: Int, width: Int, alignCorners: Bool = false) -> Tensor {
        func coordinate(_ i: Int, _ n: Int) -> Scalar {
            if alignCorners { return n > 1 ? Scalar(2 * i) / Scalar(n - 1) - 1 : 0 }
            return Scalar(2 * i + 1) / Scalar(n) - 1
        }
        var out = [Scalar]()
        out.reserveCapacity(batch * height * width * 2)
        for _ in 0..<batch { for i in 0..<height { for j in 0..<width {
            out.append(coordinate(j, width)); out.append(coordinate(i, height))
        } } }
        return Tensor(shape: [batch, height, width, 2], scalars: out)
    }

    /// Converts a flow field in pixels `[N, H, W, 2]` (`(dx, dy)`) to normalised grid units (add it to
    /// `identityGrid` to warp: `out(p) = image(p + flow(p))`).
    @inlinable
    public static func flowScale(height: Int, width: Int, alignCorners: Bool = false) -> Tensor {
        let sx = alignCorners ? 2 / Scalar(Swift.max(width - 1, 1)) : 2 / Scalar(width)
        let sy = alignCorners ? 2 / Scalar(Swift.max(height - 1, 1)) : 2 / Scalar(height)
        return Tensor(shape: [2], scalars: [sx, sy])
    }
}
