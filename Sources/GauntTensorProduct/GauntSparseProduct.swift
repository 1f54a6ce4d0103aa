import Symmetry
import Tensors

/// Baseline 1: the Gaunt product as a loop over the precomputed nonzero Gaunt coefficients (O(L⁵)).
///
/// `z_c += G_abc x_a y_b` for every stored `(a, b, c)`; the coefficients come from
/// ``GauntCoefficients/sparse(maxDegree1:maxDegree2:outputDegree:)`` (quadrature, no Fourier code).
public final class GauntSparseProduct<Scalar: FloatingScalar>: GauntProductKernel {
    /// Input degrees and output degree.
    public let degree1: Int, degree2: Int, outputDegree: Int
    let a: [Int32], b: [Int32], c: [Int32], value: [Scalar]

    /// The number of stored nonzero coefficients.
    public var nonzeroCount: Int { value.count }

    /// Loads the nonzero coefficients of the shape (computed once per process).
    public init(_ L1: Int, _ L2: Int, outputDegree Lout: Int? = nil) {
        degree1 = L1; degree2 = L2; outputDegree = Lout ?? L1 + L2
        let list = GauntSparseProduct<Double>.sharedList(L1, L2, outputDegree)
        a = list.map(\.a); b = list.map(\.b); c = list.map(\.c); value = list.map { Scalar($0.value) }
    }

    static func sharedList(_ L1: Int, _ L2: Int, _ Lout: Int) -> [(a: Int32, b: Int32, c: Int32, value: Double)] {
        GauntCoefficientCache.sparse(L1, L2, Lout)
    }

    public func apply(x: UnsafePointer<Scalar>, y: UnsafePointer<Scalar>, into out: UnsafeMutablePointer<Scalar>,
                      count: Int) {
        let k1 = (degree1 + 1) * (degree1 + 1), k2 = (degree2 + 1) * (degree2 + 1)
        let ko = (outputDegree + 1) * (outputDegree + 1)
        out.update(repeating: 0, count: count * ko)
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in
            c.withUnsafeBufferPointer { pc in value.withUnsafeBufferPointer { pv in
                for r in 0..<count {
                    let xr = x + r * k1, yr = y + r * k2, zr = out + r * ko
                    for i in 0..<pv.count { zr[Int(pc[i])] += pv[i] * xr[Int(pa[i])] * yr[Int(pb[i])] }
                }
            } }
        } }
    }
}
