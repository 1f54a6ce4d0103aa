import Tensors

// MARK: - Elementwise functions

extension Variable {
    /// Applies a scalar function with its derivative `dy/dx = derivative(x, y)`; the VJP multiplies elementwise.
    @inlinable
    public func elementwise(_ forward: (Scalar) -> Scalar, derivative: @escaping (Scalar, Scalar) -> Scalar) -> Variable {
        let x = value
        let n = x.count
        let ys = [Scalar](unsafeUninitializedCapacity: n) { py, initialized in
            x.scalars.withUnsafeBufferPointer { px in
                for i in 0..<n { (py.baseAddress! + i).initialize(to: forward(px[i])) }
            }
            initialized = n
        }
        let y = Tensor(shape: x.shape, scalars: ys)
        return Variable(y, inputs: [self]) { g in
            let out = [Scalar](unsafeUninitializedCapacity: n) { po, initialized in
                x.scalars.withUnsafeBufferPointer { px in
                    ys.withUnsafeBufferPointer { py in
                        g.scalars.withUnsafeBufferPointer { pg in
                            for i in 0..<n { (po.baseAddress! + i).initialize(to: pg[i] * derivative(px[i], py[i])) }
                        }
                    }
                }
                initialized = n
            }
            return [Tensor(shape: x.shape, scalars: out)]
        }
    }

    /// max(x, 0).
    @inlinable public func relu() -> Variable {
        // Dedicated loops (no per-element closure calls): the hot activation of MLPs and CNNs.
        let x = value
        let n = x.count
        let ys = [Scalar](unsafeUninitializedCapacity: n) { py, initialized in
            x.scalars.withUnsafeBufferPointer { px in
                VectorKernels.relu(px.baseAddress!, into: py.baseAddress!, count: n)
            }
            initialized = n
        }
        return Variable(Tensor(shape: x.shape, scalars: ys), inputs: [self]) { g in
            let out = [Scalar](unsafeUninitializedCapacity: n) { po, initialized in
                ys.withUnsafeBufferPointer { py in
                    g.scalars.withUnsafeBufferPointer { pg in
                        VectorKernels.reluMask(gradient: pg.baseAddress!, output: py.baseAddress!, into: po.baseAddress!, count: n)
                    }
                }
                initialized = n
            }
            return [Tensor(shape: x.shape, scalars: out)]
        }
    }

    /// x for x > 0, slope·x otherwise.
    @inlinable public func leakyRelu(slope: Scalar = 0.01) -> Variable {
        elementwise({ $0 > 0 ? $0 : slope * $0 }, derivative: { x, _ in x > 0 ? 1 : slope })
    }

    /// tanh(x).
    @inlinable public func tanh() -> Variable { elementwise({ Scalar.tanh($0) }, derivative: { _, y in 1 - y * y }) }

    /// σ(x) = 1 / (1 + e^{-x}).
    @inlinable public func sigmoid() -> Variable {
        elementwise({ Variable.sigmoid($0) }, derivative: { _, y in y * (1 - y) })
    }

    /// SiLU (swish): x·σ(x).
    @inlinable public func silu() -> Variable {
        // One exponential per scalar: σ(x) is kept from the forward pass for the VJP σ(x)·(1 + x·(1 − σ(x))).
        let x = value
        let n = x.count
        var sig = [Scalar](repeating: 0, count: n)
        let ys = [Scalar](unsafeUninitializedCapacity: n) { py, initialized in
            x.scalars.withUnsafeBufferPointer { px in
                sig.withUnsafeMutableBufferPointer { ps in
                    for i in 0..<n {
                        let s = Variable.sigmoid(px[i])
                        ps[i] = s
                        (py.baseAddress! + i).initialize(to: px[i] * s)
                    }
                }
            }
            initialized = n
        }
        return Variable(Tensor(shape: x.shape, scalars: ys), inputs: [self]) { g in
            let out = [Scalar](unsafeUninitializedCapacity: n) { po, initialized in
                x.scalars.withUnsafeBufferPointer { px in
                    sig.withUnsafeBufferPointer { ps in
                        g.scalars.withUnsafeBufferPointer { pg in
                            for i in 0..<n {
                                let s = ps[i]
                                (po.baseAddress! + i).initialize(to: pg[i] * s * (1 + px[i] * (1 - s)))
                            }
                        }
                    }
                }
                initialized = n
            }
            return [Tensor(shape: x.shape, scalars: out)]
        }
    }

    /// softplus(x) = log(1 + e^x), computed stably.
    @inlinable public func softplus() -> Variable {
        elementwise({ Variable.softplus($0) }, derivative: { x, _ in Variable.sigmoid(x) })
    }

    /// e^x.
    @inlinable public func exp() -> Variable { elementwise({ Scalar.exp($0) }, derivative: { _, y in y }) }

    /// log(x).
    @inlinable public func log() -> Variable { elementwise({ Scalar.log($0) }, derivative: { x, _ in 1 / x }) }

    /// sin(x).
    @inlinable public func sin() -> Variable { elementwise({ Scalar.sin($0) }, derivative: { x, _ in Scalar.cos(x) }) }

    /// cos(x).
    @inlinable public func cos() -> Variable { elementwise({ Scalar.cos($0) }, derivative: { x, _ in -Scalar.sin(x) }) }

    /// √x.
    @inlinable public func sqrt() -> Variable { elementwise({ $0.squareRoot() }, derivative: { _, y in 1 / (2 * y) }) }

    /// x².
    @inlinable public func squared() -> Variable { elementwise({ $0 * $0 }, derivative: { x, _ in 2 * x }) }

    /// |x| (subgradient 0 at 0).
    @inlinable public func abs() -> Variable {
        elementwise({ Swift.abs($0) }, derivative: { x, _ in x > 0 ? 1 : (x < 0 ? -1 : 0) })
    }

    /// x^p for a constant exponent.
    @inlinable public func pow(_ p: Scalar) -> Variable {
        elementwise({ Scalar.pow($0, p) }, derivative: { x, _ in p * Scalar.pow(x, p - 1) })
    }

    /// Stable logistic function.
    @inlinable
    public static func sigmoid(_ x: Scalar) -> Scalar {
        let e = Scalar.exp(-Swift.abs(x))  // one exponential, never overflowing
        return x >= 0 ? 1 / (1 + e) : e / (1 + e)
    }

    /// Stable log(1 + e^x).
    @inlinable
    public static func softplus(_ x: Scalar) -> Scalar {
        x > 0 ? x + Scalar.log(1 + Scalar.exp(-x)) : Scalar.log(1 + Scalar.exp(x))
    }
}
