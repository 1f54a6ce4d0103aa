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
/// `s_xy = rms(x, y of the centred training inputs)`, z by `s_z = rms(z of the centred training inputs)`.
public struct MotionForecastingDataset: Sendable {
    /// One split: inputs and targets `[n, 18]` (6 V each) in normalised units, and the scales of each track.
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

    /// Draws independent train, validation and test tracks (spec: 500 / 1000 / 2000). The scales `s_xy`, `s_z`
    /// are dataset-level: the RMS of the centred training inputs (x and y values together; z), applied to every
    /// split. (Per-track scales would blow tracks with almost no vertical motion up to pure noise in z; with
    /// dataset scales linear least squares gives MSE ≈ 0.009, the spec's reference value.)
    public init(lanePull: Double = 0.5, verticalDamping: Double = 1.5, trainCount: Int = 500,
                validationCount: Int = 1000, testCount: Int = 2000, using rng: inout RandomSource) {
        self.lanePull = lanePull
        self.verticalDamping = verticalDamping
        func centred(_ n: Int) -> [[Double]] {
            (0..<n).map { _ in
                MotionForecastingDataset.centre(MotionForecastingDataset.track(lanePull: lanePull,
                                                                               verticalDamping: verticalDamping, using: &rng))
            }
        }
        let trainTracks = centred(trainCount), validationTracks = centred(validationCount), testTracks = centred(testCount)
        var sxy = 0.0, sz = 0.0
        for t in trainTracks {
            for k in 0..<6 { sxy += t[3 * k] * t[3 * k] + t[3 * k + 1] * t[3 * k + 1]; sz += t[3 * k + 2] * t[3 * k + 2] }
        }
        let horizontal = max((sxy / Double(max(trainCount * 12, 1))).squareRoot(), 1e-6)
        let vertical = max((sz / Double(max(trainCount * 6, 1))).squareRoot(), 1e-6)
        func part(_ tracks: [[Double]]) -> Part {
            let scale = [horizontal, horizontal, vertical]
            var x = [Float](), y = [Float]()
            x.reserveCapacity(tracks.count * 18); y.reserveCapacity(tracks.count * 18)
            for t in tracks {
                for i in 0..<18 { x.append(Float(t[i] / scale[i % 3])) }
                for i in 18..<36 { y.append(Float(t[i] / scale[i % 3])) }
            }
            return Part(inputs: Tensor(shape: [tracks.count, 18], scalars: x), targets: Tensor(shape: [tracks.count, 18], scalars: y),
                        scales: tracks.map { _ in (horizontal: horizontal, vertical: vertical) })
        }
        train = part(trainTracks)
        validation = part(validationTracks)
        test = part(testTracks)
    }

    /// A `[12, 3]` track minus the mean of its 6 input points.
    public static func centre(_ track: [Double]) -> [Double] {
        var mean = [0.0, 0.0, 0.0]
        for t in 0..<6 { for i in 0..<3 { mean[i] += track[3 * t + i] / 6 } }
        return (0..<36).map { track[$0] - mean[$0 % 3] }
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
}
