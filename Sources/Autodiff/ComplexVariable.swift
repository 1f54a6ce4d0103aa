import Tensors

/// A complex-valued node of the reverse-mode graph, stored as one real `Variable` of shape `[2, ...shape]`
/// holding the real parts (index 0) and imaginary parts (index 1).
///
/// Gradients follow the real-pair convention: for a real loss `L` of a complex value `z = a + ib`, the gradient
/// carried backwards is `∂L/∂a + i·∂L/∂b`. Every operation here is a real-linear or real-differentiable map of
/// the pairs, so its VJP is exact; for a holomorphic `f`, this convention gives `conj(f'(z)) · g`.
/// Linear transforms have adjoint VJPs: `fft`'s is the unnormalised inverse transform `N·ifft`, `ifft`'s is `fft / N`.
///
/// ```swift
/// let z = ComplexVariable(real: x, imaginary: y)          // x, y: Variable<Double> [H, W]
/// let power = z.fft2D().magnitudeSquared().sum()          // a real loss
/// power.backward()                                          // x.gradient, y.gradient
/// ```
public struct ComplexVariable<Scalar: FloatingScalar> {
    /// The real and imaginary parts stacked on a leading axis of extent 2.
    public let parts: Variable<Scalar>

    /// Wraps a `[2, ...]` variable of (real, imaginary) parts.
    @inlinable
    public init(parts: Variable<Scalar>) {
        precondition(parts.shape.first == 2, "ComplexVariable parts need a leading axis of 2, got \(parts.shape)")
        self.parts = parts
    }

    /// `real + i·imaginary` from equally shaped real variables.
    @inlinable
    public init(real: Variable<Scalar>, imaginary: Variable<Scalar>) {
        precondition(real.shape == imaginary.shape, "complex parts differ: \(real.shape) vs \(imaginary.shape)")
        let s = [1] + real.shape
        self.init(parts: Variable.concatenate([real.reshaped(s), imaginary.reshaped(s)], axis: 0))
    }

    /// A complex variable with the given real part and zero imaginary part.
    @inlinable
    public init(real: Variable<Scalar>) {
        self.init(real: real, imaginary: Variable(Tensor(zeros: real.shape)))
    }

    /// A constant (no gradient) from a complex tensor.
    @inlinable
    public init(_ value: Tensor<Complex<Scalar>>) {
        self.init(parts: Variable(ComplexVariable.split(value)))
    }

    /// The shape of the complex value.
    @inlinable public var shape: [Int] { Array(parts.shape.dropFirst()) }
    /// The real parts.
    @inlinable public var real: Variable<Scalar> { parts.slice(axis: 0, 0..<1).reshaped(shape) }
    /// The imaginary parts.
    @inlinable public var imaginary: Variable<Scalar> { parts.slice(axis: 0, 1..<2).reshaped(shape) }
    /// The complex value.
    @inlinable public var value: Tensor<Complex<Scalar>> { ComplexVariable.join(parts.value) }

    /// `[2, ...]` real pairs to a complex tensor.
    @inlinable
    public static func join(_ pairs: Tensor<Scalar>) -> Tensor<Complex<Scalar>> {
        let half = pairs.count / 2
        return Tensor(real: Tensor(shape: Array(pairs.shape.dropFirst()), scalars: Array(pairs.scalars[..<half])),
                      imaginary: Tensor(shape: Array(pairs.shape.dropFirst()), scalars: Array(pairs.scalars[half...])))
    }

    /// A complex tensor to `[2, ...]` real pairs.
    @inlinable
    public static func split(_ z: Tensor<Complex<Scalar>>) -> Tensor<Scalar> {
        Tensor(shape: [2] + z.shape, scalars: z.scalars.map(\.real) + z.scalars.map(\.imaginary))
    }
}

// MARK: - Arithmetic (composed from real operations, so gradients come for free)

extension ComplexVariable {
    /// Elementwise sum with broadcasting over the complex shape.
    @inlinable
    public static func + (a: ComplexVariable, b: ComplexVariable) -> ComplexVariable {
        ComplexVariable(real: a.real + b.real, imaginary: a.imaginary + b.imaginary)
    }

    /// Elementwise difference.
    @inlinable
    public static func - (a: ComplexVariable, b: ComplexVariable) -> ComplexVariable {
        ComplexVariable(real: a.real - b.real, imaginary: a.imaginary - b.imaginary)
    }

    /// Elementwise product `(a + ib)(c + id) = (ac − bd) + i(ad + bc)` with broadcasting.
    @inlinable
    public static func * (x: ComplexVariable, y: ComplexVariable) -> ComplexVariable {
        let a = x.real, b = x.imaginary, c = y.real, d = y.imaginary
        return ComplexVariable(real: a * c - b * d, imaginary: a * d + b * c)
    }

    /// Scales by a real constant.
    @inlinable
    public static func * (x: ComplexVariable, s: Scalar) -> ComplexVariable { ComplexVariable(parts: x.parts * s) }

    /// The complex conjugate.
    @inlinable
    public func conjugated() -> ComplexVariable { ComplexVariable(real: real, imaginary: -imaginary) }

    /// `|z|² = a² + b²`, a real variable of the complex shape.
    @inlinable
    public func magnitudeSquared() -> Variable<Scalar> { parts.squared().sum(axis: 0) }
}

// MARK: - Fourier transforms

extension ComplexVariable {
    /// The 1-D DFT along the last axis (unnormalised; see `Tensor.fft`). VJP: `N · ifft(g)`.
    @inlinable public func fft() -> ComplexVariable { transform(axes: 1, inverse: false) }
    /// The normalised inverse 1-D DFT along the last axis. VJP: `fft(g) / N`.
    @inlinable public func ifft() -> ComplexVariable { transform(axes: 1, inverse: true) }
    /// The 2-D DFT over the last two axes. VJP: `N · ifft2D(g)`, `N = H·W`.
    @inlinable public func fft2D() -> ComplexVariable { transform(axes: 2, inverse: false) }
    /// The normalised inverse 2-D DFT over the last two axes. VJP: `fft2D(g) / N`.
    @inlinable public func ifft2D() -> ComplexVariable { transform(axes: 2, inverse: true) }

    @inlinable
    func transform(axes: Int, inverse: Bool) -> ComplexVariable {
        let z = value
        let n = Scalar(shape.suffix(axes).reduce(1, *))
        func forward(_ t: Tensor<Complex<Scalar>>) -> Tensor<Complex<Scalar>> {
            axes == 1 ? t.fft() : t.fft2D()
        }
        func backward(_ t: Tensor<Complex<Scalar>>) -> Tensor<Complex<Scalar>> {
            axes == 1 ? t.ifft() : t.ifft2D()
        }
        let y = inverse ? backward(z) : forward(z)
        let out = Variable(ComplexVariable.split(y), inputs: [parts]) { g in
            let gz = ComplexVariable.join(g)
            let adjoint = inverse ? forward(gz) * (1 / n) : gz.unnormalizedInverseFFT(axes: axes)
            return [ComplexVariable.split(adjoint)]
        }
        return ComplexVariable(parts: out)
    }
}
