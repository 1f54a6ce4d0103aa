import Symmetry
import Tensors

/// A control, not a Gaunt product: the dense Clebsch–Gordan product with **all** paths `(l1, l2 → l)`, odd ones included.
///
/// Even paths carry the Gaunt weight `c(l1,l2,l) W` (so on them it equals the Gaunt product); odd paths (the cross
/// product 1⊗1→1, 1⊗2→2, …) carry `√((2l1+1)(2l2+1)/(4π(2l+1))) W`. Odd paths produce pseudo-tensors stored in
/// natural-parity slots, so a network built on it is only SO(3)-equivariant and can tell mirror images apart
/// (spec §8d-1: "if a CG variant with odd paths exists, it reaches 100 %"). Not commutative, so its backward pass is
/// the transposed contraction (``adjointFirst(y:g:count:)``), not a Gaunt product.
public final class CGDenseProduct<Scalar: FloatingScalar>: GauntProductKernel {
    /// Input degrees and output degree.
    public let degree1: Int, degree2: Int, outputDegree: Int
    let paths: [(l1: Int, l2: Int, l: Int)]
    let blocks: [[Scalar]]

    /// Builds every path's block for inputs of degree `L1`, `L2` and output degree `Lout` (default `L1 + L2`).
    public init(_ L1: Int, _ L2: Int, outputDegree Lout: Int? = nil) {
        degree1 = L1; degree2 = L2; outputDegree = Lout ?? L1 + L2
        var p: [(l1: Int, l2: Int, l: Int)] = [], bl: [[Scalar]] = []
        for l1 in 0...L1 { for l2 in 0...L2 {
            for l in abs(l1 - l2)...min(l1 + l2, outputDegree) {
                p.append((l1, l2, l))
                if (l1 + l2 + l) % 2 == 0 {
                    bl.append(GauntCoefficientCache.denseBlock(l1, l2, l).map { Scalar($0) })
                } else {
                    let s = (Double((2 * l1 + 1) * (2 * l2 + 1)) / (4 * Double.pi * Double(2 * l + 1))).squareRoot()
                    bl.append(ClebschGordan.realTensor(l1, l2, l).scalars.map { Scalar(s * $0) })
                }
            }
        } }
        paths = p
        blocks = bl
    }

    public func apply(x: UnsafePointer<Scalar>, y: UnsafePointer<Scalar>, into out: UnsafeMutablePointer<Scalar>,
                      count: Int) {
        let k1 = (degree1 + 1) * (degree1 + 1), k2 = (degree2 + 1) * (degree2 + 1), ko = (outputDegree + 1) * (outputDegree + 1)
        out.update(repeating: 0, count: count * ko)
        for r in 0..<count {
            for (i, path) in paths.enumerated() {
                let d1 = 2 * path.l1 + 1, d2 = 2 * path.l2 + 1, d = 2 * path.l + 1
                let xr = x + r * k1 + path.l1 * path.l1, yr = y + r * k2 + path.l2 * path.l2, zr = out + r * ko + path.l * path.l
                blocks[i].withUnsafeBufferPointer { b in
                    for p in 0..<d1 { for q in 0..<d2 {
                        let v = xr[p] * yr[q]
                        if v == 0 { continue }
                        let row = (p * d2 + q) * d
                        for c in 0..<d { zr[c] += v * b[row + c] }
                    } }
                }
            }
        }
    }

    /// `∂(g·z)/∂x` for `count` rows: `dx_p = Σ_{q,c} B_{pqc} y_q g_c`.
    public func adjointFirst(y: Tensor<Scalar>, g: Tensor<Scalar>, count: Int) -> Tensor<Scalar> {
        adjoint(other: y, g: g, count: count, first: true)
    }

    /// `∂(g·z)/∂y` for `count` rows: `dy_q = Σ_{p,c} B_{pqc} x_p g_c`.
    public func adjointSecond(x: Tensor<Scalar>, g: Tensor<Scalar>, count: Int) -> Tensor<Scalar> {
        adjoint(other: x, g: g, count: count, first: false)
    }

    func adjoint(other: Tensor<Scalar>, g: Tensor<Scalar>, count: Int, first: Bool) -> Tensor<Scalar> {
        let k1 = (degree1 + 1) * (degree1 + 1), k2 = (degree2 + 1) * (degree2 + 1), ko = (outputDegree + 1) * (outputDegree + 1)
        let kOut = first ? k1 : k2, kOther = first ? k2 : k1
        var out = [Scalar](repeating: 0, count: count * kOut)
        for r in 0..<count {
            for (i, path) in paths.enumerated() {
                let d1 = 2 * path.l1 + 1, d2 = 2 * path.l2 + 1, d = 2 * path.l + 1
                let o1 = path.l1 * path.l1, o2 = path.l2 * path.l2, oc = path.l * path.l
                for p in 0..<d1 { for q in 0..<d2 {
                    var s: Scalar = 0
                    let row = (p * d2 + q) * d
                    for c in 0..<d { s += blocks[i][row + c] * g.scalars[r * ko + oc + c] }
                    if first { out[r * kOut + o1 + p] += s * other.scalars[r * kOther + o2 + q] }
                    else { out[r * kOut + o2 + q] += s * other.scalars[r * kOther + o1 + p] }
                } }
            }
        }
        return Tensor(shape: [count, kOut], scalars: out)
    }
}
