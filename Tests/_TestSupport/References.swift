import Tensors

/// Naive reference implementations that tests compare the fast kernels against.
public enum Reference {
    /// Elementwise `op` under NumPy broadcasting, by explicit multi-index arithmetic.
    public static func broadcast(_ a: Tensor<Double>, _ b: Tensor<Double>, _ op: (Double, Double) -> Double) -> Tensor<Double>? {
        let rank = max(a.rank, b.rank)
        let pa = [Int](repeating: 1, count: rank - a.rank) + a.shape
        let pb = [Int](repeating: 1, count: rank - b.rank) + b.shape
        var shape: [Int] = []
        for i in 0..<rank {
            if pa[i] == pb[i] || pb[i] == 1 { shape.append(pa[i]) } else if pa[i] == 1 { shape.append(pb[i]) } else { return nil }
        }
        let ra = a.reshaped(pa), rb = b.reshaped(pb)
        return Tensor(shape: shape) { flat in
            var rem = flat
            var ia = [Int](repeating: 0, count: rank), ib = ia
            for axis in stride(from: rank - 1, through: 0, by: -1) {
                let i = rem % shape[axis]
                rem /= shape[axis]
                ia[axis] = pa[axis] == 1 ? 0 : i
                ib[axis] = pb[axis] == 1 ? 0 : i
            }
            return op(ra.scalars[rank == 0 ? 0 : ra.offset(of: ia)], rb.scalars[rank == 0 ? 0 : rb.offset(of: ib)])
        }
    }

    /// The DFT along the last axis by the O(N²) sum `X[k] = Σ x[n] e^{∓2πi kn/N}`.
    public static func dft(_ x: Tensor<Complex<Double>>, inverse: Bool = false) -> Tensor<Complex<Double>> {
        let n = x.shape.last ?? 1
        let sign = inverse ? 1.0 : -1.0
        var out = x
        for row in 0..<(x.count / n) {
            for k in 0..<n {
                var acc = Complex<Double>(0, 0)
                for j in 0..<n {
                    let angle = sign * 2 * Double.pi * Double(k * j) / Double(n)
                    acc = acc + x.scalars[row * n + j] * Complex(Double.cos(angle), Double.sin(angle))
                }
                out.scalars[row * n + k] = inverse ? Complex(acc.real / Double(n), acc.imaginary / Double(n)) : acc
            }
        }
        return out
    }

    /// The 2-D DFT over the last two axes: 1-D DFTs of the rows, then of the columns.
    public static func dft2D(_ x: Tensor<Complex<Double>>, inverse: Bool = false) -> Tensor<Complex<Double>> {
        let r = x.rank
        var axes = Array(0..<r)
        axes.swapAt(r - 1, r - 2)
        let rows = dft(x, inverse: inverse)
        return dft(rows.permuted(axes), inverse: inverse).permuted(axes)
    }

    /// Direct 2-D cross-correlation with zero padding: `[N, C, H, W] ⋆ [O, C, kh, kw] -> [N, O, Ho, Wo]`.
    public static func conv2d(_ x: Tensor<Double>, _ w: Tensor<Double>, stride: Int, padding: Int) -> Tensor<Double> {
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (o, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
        let oh = (h + 2 * padding - kh) / stride + 1, ow = (wd + 2 * padding - kw) / stride + 1
        var out = Tensor<Double>(zeros: [n, o, oh, ow])
        for b in 0..<n { for oc in 0..<o { for i in 0..<oh { for j in 0..<ow {
            var acc = 0.0
            for ch in 0..<c { for p in 0..<kh { for q in 0..<kw {
                let y = i * stride - padding + p, xx = j * stride - padding + q
                if y >= 0 && y < h && xx >= 0 && xx < wd { acc += w[oc, ch, p, q] * x[b, ch, y, xx] }
            } } }
            out[b, oc, i, j] = acc
        } } } }
        return out
    }

    /// The inner product of two equally shaped tensors.
    public static func dot(_ a: Tensor<Double>, _ b: Tensor<Double>) -> Double {
        precondition(a.shape == b.shape, "dot of \(a.shape) and \(b.shape)")
        return zip(a.scalars, b.scalars).reduce(0) { $0 + $1.0 * $1.1 }
    }
}

/// Every shape of rank 0...3 whose extents are 1...3 (40 shapes), for exhaustive small-case tests.
public let smallShapes: [[Int]] = {
    var out: [[Int]] = [[]]
    var frontier: [[Int]] = [[]]
    for _ in 0..<3 {
        frontier = frontier.flatMap { s in (1...3).map { s + [$0] } }
        out += frontier
    }
    return out
}()
