import Tensors

/// A procedural stand-in for Waymo Open Motion forecasting (spec §9.3): 6 past 3-D positions → 6 future ones.
///
/// Each track has 12 positions at `dt = 0.2 s` (the start and 11 integrated steps, 4 Euler substeps each):
/// heading `θ₀ ~ U(0, 2π)`, speed `v₀ ~ U(3, 12)` m/s, yaw rate `ω ~ N(0, 0.25²)`, vertical speed `w₀ ~ N(0, 1)`,
/// start `~ N(0, diag(50², 50², 2²))`;
///
///     θ̇ = ω − lanePull·sin(4θ)/4     (weak pull to a lane grid: breaks O2xy slightly, keeps 90° turns)
///     v̇ = −0.004·v³                  (isotropic drag)
///     ẇ = −verticalDamping·w          (terrain following: breaks O2yz, O2xz, O3)
///     ṗ = (v cos θ, v sin θ, w)       plus N(0, 0.01²) m noise per coordinate.
///
/// Inputs and targets are centred on the mean of the 6 input points; x and y are divided by one scale
/// `s_xy = rms(x, y of the centred inputs)`, z by `s_z = rms(z of the centred inputs)`.
public struct MotionForecastingDataset: Sendable {
    /// One split: inputs and targets `[n, 18]` (6 V each) in normalised units, and the per-track scales.
    public struct Part: Sendable {
        public var inputs: Tensor<Float>
        public var targets: Tensor<Float>
        /// `(s_xy, s_z)` per track, to convert errors back to metres.
        public var scales: [(horizontal: Double, vertical: Double)]
    }

    /// The dynamics knobs.
    public var lanePull: Double
    public var verticalDamping: Double
    public var train: Part
    public var validation: Part
    public var test: Part

    /// Draws independent train, validation and test tracks (spec: 500 / 1000 / 2000).
    public init(lanePull: Double = 0.5, verticalDamping: Double = 1.5, trainCount: Int = 500,
                validationCount: Int = 1000, testCount: Int = 2000, using rng: inout RandomSource) {
        self.lanePull = lanePull
        self.verticalDamping = verticalDamping
        func part(_ n: Int) -> Part {
            var x = [Float](), y = [Float](), scales: [(Double, Double)] = []
            x.reserveCapacity(n * 18); y.reserveCapacity(n * 18)
            for _ in 0..<n {
                let track = MotionForecastingDataset.track(lanePull: lanePull, verticalDamping: verticalDamping, using: &rng)
                let (input, target, s) = MotionForecastingDataset.normalise(track)
                x += input.map { Float($0) }
                y += target.map { Float($0) }
                scales.append(s)
            }
            return Part(inputs: Tensor(shape: [n, 18], scalars: x), targets: Tensor(shape: [n, 18], scalars: y),
                        scales: scales.map { (horizontal: $0.0, vertical: $0.1) })
        }
        train = part(trainCount)
        validation = part(validationCount)
        test = part(testCount)
    }

    /// One raw track: 12 positions `(x, y, z)` in metres, row-major `[12, 3]`.
    public static func track(lanePull: Double, verticalDamping: Double, using rng: inout RandomSource) -> [Double] {
        var theta = rng.uniform(0...(2 * Double.pi))
        var v = rng.uniform(3...12)
        let omega = 0.25 * rng.normal()
        var w = rng.normal()
        var p = [50 * rng.normal(), 50 * rng.normal(), 2 * rng.normal()]
        let dt = 0.2 / 4
        var out = [Double]()
        out.reserveCapacity(36)
        for step in 0..<12 {
            if step > 0 {
                for _ in 0..<4 {
                    let dTheta = omega - lanePull * Double.sin(4 * theta) / 4
                    let dv = -0.004 * v * v * v
                    let dw = -verticalDamping * w
                    p[0] += dt * v * Double.cos(theta)
                    p[1] += dt * v * Double.sin(theta)
                    p[2] += dt * w
                    theta += dt * dTheta
                    v += dt * dv
                    w += dt * dw
                }
            }
            for i in 0..<3 { out.append(p[i] + 0.01 * rng.normal()) }
        }
        return out
    }

    /// Centres a `[12, 3]` track on its input mean and applies the per-axis scales.
    /// - Returns: normalised inputs and targets (18 values each) and `(s_xy, s_z)`.
    public static func normalise(_ track: [Double]) -> ([Double], [Double], (Double, Double)) {
        var mean = [0.0, 0.0, 0.0]
        for t in 0..<6 { for i in 0..<3 { mean[i] += track[3 * t + i] / 6 } }
        var sxy = 0.0, sz = 0.0
        for t in 0..<6 {
            let dx = track[3 * t] - mean[0], dy = track[3 * t + 1] - mean[1], dz = track[3 * t + 2] - mean[2]
            sxy += dx * dx + dy * dy
            sz += dz * dz
        }
        sxy = max((sxy / 12).squareRoot(), 1e-6)
        sz = max((sz / 6).squareRoot(), 1e-6)
        let scale = [sxy, sxy, sz]
        let normalised = (0..<36).map { (track[$0] - mean[$0 % 3]) / scale[$0 % 3] }
        return (Array(normalised[0..<18]), Array(normalised[18..<36]), (sxy, sz))
    }
}
