import Autodiff
import Symmetry
import Tensors
import Testing
@testable import GauntTensorProduct

@Suite struct CGControlTests {
    @Test func cgControlIsRotationButNotInversionEquivariant() {
        var rng = RandomSource(seed: 31)
        let L = 2, k = 9
        let cg = CGDenseProduct<Double>(L, L)
        let x = Tensor<Double>.randomNormal([1, k], using: &rng), y = Tensor<Double>.randomNormal([1, k], using: &rng)
        let d = WignerD.blocks(maxDegree: 2 * L, rotation: SO3Sampling.randomRotation(using: &rng))
        let lhs = cg(WignerD.apply(d, to: x), WignerD.apply(d, to: y)), rhs = WignerD.apply(d, to: cg(x, y))
        #expect(maxAbsDifference(lhs.scalars, rhs.scalars) <= 1e-12)
        let parity = { (t: Tensor<Double>) in
            Tensor(shape: t.shape, scalars: t.scalars.enumerated().map {
                SphericalHarmonics.degree(ofIndex: $0.offset % t.shape[1]) % 2 == 0 ? $0.element : -$0.element })
        }
        #expect(maxAbsDifference(cg(parity(x), parity(y)).scalars, parity(cg(x, y)).scalars) > 1e-3)
        // on natural-parity outputs of even paths it agrees with the Gaunt product: the z_00 entry
        #expect(abs(cg(x, y).scalars[0] - GauntFFTProduct<Double>(L, L)(x, y).scalars[0]) <= 1e-12)
    }

    @Test func cgControlGradientsMatchFiniteDifferences() {
        var rng = RandomSource(seed: 32)
        let op = GauntProductOperator<Double>(2, 1, outputDegree: 2, method: .cg)
        let probe = Tensor<Double>.randomNormal([2, 2, 9], using: &rng)
        let err = GradientCheck.maxError(at: [.randomNormal([2, 2, 9], using: &rng), .randomNormal([2, 2, 4], using: &rng)]) { v in
            op(v[0], v[1]) * Variable(probe)
        }
        #expect(err <= 1e-6, "gradient error \(err)")
    }

    @Test func cgControlNetworkSeesMirrorImages() throws {
        var spec = tetrisSpec
        spec["model"]?["method"] = "cg"
        let e = try GauntTetrisExperiment(spec: makeSpec(kind: GauntTetrisExperiment.kind, spec))
        _ = try e.step()
        let diff = try e.evaluate()["eval/mirror_logit_difference"] ?? 0
        #expect(diff > 1e-9, "mirror difference \(diff)")   // the Gaunt network: <= 1e-13
    }
}
