import Autodiff
import Foundation
import Tensors

/// Fused Float operations with hand-written VJPs for the message-passing hot loop.
///
/// Candidates for hoisting into Autodiff: `affine` (matmul + bias), `affine2` (two products + bias),
/// `silu` (allocation-light), `sumConsecutiveRows` (fixed-degree aggregation).
enum FusedOps {
    /// `y = x·W + b`: `[r, i] x [i, o] + [o] -> [r, o]`.
    static func affine(_ x: Variable<Float>, _ w: Variable<Float>, _ b: Variable<Float>) -> Variable<Float> {
        affine2(x, w, nil, nil, b)
    }

    /// `y = x1·W1 + x2·W2 + b` (the second product optional); one output buffer, gemm with beta = 1.
    static func affine2(_ x1: Variable<Float>, _ w1: Variable<Float>, _ x2: Variable<Float>?, _ w2: Variable<Float>?,
                        _ b: Variable<Float>) -> Variable<Float> {
        let rows = x1.shape[0], o = w1.shape[1]
        precondition(x1.shape[1] == w1.shape[0], "affine shapes \(x1.shape) x \(w1.shape)")
        var out = [Float](repeating: 0, count: rows * o)
        let bias = b.value.scalars
        out.withUnsafeMutableBufferPointer { po in
            for r in 0..<rows { for j in 0..<o { po[r * o + j] = bias[j] } }
            gemmAccumulate(x1.value, w1.value, into: po.baseAddress!, transposeA: false, transposeB: false)
            if let x2, let w2 { gemmAccumulate(x2.value, w2.value, into: po.baseAddress!, transposeA: false, transposeB: false) }
        }
        var inputs = [x1, w1, b]
        if let x2, let w2 { inputs += [x2, w2] }
        let v1 = x1.value, m1 = w1.value, v2 = x2?.value, m2 = w2?.value
        let need = inputs.map(\.requiresGradient)
        return Variable(Tensor(shape: [rows, o], scalars: out), inputs: inputs) { g in
            var grads: [Tensor<Float>?] = []
            grads.append(need[0] ? g.matmul(m1, transposeOther: true) : nil)
            grads.append(need[1] ? v1.matmul(g, transposeSelf: true) : nil)
            grads.append(need[2] ? columnSums(g) : nil)
            if let v2, let m2 {
                grads.append(need[3] ? g.matmul(m2, transposeOther: true) : nil)
                grads.append(need[4] ? v2.matmul(g, transposeSelf: true) : nil)
            }
            return grads
        }
    }

    /// `c += op(a)·op(b)` on raw row-major storage.
    static func gemmAccumulate(_ a: Tensor<Float>, _ b: Tensor<Float>, into c: UnsafeMutablePointer<Float>,
                               transposeA: Bool, transposeB: Bool) {
        let m = transposeA ? a.shape[1] : a.shape[0], k = transposeA ? a.shape[0] : a.shape[1]
        let n = transposeB ? b.shape[0] : b.shape[1]
        guard m > 0, n > 0, k > 0 else { return }
        a.scalars.withUnsafeBufferPointer { pa in
            b.scalars.withUnsafeBufferPointer { pb in
                Float.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1,
                           a: pa.baseAddress!, lda: a.shape[1], b: pb.baseAddress!, ldb: b.shape[1], beta: 1,
                           c: c, ldc: n)
            }
        }
    }

    /// Column sums of a rank-2 tensor `[r, c] -> [c]`.
    static func columnSums(_ g: Tensor<Float>) -> Tensor<Float> {
        let r = g.shape[0], c = g.shape[1]
        var out = [Float](repeating: 0, count: c)
        g.scalars.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<r { for j in 0..<c { o[j] += p[i * c + j] } }
            }
        }
        return Tensor(shape: [c], scalars: out)
    }

    /// SiLU `x·σ(x)` with a buffer-level VJP; σ is kept from the forward pass (vectorised, see `sigmoid8`).
    static func silu(_ x: Variable<Float>) -> Variable<Float> {
        let xv = x.value
        let n = xv.count
        var y = [Float](repeating: 0, count: n)
        var sig = [Float](repeating: 0, count: n)
        xv.scalars.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                sig.withUnsafeMutableBufferPointer { ps in
                    var i = 0
                    while i + 8 <= n {
                        let v = UnsafeRawPointer(px.baseAddress! + i).loadUnaligned(as: SIMD8<Float>.self)
                        let s = sigmoid8(v)
                        UnsafeMutableRawPointer(ps.baseAddress! + i).storeBytes(of: s, as: SIMD8<Float>.self)
                        UnsafeMutableRawPointer(py.baseAddress! + i).storeBytes(of: v * s, as: SIMD8<Float>.self)
                        i += 8
                    }
                    while i < n { let s = 1 / (1 + expf(-px[i])); ps[i] = s; py[i] = px[i] * s; i += 1 }
                }
            }
        }
        return Variable(Tensor(shape: xv.shape, scalars: y), inputs: [x]) { g in
            var d = g.scalars
            xv.scalars.withUnsafeBufferPointer { px in
                sig.withUnsafeBufferPointer { ps in
                    d.withUnsafeMutableBufferPointer { pd in
                        for i in 0..<pd.count { let s = ps[i]; pd[i] *= s * (1 + px[i] * (1 - s)) }
                    }
                }
            }
            return [Tensor(shape: xv.shape, scalars: d)]
        }
    }

    /// σ(x) = 1/(1 + e^{−x}) for 8 lanes: `e^z = 2^k·p(f)` with `z·log2(e) = k + f`, `f ∈ [−½, ½]`, a degree-6
    /// polynomial for `2^f` (relative error about 2e-7), `z` clamped to ±87.
    @inline(__always)
    static func sigmoid8(_ x: SIMD8<Float>) -> SIMD8<Float> {
        var z = -x
        z.replace(with: SIMD8(repeating: -87), where: z .< -87)
        z.replace(with: SIMD8(repeating: 87), where: z .> 87)
        let t = z * 1.442695040888963
        let magic = SIMD8<Float>(repeating: 12_582_912)  // 1.5·2²³: adding it rounds to an integer
        let shifted = t + magic
        let k = shifted - magic
        let f = t - k
        var p = SIMD8<Float>(repeating: 1.5353362e-4)
        p = p * f + 1.3398874e-3
        p = p * f + 9.6180928e-3
        p = p * f + 5.5503306e-2
        p = p * f + 0.24022648
        p = p * f + 0.69314718
        p = p * f + 1
        let kInt = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- unsafeBitCast(magic, to: SIMD8<Int32>.self)
        let bits = (kInt &+ 127) &<< 23
        let scale = unsafeBitCast(bits, to: SIMD8<Float>.self)
        return 1 / (1 + p * scale)
    }

    /// Sums each block of `k` consecutive rows: `[r·k, c] -> [r, c]` (aggregation over a fixed in-degree).
    static func sumConsecutiveRows(_ x: Variable<Float>, blockSize k: Int) -> Variable<Float> {
        let rows = x.shape[0] / k, c = x.shape[1]
        var out = [Float](repeating: 0, count: rows * c)
        x.value.scalars.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                for r in 0..<rows { for e in 0..<k { let base = (r * k + e) * c; for j in 0..<c { o[r * c + j] += p[base + j] } } }
            }
        }
        return Variable(Tensor(shape: [rows, c], scalars: out), inputs: [x]) { g in
            var d = [Float](repeating: 0, count: rows * k * c)
            g.scalars.withUnsafeBufferPointer { pg in
                d.withUnsafeMutableBufferPointer { pd in
                    for r in 0..<rows { for e in 0..<k { let base = (r * k + e) * c; for j in 0..<c { pd[base + j] = pg[r * c + j] } } }
                }
            }
            return [Tensor(shape: [rows * k, c], scalars: d)]
        }
    }
}
