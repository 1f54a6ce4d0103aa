import Dispatch
import Synchronization
import Testing
@testable import Tensors
import _TestSupport

func randomComplex(_ shape: [Int], using rng: inout RandomSource) -> Tensor<Complex<Double>> {
    Tensor(real: .randomNormal(shape, using: &rng), imaginary: .randomNormal(shape, using: &rng))
}

@Suite("complex tensors")
struct ComplexTests {
    @Test func partsArithmeticAndConjugation() {
        var rng = RandomSource(seed: 10)
        let z = randomComplex([3, 4], using: &rng), w = randomComplex([4], using: &rng)
        #expect(Tensor(real: z.real, imaginary: z.imaginary) == z)
        #expect((z * z.conjugated()).imaginary.maximumMagnitude < 1e-12)
        #expect((z * z.conjugated()).real.isClose(to: z.magnitudeSquared, rtol: 1e-12))
        #expect(((z * w) / w).isClose(to: z, rtol: 1e-10))
        #expect(z.magnitude.isClose(to: sqrt(z.magnitudeSquared), rtol: 1e-12))
        let i = Complex<Double>(0, 1)
        #expect((Tensor(shape: [1], scalars: [i]) * Tensor(shape: [1], scalars: [i])).scalars == [Complex(-1, 0)])
    }

    @Test(arguments: [MatrixOperation.none, .transpose, .adjoint])
    func complexMatmulMatchesLoops(op: MatrixOperation) {
        var rng = RandomSource(seed: 11)
        let a = randomComplex([3, 4], using: &rng), b = randomComplex([4, 2], using: &rng)
        let stored: Tensor<Complex<Double>> = switch op {
        case .none: a
        case .transpose: a.permuted([1, 0])
        case .adjoint: a.permuted([1, 0]).conjugated()
        }
        let c = stored.matmul(b, op, .none)
        for i in 0..<3 { for j in 0..<2 {
            var e = Complex<Double>(0, 0)
            for k in 0..<4 { e = e + a[i, k] * b[k, j] }
            #expect((c[i, j] - e).length < 1e-12)
        } }
        let bt = b.permuted([1, 0]).conjugated()
        #expect(a.matmul(bt, .none, .adjoint).isClose(to: a.matmul(b), rtol: 1e-12))
        let batched = Tensor.stack([a, a]).batchedMatmul(Tensor.stack([b, b.conjugated()]))
        #expect(batched.slice(axis: 0, 1..<2).reshaped([3, 2]).isClose(to: a.matmul(b.conjugated()), rtol: 1e-12))
    }

    @Test func floatComplexMatmul() {
        var rng = RandomSource(seed: 12)
        let a = randomComplex([5, 6], using: &rng), b = randomComplex([6, 7], using: &rng)
        let af = Tensor<Complex<Float>>(real: a.real.converted(), imaginary: a.imaginary.converted())
        let bf = Tensor<Complex<Float>>(real: b.real.converted(), imaginary: b.imaginary.converted())
        let c = a.matmul(b), cf = af.matmul(bf)
        #expect(cf.real.converted(to: Double.self).isClose(to: c.real, rtol: 1e-4, atol: 1e-4))
        #expect(cf.imaginary.converted(to: Double.self).isClose(to: c.imaginary, rtol: 1e-4, atol: 1e-4))
    }
}

@Suite("FFTs against a naive DFT")
struct FFTTests {
    @Test(arguments: [[8], [5], [3, 7], [2, 6]])
    func oneDimensionalAgreesWithDFT(shape: [Int]) {
        var rng = RandomSource(seed: 20)
        let x = randomComplex(shape, using: &rng)
        #expect(x.fft().isClose(to: Reference.dft(x), rtol: 1e-10, atol: 1e-10))
        #expect(x.ifft().isClose(to: Reference.dft(x, inverse: true), rtol: 1e-10, atol: 1e-10))
        #expect(x.fft().ifft().isClose(to: x, rtol: 1e-10, atol: 1e-12))
    }

    @Test(arguments: [[4, 4], [3, 5], [2, 3, 6]])
    func twoDimensionalAgreesWithDFT(shape: [Int]) {
        var rng = RandomSource(seed: 21)
        let x = randomComplex(shape, using: &rng)
        #expect(x.fft2D().isClose(to: Reference.dft2D(x), rtol: 1e-10, atol: 1e-10))
        #expect(x.fft2D().ifft2D().isClose(to: x, rtol: 1e-10, atol: 1e-12))
        #expect(x.ifft2D().isClose(to: Reference.dft2D(x, inverse: true), rtol: 1e-10, atol: 1e-10))
    }

    @Test(arguments: [[2, 6], [3, 5, 7], [4, 8]])
    func realTransformsKeepTheHalfSpectrum(shape: [Int]) {
        var rng = RandomSource(seed: 22)
        let x = Tensor<Double>.randomNormal(shape, using: &rng)
        let w = shape.last!, half = w / 2 + 1
        let full1 = Tensor<Complex<Double>>(real: x).fft(), full2 = Tensor<Complex<Double>>(real: x).fft2D()
        #expect(x.rfft().isClose(to: full1.slice(axis: x.rank - 1, 0..<half), rtol: 1e-10, atol: 1e-10))
        #expect(x.rfft2D().isClose(to: full2.slice(axis: x.rank - 1, 0..<half), rtol: 1e-10, atol: 1e-10))
        #expect(x.rfft().irfft(width: w).isClose(to: x, rtol: 1e-10, atol: 1e-12))
        #expect(x.rfft2D().irfft2D(width: w).isClose(to: x, rtol: 1e-10, atol: 1e-12))
    }

    @Test func floatPrecisionRoundTrip() {
        var rng = RandomSource(seed: 23)
        let x = Tensor<Float>.randomNormal([3, 16, 16], using: &rng)
        let z = Tensor<Complex<Float>>(real: x)
        #expect(z.fft2D().ifft2D().real.isClose(to: x, rtol: 1e-4, atol: 1e-5))
        #expect(x.rfft2D().irfft2D(width: 16).isClose(to: x, rtol: 1e-4, atol: 1e-5))
        let zd = Tensor<Complex<Double>>(real: x.converted())
        #expect(z.fft2D().real.converted(to: Double.self).isClose(to: zd.fft2D().real, rtol: 1e-4, atol: 1e-3))
    }

    /// Plans are reused (the cache does not grow on repeated shapes) and concurrent transforms on cached plans
    /// give the same results as serial ones.
    @Test func plansAreCachedAndThreadSafe() {
        var rng = RandomSource(seed: 24)
        let inputs = (0..<8).map { _ in randomComplex([2, 12, 10], using: &rng) }
        let serial = inputs.map { $0.fft2D() }
        let before = FFTPlanCache.count
        _ = inputs.map { $0.fft2D() }
        #expect(FFTPlanCache.count == before)
        let results = Mutex<[Int: Tensor<Complex<Double>>]>([:])
        DispatchQueue.concurrentPerform(iterations: inputs.count) { i in
            let y = inputs[i].fft2D()
            results.withLock { $0[i] = y }
        }
        let got = results.withLock { $0 }
        for i in 0..<inputs.count { #expect(got[i] == serial[i]) }
    }
}
