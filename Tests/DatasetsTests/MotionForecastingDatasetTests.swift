import Testing
import Tensors
@testable import Datasets

@Test func motionTracksAreCentredAndScaledPerAxis() {
    var rng = RandomSource(seed: 2)
    let d = MotionForecastingDataset(trainCount: 40, validationCount: 2, testCount: 3, using: &rng)
    #expect(d.train.inputs.shape == [40, 18] && d.test.targets.shape == [3, 18] && d.test.scales.count == 3)
    var sxy = 0.0, sz = 0.0
    for r in 0..<40 {
        let x = Array(d.train.inputs.scalars[(r * 18)..<(r * 18 + 18)]).map { Double($0) }
        var mean = [0.0, 0.0, 0.0]
        for t in 0..<6 { for i in 0..<3 { mean[i] += x[3 * t + i] / 6 } }
        for t in 0..<6 { sxy += x[3 * t] * x[3 * t] + x[3 * t + 1] * x[3 * t + 1]; sz += x[3 * t + 2] * x[3 * t + 2] }
        #expect(mean.allSatisfy { abs($0) < 1e-4 })
    }
    // One x/y scale and one z scale for the whole data set: the training inputs have unit RMS per axis group.
    #expect(abs((sxy / (40 * 12)).squareRoot() - 1) < 1e-4 && abs((sz / (40 * 6)).squareRoot() - 1) < 1e-4)
    #expect(d.train.scales.allSatisfy { $0.horizontal == d.test.scales[0].horizontal && $0.vertical == d.test.scales[0].vertical })
}

@Test func motionDynamicsFollowTheSpec() {
    var rng = RandomSource(seed: 3)
    let track = MotionForecastingDataset.track(lanePull: 0, verticalDamping: 1.5, using: &rng)
    #expect(track.count == 36)
    // Speeds 3–12 m/s with drag: horizontal steps of 0.2 s stay within 0.5–2.5 m (plus noise).
    for t in 1..<12 {
        let dx = track[3 * t] - track[3 * t - 3], dy = track[3 * t + 1] - track[3 * t - 2]
        let step = (dx * dx + dy * dy).squareRoot()
        #expect(step > 0.3 && step < 2.6)
    }
    // Vertical motion decays: the last vertical step is smaller than the first.
    #expect(abs(track[35] - track[32]) < abs(track[5] - track[2]) + 0.05)
}
