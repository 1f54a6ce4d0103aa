import Tensors

// MARK: - Real FFTs between Variable and ComplexVariable

extension Variable {
    /// The half-spectrum DFT of a real signal along the last axis: `[..., W] -> [..., W/2 + 1]` (see `Tensor.rfft`).
    ///
    /// VJP: `Re(N·ifft(pad(g)))`, the adjoint of "full DFT, then keep bins 0...W/2" (`pad` appends zero bins).
    @inlinable public func rfft() -> ComplexVariable<Scalar> { realTransform(axes: 1) }

    /// The half-spectrum 2-D DFT of a real image over the last two axes: `[..., H, W] -> [..., H, W/2 + 1]`.
    @inlinable public func rfft2D() -> ComplexVariable<Scalar> { realTransform(axes: 2) }

    @inlinable
    func realTransform(axes: Int) -> ComplexVariable<Scalar> {
        let x = value
        let width = shape[shape.count - 1], half = width / 2 + 1
        let y = axes == 1 ? x.rfft() : x.rfft2D()
        let out = Variable(ComplexVariable.split(y), inputs: [self]) { g in
            let gz = ComplexVariable.join(g)
            let zeros = Tensor<Complex<Scalar>>(zeros: Array(gz.shape.dropLast()) + [width - half])
            let full = width > half ? Tensor.concatenate([gz, zeros], axis: gz.rank - 1) : gz
            return [full.unnormalizedInverseFFT(axes: axes).real]
        }
        return ComplexVariable(parts: out)
    }
}

extension ComplexVariable {
    /// The real inverse of `rfft` along the last axis: `[..., W/2 + 1] -> [..., width]`, normalised by `1/width`.
    ///
    /// Like FFTW (and NumPy), it reads the spectrum as Hermitian: the imaginary parts of bin 0 and, for even
    /// widths, bin W/2 do not matter. VJP: `c_k · rfft(g)[k] / N` with `c_k = 1` for those self-conjugate bins and
    /// `2` for the others (each stands for itself and its mirror).
    @inlinable public func irfft(width: Int) -> Variable<Scalar> { realInverse(axes: 1, width: width) }

    /// The real inverse of `rfft2D`: `[..., H, W/2 + 1] -> [..., H, width]`, normalised by `1/(H·width)`.
    @inlinable public func irfft2D(width: Int) -> Variable<Scalar> { realInverse(axes: 2, width: width) }

    @inlinable
    func realInverse(axes: Int, width: Int) -> Variable<Scalar> {
        let z = value
        let x = axes == 1 ? z.irfft(width: width) : z.irfft2D(width: width)
        let n = Scalar(x.shape.suffix(axes).reduce(1, *))
        let half = width / 2 + 1
        return Variable(x, inputs: [parts]) { g in
            var spectrum = axes == 1 ? g.rfft() : g.rfft2D()
            for i in 0..<spectrum.count {
                let k = i % half
                let selfConjugate = k == 0 || (width % 2 == 0 && k == width / 2)
                let c: Scalar = selfConjugate ? 1 : 2
                spectrum.scalars[i] = Complex(spectrum.scalars[i].real * c / n, spectrum.scalars[i].imaginary * c / n)
            }
            return [ComplexVariable.split(spectrum)]
        }
    }
}
