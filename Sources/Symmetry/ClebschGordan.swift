import Tensors

/// Clebsch–Gordan coefficients (complex basis, Racah's formula) and real unit-norm 3j tensors `W^{l1 l2 l}`.
///
/// `W^{l1 l2 l}` is the coupling tensor in the real basis of ``SphericalHarmonics``: the complex CG tensor
/// `<l1 m1; l2 m2 | l m>` conjugated by the unitary change of basis `U` (real `Y = U` complex `Y`),
/// `W_abc ∝ Σ U_{a m1} U_{b m2} conj(U_{c m}) <l1 m1; l2 m2 | l m>`, with its global phase removed and scaled to
/// unit Frobenius norm (e3nn's `wigner_3j` up to a rotation of axes). Sign: for even `l1 + l2 + l` the
/// sign makes `<G, W> > 0` (Gaunt spec §3.2); for odd paths the largest entry is positive.
public enum ClebschGordan {
    /// `log(n!)` for `n` up to 400.
    static let logFactorials: [Double] = {
        var t = [0.0]
        for n in 1...400 { t.append(t[n - 1] + Double.log(Double(n))) }
        return t
    }()

    static func logFactorial(_ n: Int) -> Double { logFactorials[n] }

    /// `<j1 m1; j2 m2 | J M>` (Condon–Shortley convention for the complex harmonics), by Racah's formula.
    public static func coefficient(j1: Int, m1: Int, j2: Int, m2: Int, j: Int, m: Int) -> Double {
        guard m == m1 + m2, abs(m1) <= j1, abs(m2) <= j2, abs(m) <= j, j >= abs(j1 - j2), j <= j1 + j2 else { return 0 }
        let lf = logFactorial
        let pre = 0.5 * (Double.log(Double(2 * j + 1)) + lf(j + j1 - j2) + lf(j - j1 + j2) + lf(j1 + j2 - j)
            - lf(j1 + j2 + j + 1) + lf(j + m) + lf(j - m) + lf(j1 - m1) + lf(j1 + m1) + lf(j2 - m2) + lf(j2 + m2))
        let kMin = max(0, j2 - j - m1, j1 - j + m2)
        let kMax = min(j1 + j2 - j, j1 - m1, j2 + m2)
        guard kMin <= kMax else { return 0 }
        var sum = 0.0
        for k in kMin...kMax {
            let d = lf(k) + lf(j1 + j2 - j - k) + lf(j1 - m1 - k) + lf(j2 + m2 - k) + lf(j - j2 + m1 + k)
                + lf(j - j1 - m2 + k)
            let term = Double.exp(pre - d)
            sum += k % 2 == 0 ? term : -term
        }
        return sum
    }

    /// The entries of row `mu` (real order) of `U`: pairs (complex order `m`, coefficient `(re, im)`).
    static func basisRow(_ mu: Int) -> [(m: Int, re: Double, im: Double)] {
        let h = 0.5.squareRoot()
        if mu == 0 { return [(0, 1, 0)] }
        let k = abs(mu), sign: Double = k % 2 == 0 ? 1 : -1
        if mu > 0 { return [(k, sign * h, 0), (-k, h, 0)] }
        return [(k, 0, -sign * h), (-k, 0, h)]
    }

    /// The real 3j tensor `W^{l1 l2 l}`, shape `[2l1+1, 2l2+1, 2l+1]`, unit Frobenius norm.
    ///
    /// - Precondition: the triangle rule `|l1 − l2| <= l <= l1 + l2`.
    public static func realTensor(_ l1: Int, _ l2: Int, _ l: Int) -> Tensor<Double> {
        precondition(l >= abs(l1 - l2) && l <= l1 + l2, "no path \(l1) x \(l2) -> \(l)")
        let d1 = 2 * l1 + 1, d2 = 2 * l2 + 1, d = 2 * l + 1
        var re = [Double](repeating: 0, count: d1 * d2 * d), im = re
        for a in -l1...l1 {
            for b in -l2...l2 {
                for (m1, r1, i1) in basisRow(a) {
                    for (m2, r2, i2) in basisRow(b) {
                        let m = m1 + m2
                        guard abs(m) <= l else { continue }
                        let cg = coefficient(j1: l1, m1: m1, j2: l2, m2: m2, j: l, m: m)
                        if cg == 0 { continue }
                        let (pr, pi) = (r1 * r2 - i1 * i2, r1 * i2 + i1 * r2)
                        for c in (m == 0 ? [0] : [m, -m]) {
                            for (mc, r3, i3) in basisRow(c) where mc == m {
                                // multiply by conj(U_{c m})
                                let (qr, qi) = (pr * r3 + pi * i3, pi * r3 - pr * i3)
                                let idx = ((a + l1) * d2 + (b + l2)) * d + (c + l)
                                re[idx] += cg * qr
                                im[idx] += cg * qi
                            }
                        }
                    }
                }
            }
        }
        // Remove the global phase: divide by the phase of a large entry.
        var big = 0, bigMag = 0.0
        for i in 0..<re.count {
            let mag = re[i] * re[i] + im[i] * im[i]
            if mag > bigMag * (1 + 1e-9) { bigMag = mag; big = i }
        }
        let norm0 = bigMag.squareRoot()
        let (cr, ci) = (re[big] / norm0, -im[big] / norm0)
        var w = [Double](repeating: 0, count: re.count)
        for i in 0..<re.count { w[i] = re[i] * cr - im[i] * ci }
        let fro = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
        var sign = 1.0
        if (l1 + l2 + l) % 2 == 0 {
            // <G, W> > 0: compare signs at the largest entry (G = c W with c > 0 there).
            var top = 0
            for i in 0..<w.count where abs(w[i]) > abs(w[top]) * (1 + 1e-9) { top = i }
            let (a, rest) = (top / (d2 * d), top % (d2 * d))
            let g = GauntCoefficients.value(l1, a - l1, l2, rest / d - l2, l, rest % d - l)
            if g * w[top] < 0 { sign = -1 }
        }
        return Tensor(shape: [d1, d2, d], scalars: w.map { sign * $0 / fro })
    }
}
