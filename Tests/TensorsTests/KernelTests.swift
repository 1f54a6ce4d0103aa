import Testing
import Tensors
import _TestSupport

@Suite("vector kernels and fused forms")
struct KernelTests {
    /// The SSE ReLU and ReLU-mask loops agree with the scalar definitions for every length (vector body and tail),
    /// in place and out of place, with NaN mapped to 0.
    @Test func reluKernelsMatchScalarDefinitions() {
        var rng = RandomSource(seed: 70)
        for n in 0..<14 {
            var x = (0..<n).map { _ in Float(rng.normal()) }
            if n > 5 { x[5] = .nan; x[2] = 0 }
            let g = (0..<n).map { _ in Float(rng.normal()) }
            var y = [Float](repeating: 7, count: n), m = [Float](repeating: 7, count: n)
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    if n > 0 { VectorKernels.relu(px.baseAddress!, into: py.baseAddress!, count: n) }
                }
            }
            #expect(y == x.map { $0 > 0 ? $0 : 0 }, "relu n=\(n)")
            g.withUnsafeBufferPointer { pg in
                x.withUnsafeBufferPointer { px in
                    m.withUnsafeMutableBufferPointer { pm in
                        if n > 0 { VectorKernels.reluMask(gradient: pg.baseAddress!, output: px.baseAddress!, into: pm.baseAddress!, count: n) }
                    }
                }
            }
            #expect(m == zip(g, x).map { $1 > 0 ? $0 : 0 }, "mask n=\(n)")
            var inPlace = x
            inPlace.withUnsafeMutableBufferPointer { p in
                if n > 0 { VectorKernels.relu(UnsafePointer(p.baseAddress!), into: p.baseAddress!, count: n) }
            }
            #expect(inPlace == y)
        }
    }

    /// Fused conv2d + ReLU equals ReLU of the plain convolution, in Float (the SSE path) and Double.
    @Test func fusedConvolutionReLU() {
        var rng = RandomSource(seed: 71)
        let x = Tensor<Float>.randomNormal([2, 3, 6, 5], using: &rng)
        let w = Tensor<Float>.randomNormal([4, 3, 3, 3], using: &rng)
        let b = Tensor<Float>.randomNormal([4], using: &rng)
        #expect(x.conv2d(w, bias: b, padding: 1, applyingReLU: true) == relu(x.conv2d(w, bias: b, padding: 1)))
        let xd = x.converted(to: Double.self), wd = w.converted(to: Double.self)
        #expect(xd.conv2d(wd, stride: 2, applyingReLU: true) == relu(xd.conv2d(wd, stride: 2)))
    }

    @Test func columnSumsMatchAxisSums() {
        var rng = RandomSource(seed: 72)
        let a = Tensor<Double>.randomNormal([37, 5], using: &rng)
        #expect(a.columnSums().isClose(to: a.sum(axis: 0), rtol: 1e-12))
        #expect(Tensor<Float>(zeros: [0, 3]).columnSums() == Tensor(zeros: [3]))
    }
}
