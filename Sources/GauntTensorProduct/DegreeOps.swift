import Autodiff
import Tensors

/// Equivariant per-degree operations on features `[rows, channels, (L+1)²]` (Gaunt spec §5, §8d).
public enum DegreeOps {
    /// The degree of each flat coefficient index up to `L`.
    public static func degrees(_ L: Int) -> [Int] { (0...L).flatMap { l in Array(repeating: l, count: 2 * l + 1) } }

    /// Channel mixing per degree: `out[r, k, a] = Σ_j x[r, j, a] W[l(a), j, k]`, `W` of shape `[L+1, Cin, Cout]`.
    ///
    /// Commutes with every `D(R)` and with inversion (it never mixes coefficients of one channel).
    public static func linear<S: FloatingScalar>(_ x: Variable<S>, _ w: Variable<S>) -> Variable<S> {
        let (rows, cin, k) = (x.shape[0], x.shape[1], x.shape[2])
        let cout = w.shape[2], lCount = w.shape[0]
        precondition(w.shape[1] == cin && lCount * lCount == k, "degree linear \(x.shape) with weights \(w.shape)")
        let deg = degrees(lCount - 1)
        let xv = x.value.scalars, wv = w.value.scalars
        var out = [S](repeating: 0, count: rows * cout * k)
        for r in 0..<rows { for j in 0..<cin { for a in 0..<k {
            let xs = xv[(r * cin + j) * k + a], wb = (deg[a] * cin + j) * cout
            if xs == 0 { continue }
            for c in 0..<cout { out[(r * cout + c) * k + a] += xs * wv[wb + c] }
        } } }
        return Variable(Tensor(shape: [rows, cout, k], scalars: out), inputs: [x, w]) { g in
            let gv = g.scalars
            var dx = [S](repeating: 0, count: xv.count), dw = [S](repeating: 0, count: wv.count)
            for r in 0..<rows { for j in 0..<cin { for a in 0..<k {
                let wb = (deg[a] * cin + j) * cout, xi = (r * cin + j) * k + a
                var s: S = 0
                for c in 0..<cout {
                    let gi = gv[(r * cout + c) * k + a]
                    s += gi * wv[wb + c]
                    dw[wb + c] += gi * xv[xi]
                }
                dx[xi] = s
            } } }
            return [Tensor(shape: x.shape, scalars: dx), Tensor(shape: w.shape, scalars: dw)]
        }
    }

    /// Per-channel, per-degree scaling `out[r, c, a] = x[r, c, a] s[c, l(a)]` (the α, β, γ of spec §3.4 step 4);
    /// `s` may also be per row, `[rows, C, L+1]` (a radial filter's weights per edge).
    public static func scale<S: FloatingScalar>(_ x: Variable<S>, _ s: Variable<S>) -> Variable<S> {
        let (rows, ch, k) = (x.shape[0], x.shape[1], x.shape[2]), lc = s.shape[s.shape.count - 1]
        let perRow = s.shape.count == 3
        precondition(s.shape[s.shape.count - 2] == ch && lc * lc == k && (!perRow || s.shape[0] == rows),
                     "degree scale \(x.shape) by \(s.shape)")
        let deg = degrees(lc - 1), xv = x.value.scalars, sv = s.value.scalars
        var out = xv
        for r in 0..<rows { for c in 0..<ch {
            let sb = ((perRow ? r * ch : 0) + c) * lc
            for a in 0..<k { out[(r * ch + c) * k + a] *= sv[sb + deg[a]] }
        } }
        return Variable(Tensor(shape: x.shape, scalars: out), inputs: [x, s]) { g in
            var dx = g.scalars, ds = [S](repeating: 0, count: sv.count)
            for r in 0..<rows { for c in 0..<ch {
                let sb = ((perRow ? r * ch : 0) + c) * lc
                for a in 0..<k {
                    let i = (r * ch + c) * k + a
                    ds[sb + deg[a]] += g.scalars[i] * xv[i]
                    dx[i] *= sv[sb + deg[a]]
                }
            } }
            return [Tensor(shape: x.shape, scalars: dx), Tensor(shape: s.shape, scalars: ds)]
        }
    }

    /// Gated nonlinearity: `SiLU` on each channel's scalar, its `sigmoid` gating that channel's degrees `l > 0`.
    public static func gate<S: FloatingScalar>(_ x: Variable<S>) -> Variable<S> {
        let (rows, ch, k) = (x.shape[0], x.shape[1], x.shape[2])
        let xv = x.value.scalars
        var out = xv, sig = [S](repeating: 0, count: rows * ch)
        for i in 0..<(rows * ch) {
            let s = xv[i * k], sg = 1 / (1 + S.exp(-s))
            sig[i] = sg
            out[i * k] = s * sg
            for a in 1..<k { out[i * k + a] = xv[i * k + a] * sg }
        }
        return Variable(Tensor(shape: x.shape, scalars: out), inputs: [x]) { g in
            var dx = [S](repeating: 0, count: xv.count)
            for i in 0..<(rows * ch) {
                let s = xv[i * k], sg = sig[i], dsg = sg * (1 - sg)
                var acc = g.scalars[i * k] * (sg + s * dsg)
                for a in 1..<k {
                    dx[i * k + a] = g.scalars[i * k + a] * sg
                    acc += g.scalars[i * k + a] * xv[i * k + a] * dsg
                }
                dx[i * k] = acc
            }
            return [Tensor(shape: x.shape, scalars: dx)]
        }
    }
}
