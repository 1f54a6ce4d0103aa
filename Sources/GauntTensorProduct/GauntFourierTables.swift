import Synchronization
import Symmetry

/// The exact 2D Fourier expansion of every real SH of degree `<= L` on the torus (Gaunt spec §4, precompute 1).
///
/// `Y_{lm}(t, p) = Σ_{u,v} y^{lm}_{u,v} e^{i(ut + vp)}` with `t ∈ [0, 2π)` and the signed `sin t`. Stored
/// sparsely (CSR by flat index `a`). The azimuthal factor is exact (`cos mp`, `sin mp` are two exponentials);
/// the polar factor `Pbar_l^m(t)` is sampled on `2L + 2` points and transformed by a DFT divided by the point
/// count, exact to rounding because it is a trigonometric polynomial of degree `l`.
public struct SHFourierExpansion: Sendable {
    /// One nonzero `y^a_{u,v}`.
    public struct Entry: Sendable, Equatable {
        public var u: Int, v: Int, re: Double, im: Double
    }
    /// The maximum degree.
    public let maxDegree: Int
    /// `offsets[a] ..< offsets[a + 1]` are the entries of `Y_a`.
    public let offsets: [Int]
    /// The nonzeros, grouped by `a`.
    public let entries: [Entry]

    /// The number of nonzeros over all degrees `<= L` (34 / 163 / 949 / 6521 at L = 2 / 4 / 8 / 16).
    public var nonzeroCount: Int { entries.count }

    /// Builds the expansion (cost O(L⁴) once; cache it through ``GauntTables``).
    public init(maxDegree L: Int) {
        maxDegree = L
        let n = 2 * L + 2
        let samples = (0..<n).map { j -> [Double] in
            let t = 2 * Double.pi * Double(j) / Double(n)
            let q = SphericalHarmonics.legendreTable(maxDegree: L, cosTheta: Double.cos(t))
            var out = q
            let s = Double.sin(t)
            for l in 0...L { var sp = 1.0; for m in 0...l { out[SphericalHarmonics.legendreIndex(l: l, m: m)] *= sp; sp *= s } }
            return out
        }
        var offs = [0], list: [Entry] = []
        let h = 0.5.squareRoot()
        for l in 0...L {
            for m in -l...l {
                let k = abs(m), li = SphericalHarmonics.legendreIndex(l: l, m: k)
                for u in -l...l {
                    var pr = 0.0, pi = 0.0
                    for j in 0..<n {
                        let ang = -2 * Double.pi * Double(u * j % n) / Double(n)
                        pr += samples[j][li] * Double.cos(ang)
                        pi += samples[j][li] * Double.sin(ang)
                    }
                    pr /= Double(n); pi /= Double(n)
                    guard pr * pr + pi * pi > 1e-26 else { continue }
                    if m == 0 {
                        list.append(Entry(u: u, v: 0, re: pr, im: pi))
                    } else if m > 0 {
                        list.append(Entry(u: u, v: k, re: h * pr, im: h * pi))
                        list.append(Entry(u: u, v: -k, re: h * pr, im: h * pi))
                    } else {
                        // √2 P sin(kp) = √2 P (e^{ikp} − e^{−ikp}) / 2i
                        list.append(Entry(u: u, v: k, re: h * pi, im: -h * pr))
                        list.append(Entry(u: u, v: -k, re: -h * pi, im: h * pr))
                    }
                }
                offs.append(list.count)
            }
        }
        offsets = offs
        entries = list
    }

    /// The entries of `Y_a`.
    public func entries(of a: Int) -> ArraySlice<Entry> { entries[offsets[a]..<offsets[a + 1]] }

    /// `Σ y^a_{u,v} e^{i(ut + vp)}` (real part; the imaginary part vanishes), for checks.
    public func evaluate(_ a: Int, theta t: Double, phi p: Double) -> Double {
        var s = 0.0
        for e in entries(of: a) {
            let ang = Double(e.u) * t + Double(e.v) * p
            s += e.re * Double.cos(ang) - e.im * Double.sin(ang)
        }
        return s
    }
}

/// Cached, immutable Double tables for one product shape `(L1, L2, Lout)` with grid size `N`.
///
/// ```
/// x [(L1+1)²] ──A_v (per |m| = v)──▶ f1(u, v≥0) ┐
///                                              ├─ c2r, multiply grids, r2c / N² ─▶ h(u, v) ──B_v──▶ z [(Lout+1)²]
/// y [(L2+1)²] ──A_v────────────────▶ f2(u, v≥0) ┘
/// ```
/// `A_v` is `[inputs with |m| = v, 2(2L+1)]` (re, im per `u = −L…L`), built from the sparse expansion;
/// `B_v` is `[2(2Lo+1), outputs with |m| = v]` holding `w_v Re(· Z^a_{u,v}) / N²`, `w_0 = 1`, `w_{v>0} = 2`.
public final class GauntTables: Sendable {
    /// Input degrees, output degree, `Lo = L1 + L2`, and the grid size `N`.
    public let degree1: Int, degree2: Int, outputDegree: Int, productDegree: Int, gridSize: Int
    /// Flat indices with `|m| = v`, per `v`, for each input and the output.
    public let inputIndices1: [[Int]], inputIndices2: [[Int]], outputIndices: [[Int]]
    /// The conversion matrices (row-major), per `v`.
    public let toFourier1: [[Double]], toFourier2: [[Double]], fromFourier: [[Double]]
    /// Nonzeros of the sparse conversion table(s) and of the projection table (for the UI's memory line).
    public let fourierNonzeros: Int, projectionNonzeros: Int

    private static let cache = Mutex<[[Int]: GauntTables]>([:])
    private static let expansions = Mutex<[Int: SHFourierExpansion]>([:])

    /// The shared expansion of degree `L` (built once per process).
    public static func expansion(maxDegree L: Int) -> SHFourierExpansion {
        if let e = expansions.withLock({ $0[L] }) { return e }
        let e = SHFourierExpansion(maxDegree: L)
        expansions.withLock { $0[L] = e }
        return e
    }

    /// The shared tables for a shape (built once per process and grid size).
    public static func shared(_ L1: Int, _ L2: Int, _ Lout: Int, gridSize: Int? = nil) -> GauntTables {
        let n = gridSize ?? fastGridSize(atLeast: 2 * (L1 + L2) + 1)
        let key = [L1, L2, Lout, n]
        if let t = cache.withLock({ $0[key] }) { return t }
        let t = GauntTables(L1, L2, Lout, gridSize: n)
        cache.withLock { $0[key] = t }
        return t
    }

    /// A fast FFTW size `>= n`: among sizes in `[n, 2n]` whose prime factors are 2, 3, 5 and 7, the one of least
    /// estimated cost `N² log N · (1 + 0.3 · #factors of 5 or 7) · (1.5 if N is odd)` (radix-2/3 codelets are the
    /// fastest, and FFTW's real transforms of odd sizes are markedly slower; measured on this project's machine).
    public static func fastGridSize(atLeast n: Int) -> Int {
        var best = max(n, 1), bestCost = Double.infinity
        for k in max(n, 1)...(2 * max(n, 1)) {
            var r = k, slow = 0
            for p in [2, 3, 5, 7] { while r % p == 0 { r /= p; if p >= 5 { slow += 1 } } }
            guard r == 1 else { continue }
            let cost = Double(k * k) * Double.log2(Double(max(k, 2))) * (1 + 0.3 * Double(slow)) * (k % 2 == 1 ? 1.5 : 1)
            if cost < bestCost { bestCost = cost; best = k }
        }
        return best
    }

    init(_ L1: Int, _ L2: Int, _ Lout: Int, gridSize n: Int) {
        precondition(Lout <= L1 + L2, "output degree \(Lout) above L1 + L2 = \(L1 + L2)")
        precondition(n >= L1 + L2 + 1, "grid \(n) cannot hold frequencies up to \(L1 + L2)")
        degree1 = L1; degree2 = L2; outputDegree = Lout; productDegree = L1 + L2; gridSize = n
        func indices(_ L: Int) -> [[Int]] {
            (0...L).map { v in (0...L).flatMap { l -> [Int] in
                guard l >= v else { return [] }
                return v == 0 ? [l * l + l] : [l * l + l - v, l * l + l + v]
            } }
        }
        inputIndices1 = indices(L1); inputIndices2 = indices(L2); outputIndices = indices(Lout)
        func toFourier(_ L: Int, _ idx: [[Int]]) -> [[Double]] {
            let e = GauntTables.expansion(maxDegree: L), width = 2 * (2 * L + 1)
            return (0...L).map { v in
                var mat = [Double](repeating: 0, count: idx[v].count * width)
                for (r, a) in idx[v].enumerated() {
                    for en in e.entries(of: a) where en.v == v {
                        mat[r * width + 2 * (en.u + L)] = en.re
                        mat[r * width + 2 * (en.u + L) + 1] = en.im
                    }
                }
                return mat
            }
        }
        toFourier1 = toFourier(L1, inputIndices1)
        toFourier2 = toFourier(L2, inputIndices2)
        fourierNonzeros = GauntTables.expansion(maxDegree: max(L1, L2)).nonzeroCount
        // Projection Z^a_{u,v} = 2π Σ_{u'} y^a_{u',−v} I(u + u'), I(n) = ∫_0^π e^{int} sin t dt.
        let Lo = L1 + L2, width = 2 * (2 * Lo + 1), eOut = GauntTables.expansion(maxDegree: Lout)
        let scale = 1 / Double(n * n)
        var projection: [[Double]] = [], nnz = 0
        for v in 0...Lout {
            let cols = outputIndices[v].count, w = v == 0 ? 1.0 : 2.0
            var mat = [Double](repeating: 0, count: width * cols)
            for (c, a) in outputIndices[v].enumerated() {
                for en in eOut.entries(of: a) where en.v == -v {
                    for u in -Lo...Lo {
                        let k = u + en.u
                        let (ir, ii): (Double, Double) = k == 1 ? (0, Double.pi / 2) : k == -1 ? (0, -Double.pi / 2)
                            : (k % 2 == 0 ? 2 / Double(1 - k * k) : 0, 0)
                        let zr = 2 * Double.pi * (en.re * ir - en.im * ii), zi = 2 * Double.pi * (en.re * ii + en.im * ir)
                        mat[(2 * (u + Lo)) * cols + c] += w * scale * zr
                        mat[(2 * (u + Lo) + 1) * cols + c] -= w * scale * zi
                    }
                }
                nnz += 2 * Lo + 1
            }
            projection.append(mat)
        }
        fromFourier = projection
        projectionNonzeros = nnz
    }
}
