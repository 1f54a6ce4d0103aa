/// A tensor type of 3-space: scalar `S` (dim 1), vector `V` (dim 3) or rank-2 tensor `T` (dim 9).
///
/// A 3×3 group element `g` acts as `S: 1`, `V: g`, `T: g⊗g` (Kronecker product; `T[i][j]` stored at `3i+j`,
/// so `(g⊗g)·vec(T) = vec(g T gᵀ)`). A Lie-algebra generator `A` acts as `S: 0`, `V: A`, `T: A⊗I + I⊗A`.
///
/// Kim, Lee, Yang, Lee, *Regularizing Towards Soft Equivariance Under Mixed Symmetries*, ICML 2023, §2 of the spec.
public enum Tensor3Type: Int, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    case scalar = 0, vector = 1, tensor = 2

    /// The dimension: 1, 3 or 9.
    @inlinable public var dimension: Int {
        switch self {
        case .scalar: 1
        case .vector: 3
        case .tensor: 9
        }
    }

    /// `"S"`, `"V"` or `"T"`.
    public var description: String {
        switch self {
        case .scalar: "S"
        case .vector: "V"
        case .tensor: "T"
        }
    }

    /// The group representation `ρ(g)` of a 3×3 matrix `g` (row-major, 9 entries) as a `d×d` row-major matrix.
    public func groupMatrix(_ g: [Double]) -> [Double] {
        precondition(g.count == 9, "a 3×3 group element needs 9 entries, got \(g.count)")
        switch self {
        case .scalar: return [1]
        case .vector: return g
        case .tensor: return Tensor3Type.kronecker(g, g, 3)
        }
    }

    /// The algebra representation `dρ(A)` of a 3×3 generator `A` as a `d×d` row-major matrix.
    public func algebraMatrix(_ a: [Double]) -> [Double] {
        precondition(a.count == 9, "a 3×3 generator needs 9 entries, got \(a.count)")
        switch self {
        case .scalar: return [0]
        case .vector: return a
        case .tensor:
            let id: [Double] = [1, 0, 0, 0, 1, 0, 0, 0, 1]
            let x = Tensor3Type.kronecker(a, id, 3), y = Tensor3Type.kronecker(id, a, 3)
            return zip(x, y).map { $0 + $1 }
        }
    }

    /// The Kronecker product of two `n×n` row-major matrices (an `n²×n²` row-major matrix).
    public static func kronecker(_ a: [Double], _ b: [Double], _ n: Int) -> [Double] {
        kronecker(a, rowsA: n, colsA: n, b, rowsB: n, colsB: n)
    }

    /// The Kronecker product of an `ra×ca` and an `rb×cb` row-major matrix.
    public static func kronecker(_ a: [Double], rowsA ra: Int, colsA ca: Int,
                                 _ b: [Double], rowsB rb: Int, colsB cb: Int) -> [Double] {
        let cols = ca * cb
        var out = [Double](repeating: 0, count: ra * rb * cols)
        for i in 0..<ra {
            for j in 0..<ca {
                let aij = a[i * ca + j]
                if aij == 0 { continue }
                for k in 0..<rb {
                    for l in 0..<cb { out[(i * rb + k) * cols + j * cb + l] = aij * b[k * cb + l] }
                }
            }
        }
        return out
    }
}
