import Autodiff
import Tensors
import Testing
@testable import GauntTensorProduct

@Suite struct GauntWeightedProductTests {
    /// With indicator weights only one path (l1, l2 -> l) survives, and it must equal c(l1,l2,l) W^{l1 l2 l} contracted.
    @Test func indicatorWeightsSelectOnePathWithItsGauntScale() {
        var rng = RandomSource(seed: 12)
        let L = 3, K = 16
        let op = GauntProductOperator<Double>(L, L, outputDegree: L)
        let x = Tensor<Double>.randomNormal([2, 1, K], using: &rng), y = Tensor<Double>.randomNormal([2, 1, K], using: &rng)
        for (l1, l2, l) in [(1, 1, 2), (2, 1, 3), (2, 2, 2), (3, 3, 0)] {
            func indicator(_ k: Int) -> Variable<Double> {
                Variable(Tensor(shape: [1, L + 1], scalars: (0...L).map { $0 == k ? 1 : 0 }))
            }
            let z = op.weighted(Variable(x), Variable(y), alpha: indicator(l1), beta: indicator(l2), gamma: indicator(l)).value
            let block = GauntCoefficientCache.denseBlock(l1, l2, l)
            let d1 = 2 * l1 + 1, d2 = 2 * l2 + 1, d = 2 * l + 1
            for r in 0..<2 {
                for c in 0..<K {
                    var expected = 0.0
                    if c >= l * l && c < (l + 1) * (l + 1) {
                        for p in 0..<d1 { for q in 0..<d2 {
                            expected += block[(p * d2 + q) * d + c - l * l] * x.scalars[r * K + l1 * l1 + p] * y.scalars[r * K + l2 * l2 + q]
                        } }
                    }
                    #expect(abs(z.scalars[r * K + c] - expected) <= 1e-12)
                }
            }
        }
    }

    @Test func weightedProductGradientsMatchFiniteDifferences() {
        var rng = RandomSource(seed: 13)
        let op = GauntProductOperator<Double>(2, 2, outputDegree: 2)
        let probe = Tensor<Double>.randomNormal([2, 3, 9], using: &rng)
        let inputs: [Tensor<Double>] = [.randomNormal([2, 3, 9], using: &rng), .randomNormal([2, 3, 9], using: &rng),
                                        .randomNormal([3, 3], using: &rng), .randomNormal([3, 3], using: &rng),
                                        .randomNormal([3, 3], using: &rng)]
        let err = GradientCheck.maxError(at: inputs) { v in
            op.weighted(v[0], v[1], alpha: v[2], beta: v[3], gamma: v[4]) * Variable(probe)
        }
        #expect(err <= 1e-6, "gradient error \(err)")
    }
}
