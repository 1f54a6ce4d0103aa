import Tensors

/// The spectral-sort frame for graphs under node permutations (Puny et al. 2022, §3.2 / authors' release).
///
/// ```
/// L = diag(A1) − A = U Λ Uᵀ (ascending)      eigenvalues within `tolerance` form one eigenspace
/// S[i, g] = |u_i| (simple) or ‖B_i·‖ (eigenspace basis B), rounded to 2 decimals
/// sort nodes lexicographically by rows of S  →  tie blocks;  F = Π Sym(block),  |F| = Π |block|!
/// ```
/// A frame element is an order `σ` (σ[p] = node placed at position p); canonical adjacency `A[σ, σ]`.
/// Equivariance: relabelling the graph relabels S's rows, so the sorted order (up to ties) is unchanged.
public struct SpectralFrame: Sendable, Equatable {
    /// Nodes in sorted order (one representative order; ties broken by node index).
    public var order: [Int]
    /// Consecutive ranges of `order` whose signature rows are equal.
    public var tieBlocks: [Range<Int>]
    /// Laplacian eigenvalues, ascending.
    public var eigenvalues: [Double]

    /// Builds the frame of a symmetric 0/1 adjacency (`[n·n]`, row-major).
    public init(adjacency a: [Double], n: Int, tolerance: Double = 1e-6) {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            var deg = 0.0
            for j in 0..<n { deg += a[i * n + j]; l[i * n + j] = -a[i * n + j] }
            l[i * n + i] += deg
        }
        let (values, u) = SymmetricEigen.decompose(l, n: n)
        eigenvalues = values
        var groups: [[Int]] = []
        for j in 0..<n {
            if j > 0, values[j] - values[j - 1] < tolerance { groups[groups.count - 1].append(j) } else { groups.append([j]) }
        }
        // Signature rows, rounded to 2 decimals (as integers of hundredths, so comparisons are exact).
        var sig = [[Int]](repeating: [], count: n)
        for i in 0..<n {
            sig[i] = groups.map { g in
                let norm = g.reduce(0.0) { $0 + u[i * n + $1] * u[i * n + $1] }.squareRoot()
                return Int((norm * 100).rounded())
            }
        }
        let sorted = (0..<n).sorted { x, y in
            sig[x] == sig[y] ? x < y : sig[x].lexicographicallyPrecedes(sig[y])
        }
        order = sorted
        var blocks: [Range<Int>] = []
        var start = 0
        for p in 1...max(n, 1) where p == n || sig[sorted[p]] != sig[sorted[p - 1]] {
            blocks.append(start..<p)
            start = p
        }
        tieBlocks = n == 0 ? [] : blocks
    }

    /// `|F|` as a double (products of factorials can be large).
    public var size: Double {
        tieBlocks.reduce(1.0) { acc, b in acc * (1...max(b.count, 1)).reduce(1.0) { $0 * Double($1) } }
    }

    /// log2 |F|.
    public var log2Size: Double {
        tieBlocks.reduce(0.0) { acc, b in acc + (1...max(b.count, 1)).reduce(0.0) { $0 + Double.log2(Double($1)) } }
    }

    /// A uniformly random frame element (approximate FA with k = 1: shuffle inside every tie block).
    public func sample(using rng: inout RandomSource) -> [Int] {
        var out = order
        for b in tieBlocks where b.count > 1 {
            let p = rng.permutation(b.count)
            let block = Array(order[b])
            for (i, j) in p.enumerated() { out[b.lowerBound + i] = block[j] }
        }
        return out
    }

    /// Every frame element, or `nil` when |F| exceeds `limit`.
    public func allElements(limit: Int = 40_320) -> [[Int]]? {
        guard size <= Double(limit) else { return nil }
        var results: [[Int]] = [order]
        for b in tieBlocks where b.count > 1 {
            let perms = SpectralFrame.permutations(Array(order[b]))
            var next: [[Int]] = []
            next.reserveCapacity(results.count * perms.count)
            for r in results {
                for p in perms {
                    var o = r
                    for (i, v) in p.enumerated() { o[b.lowerBound + i] = v }
                    next.append(o)
                }
            }
            results = next
        }
        return results
    }

    /// All permutations of `items` (Heap's algorithm).
    static func permutations(_ items: [Int]) -> [[Int]] {
        var a = items, out: [[Int]] = []
        var c = [Int](repeating: 0, count: a.count)
        out.append(a)
        var i = 0
        while i < a.count {
            if c[i] < i {
                if i % 2 == 0 { a.swapAt(0, i) } else { a.swapAt(c[i], i) }
                out.append(a)
                c[i] += 1
                i = 0
            } else {
                c[i] = 0
                i += 1
            }
        }
        return out
    }

    /// The adjacency reordered by `sigma`: `A'[p, q] = A[σ(p), σ(q)]`.
    public static func reorder(_ a: [Double], n: Int, by sigma: [Int]) -> [Double] {
        var out = [Double](repeating: 0, count: n * n)
        for p in 0..<n { for q in 0..<n { out[p * n + q] = a[sigma[p] * n + sigma[q]] } }
        return out
    }
}
