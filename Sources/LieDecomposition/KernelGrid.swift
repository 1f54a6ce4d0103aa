import Symmetry
import Tensors

/// How kernel values outside the unit window are suppressed.
public enum KernelMask: String, Sendable, Codable, CaseIterable {
    /// Zero where `|h⁻¹u| > 1` (spatial part only); the reference choice for SL(2).
    case hard
    /// `sigmoid(2(1 − ‖z‖))` over the whole MLP input `z`; the reference choice for GL+(2).
    case smooth
    /// No mask.
    case none
}

/// The MLP inputs and per-point multipliers (mask × Haar volume factor) of one layer for one sample set.
///
/// Row order `((i·N_in + j)·K + p)·K + q` for output sample `i`, input sample `j` (lifting: `N_in = 1`), kernel
/// pixel `(p, q)` at `u_pq = ((2q+1)/K − 1, (2p+1)/K − 1)`. Group conv rows hold `g_i⁻¹u_pq ++ ξ⁻¹(g_i⁻¹ g̃_j)`,
/// lifting rows `g_i⁻¹u_pq`. Computed in Double (so `g_i⁻¹g_i` charts to exactly 0) and stored as Float.
struct KernelGrid {
    let outputSamples: Int
    let inputSamples: Int
    let kernelSize: Int
    let inputDimension: Int
    /// `[rows, inputDimension]`.
    let coordinates: Tensor<Float>
    /// One multiplier per row.
    let multipliers: [Float]

    var rows: Int { outputSamples * inputSamples * kernelSize * kernelSize }

    /// The kernel window point of pixel `(p, q)`.
    static func point(_ p: Int, _ q: Int, size k: Int) -> (x: Double, y: Double) {
        (Double(2 * q + 1) / Double(k) - 1, Double(2 * p + 1) / Double(k) - 1)
    }

    /// The lifting grid (`inputSamples = 1`, spatial coordinates only).
    init(lifting samples: [GL2Sample<Double>], kernelSize k: Int, mask: KernelMask, determinantFactors: Bool) {
        self.init(samples: samples, inputs: nil, group: nil, kernelSize: k, mask: mask, determinantFactors: determinantFactors)
    }

    /// The group-convolution grid over `outputs × inputs` relative elements.
    init(group: GL2Group, outputs: [GL2Sample<Double>], inputs: [GL2Sample<Double>], kernelSize k: Int,
         mask: KernelMask, determinantFactors: Bool) {
        self.init(samples: outputs, inputs: inputs, group: group, kernelSize: k, mask: mask,
                  determinantFactors: determinantFactors)
    }

    private init(samples: [GL2Sample<Double>], inputs: [GL2Sample<Double>]?, group: GL2Group?, kernelSize k: Int,
                 mask: KernelMask, determinantFactors: Bool) {
        let n = samples.count, m = inputs?.count ?? 1
        let d = 2 + (group?.dimension ?? 0)
        outputSamples = n
        inputSamples = m
        kernelSize = k
        inputDimension = d
        var coords = [Float](repeating: 0, count: n * m * k * k * d)
        var mult = [Float](repeating: 1, count: n * m * k * k)
        var z = [Double](repeating: 0, count: d)
        for i in 0..<n {
            let hInv = samples[i].inverse
            for j in 0..<m {
                var volume = 1.0
                if let inputs, let group {
                    let relative = hInv * inputs[j].element
                    z.withUnsafeMutableBufferPointer { GL2Chart.coordinates(of: relative, in: group, into: $0.baseAddress! + 2) }
                    volume = determinantFactors ? 1 / abs(inputs[j].element.determinant) : 1
                } else {
                    volume = determinantFactors ? 1 / abs(samples[i].element.determinant) : 1
                }
                for p in 0..<k {
                    for q in 0..<k {
                        let row = ((i * m + j) * k + p) * k + q
                        let u = Self.point(p, q, size: k)
                        let v = hInv.apply(u.x, u.y)
                        z[0] = v.x
                        z[1] = v.y
                        var weight = volume
                        switch mask {
                        case .hard:
                            if v.x * v.x + v.y * v.y > 1 { weight = 0 }
                        case .smooth:
                            let norm = z.reduce(0) { $0 + $1 * $1 }.squareRoot()
                            weight *= 1 / (1 + Double.exp(-2 * (1 - norm)))
                        case .none:
                            break
                        }
                        mult[row] = Float(weight)
                        for a in 0..<d { coords[row * d + a] = Float(z[a]) }
                    }
                }
            }
        }
        coordinates = Tensor(shape: [n * m * k * k, d], scalars: coords)
        multipliers = mult
    }
}
