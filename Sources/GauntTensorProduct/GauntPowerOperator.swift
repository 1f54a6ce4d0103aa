import Autodiff
import Tensors

/// The many-body basis of MACE-Gaunt (Gaunt spec §5c): projections of the powers `F_x^ν`, `ν = 1 … V`.
///
/// `B_ν = project_{<= Lout}(F_x^ν)`: `x` is converted to the torus once, evaluated on one `N × N` grid with
/// `N >= 2 V L + 1`, raised to each power pointwise, and each power goes through one r2c FFT and the projection.
/// Output `[rows, V, (Lout+1)²]` for input `[rows, (L+1)²]`. Backward: `∂/∂x = Σ_ν ν · project_{<= L}(F^{ν−1} · F_{g_ν})`,
/// computed as the Gaunt product of `project(F^{ν−1})` (full degree `(ν−1)L`) with `g_ν`.
public final class GauntPowerOperator<Scalar: BatchedFFTScalar> {
    /// Input degree `L`, highest power `V`, output degree `Lout`.
    public let degree: Int, maxPower: Int, outputDegree: Int
    let kernel: GauntFFTProduct<Scalar>
    var lowerPowers: [Int: GauntPowerOperator<Scalar>] = [:]
    var adjoints: [Int: GauntFFTProduct<Scalar>] = [:]

    /// Prepares tables and plans for powers `1 … V` of degree-`L` inputs, projected to degree `Lout <= V L`.
    public init(degree L: Int, maxPower V: Int, outputDegree Lout: Int) {
        precondition(V >= 1 && Lout <= V * L, "powers 1…\(V) of degree \(L) cannot reach degree \(Lout)")
        degree = L; maxPower = V; outputDegree = Lout
        kernel = GauntFFTProduct<Scalar>(L, (V - 1) * L, outputDegree: Lout)
    }

    /// `[rows, V, (Lout+1)²]` projections of `F_x, F_x², …, F_x^V`.
    public func forward(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        let k = (degree + 1) * (degree + 1), ko = (outputDegree + 1) * (outputDegree + 1)
        precondition(x.shape.last == k, "power basis of \(x.shape) with degree \(degree)")
        let rows = x.count / k, t = kernel, grid = t.fft.gridCount
        var out = [Scalar](repeating: 0, count: rows * maxPower * ko)
        x.scalars.withUnsafeBufferPointer { px in
            out.withUnsafeMutableBufferPointer { po in
                var start = 0
                while start < rows {
                    let n = min(t.chunk, rows - start)
                    t.toSpectrum(px.baseAddress! + start * k, rowLength: k, rows: n, degree: degree,
                                 indices: t.tables.inputIndices1, matrices: t.a1, spectrum: t.spectrum1)
                    t.fft.inverse(spectrum: t.spectrum1, grid: t.grid1)
                    t.grid2.update(from: t.grid1, count: n * grid)
                    for nu in 1...maxPower {
                        if nu > 1 { for i in 0..<(n * grid) { t.grid2[i] *= t.grid1[i] } }
                        t.fft.forward(grid: t.grid2, spectrum: t.spectrum1)   // r2c keeps its input
                        t.fromSpectrum(rows: n, into: po.baseAddress! + (start * maxPower + nu - 1) * ko,
                                       rowLength: maxPower * ko)
                    }
                    start += n
                }
            }
        }
        var shape = Array(x.shape.dropLast())
        shape += [maxPower, ko]
        return Tensor(shape: shape, scalars: out)
    }

    /// The differentiable power basis.
    public func callAsFunction(_ x: Variable<Scalar>) -> Variable<Scalar> {
        let xv = x.value
        return Variable(forward(xv), inputs: [x]) { [self] g in [self.gradient(xv, g)] }
    }

    func gradient(_ x: Tensor<Scalar>, _ g: Tensor<Scalar>) -> Tensor<Scalar> {
        let k = (degree + 1) * (degree + 1), ko = (outputDegree + 1) * (outputDegree + 1), rows = x.count / k
        var dx = Tensor<Scalar>(zeros: [rows, k])
        let g2 = g.reshaped([rows, maxPower, ko])
        for nu in 1...maxPower {
            let gnu = g2.slice(axis: 1, (nu - 1)..<nu).reshaped([rows, ko])
            if nu == 1 {
                for r in 0..<rows { for a in 0..<min(k, ko) { dx.scalars[r * k + a] += gnu.scalars[r * ko + a] } }
                continue
            }
            let lp = (nu - 1) * degree
            if lowerPowers[lp] == nil { lowerPowers[lp] = GauntPowerOperator(degree: degree, maxPower: nu - 1, outputDegree: lp) }
            let all = lowerPowers[lp]!.forward(x.reshaped([rows, k])).reshaped([rows, nu - 1, (lp + 1) * (lp + 1)])
            let p = all.slice(axis: 1, (nu - 2)..<(nu - 1)).reshaped([rows, (lp + 1) * (lp + 1)])
            let reach = min(degree, lp + outputDegree)
            if adjoints[nu] == nil { adjoints[nu] = GauntFFTProduct<Scalar>(lp, outputDegree, outputDegree: reach) }
            let part = adjoints[nu]!(p, gnu)
            let kr = (reach + 1) * (reach + 1)
            for r in 0..<rows { for a in 0..<kr { dx.scalars[r * k + a] += Scalar(nu) * part.scalars[r * kr + a] } }
        }
        return dx.reshaped(x.shape)
    }
}
