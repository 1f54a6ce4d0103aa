import Tensors

/// A matrix group of 3-space given by Lie-algebra generators and discrete generators (3×3, row-major).
///
/// With `L_x = e_z e_yᵀ − e_y e_zᵀ`, `L_y = e_x e_zᵀ − e_z e_xᵀ`, `L_z = e_y e_xᵀ − e_x e_yᵀ`:
///
/// | name  | Lie generators    | discrete         | meaning                               |
/// |-------|-------------------|------------------|---------------------------------------|
/// | O3    | L_x, L_y, L_z     | diag(−1,1,1)     | rotations and reflections             |
/// | SO3   | L_x, L_y, L_z     | –                | rotations                             |
/// | O2xy  | L_z               | diag(−1,1,1)     | O(2) on (x,y), z fixed                |
/// | O2yz  | L_x               | diag(1,−1,1)     | O(2) on (y,z), x fixed                |
/// | O2xz  | L_y               | diag(−1,1,1)     | O(2) on (x,z), y fixed                |
/// | Scale | I                 | –                | uniform scaling `e^s` (non-compact)   |
///
/// Spec §2 (Kim et al., ICML 2023, following EMLP, Finzi et al., ICML 2021).
public struct ContinuousGroup: Sendable, Hashable, CustomStringConvertible {
    /// The display name (`"O2xy"`).
    public var name: String
    /// Lie-algebra generators.
    public var lieGenerators: [[Double]]
    /// Discrete generators.
    public var discreteGenerators: [[Double]]

    public init(name: String, lieGenerators: [[Double]], discreteGenerators: [[Double]]) {
        precondition((lieGenerators + discreteGenerators).allSatisfy { $0.count == 9 }, "generators must be 3×3")
        self.name = name
        self.lieGenerators = lieGenerators
        self.discreteGenerators = discreteGenerators
    }

    public var description: String { name }

    // MARK: - Generators

    /// `L_x = e_z e_yᵀ − e_y e_zᵀ` (rotation about x).
    public static let lx: [Double] = [0, 0, 0, 0, 0, -1, 0, 1, 0]
    /// `L_y = e_x e_zᵀ − e_z e_xᵀ` (rotation about y).
    public static let ly: [Double] = [0, 0, 1, 0, 0, 0, -1, 0, 0]
    /// `L_z = e_y e_xᵀ − e_x e_yᵀ` (rotation about z).
    public static let lz: [Double] = [0, -1, 0, 1, 0, 0, 0, 0, 0]
    /// The 3×3 identity.
    public static let identity: [Double] = [1, 0, 0, 0, 1, 0, 0, 0, 1]

    static func diagonal(_ a: Double, _ b: Double, _ c: Double) -> [Double] { [a, 0, 0, 0, b, 0, 0, 0, c] }

    // MARK: - The candidate groups

    public static let o3 = ContinuousGroup(name: "O3", lieGenerators: [lx, ly, lz], discreteGenerators: [diagonal(-1, 1, 1)])
    public static let so3 = ContinuousGroup(name: "SO3", lieGenerators: [lx, ly, lz], discreteGenerators: [])
    public static let o2xy = ContinuousGroup(name: "O2xy", lieGenerators: [lz], discreteGenerators: [diagonal(-1, 1, 1)])
    public static let o2yz = ContinuousGroup(name: "O2yz", lieGenerators: [lx], discreteGenerators: [diagonal(1, -1, 1)])
    public static let o2xz = ContinuousGroup(name: "O2xz", lieGenerators: [ly], discreteGenerators: [diagonal(-1, 1, 1)])
    public static let scale = ContinuousGroup(name: "Scale", lieGenerators: [identity], discreteGenerators: [])

    /// Every named group, in table order.
    public static let all: [ContinuousGroup] = [o3, so3, o2xy, o2yz, o2xz, scale]

    /// The group with this name, if any.
    public static func named(_ name: String) -> ContinuousGroup? { all.first { $0.name == name } }

    // MARK: - Sampling

    /// A random element `g = exp(Σ_i z_i A_i) · Π_j h_j^{b_j}` with `z_i ~ N(0,1)` and fair coins `b_j` (spec §8).
    public func sample(using rng: inout RandomSource) -> [Double] {
        var a = [Double](repeating: 0, count: 9)
        for gen in lieGenerators {
            let z = rng.normal()
            for i in 0..<9 { a[i] += z * gen[i] }
        }
        var g = ContinuousGroup.exponential(a)
        for h in discreteGenerators where rng.uniform() < 0.5 {
            g = ContinuousGroup.multiply(g, h)
        }
        return g
    }

    /// The product of two 3×3 row-major matrices.
    public static func multiply(_ a: [Double], _ b: [Double]) -> [Double] {
        var c = [Double](repeating: 0, count: 9)
        for i in 0..<3 { for j in 0..<3 {
            c[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j]
        } }
        return c
    }

    /// The matrix exponential of a 3×3 matrix (scaling and squaring with a 20-term Taylor series; Double precision).
    public static func exponential(_ a: [Double]) -> [Double] {
        let norm = a.reduce(0) { $0 + $1 * $1 }.squareRoot()
        var squarings = 0
        var scale = 1.0
        while norm * scale > 0.5 { scale *= 0.5; squarings += 1 }
        let x = a.map { $0 * scale }
        var result = identity
        var term = identity
        for k in 1...20 {
            term = multiply(term, x).map { $0 / Double(k) }
            for i in 0..<9 { result[i] += term[i] }
        }
        for _ in 0..<squarings { result = multiply(result, result) }
        return result
    }
}
