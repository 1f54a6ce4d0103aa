import Datasets
import Tensors

/// A batch of n-body systems in Double (inputs, charges, targets), particle-major.
public struct NBodyBatch: Sendable {
    /// Systems in the batch.
    public var systems: Int
    /// Particles per system.
    public var bodies: Int
    /// Charges `[B·n]`.
    public var charges: [Double]
    /// Positions, velocities and target positions `[B·n·3]`.
    public var positions: [Double]
    public var velocities: [Double]
    public var targets: [Double]

    public init(systems: Int, bodies: Int, charges: [Double], positions: [Double], velocities: [Double],
                targets: [Double]) {
        self.systems = systems
        self.bodies = bodies
        self.charges = charges
        self.positions = positions
        self.velocities = velocities
        self.targets = targets
    }

    /// The systems of `split` at `indices`.
    public init(_ split: NBodySplit, indices: [Int]) {
        let n = split.bodies
        var q: [Double] = [], x: [Double] = [], v: [Double] = [], y: [Double] = []
        for s in indices {
            q += split.charges[(s * n)..<((s + 1) * n)]
            x += split.positions[(s * n * 3)..<((s + 1) * n * 3)]
            v += split.velocities[(s * n * 3)..<((s + 1) * n * 3)]
            y += split.targets[(s * n * 3)..<((s + 1) * n * 3)]
        }
        self.init(systems: indices.count, bodies: n, charges: q, positions: x, velocities: v, targets: y)
    }

    /// Target positions as a Float tensor `[B·n, 3]`.
    public var targetTensor: Tensor<Float> {
        Tensor(shape: [systems * bodies, 3], scalars: targets.map { Float($0) })
    }

    /// The batch transformed by `x ↦ R x + t`, `v ↦ R v` (targets too) and a node relabelling `perm` applied
    /// to every system (`new node p = old node perm[p]`).
    public func transformed(rotation r: [Double], translation t: [Double], permutation perm: [Int]? = nil) -> NBodyBatch {
        let n = bodies
        let p = perm ?? Array(0..<n)
        var out = self
        for s in 0..<systems {
            for (newI, oldI) in p.enumerated() {
                out.charges[s * n + newI] = charges[s * n + oldI]
                for d in 0..<3 {
                    var xp = t[d], vp = 0.0, yp = t[d]
                    for e in 0..<3 {
                        let m = r[d * 3 + e]
                        xp += m * positions[(s * n + oldI) * 3 + e]
                        vp += m * velocities[(s * n + oldI) * 3 + e]
                        yp += m * targets[(s * n + oldI) * 3 + e]
                    }
                    out.positions[(s * n + newI) * 3 + d] = xp
                    out.velocities[(s * n + newI) * 3 + d] = vp
                    out.targets[(s * n + newI) * 3 + d] = yp
                }
            }
        }
        return out
    }
}
