import Testing
import Tensors
import _TestSupport

@Suite("broadcasting against a naive multi-index reference")
struct BroadcastingTests {
    /// Every pair of shapes up to 3×3×3: compatible pairs agree with the reference for + − × ÷, incompatible pairs
    /// are rejected by `broadcastShape`.
    @Test func exhaustiveSmallShapes() {
        var rng = RandomSource(seed: 1)
        var compatible = 0
        for sa in smallShapes {
            let a = Tensor<Double>.randomNormal(sa, using: &rng)
            for sb in smallShapes {
                let b = Tensor<Double>.randomUniform(sb, in: 0.5...2, using: &rng)
                guard let expected = Reference.broadcast(a, b, +) else {
                    #expect(broadcastShape(sa, sb) == nil, "\(sa) and \(sb) should not broadcast")
                    continue
                }
                compatible += 1
                #expect(a + b == expected, "\(sa) + \(sb)")
                #expect(a - b == Reference.broadcast(a, b, -), "\(sa) - \(sb)")
                #expect(a * b == Reference.broadcast(a, b, *), "\(sa) * \(sb)")
                #expect(a / b == Reference.broadcast(a, b, /), "\(sa) / \(sb)")
                // sumToShape is the adjoint of broadcasting: <broadcast(b), g> == <b, sumToShape(g)>.
                let g = Tensor<Double>.randomNormal(expected.shape, using: &rng)
                let lhs = Reference.dot(b.broadcast(to: expected.shape).reshaped(expected.shape), g)
                if broadcastShape(sb, expected.shape) == expected.shape {
                    let rhs = Reference.dot(b, g.sumToShape(sb))
                    #expect(abs(lhs - rhs) < 1e-9 * max(1, abs(lhs)), "sumToShape adjoint \(sb) <- \(expected.shape)")
                }
            }
        }
        #expect(compatible > 400)
    }

    @Test func incompatibleShapes() {
        #expect(broadcastShape([2, 3], [3, 2]) == nil)
        #expect(broadcastShape([3], [2]) == nil)
        #expect(broadcastShape([2, 1, 3], [4, 1]) == [2, 4, 3])
    }
}

@Suite("axis reductions and layout round trips")
struct LayoutTests {
    @Test func reductionsMatchLoops() {
        var rng = RandomSource(seed: 2)
        let x = Tensor<Double>.randomNormal([2, 3, 4], using: &rng)
        for axis in 0..<3 {
            let s = x.sum(axis: axis), m = x.max(axis: axis), mean = x.mean(axis: axis)
            var expected = [Double](), expectedMax = [Double]()
            let others = (0..<3).filter { $0 != axis }
            for i in 0..<x.shape[others[0]] { for j in 0..<x.shape[others[1]] {
                var acc = 0.0, best = -Double.infinity
                for k in 0..<x.shape[axis] {
                    var idx = [0, 0, 0]
                    idx[others[0]] = i; idx[others[1]] = j; idx[axis] = k
                    acc += x.scalars[x.offset(of: idx)]
                    best = max(best, x.scalars[x.offset(of: idx)])
                }
                expected.append(acc); expectedMax.append(best)
            } }
            #expect(s.isClose(to: Tensor(shape: s.shape, scalars: expected), rtol: 1e-12))
            #expect(m.scalars == expectedMax)
            #expect(mean.isClose(to: s / Double(x.shape[axis]), rtol: 1e-12))
            #expect(x.sum(axis: axis, keepingDimension: true).shape[axis] == 1)
        }
        #expect(abs(x.sum() - x.scalars.reduce(0, +)) < 1e-12)
    }

    @Test func permuteSliceConcatRoundTrips() {
        var rng = RandomSource(seed: 3)
        let x = Tensor<Double>.randomNormal([2, 3, 4], using: &rng)
        let perms = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]
        for p in perms {
            var inverse = [0, 0, 0]
            for (i, a) in p.enumerated() { inverse[a] = i }
            let y = x.permuted(p)
            #expect(y.shape == p.map { x.shape[$0] })
            #expect(y.permuted(inverse) == x)
            #expect(y[1, 0, 1] == x.scalars[x.offset(of: (0..<3).map { axis in [1, 0, 1][inverse[axis]] })])
        }
        for axis in 0..<3 {
            let n = x.shape[axis]
            let parts = [x.slice(axis: axis, 0..<1), x.slice(axis: axis, 1..<n)]
            #expect(Tensor.concatenate(parts, axis: axis) == x)
            let stacked = Tensor.stack([x, x * 2], axis: axis)
            #expect(stacked.slice(axis: axis, 1..<2).reshaped(x.shape) == x * 2)
        }
        let rows = x.reshaped([2, 12])
        #expect(rows.gatherRows([1, 0, 1]).scatterAddRows([0, 1, 0], rowCount: 2)
                == Tensor.stack([rows.slice(axis: 0, 1..<2).reshaped([12]) * 2, rows.slice(axis: 0, 0..<1).reshaped([12])]))
    }
}
