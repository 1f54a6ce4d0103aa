import Foundation
import Tensors

/// The charged n-body simulator of Kipf et al. (2018) as used by Satorras et al. (2021) and Puny et al. (2022).
///
/// Per trajectory (float64): charges ±1 with probability ½, positions `N(0, 1)`, velocities `N(0, 1)` rescaled to
/// norm 0.5, one elastic reflection into the box `[−5, 5]³`, then semi-implicit Euler with `dt = 0.001` for
/// 5000 steps on `F_i = Σ_j q_i q_j (x_i − x_j)/‖x_i − x_j‖³` (components clipped to ±100), storing every
/// 100 steps (49 frames; frame `k` is at time `0.1(k+1)`).
public struct NBodyChargedGenerator: Sendable {
    /// Number of particles (5 in the benchmark).
    public var bodies: Int = 5
    /// Integration step.
    public var timeStep: Double = 0.001
    /// Total integration steps.
    public var steps: Int = 5000
    /// Store every this many steps.
    public var sampleInterval: Int = 100
    /// The box half-size for the initial reflection.
    public var boxSize: Double = 5
    /// Component-wise force clip (`0.1 / dt`).
    public var maxForce: Double = 100

    public init() {}

    /// Number of stored frames (`steps / sampleInterval − 1`).
    public var frameCount: Int { steps / sampleInterval - 1 }

    /// One simulated trajectory: charges `[n]`, positions and velocities per stored frame `[frames][n·3]`.
    public struct Trajectory: Sendable {
        public var charges: [Double]
        public var initialPositions: [Double]
        public var initialVelocities: [Double]
        public var positions: [[Double]]
        public var velocities: [[Double]]
    }

    /// Draws the random initial state (charges, positions, velocities) in the legacy stream's order.
    ///
    /// Positions and velocities are returned particle-major `[n·3]` (`x[i*3 + d]`); the stream fills them as
    /// numpy's `randn(3, n)` does (dimension-major).
    public func drawInitialState(using rng: inout NBodyLegacyMT19937) -> (q: [Double], x: [Double], v: [Double]) {
        let n = bodies
        var q = [Double](repeating: 0, count: n)
        for i in 0..<n { q[i] = rng.uniform() < 0.5 ? -1 : 1 }
        var x = [Double](repeating: 0, count: n * 3), v = x
        for d in 0..<3 { for i in 0..<n { x[i * 3 + d] = rng.normal() } }
        for d in 0..<3 { for i in 0..<n { v[i * 3 + d] = rng.normal() } }
        for i in 0..<n {
            let norm = (v[i * 3] * v[i * 3] + v[i * 3 + 1] * v[i * 3 + 1] + v[i * 3 + 2] * v[i * 3 + 2]).squareRoot()
            for d in 0..<3 { v[i * 3 + d] = v[i * 3 + d] * 0.5 / norm }
        }
        for k in 0..<(n * 3) {
            if x[k] > boxSize { x[k] = 2 * boxSize - x[k]; v[k] = -Swift.abs(v[k]) }
            if x[k] < -boxSize { x[k] = -2 * boxSize - x[k]; v[k] = Swift.abs(v[k]) }
        }
        return (q, x, v)
    }

    /// Consumes the zero-amplitude observation noise draws (2 × frames × n × 3 normals).
    public func skipNoise(using rng: inout NBodyLegacyMT19937) {
        for _ in 0..<(2 * frameCount * bodies * 3) { _ = rng.normal() }
    }

    /// Simulates one trajectory from the stream (consuming exactly what the reference generator consumes).
    public func trajectory(using rng: inout NBodyLegacyMT19937) -> Trajectory {
        let (q, x0, v0) = drawInitialState(using: &rng)
        var x = x0, v = v0
        var positions: [[Double]] = [], velocities: [[Double]] = []
        var force = [Double](repeating: 0, count: bodies * 3)
        computeForces(x, q, into: &force)
        for k in 0..<force.count { v[k] += timeStep * force[k] }
        for i in 1..<steps {
            for k in 0..<x.count { x[k] += timeStep * v[k] }
            if i % sampleInterval == 0 { positions.append(x); velocities.append(v) }
            computeForces(x, q, into: &force)
            for k in 0..<force.count { v[k] += timeStep * force[k] }
        }
        skipNoise(using: &rng)
        return Trajectory(charges: q, initialPositions: x0, initialVelocities: v0, positions: positions,
                          velocities: velocities)
    }

    /// Skips one trajectory's worth of stream without integrating (same draws as `trajectory`).
    public func skipTrajectory(using rng: inout NBodyLegacyMT19937) {
        _ = drawInitialState(using: &rng)
        skipNoise(using: &rng)
    }

    /// Coulomb forces with the reference's distance formula `|a|² + |b|² − 2a·b` and component clipping.
    @inlinable
    func computeForces(_ x: [Double], _ q: [Double], into f: inout [Double]) {
        let n = bodies
        for k in 0..<f.count { f[k] = 0 }
        for i in 0..<n {
            let xi0 = x[i * 3], xi1 = x[i * 3 + 1], xi2 = x[i * 3 + 2]
            let ni = xi0 * xi0 + xi1 * xi1 + xi2 * xi2
            var f0 = 0.0, f1 = 0.0, f2 = 0.0
            for j in 0..<n where j != i {
                let xj0 = x[j * 3], xj1 = x[j * 3 + 1], xj2 = x[j * 3 + 2]
                let nj = xj0 * xj0 + xj1 * xj1 + xj2 * xj2
                let d2 = ni + nj - 2 * (xi0 * xj0 + xi1 * xj1 + xi2 * xj2)
                let s = q[i] * q[j] / Foundation.pow(d2, 1.5)
                f0 += s * (xi0 - xj0); f1 += s * (xi1 - xj1); f2 += s * (xi2 - xj2)
            }
            f[i * 3] = Swift.min(Swift.max(f0, -maxForce), maxForce)
            f[i * 3 + 1] = Swift.min(Swift.max(f1, -maxForce), maxForce)
            f[i * 3 + 2] = Swift.min(Swift.max(f2, -maxForce), maxForce)
        }
    }
}
