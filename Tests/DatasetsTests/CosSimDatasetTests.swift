import Testing
import Tensors
@testable import Datasets

@Test func cosSimTargetsHaveTheirSymmetries() {
    var rng = RandomSource(seed: 5)
    let x = (0..<(9 * 20)).map { _ in rng.normal() }
    let scaled = x.map { 2.5 * $0 }
    // Rotation about z by 0.7 rad (a generic angle: 90° turns would keep the L1 norms).
    let (c, s) = (0.764842187284489, 0.644217687237691)
    let rotated = (0..<x.count).map { i -> Double in
        switch i % 3 { case 0: c * x[i] - s * x[i + 1]; case 1: s * x[i - 1] + c * x[i]; default: x[i] }
    }
    func maxDiff(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map { abs($0 - $1) }.max() ?? 0 }
    let both = CosSimDataset.target(x, variant: .so3Scale, coefficient: 1)
    #expect(maxDiff(both, CosSimDataset.target(scaled, variant: .so3Scale, coefficient: 1)) < 1e-12)
    #expect(maxDiff(both, CosSimDataset.target(rotated, variant: .so3Scale, coefficient: 1)) < 1e-12)
    let so3 = CosSimDataset.target(x, variant: .so3, coefficient: 1)
    #expect(maxDiff(so3, CosSimDataset.target(rotated, variant: .so3, coefficient: 1)) < 1e-12)
    #expect(maxDiff(so3, CosSimDataset.target(scaled, variant: .so3, coefficient: 1)) > 0.1)
    let scale = CosSimDataset.target(x, variant: .scale, coefficient: 1)
    #expect(maxDiff(scale, CosSimDataset.target(scaled, variant: .scale, coefficient: 1)) < 1e-12)
    #expect(maxDiff(scale, CosSimDataset.target(rotated, variant: .scale, coefficient: 1)) > 0.01)
    #expect(both.allSatisfy { abs($0) <= 1 + 1e-12 })
}
