import Autodiff
import Tensors
import Testing
@testable import GauntTensorProduct

@Suite struct GauntPowerTests {
    @Test func powersEqualRepeatedGauntProducts() {
        var rng = RandomSource(seed: 41)
        let L = 2, k = 9
        let x = Tensor<Double>.randomNormal([5, k], using: &rng)
        let basis = GauntPowerOperator<Double>(degree: L, maxPower: 3, outputDegree: 3 * L).forward(x)
        let x2 = GauntFFTProduct<Double>(L, L)(x, x)
        let x3 = GauntFFTProduct<Double>(2 * L, L)(x2, x)
        let ko = 49
        for r in 0..<5 {
            for a in 0..<ko {
                let one = a < k ? x.scalars[r * k + a] : 0, two = a < 25 ? x2.scalars[r * 25 + a] : 0
                #expect(abs(basis.scalars[(r * 3) * ko + a] - one) <= 1e-12)
                #expect(abs(basis.scalars[(r * 3 + 1) * ko + a] - two) <= 1e-12)
                #expect(abs(basis.scalars[(r * 3 + 2) * ko + a] - x3.scalars[r * ko + a]) <= 1e-11)
            }
        }
    }

    @Test func powerBasisGradientsMatchFiniteDifferences() {
        var rng = RandomSource(seed: 42)
        let op = GauntPowerOperator<Double>(degree: 2, maxPower: 3, outputDegree: 2)
        let probe = Tensor<Double>.randomNormal([2, 3, 9], using: &rng)
        let err = GradientCheck.maxError(at: [.randomNormal([2, 9], using: &rng)]) { v in op(v[0]) * Variable(probe) }
        #expect(err <= 1e-6, "gradient error \(err)")
    }
}
