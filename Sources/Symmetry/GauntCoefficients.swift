import Tensors

/// Gaunt coefficients `G^{l m}_{l1 m1, l2 m2} = ∫ Y_{l1 m1} Y_{l2 m2} Y_{l m}` of the real SH of ``SphericalHarmonics``.
///
/// Computed without any Fourier machinery: the azimuthal integral in closed form and the polar integral
/// by Gauss–Legendre quadrature exact for the degree, so they are an independent reference for the
/// Fourier-basis Gaunt product (Gaunt spec §3.2, §8a). Nonzero only when `l1 + l2 + l` is even, the triangle
/// rule holds and `|m| ∈ {|m1| + |m2|, ||m1| − |m2||}`.
public enum GauntCoefficients {
    /// `(l1 l2 l; 0 0 0)`, the 3j symbol with zero orders (closed form).
    public static func threeJZero(_ l1: Int, _ l2: Int, _ l: Int) -> Double {
        let s = l1 + l2 + l
        guard s % 2 == 0, l >= abs(l1 - l2), l <= l1 + l2 else { return 0 }
        let g = s / 2
        let lf = ClebschGordan.logFactorial
        let mag = Double.exp(0.5 * (lf(2 * g - 2 * l1) + lf(2 * g - 2 * l2) + lf(2 * g - 2 * l) - lf(2 * g + 1))
            + lf(g) - lf(g - l1) - lf(g - l2) - lf(g - l))
        return g % 2 == 0 ? mag : -mag
    }

    /// The path scale `c(l1, l2, l) = |√((2l1+1)(2l2+1)(2l+1)/(4π)) (l1 l2 l; 0 0 0)|`: `G = c W` (spec §3.2).
    public static func scale(_ l1: Int, _ l2: Int, _ l: Int) -> Double {
        abs((Double((2 * l1 + 1) * (2 * l2 + 1) * (2 * l + 1)) / (4 * Double.pi)).squareRoot() * threeJZero(l1, l2, l))
    }

    /// `∫_0^{2π} T_{m1} T_{m2} T_{m3} dp` with `T_0 = 1`, `T_k = √2 cos kp`, `T_{-k} = √2 sin kp` (closed form).
    public static func azimuthalIntegral(_ m1: Int, _ m2: Int, _ m3: Int) -> Double {
        func terms(_ m: Int) -> [(s: Int, re: Double, im: Double)] {
            let h = 0.5.squareRoot()
            if m == 0 { return [(0, 1, 0)] }
            let k = abs(m)
            return m > 0 ? [(k, h, 0), (-k, h, 0)] : [(k, 0, -h), (-k, 0, h)]
        }
        var total = 0.0
        for (s1, r1, i1) in terms(m1) {
            for (s2, r2, i2) in terms(m2) {
                let (pr, pi) = (r1 * r2 - i1 * i2, r1 * i2 + i1 * r2)
                for (s3, r3, i3) in terms(m3) where s1 + s2 + s3 == 0 { total += pr * r3 - pi * i3 }
            }
        }
        return 2 * Double.pi * total
    }

    /// One coefficient `∫ Y_{l1 m1} Y_{l2 m2} Y_{l m}` (builds a small rule; use ``Table`` for many).
    public static func value(_ l1: Int, _ m1: Int, _ l2: Int, _ m2: Int, _ l: Int, _ m: Int) -> Double {
        Table(maxTotalDegree: l1 + l2 + l, maxDegree: max(l1, l2, l)).value(l1, m1, l2, m2, l, m)
    }

    /// The dense block `[2l1+1, 2l2+1, 2l+1]` of `G` for one path.
    public static func denseBlock(_ l1: Int, _ l2: Int, _ l: Int) -> Tensor<Double> {
        let t = Table(maxTotalDegree: l1 + l2 + l, maxDegree: max(l1, l2, l))
        let d1 = 2 * l1 + 1, d2 = 2 * l2 + 1, d = 2 * l + 1
        var out = Tensor<Double>(zeros: [d1, d2, d])
        for a in -l1...l1 { for b in -l2...l2 { for c in -l...l {
            out.scalars[((a + l1) * d2 + b + l2) * d + c + l] = t.value(l1, a, l2, b, l, c)
        } } }
        return out
    }

    /// Every nonzero `G_abc` with `a` of degree `<= L1`, `b` of degree `<= L2`, `c` of degree `<= Lout`.
    ///
    /// - Complexity: O(L⁵) values, each an O(L) polar sum.
    public static func sparse(maxDegree1 L1: Int, maxDegree2 L2: Int, outputDegree Lout: Int)
        -> [(a: Int32, b: Int32, c: Int32, value: Double)] {
        let t = Table(maxTotalDegree: L1 + L2 + Lout, maxDegree: max(L1, L2, Lout))
        var out: [(a: Int32, b: Int32, c: Int32, value: Double)] = []
        for l1 in 0...L1 { for m1 in -l1...l1 { for l2 in 0...L2 { for m2 in -l2...l2 {
            let lo = abs(l1 - l2), hi = min(l1 + l2, Lout)
            guard lo <= hi else { continue }
            let k1 = abs(m1), k2 = abs(m2)
            var orders = Set([k1 + k2, -(k1 + k2), abs(k1 - k2), -abs(k1 - k2)])
            orders = orders.filter { azimuthalIntegral(m1, m2, $0) != 0 }
            for l in stride(from: lo, through: hi, by: 2) {
                for m in orders.sorted() where abs(m) <= l {
                    let v = t.value(l1, m1, l2, m2, l, m)
                    if abs(v) > 1e-13 {
                        out.append((Int32(l1 * l1 + l1 + m1), Int32(l2 * l2 + l2 + m2), Int32(l * l + l + m), v))
                    }
                }
            }
        } } } }
        return out
    }

    /// A polar-integral table: `Q_l^m` at Gauss–Legendre nodes, exact for products of total degree `<= B`.
    public struct Table: Sendable {
        let nodes: [Double], weights: [Double], q: [[Double]]

        /// Prepares the nodes for degrees `<= maxDegree` and integrands of total degree `<= maxTotalDegree`.
        public init(maxTotalDegree B: Int, maxDegree L: Int) {
            (nodes, weights) = SphereQuadrature.gaussLegendre(B / 2 + 2)
            q = nodes.map { SphericalHarmonics.legendreTable(maxDegree: L, cosTheta: $0) }
        }

        /// `∫ Y_{l1 m1} Y_{l2 m2} Y_{l m}` over the sphere.
        public func value(_ l1: Int, _ m1: Int, _ l2: Int, _ m2: Int, _ l: Int, _ m: Int) -> Double {
            if (l1 + l2 + l) % 2 != 0 || l < abs(l1 - l2) || l > l1 + l2 { return 0 }
            let phi = GauntCoefficients.azimuthalIntegral(m1, m2, m)
            if phi == 0 { return 0 }
            let k1 = abs(m1), k2 = abs(m2), k = abs(m), power = (k1 + k2 + k) / 2
            let i1 = SphericalHarmonics.legendreIndex(l: l1, m: k1)
            let i2 = SphericalHarmonics.legendreIndex(l: l2, m: k2)
            let i3 = SphericalHarmonics.legendreIndex(l: l, m: k)
            var s = 0.0
            for n in 0..<nodes.count {
                let c = nodes[n]
                var sp = 1.0
                let s2 = 1 - c * c
                for _ in 0..<power { sp *= s2 }
                s += weights[n] * sp * q[n][i1] * q[n][i2] * q[n][i3]
            }
            return s * phi
        }
    }
}
