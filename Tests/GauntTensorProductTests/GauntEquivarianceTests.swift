import Autodiff
import Symmetry
import Tensors
import Testing
@testable import GauntTensorProduct

@Suite struct GauntEquivarianceTests {
    @Test(arguments: [1, 2, 4, 8]) func rotationsCommuteWithTheProduct(L: Int) {
        var rng = RandomSource(seed: UInt64(20 + L))
        let kernel = GauntFFTProduct<Double>(L, L)
        var worst = 0.0
        for _ in 0..<20 {
            let r = SO3Sampling.randomRotation(using: &rng)
            let d = WignerD.blocks(maxDegree: 2 * L, rotation: r)
            let x = Tensor(shape: [1, (L + 1) * (L + 1)], scalars: randomCoefficients(L, &rng))
            let y = Tensor(shape: [1, (L + 1) * (L + 1)], scalars: randomCoefficients(L, &rng))
            let lhs = kernel(WignerD.apply(d, to: x), WignerD.apply(d, to: y))
            let rhs = WignerD.apply(d, to: kernel(x, y))
            worst = max(worst, maxAbsDifference(lhs.scalars, rhs.scalars) / (1 + norm(x.scalars) * norm(y.scalars)))
        }
        #expect(worst <= 1e-10, "equivariance error \(worst)")
    }

    @Test(arguments: [1, 2, 4, 8]) func inversionGivesNaturalParity(L: Int) {
        var rng = RandomSource(seed: UInt64(40 + L))
        let parity = { (v: [Double]) in v.enumerated().map { SphericalHarmonics.degree(ofIndex: $0.offset) % 2 == 0 ? $0.element : -$0.element } }
        let x = randomCoefficients(L, &rng), y = randomCoefficients(L, &rng)
        for kernel in [GauntFFTProduct<Double>(L, L) as any GauntProductKernel<Double>, GauntSparseProduct<Double>(L, L)] {
            let z = product(kernel, x, y), zi = product(kernel, parity(x), parity(y))
            #expect(maxAbsDifference(zi, parity(z)) <= 1e-10 * (1 + norm(x) * norm(y)))
        }
    }
}

/// Runs a kernel on arrays through an existential (helper for the loop above).
func product(_ k: any GauntProductKernel<Double>, _ x: [Double], _ y: [Double]) -> [Double] {
    var out = [Double](repeating: 0, count: (k.outputDegree + 1) * (k.outputDegree + 1))
    x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in out.withUnsafeMutableBufferPointer { po in
        k.apply(x: px.baseAddress!, y: py.baseAddress!, into: po.baseAddress!, count: 1)
    } } }
    return out
}

@Suite struct GauntGradientTests {
    @Test(arguments: [(2, 3, 4), (3, 1, 2), (5, 1, 2), (2, 2, 4)])
    func productGradientsMatchFiniteDifferences(shape: (Int, Int, Int)) {
        let (l1, l2, lo) = shape
        var rng = RandomSource(seed: 3)
        let op = GauntProductOperator<Double>(l1, l2, outputDegree: lo)
        let x = Tensor<Double>.randomNormal([3, 2, (l1 + 1) * (l1 + 1)], using: &rng)
        let y = Tensor<Double>.randomNormal([3, 2, (l2 + 1) * (l2 + 1)], using: &rng)
        let w = Tensor<Double>.randomNormal([3, 2, (lo + 1) * (lo + 1)], using: &rng)
        let err = GradientCheck.maxError(at: [x, y]) { v in op(v[0], v[1]) * Variable(w) }
        #expect(err <= 1e-6, "gradient error \(err)")
    }

    @Test func degreeOperationGradientsMatchFiniteDifferences() {
        var rng = RandomSource(seed: 5)
        let x = Tensor<Double>.randomNormal([2, 3, 9], using: &rng)
        let w = Tensor<Double>.randomNormal([3, 3, 4], using: &rng)
        let s = Tensor<Double>.randomNormal([3, 3], using: &rng)
        let probe = Tensor<Double>.randomNormal([2, 4, 9], using: &rng)
        let err = GradientCheck.maxError(at: [x, w, s]) { v in
            DegreeOps.gate(DegreeOps.linear(DegreeOps.scale(v[0], v[2]), v[1])) * Variable(probe)
        }
        #expect(err <= 1e-6, "gradient error \(err)")
    }
}
