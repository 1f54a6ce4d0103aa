import Autodiff
import NN
import Symmetry
import Tensors

/// A lifting or group-convolution layer whose weights a SIREN generates from a sample set.
///
/// ```
/// lifting:    W[c·N+i, c',      p, q] = mask · |det g_i|⁻¹  · MLP(g_i⁻¹u_pq)[c, c']
/// group conv: W[c·N+i, c'·N+j, p, q] = mask · |det g̃_j|⁻¹ · MLP(g_i⁻¹u_pq ++ ξ⁻¹(g_i⁻¹ g̃_j))[c, c']
/// F'[b, c·N+i, y, x] = Σ W[...] · F[b, ..., y+p, x+q]                       (one im2col + GEMM conv)
/// ```
/// No `1/N` factor (the following LayerNorm absorbs it). Mironenco & Forré, ICLR 2024, §4 (eqs. for the
/// lifting and group convolution with Monte Carlo integration over the factorised Haar measure).
final class GroupKernelLayer: ParameterContainer {
    let isLifting: Bool
    let inChannels: Int
    let outChannels: Int
    let kernelSize: Int
    let padding: Int
    let kernel: SIRENKernel

    init(lifting: Bool, group: GL2Group, inChannels: Int, outChannels: Int, kernelSize: Int, padding: Int,
         hidden: Int, depth: Int, omega: Float, name: String, rng: inout RandomSource) {
        isLifting = lifting
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.padding = padding
        kernel = SIRENKernel(inputDimension: lifting ? 2 : 2 + group.dimension, hidden: hidden, depth: depth,
                             outputs: inChannels * outChannels, fanIn: inChannels * kernelSize * kernelSize,
                             omega: omega, name: "\(name).kernel", rng: &rng)
    }

    var parameters: [Parameter] { kernel.parameters }

    /// The generated weight `[C_out·N, C_in·N_in, K, K]` for a grid (one batched MLP evaluation).
    func weight(on grid: KernelGrid) -> Variable<Float> {
        precondition(grid.kernelSize == kernelSize && grid.inputDimension == kernel.layers[0].weight.value.shape[0],
                     "kernel grid (K \(grid.kernelSize), d \(grid.inputDimension)) does not fit layer")
        let values = kernel(Variable(grid.coordinates))
        return assembleKernel(values, grid: grid, inChannels: inChannels, outChannels: outChannels)
    }

    /// Applies the layer to `[B, C_in·N_in, H, W]`.
    func callAsFunction(_ x: Variable<Float>, grid: KernelGrid) -> Variable<Float> {
        conv2d(x, weight(on: grid), padding: padding)
    }
}

/// Scatters MLP outputs `[rows, C_out·C_in]` (column `c·C_in + c'`) into a conv weight
/// `[C_out·N, C_in·N_in, K, K]`, multiplying each row by its mask/volume factor. VJP: the transpose gather.
func assembleKernel(_ values: Variable<Float>, grid: KernelGrid, inChannels: Int, outChannels: Int) -> Variable<Float> {
    let n = grid.outputSamples, m = grid.inputSamples, k = grid.kernelSize, kk = k * k
    let cols = outChannels * inChannels
    precondition(values.shape == [grid.rows, cols], "kernel values \(values.shape) for \(grid.rows) rows × \(cols)")
    let shape = [outChannels * n, inChannels * m, k, k]
    let mult = grid.multipliers
    // Flat index of W for (row, column) pairs: W[(c·N+i), (c'·M+j), p, q].
    @inline(__always) func target(_ i: Int, _ j: Int, _ pq: Int, _ c: Int, _ ci: Int) -> Int {
        (((c * n + i) * inChannels + ci) * m + j) * kk + pq
    }
    var w = [Float](repeating: 0, count: shape.reduce(1, *))
    values.value.scalars.withUnsafeBufferPointer { pv in
        w.withUnsafeMutableBufferPointer { pw in
            for i in 0..<n { for j in 0..<m { for pq in 0..<kk {
                let row = (i * m + j) * kk + pq
                let s = mult[row]
                if s == 0 { continue }
                for c in 0..<outChannels { for ci in 0..<inChannels {
                    pw[target(i, j, pq, c, ci)] = s * pv[row * cols + c * inChannels + ci]
                } }
            } } }
        }
    }
    return Variable(Tensor(shape: shape, scalars: w), inputs: [values]) { g in
        var d = [Float](repeating: 0, count: grid.rows * cols)
        g.scalars.withUnsafeBufferPointer { pg in
            d.withUnsafeMutableBufferPointer { pd in
                for i in 0..<n { for j in 0..<m { for pq in 0..<kk {
                    let row = (i * m + j) * kk + pq
                    let s = mult[row]
                    if s == 0 { continue }
                    for c in 0..<outChannels { for ci in 0..<inChannels {
                        pd[row * cols + c * inChannels + ci] = s * pg[target(i, j, pq, c, ci)]
                    } }
                } } }
            }
        }
        return [Tensor(shape: [grid.rows, cols], scalars: d)]
    }
}
