import Tensors

// MARK: - Approximate FA for degenerate spectra

extension PCAFrame {
    /// Frame elements for the approximate-FA fallback: `samples` random orthonormal bases of each degenerate
    /// eigenspace (Haar-uniform inside it), each with every sign pattern. A non-degenerate frame returns
    /// `elements` unchanged.
    ///
    /// Averaging a backbone over these elements is an unbiased estimate of the average over the infinite
    /// frame (all bases of the eigenspace), whose distribution is exactly equivariant (Puny et al. 2022, §2).
    public func sampledElements(samples: Int, using rng: inout RandomSource) -> [[Double]] {
        guard isDegenerate, samples > 0 else { return elements }
        let top = Swift.max(eigenvalues[2], 0)
        // Group consecutive eigenvalues whose relative gap is below the tolerance.
        var groups: [[Int]] = [[0]]
        for j in 1..<3 {
            let gap = top > 0 ? (eigenvalues[j] - eigenvalues[j - 1]) / top : 0
            if gap < PCAFrame.degeneracyTolerance { groups[groups.count - 1].append(j) } else { groups.append([j]) }
        }
        var out: [[Double]] = []
        for _ in 0..<samples {
            var u = basis
            for g in groups where g.count > 1 {
                let q = randomOrthogonal(g.count, using: &rng)
                var rotated = u
                for r in 0..<3 {
                    for (a, ca) in g.enumerated() {
                        var acc = 0.0
                        for (b, cb) in g.enumerated() { acc += u[r * 3 + cb] * q[b * g.count + a] }
                        rotated[r * 3 + ca] = acc
                    }
                }
                u = rotated
            }
            out += PCAFrame.signedElements(u, proper: group.isProper)
        }
        return out
    }
}

/// A Haar-random orthogonal `m×m` matrix (row-major): Gram–Schmidt of a Gaussian matrix.
public func randomOrthogonal(_ m: Int, using rng: inout RandomSource) -> [Double] {
    while true {
        var cols = (0..<m).map { _ in (0..<m).map { _ in rng.normal() } }
        var ok = true
        for j in 0..<m {
            for p in 0..<j {
                let dot = zip(cols[j], cols[p]).reduce(0) { $0 + $1.0 * $1.1 }
                for i in 0..<m { cols[j][i] -= dot * cols[p][i] }
            }
            let norm = cols[j].reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm < 1e-8 { ok = false; break }
            for i in 0..<m { cols[j][i] /= norm }
        }
        if ok {
            var out = [Double](repeating: 0, count: m * m)
            for i in 0..<m { for j in 0..<m { out[i * m + j] = cols[j][i] } }
            return out
        }
    }
}

/// A Haar-random element of O(3) (or SO(3) when `proper`), row-major.
public func randomRotation(proper: Bool, using rng: inout RandomSource) -> [Double] {
    var q = randomOrthogonal(3, using: &rng)
    if proper && determinant3(q) < 0 { for r in 0..<3 { q[r * 3] = -q[r * 3] } }
    return q
}
