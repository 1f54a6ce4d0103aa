import Autodiff
import Tensors

/// A Gaunt product of fixed degrees usable inside models: forward and backward kernels, cached, method switchable.
///
/// Backward pass without autodiff through the kernel (Gaunt spec §4): `G` is fully symmetric, so with the upstream
/// gradient `g` (degree `<= Lout`), `∂/∂x = (y ⊗Ga g)` truncated to `L1` and `∂/∂y = (x ⊗Ga g)` truncated to `L2`:
/// two more products of degrees `(L2, Lout → L1)` and `(L1, Lout → L2)`.
public final class GauntProductOperator<Scalar: BatchedFFTScalar> {
    /// Input and output degrees.
    public let degree1: Int, degree2: Int, outputDegree: Int
    /// The algorithm; changing it takes effect at the next call (kernels are cached per method).
    public var method: GauntMethod
    /// Whether FFT plans are made with FFTW_MEASURE.
    public let measure: Bool
    private var kernels: [String: (Tensor<Scalar>, Tensor<Scalar>) -> Tensor<Scalar>] = [:]
    private var cg: CGDenseProduct<Scalar>?

    /// A product of degrees `(L1, L2 → Lout)`; kernels are built lazily on first use.
    public init(_ L1: Int, _ L2: Int, outputDegree Lout: Int, method: GauntMethod = .fft, measure: Bool = false) {
        degree1 = L1; degree2 = L2; outputDegree = Lout
        self.method = method
        self.measure = measure
    }

    /// The kernel for `(a, b → out)` with the current method.
    func kernel(_ a: Int, _ b: Int, _ out: Int) -> (Tensor<Scalar>, Tensor<Scalar>) -> Tensor<Scalar> {
        let key = "\(method.rawValue):\(a):\(b):\(out)"
        if let k = kernels[key] { return k }
        let k: (Tensor<Scalar>, Tensor<Scalar>) -> Tensor<Scalar>
        switch method {
        case .fft: let f = GauntFFTProduct<Scalar>(a, b, outputDegree: out, measure: measure); k = { f($0, $1) }
        case .sparse: let f = GauntSparseProduct<Scalar>(a, b, outputDegree: out); k = { f($0, $1) }
        case .dense: let f = GauntDenseProduct<Scalar>(a, b, outputDegree: out); k = { f($0, $1) }
        case .cg: let f = cgKernel(); k = { f($0, $1) }
        }
        kernels[key] = k
        return k
    }

    /// `x ⊗Ga y` on tensors `[..., (L1+1)²]`, `[..., (L2+1)²]`.
    public func forward(_ x: Tensor<Scalar>, _ y: Tensor<Scalar>) -> Tensor<Scalar> {
        kernel(degree1, degree2, outputDegree)(x, y)
    }

    /// The CG control kernel of this operator's shape (cached).
    func cgKernel() -> CGDenseProduct<Scalar> {
        if let k = cg { return k }
        let k = CGDenseProduct<Scalar>(degree1, degree2, outputDegree: outputDegree)
        cg = k
        return k
    }

    /// `(y ⊗Ga g)` truncated to degree `target` (zero-padded when `target > Ly + Lout`).
    func adjoint(_ y: Tensor<Scalar>, degree ly: Int, _ g: Tensor<Scalar>, target: Int) -> Tensor<Scalar> {
        let reach = min(target, ly + outputDegree)
        let z = kernel(ly, outputDegree, reach)(y, g)
        guard reach < target else { return z }
        let kz = (reach + 1) * (reach + 1), kt = (target + 1) * (target + 1), rows = z.count / kz
        var out = [Scalar](repeating: 0, count: rows * kt)
        for r in 0..<rows { for a in 0..<kz { out[r * kt + a] = z.scalars[r * kz + a] } }
        var shape = z.shape
        shape[shape.count - 1] = kt
        return Tensor(shape: shape, scalars: out)
    }

    /// The differentiable product of two variables (VJP: two adjoint Gaunt products).
    public func callAsFunction(_ x: Variable<Scalar>, _ y: Variable<Scalar>) -> Variable<Scalar> {
        let xv = x.value, yv = y.value
        if method == .cg {
            let k = cgKernel(), rows = xv.count / ((degree1 + 1) * (degree1 + 1))
            return Variable(k(xv, yv), inputs: [x, y]) { g in
                let g2 = g.reshaped([rows, -1])
                return [x.requiresGradient ? k.adjointFirst(y: yv.reshaped([rows, -1]), g: g2, count: rows).reshaped(xv.shape) : nil,
                        y.requiresGradient ? k.adjointSecond(x: xv.reshaped([rows, -1]), g: g2, count: rows).reshaped(yv.shape) : nil]
            }
        }
        return Variable(forward(xv, yv), inputs: [x, y]) { [self] g in
            [x.requiresGradient ? adjoint(yv, degree: degree2, g, target: degree1) : nil,
             y.requiresGradient ? adjoint(xv, degree: degree1, g, target: degree2) : nil]
        }
    }
}

extension GauntProductOperator {
    /// The paper's learnable Gaunt product on channel-wise features `[rows, C, (L+1)²]` (spec §3.4, §4 step 4):
    /// `z = γ ⊙ ((α ⊙ x) ⊗Ga (β ⊙ y))`, i.e. path weights `α_{l1} β_{l2} γ_l c(l1, l2, l)`.
    ///
    /// - Parameters: alpha `[C, L1+1]`, beta `[C, L2+1]`, gamma `[C, Lout+1]` (or per row, `[rows, C, ·]`).
    public func weighted(_ x: Variable<Scalar>, _ y: Variable<Scalar>, alpha: Variable<Scalar>, beta: Variable<Scalar>,
                         gamma: Variable<Scalar>) -> Variable<Scalar> {
        DegreeOps.scale(self(DegreeOps.scale(x, alpha), DegreeOps.scale(y, beta)), gamma)
    }
}
