import Tensors

/// One way of computing the batched Gaunt product `z = x ⊗Ga y` (FFT, sparse direct, dense per path).
public protocol GauntProductKernel<Scalar>: AnyObject {
    associatedtype Scalar: FloatingScalar
    /// Input degrees `L1`, `L2` and output degree `Lout`.
    var degree1: Int { get }
    var degree2: Int { get }
    var outputDegree: Int { get }
    /// `out[i] = x[i] ⊗Ga y[i]` for `count` rows of `(L1+1)²`, `(L2+1)²` and `(Lout+1)²` scalars.
    func apply(x: UnsafePointer<Scalar>, y: UnsafePointer<Scalar>, into out: UnsafeMutablePointer<Scalar>, count: Int)
}

/// The algorithm a Gaunt product runs with.
public enum GauntMethod: String, Sendable, CaseIterable, Codable {
    /// 2D Fourier basis + FFTW, O(L³).
    case fft
    /// Precomputed list of nonzero Gaunt coefficients, O(L⁵).
    case sparse
    /// Dense per-path contraction `c(l1,l2,l) W^{l1 l2 l}` from Clebsch–Gordan tensors, O(L⁶).
    case dense
    /// Control, not a Gaunt product: dense CG with the odd paths too (``CGDenseProduct``); SO(3) but not O(3).
    case cg

    /// The three implementations of the Gaunt product (everything but the `cg` control).
    public static let gauntMethods: [GauntMethod] = [.fft, .sparse, .dense]
}

extension GauntProductKernel {
    /// `x ⊗Ga y` on tensors `[..., (L1+1)²]` and `[..., (L2+1)²]` with equal leading extents.
    public func callAsFunction(_ x: Tensor<Scalar>, _ y: Tensor<Scalar>) -> Tensor<Scalar> {
        let k1 = (degree1 + 1) * (degree1 + 1), k2 = (degree2 + 1) * (degree2 + 1)
        let ko = (outputDegree + 1) * (outputDegree + 1)
        precondition(x.shape.last == k1 && y.shape.last == k2 && x.count / k1 == y.count / k2,
                     "Gaunt product of \(x.shape) and \(y.shape) with degrees \(degree1), \(degree2)")
        let count = x.count / k1
        var out = [Scalar](repeating: 0, count: count * ko)
        x.scalars.withUnsafeBufferPointer { px in
            y.scalars.withUnsafeBufferPointer { py in
                out.withUnsafeMutableBufferPointer { po in
                    if count > 0 { apply(x: px.baseAddress!, y: py.baseAddress!, into: po.baseAddress!, count: count) }
                }
            }
        }
        var shape = x.shape
        shape[shape.count - 1] = ko
        return Tensor(shape: shape, scalars: out)
    }
}

