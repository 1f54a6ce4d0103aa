import Tensors

/// The charged N-body displacement task (Gaunt spec §8d-2, scaled down from SEGNN/EGNN's task).
///
/// `n` particles of unit mass and charge ±1, positions `N(0, σ²)`, velocities of norm `speed` in random
/// directions, Coulomb forces `F_i = Σ_j q_i q_j (x_i − x_j) / (|x_i − x_j|² + ε²)^{3/2}` (softened), leapfrog
/// (kick–drift–kick) with step `dt` for `steps` steps. The target is the displacement `x(T) − x(0)`.
public struct ChargedNBodyDisplacement: Sendable {
    /// One trajectory's inputs and target, `[n, 3]` arrays flattened row-major.
    public struct Sample: Sendable, Equatable {
        public var positions: [Double], velocities: [Double], charges: [Double], displacement: [Double]
    }

    public var particles = 5, positionScale = 0.5, speed = 0.5, softening = 0.1, dt = 0.001, steps = 1000

    public init() {}

    /// The total simulated time `dt · steps`.
    public var duration: Double { dt * Double(steps) }

    /// Draws and simulates `count` trajectories.
    public func generate(count: Int, using rng: inout RandomSource) -> [Sample] {
        (0..<count).map { _ in simulateOne(using: &rng) }
    }

    func forces(_ x: [Double], _ q: [Double]) -> [Double] {
        var f = [Double](repeating: 0, count: x.count)
        let eps2 = softening * softening
        for i in 0..<particles { for j in 0..<particles where j != i {
            let d = (0..<3).map { x[3 * i + $0] - x[3 * j + $0] }
            let r2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2] + eps2
            let s = q[i] * q[j] / (r2 * r2.squareRoot())
            for k in 0..<3 { f[3 * i + k] += s * d[k] }
        } }
        return f
    }

    func simulateOne(using rng: inout RandomSource) -> Sample {
        let n = particles
        let q = (0..<n).map { _ in rng.uniform() < 0.5 ? -1.0 : 1.0 }
        let x0 = (0..<(3 * n)).map { _ in positionScale * rng.normal() }
        var v0 = [Double](repeating: 0, count: 3 * n)
        for i in 0..<n {
            let d = [rng.normal(), rng.normal(), rng.normal()]
            let r = d.map { $0 * $0 }.reduce(0, +).squareRoot()
            for k in 0..<3 { v0[3 * i + k] = speed * d[k] / r }
        }
        var x = x0, v = v0
        var f = forces(x, q)
        for _ in 0..<steps {
            for i in 0..<(3 * n) { v[i] += 0.5 * dt * f[i]; x[i] += dt * v[i] }
            f = forces(x, q)
            for i in 0..<(3 * n) { v[i] += 0.5 * dt * f[i] }
        }
        return Sample(positions: x0, velocities: v0, charges: q, displacement: zip(x, x0).map { $0 - $1 })
    }
}
