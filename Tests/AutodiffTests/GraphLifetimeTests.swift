import Testing
import Tensors
@testable import Autodiff

@Suite("graph bookkeeping")
struct GraphLifetimeTests {
    /// After `backward()` interior nodes are released even while the root is still referenced.
    @Test func nothingRetainedAfterBackward() {
        weak var interior: Variable<Double>?
        weak var pullbackCapture: Variable<Double>?
        let x = Variable(Tensor<Double>(shape: [3], scalars: [1, 2, 3]), requiresGradient: true)
        let root: Variable<Double> = {
            let h = (x * x).sin()
            let k = h.conv2dFree()
            interior = h
            pullbackCapture = k
            return (k * h).sum()
        }()
        #expect(interior != nil)
        root.backward()
        #expect(interior == nil)
        #expect(pullbackCapture == nil)
        #expect(x.gradient != nil)
    }

    /// A value used along several paths receives the sum of their contributions.
    @Test func valueUsedTwiceAccumulatesThroughDeepPaths() {
        let xv = Tensor<Double>(shape: [2], scalars: [0.3, -0.7])
        let x = Variable(xv, requiresGradient: true)
        let y = x.sin() * x + x.exp()
        y.sum().backward()
        let expected = xv.map { Double.cos($0) * $0 + Double.sin($0) + Double.exp($0) }
        #expect(x.gradient?.isClose(to: expected, rtol: 1e-12) == true)
        // A second backward through a fresh graph accumulates into the leaf.
        (x * 2).sum().backward()
        #expect(x.gradient?.isClose(to: expected + 2, rtol: 1e-12) == true)
    }

    @Test func constantsNeedNoGradient() {
        let c = Variable(Tensor<Double>(shape: [2], scalars: [1, 2]))
        let y = (c * c).sum()
        #expect(!y.requiresGradient)
        y.backward()
        #expect(c.gradient == nil)
    }
}

extension Variable {
    /// An extra interior node (so the test has two distinct intermediates).
    fileprivate func conv2dFree() -> Variable { self.tanh() * 2 }
}
