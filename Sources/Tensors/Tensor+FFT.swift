// MARK: - Complex FFTs (FFTW, cached plans)

/// Discrete Fourier transforms over the trailing one or two axes, batched over the leading axes.
///
/// Conventions (NumPy's default "backward" normalisation):
/// ```
/// fft:   X[k] = Σ_n x[n] e^{-2πi kn/N}          (unnormalised)
/// ifft:  x[n] = (1/N) Σ_k X[k] e^{+2πi kn/N}    (so ifft(fft(x)) == x)
/// ```
/// 2-D versions transform the last two axes `[..., H, W]` with `N = H·W`. Real transforms keep the
/// non-redundant half spectrum: `rfft` maps `[..., W]` to `[..., W/2 + 1]`, `rfft2D` maps `[..., H, W]` to
/// `[..., H, W/2 + 1]`, and `irfft`/`irfft2D` take the original width back as an argument.
///
/// Plans are created once per (precision, kind, extents, batch) and cached process-wide; see `FFTPlanCache`.
extension Tensor where Scalar: ComplexScalar {
    /// The 1-D DFT along the last axis.
    public func fft() -> Tensor { complexTransform(axes: 1, kind: .forward) }
    /// The normalised inverse 1-D DFT along the last axis.
    public func ifft() -> Tensor { complexTransform(axes: 1, kind: .backward) }
    /// The 2-D DFT over the last two axes `[..., H, W]`.
    public func fft2D() -> Tensor { complexTransform(axes: 2, kind: .forward) }
    /// The normalised inverse 2-D DFT over the last two axes.
    public func ifft2D() -> Tensor { complexTransform(axes: 2, kind: .backward) }

    /// The unnormalised backward transform (`N · ifft`): the adjoint of `fft`, used by its VJP.
    public func unnormalizedInverseFFT(axes: Int) -> Tensor {
        complexTransform(axes: axes, kind: .backward, normalize: false)
    }

    func complexTransform(axes: Int, kind: FFTPlanCache.Kind, normalize: Bool = true) -> Tensor {
        precondition(rank >= axes, "a \(axes)-D FFT needs rank >= \(axes), got \(shape)")
        let extents = Array(shape.suffix(axes))
        let logical = extents.reduce(1, *)
        guard logical > 0 && count > 0 else { return self }
        let isDouble = Tensor.isDoublePrecision
        let plan = FFTPlanCache.plan(.init(isDouble: isDouble, kind: kind, extents: extents, batch: count / logical))
        var out = [Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
            scalars.withUnsafeBytes { src in
                FFTPlanCache.executeComplex(plan, isDouble: isDouble, input: src.baseAddress!,
                                            output: UnsafeMutableRawPointer(buffer.baseAddress!))
            }
            initialized = count
        }
        if kind == .backward && normalize {
            let s = 1 / Scalar.RealScalar(logical)
            for i in 0..<out.count { out[i] = Scalar(out[i].real * s, out[i].imaginary * s) }
        }
        return Tensor(shape: shape, scalars: out)
    }

    /// Whether the real parts are `Double` (otherwise `Float`).
    static var isDoublePrecision: Bool {
        if Scalar.RealScalar.self == Double.self { return true }
        precondition(Scalar.RealScalar.self == Float.self, "FFTs support Float and Double precision only")
        return false
    }

    /// The real inverse of `rfft`: `[..., W/2 + 1] -> [..., width]`, normalised by `1/width`.
    public func irfft(width: Int) -> Tensor<Scalar.RealScalar> { complexToReal(extents: [width]) }

    /// The real inverse of `rfft2D`: `[..., H, W/2 + 1] -> [..., H, width]`, normalised by `1/(H·width)`.
    public func irfft2D(width: Int) -> Tensor<Scalar.RealScalar> {
        precondition(rank >= 2, "irfft2D needs rank >= 2, got \(shape)")
        return complexToReal(extents: [shape[rank - 2], width])
    }

    func complexToReal(extents: [Int]) -> Tensor<Scalar.RealScalar> {
        let axes = extents.count
        let last = extents[axes - 1]
        precondition(shape.last == last / 2 + 1, "irfft of width \(last) needs \(last / 2 + 1) bins on the last axis, got \(shape)")
        var outShape = shape
        outShape[rank - 1] = last
        let logical = extents.reduce(1, *)
        let total = outShape.reduce(1, *)
        guard total > 0 else { return Tensor<Scalar.RealScalar>(zeros: outShape) }
        let isDouble = Tensor.isDoublePrecision
        let plan = FFTPlanCache.plan(.init(isDouble: isDouble, kind: .complexToReal, extents: extents,
                                           batch: total / logical))
        var scratch = scalars  // c2r overwrites its input
        let s = 1 / Scalar.RealScalar(logical)
        let out = [Scalar.RealScalar](unsafeUninitializedCapacity: total) { buffer, initialized in
            scratch.withUnsafeMutableBytes { src in
                FFTPlanCache.executeComplexToReal(plan, isDouble: isDouble, scratchInput: src.baseAddress!,
                                                  output: UnsafeMutableRawPointer(buffer.baseAddress!))
            }
            for i in 0..<total { buffer[i] *= s }
            initialized = total
        }
        return Tensor<Scalar.RealScalar>(shape: outShape, scalars: out)
    }
}

// MARK: - Real FFTs

extension Tensor where Scalar: FloatingScalar {
    /// The DFT of a real signal along the last axis, keeping bins `0...W/2`: `[..., W] -> [..., W/2 + 1]`.
    public func rfft() -> Tensor<Complex<Scalar>> { realToComplex(axes: 1) }

    /// The 2-D DFT of a real image over the last two axes: `[..., H, W] -> [..., H, W/2 + 1]`.
    public func rfft2D() -> Tensor<Complex<Scalar>> { realToComplex(axes: 2) }

    func realToComplex(axes: Int) -> Tensor<Complex<Scalar>> {
        precondition(rank >= axes, "a \(axes)-D real FFT needs rank >= \(axes), got \(shape)")
        let extents = Array(shape.suffix(axes))
        var outShape = shape
        outShape[rank - 1] = shape[rank - 1] / 2 + 1
        let logical = extents.reduce(1, *)
        let total = outShape.reduce(1, *)
        guard logical > 0 && total > 0 else { return Tensor<Complex<Scalar>>(zeros: outShape) }
        let isDouble = Tensor<Complex<Scalar>>.isDoublePrecision
        let plan = FFTPlanCache.plan(.init(isDouble: isDouble, kind: .realToComplex, extents: extents,
                                           batch: count / logical))
        let out = [Complex<Scalar>](unsafeUninitializedCapacity: total) { buffer, initialized in
            scalars.withUnsafeBytes { src in
                FFTPlanCache.executeRealToComplex(plan, isDouble: isDouble, input: src.baseAddress!,
                                                  output: UnsafeMutableRawPointer(buffer.baseAddress!))
            }
            initialized = total
        }
        return Tensor<Complex<Scalar>>(shape: outShape, scalars: out)
    }
}
