import Testing
import Tensors
import _TestSupport

@Suite("elementwise math and softmax")
struct MathTests {
    @Test func functionsMatchScalars() {
        var rng = RandomSource(seed: 4)
        let x = Tensor<Double>.randomUniform([3, 5], in: 0.1...3, using: &rng)
        let cases: [(Tensor<Double>, (Double) -> Double)] = [
            (exp(x), { Double.exp($0) }), (log(x), { Double.log($0) }), (sin(x), { Double.sin($0) }),
            (cos(x), { Double.cos($0) }), (tanh(x), { Double.tanh($0) }), (sqrt(x), { $0.squareRoot() }),
            (abs(-x), { $0 }), (pow(x, 1.5), { Double.pow($0, 1.5) }), (x.squared(), { $0 * $0 }),
            (sigmoid(x), { 1 / (1 + Double.exp(-$0)) }), (relu(x - 1), { max($0 - 1, 0) }),
            (x.clamped(to: 0.5...2), { min(max($0, 0.5), 2) }),
        ]
        for (i, (got, f)) in cases.enumerated() {
            #expect(got.isClose(to: x.map(f), rtol: 1e-12), "case \(i)")
        }
        let y = Tensor<Double>(shape: [5], scalars: [1, 2, 3, 4, 5])
        #expect(maximum(x, y).scalars == zip(x.scalars, (0..<15).map { Double($0 % 5 + 1) }).map { max($0, $1) })
        #expect(minimum(x, y).scalars == zip(x.scalars, (0..<15).map { Double($0 % 5 + 1) }).map { min($0, $1) })
        let f = Tensor<Float>(shape: [2], scalars: [-1000, 1000])
        #expect(sigmoid(f).scalars == [0, 1])
    }

    @Test func softmaxAlongEveryAxis() {
        var rng = RandomSource(seed: 5)
        let x = Tensor<Double>.randomNormal([2, 3, 4], standardDeviation: 5, using: &rng)
        for axis in 0..<3 {
            let s = x.softmax(axis: axis)
            #expect(s.sum(axis: axis).isClose(to: Tensor(shape: s.sum(axis: axis).shape, repeating: 1), rtol: 1e-12))
            #expect(x.logSoftmax(axis: axis).isClose(to: log(s), rtol: 1e-10, atol: 1e-12))
            // Shift invariance.
            #expect((x + 100).softmax(axis: axis).isClose(to: s, rtol: 1e-9))
        }
        let big = Tensor<Float>(shape: [1, 3], scalars: [1000, 1000, -1000])
        #expect(big.softmax().scalars == [0.5, 0.5, 0])
    }

    @Test func matmulMatchesLoops() {
        var rng = RandomSource(seed: 6)
        let a = Tensor<Double>.randomNormal([4, 3], using: &rng)
        let b = Tensor<Double>.randomNormal([3, 5], using: &rng)
        let c = a.matmul(b)
        for i in 0..<4 { for j in 0..<5 {
            let e = (0..<3).reduce(0.0) { $0 + a[i, $1] * b[$1, j] }
            #expect(abs(c[i, j] - e) < 1e-12)
        } }
        #expect(a.transposed().matmul(b, transposeSelf: true) == c)
        #expect(a.matmul(b.transposed(), transposeOther: true) == c)
        let batched = Tensor.stack([a, a * 2]).batchedMatmul(Tensor.stack([b, b]))
        #expect(batched.slice(axis: 0, 1..<2).reshaped([4, 5]).isClose(to: c * 2, rtol: 1e-12))
        #expect(Tensor<Double>(zeros: [2, 0]).matmul(Tensor(zeros: [0, 3])) == Tensor(zeros: [2, 3]))
    }
}
