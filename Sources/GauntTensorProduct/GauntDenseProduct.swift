import Symmetry
import Tensors

/// Baseline 2: the Gaunt product as a dense contraction per path `(l1, l2 → l)`, the O(L⁶) CG-style reference.
///
/// `z_l += c(l1,l2,l) W^{l1 l2 l} (x_{l1} ⊗ y_{l2})` for every path with `l1 + l2 + l` even, where `W` is the
/// unit-norm real 3j tensor from Clebsch–Gordan coefficients (``ClebschGordan/realTensor(_:_:_:)``) and `c` the
/// closed-form 3j scale: nothing is shared with the Fourier or the sparse code. Each path is one outer product
/// and one gemm over the batch.
public final class GauntDenseProduct<Scalar: FloatingScalar>: GauntProductKernel {
    /// Input degrees and output degree.
    public let degree1: Int, degree2: Int, outputDegree: Int
    /// The paths `(l1, l2, l)` and their blocks `[(2l1+1)(2l2+1), 2l+1]`.
    let paths: [(l1: Int, l2: Int, l: Int)]
    let blocks: [[Scalar]]
    var outer: [Scalar] = []
    let chunk = 64

    /// Multiply–accumulates per product: `Σ_paths (2l1+1)(2l2+1)(2l+1)`.
    public var macsPerProduct: Int { paths.reduce(0) { $0 + (2 * $1.l1 + 1) * (2 * $1.l2 + 1) * (2 * $1.l + 1) } }

    /// Builds the blocks `c W` of every even path (cached per path, process-wide).
    public init(_ L1: Int, _ L2: Int, outputDegree Lout: Int? = nil) {
        degree1 = L1; degree2 = L2; outputDegree = Lout ?? L1 + L2
        var p: [(l1: Int, l2: Int, l: Int)] = [], bl: [[Scalar]] = []
        for l1 in 0...L1 { for l2 in 0...L2 {
            for l in stride(from: abs(l1 - l2), through: min(l1 + l2, outputDegree), by: 2) {
                p.append((l1, l2, l))
                bl.append(GauntCoefficientCache.denseBlock(l1, l2, l).map { Scalar($0) })
            }
        } }
        paths = p
        blocks = bl
    }

    public func apply(x: UnsafePointer<Scalar>, y: UnsafePointer<Scalar>, into out: UnsafeMutablePointer<Scalar>,
                      count: Int) {
        let k1 = (degree1 + 1) * (degree1 + 1), k2 = (degree2 + 1) * (degree2 + 1)
        let ko = (outputDegree + 1) * (outputDegree + 1)
        out.update(repeating: 0, count: count * ko)
        let maxPair = (2 * degree1 + 1) * (2 * degree2 + 1)
        if outer.count < chunk * maxPair { outer = [Scalar](repeating: 0, count: chunk * maxPair) }
        var start = 0
        while start < count {
            let rows = min(chunk, count - start)
            for (i, path) in paths.enumerated() {
                let d1 = 2 * path.l1 + 1, d2 = 2 * path.l2 + 1, d = 2 * path.l + 1
                outer.withUnsafeMutableBufferPointer { o in
                    for r in 0..<rows {
                        let xr = x + (start + r) * k1 + path.l1 * path.l1, yr = y + (start + r) * k2 + path.l2 * path.l2
                        for p in 0..<d1 { let xv = xr[p]; for q in 0..<d2 { o[r * d1 * d2 + p * d2 + q] = xv * yr[q] } }
                    }
                    blocks[i].withUnsafeBufferPointer { w in
                        Scalar.gemm(transposeA: false, transposeB: false, m: rows, n: d, k: d1 * d2, alpha: 1,
                                    a: UnsafePointer(o.baseAddress!), lda: d1 * d2, b: w.baseAddress!, ldb: d,
                                    beta: 1, c: out + start * ko + path.l * path.l, ldc: ko)
                    }
                }
            }
            start += rows
        }
    }
}
