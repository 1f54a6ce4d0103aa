import Tensors

/// The holomorphic activation φ(z) = 1/(1 + e^{−(4z−2)}) = sigmoid(4z − 2), on real and split-complex planes.
///
/// φ maps ℝ to (0, 1) with slope φ' = 4φ(1 − φ) ≤ 1. It is holomorphic except for simple poles at
/// z = ½ + i(2k+1)π/4, so complex states must keep |Im z| < π/4 (see ``HolomorphicSigmoid/poleDistance``).
/// The complex formula is evaluated as 1/(1 + q) with q = e^{w}, or as q⁻¹/(1 + q⁻¹) when Re w > 0, so it
/// never overflows in Float.
///
/// Laborieux & Zenke, ICLR 2024, §2 (our spec §2).
public enum HolomorphicSigmoid {
    /// |Im z| at the nearest pole, π/4.
    public static let poleDistance: Double = Double.pi / 4

    /// φ on a real plane, in place: `s[i] = φ(u[i])`.
    @inlinable
    public static func apply<T: FloatingScalar>(_ u: UnsafeBufferPointer<T>, into s: UnsafeMutableBufferPointer<T>) {
        for i in 0..<u.count {
            let w = 2 - 4 * u[i]
            if w > 0 {
                let q = T.exp(-w)
                s[i] = q / (1 + q)
            } else {
                s[i] = 1 / (1 + T.exp(w))
            }
        }
    }

    /// φ on a complex plane given as real and imaginary parts, in place.
    ///
    /// With w = −(4z − 2) = (2 − 4a) − 4ib: φ = 1/(1 + e^{w}) (Re w ≤ 0) or e^{−w}/(1 + e^{−w}) (Re w > 0).
    @inlinable
    public static func apply<T: FloatingScalar>(
        re ur: UnsafeBufferPointer<T>, im ui: UnsafeBufferPointer<T>,
        re sr: UnsafeMutableBufferPointer<T>, im si: UnsafeMutableBufferPointer<T>
    ) {
        for i in 0..<ur.count {
            let wr = 2 - 4 * ur[i], wi = -4 * ui[i]
            if wr > 0 {
                // q = e^{-w}; s = q / (1 + q)
                let m = T.exp(-wr)
                let qr = m * T.cos(wi), qi = -m * T.sin(wi)
                let dr = 1 + qr, di = qi
                let den = dr * dr + di * di
                sr[i] = (qr * dr + qi * di) / den
                si[i] = (qi * dr - qr * di) / den
            } else {
                let m = T.exp(wr)
                let dr = 1 + m * T.cos(wi), di = m * T.sin(wi)
                let den = dr * dr + di * di
                sr[i] = dr / den
                si[i] = -di / den
            }
        }
    }

    /// φ(x) for one real value.
    @inlinable
    public static func value<T: FloatingScalar>(_ x: T) -> T {
        let w = 2 - 4 * x
        if w > 0 { let q = T.exp(-w); return q / (1 + q) }
        return 1 / (1 + T.exp(w))
    }

    /// φ(z) for one complex value (the same analytic formula; for tests and diagnostics).
    public static func value(_ z: Complex<Double>) -> Complex<Double> {
        1 / (1 + Complex.exp(-(4 * z - 2)))
    }
}
