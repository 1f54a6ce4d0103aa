import Synchronization

/// The orthogonal projector onto the `G`-equivariant maps from one tensor type to another.
///
/// A map `W: type_in → type_out` (a `d_o×d_i` block, flattened row-major to `d = d_o·d_i` entries) is equivariant
/// iff for every Lie generator `A` and discrete generator `h` of `G`
///
///     (dρ_out(A) ⊗ I_in − I_out ⊗ dρ_in(A)ᵀ) vec(W) = 0
///     (ρ_out(h) ⊗ ρ_in(h)^{−ᵀ} − I) vec(W) = 0
///
/// With `Q` an orthonormal basis of the null space of the stacked constraints, `P = Q Qᵀ` (`d×d`, symmetric,
/// idempotent). Spec §2.
public struct RepPairProjector: Sendable, Hashable {
    /// The output and input types.
    public var outType: Tensor3Type
    public var inType: Tensor3Type
    /// `P`, row-major `d×d` with `d = d_o·d_i`.
    public var matrix: [Double]
    /// The dimension of the equivariant space (`trace P`).
    public var rank: Int

    /// `d_o·d_i`.
    public var size: Int { outType.dimension * inType.dimension }

    /// Builds the projector for `group` from `inType` to `outType`.
    public init(group: ContinuousGroup, outType: Tensor3Type, inType: Tensor3Type) {
        self.outType = outType
        self.inType = inType
        let dOut = outType.dimension, dIn = inType.dimension, d = dOut * dIn
        var rows: [Double] = []
        var rowCount = 0
        let idOut = RepPairProjector.identity(dOut), idIn = RepPairProjector.identity(dIn)
        for a in group.lieGenerators {
            let left = Tensor3Type.kronecker(outType.algebraMatrix(a), idIn, dOut, dIn)
            let right = Tensor3Type.kronecker(idOut, RepPairProjector.transpose(inType.algebraMatrix(a), dIn), dOut, dIn)
            rows += zip(left, right).map { $0 - $1 }
            rowCount += d
        }
        for h in group.discreteGenerators {
            let inverseTranspose = RepPairProjector.transpose(inType.groupMatrix(RepPairProjector.inverse3(h)), dIn)
            var m = Tensor3Type.kronecker(outType.groupMatrix(h), inverseTranspose, dOut, dIn)
            for i in 0..<d { m[i * d + i] -= 1 }
            rows += m
            rowCount += d
        }
        let basis = RepNullSpace.basis(rows, rows: rowCount, cols: d)
        var p = [Double](repeating: 0, count: d * d)
        for q in basis {
            for i in 0..<d where q[i] != 0 { for j in 0..<d { p[i * d + j] += q[i] * q[j] } }
        }
        matrix = p
        rank = basis.count
    }

    static func identity(_ n: Int) -> [Double] { (0..<(n * n)).map { $0 / n == $0 % n ? 1 : 0 } }

    static func transpose(_ m: [Double], _ n: Int) -> [Double] { (0..<(n * n)).map { m[($0 % n) * n + $0 / n] } }

    /// The inverse of a 3×3 row-major matrix (adjugate over determinant).
    static func inverse3(_ m: [Double]) -> [Double] {
        let c00 = m[4] * m[8] - m[5] * m[7], c01 = m[5] * m[6] - m[3] * m[8], c02 = m[3] * m[7] - m[4] * m[6]
        let det = m[0] * c00 + m[1] * c01 + m[2] * c02
        precondition(det != 0, "discrete generator is singular")
        let adj: [Double] = [
            c00, m[2] * m[7] - m[1] * m[8], m[1] * m[5] - m[2] * m[4],
            c01, m[0] * m[8] - m[2] * m[6], m[2] * m[3] - m[0] * m[5],
            c02, m[1] * m[6] - m[0] * m[7], m[0] * m[4] - m[1] * m[3],
        ]
        return adj.map { $0 / det }
    }
}

extension Tensor3Type {
    /// Kronecker product of a `dOut×dOut` and a `dIn×dIn` matrix.
    static func kronecker(_ a: [Double], _ b: [Double], _ dOut: Int, _ dIn: Int) -> [Double] {
        kronecker(a, rowsA: dOut, colsA: dOut, b, rowsB: dIn, colsB: dIn)
    }
}

/// The nine small projectors of one group, one per (out type, in type), computed once and cached.
///
/// ```swift
/// let p = RepGroupProjectors.cached(.o2xy)
/// p[.vector, .scalar].rank   // 1 (spanned by e_z)
/// ```
public struct RepGroupProjectors: Sendable {
    /// The group.
    public let group: ContinuousGroup
    let table: [RepPairProjector]

    /// Computes all nine projectors (Double, one-sided Jacobi SVD).
    public init(group: ContinuousGroup) {
        self.group = group
        var t: [RepPairProjector] = []
        for o in Tensor3Type.allCases {
            for i in Tensor3Type.allCases { t.append(RepPairProjector(group: group, outType: o, inType: i)) }
        }
        table = t
    }

    /// The projector for `out ← in`.
    public subscript(outType: Tensor3Type, inType: Tensor3Type) -> RepPairProjector {
        table[outType.rawValue * 3 + inType.rawValue]
    }

    private static let cache = Mutex<[ContinuousGroup: RepGroupProjectors]>([:])

    /// The projectors of a group, computed on first use and shared afterwards (thread-safe).
    public static func cached(_ group: ContinuousGroup) -> RepGroupProjectors {
        if let hit = cache.withLock({ $0[group] }) { return hit }
        let built = RepGroupProjectors(group: group)
        cache.withLock { $0[group] = built }
        return built
    }
}
