import Testing
import Tensors
@testable import FrameAveraging

func randomCloud(_ n: Int, _ rng: inout RandomSource) -> [Double] {
    (0..<(n * 3)).map { i in Double(1 + i % 3) * rng.normal() }
}

func matmul3(_ a: [Double], _ b: [Double]) -> [Double] {
    var out = [Double](repeating: 0, count: 9)
    for i in 0..<3 { for j in 0..<3 { for k in 0..<3 { out[i * 3 + j] += a[i * 3 + k] * b[k * 3 + j] } } }
    return out
}

@Test(arguments: FrameGroup.allCases)
func PCAFrameElementsAreOrthonormalDistinctAndEquivariant(group: FrameGroup) {
    var rng = RandomSource(seed: 21)
    for _ in 0..<50 {
        let x = randomCloud(5, &rng)
        let frame = PCAFrame(points: x, group: group)
        #expect(frame.elements.count == (group.isProper ? 4 : 8))
        #expect(!frame.isDegenerate)
        for f in frame.elements {
            let ftf = matmul3((0..<9).map { f[($0 % 3) * 3 + $0 / 3] }, f)
            let err = (0..<9).map { abs(ftf[$0] - ($0 % 4 == 0 ? 1 : 0)) }.max() ?? 1
            #expect(err < 1e-12)
            let det = determinant3(f)
            #expect(abs(abs(det) - 1) < 1e-12)
            if group.isProper { #expect(det > 0) }
        }
        for a in 0..<frame.elements.count {
            for b in (a + 1)..<frame.elements.count {
                #expect(zip(frame.elements[a], frame.elements[b]).contains { abs($0 - $1) > 0.5 })
            }
        }
        // F(X Rᵀ + 1tᵀ) = R·F(X) as sets, centroid R t0 + t.
        let r = randomRotation(proper: group.isProper, using: &rng)
        let t = group.hasTranslations ? (0..<3).map { _ in rng.normal() } : [0.0, 0, 0]
        let moved = PCAFrame(points: FrameAverage.transform(x, rotation: r, translation: t), group: group)
        for f in frame.elements {
            let rf = matmul3(r, f)
            #expect(moved.elements.contains { e in zip(e, rf).allSatisfy { abs($0 - $1) < 1e-9 } })
        }
        let c = FrameAverage.transform(frame.centroid, rotation: r, translation: t)
        #expect(zip(c, moved.centroid).allSatisfy { abs($0 - $1) < 1e-9 })
    }
}

/// A random, deliberately non-equivariant MLP in Double: `[n·3] → [n·3]` (or `[4]` for scalars).
struct RandomMLP {
    var w1: [Double], b1: [Double], w2: [Double], b2: [Double]
    let inputs: Int, hidden: Int, outputs: Int

    init(inputs: Int, hidden: Int, outputs: Int, rng: inout RandomSource) {
        self.inputs = inputs; self.hidden = hidden; self.outputs = outputs
        w1 = (0..<(inputs * hidden)).map { _ in rng.normal() / Double(inputs).squareRoot() }
        b1 = (0..<hidden).map { _ in rng.normal() }
        w2 = (0..<(hidden * outputs)).map { _ in rng.normal() / Double(hidden).squareRoot() }
        b2 = (0..<outputs).map { _ in rng.normal() }
    }

    func callAsFunction(_ x: [Double]) -> [Double] {
        let h = (0..<hidden).map { j in Double.tanh((0..<inputs).reduce(b1[j]) { $0 + x[$1] * w1[$1 * hidden + j] }) }
        return (0..<outputs).map { k in (0..<hidden).reduce(b2[k]) { $0 + h[$1] * w2[$1 * outputs + k] } }
    }
}

@Test(arguments: [FrameGroup.e3, .o3, .se3])
func FrameAveragedRandomMLPIsExactlyEquivariantInDouble(group: FrameGroup) {
    var rng = RandomSource(seed: 5)
    let eq = RandomMLP(inputs: 15, hidden: 32, outputs: 15, rng: &rng)
    let inv = RandomMLP(inputs: 15, hidden: 32, outputs: 4, rng: &rng)
    var worstEq = 0.0, worstInv = 0.0, rawEq = 0.0
    for _ in 0..<100 {
        let x = randomCloud(5, &rng)
        let r = randomRotation(proper: group.isProper, using: &rng)
        let t = group.hasTranslations ? (0..<3).map { _ in 2 * rng.normal() } : [0.0, 0, 0]
        let gx = FrameAverage.transform(x, rotation: r, translation: t)
        var dummy = RandomSource(seed: 0)
        let y = FrameAverage.apply(to: x, group: group, output: .positions, using: &dummy, backbone: eq.callAsFunction).output
        let gy = FrameAverage.apply(to: gx, group: group, output: .positions, using: &dummy, backbone: eq.callAsFunction).output
        let expected = FrameAverage.transform(y, rotation: r, translation: t)
        worstEq = max(worstEq, zip(expected, gy).map { abs($0 - $1) }.max() ?? 0)
        let s = FrameAverage.apply(to: x, group: group, output: .scalars, using: &dummy, backbone: inv.callAsFunction).output
        let gs = FrameAverage.apply(to: gx, group: group, output: .scalars, using: &dummy, backbone: inv.callAsFunction).output
        worstInv = max(worstInv, zip(s, gs).map { abs($0 - $1) }.max() ?? 0)
        let raw = FrameAverage.transform(eq(x), rotation: r, translation: t)
        rawEq = max(rawEq, zip(raw, eq(gx)).map { abs($0 - $1) }.max() ?? 0)
    }
    #expect(worstEq < 1e-10, "FA equivariance error \(worstEq)")
    #expect(worstInv < 1e-10, "FA invariance error \(worstInv)")
    #expect(rawEq > 1e-2, "the backbone alone should not be equivariant (\(rawEq))")
}

@Test func DegenerateCloudsAreFlaggedAndStayFinite() {
    let pentagon = (0..<5).flatMap { k -> [Double] in
        let a = 2 * Double.pi * Double(k) / 5
        return [Double.cos(a), Double.sin(a), 0]
    }
    let collinear: [Double] = (0..<5).flatMap { k in [Double(k), 2 * Double(k), -Double(k)] }
    let equal = [Double](repeating: 0, count: 15).enumerated().map { Double($0.offset % 3) + 0.5 }
    let pair: [Double] = [0, 0, 0, 1, 1, 1]
    var rng = RandomSource(seed: 1)
    let mlp = RandomMLP(inputs: 15, hidden: 8, outputs: 15, rng: &rng)
    for cloud in [pentagon, collinear, equal] {
        let f = PCAFrame(points: cloud, group: .e3)
        #expect(f.isDegenerate)
        #expect(f.elements.allSatisfy { $0.allSatisfy { $0.isFinite } })
        for samples in [0, 3] {
            let y = FrameAverage.apply(to: cloud, group: .e3, output: .positions, fallbackSamples: samples, using: &rng,
                                       backbone: mlp.callAsFunction).output
            #expect(y.allSatisfy { $0.isFinite })
        }
        #expect(f.sampledElements(samples: 2, using: &rng).count == 16)
    }
    #expect(PCAFrame(points: pair, group: .e3).isDegenerate)
    // A generic planar cloud has one zero eigenvalue but distinct gaps: not degenerate.
    var planar = randomCloud(6, &rng)
    for i in 0..<6 { planar[i * 3 + 2] = 0 }
    #expect(!PCAFrame(points: planar, group: .e3).isDegenerate)
}

@Test func SymmetricEigenMatchesDefinition() {
    var rng = RandomSource(seed: 2)
    for n in [3, 8, 20] {
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in i..<n { let v = rng.normal(); a[i * n + j] = v; a[j * n + i] = v } }
        let (values, vectors) = SymmetricEigen.decompose(a, n: n)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
        for j in 0..<n {
            for i in 0..<n {
                let av = (0..<n).reduce(0.0) { $0 + a[i * n + $1] * vectors[$1 * n + j] }
                #expect(abs(av - values[j] * vectors[i * n + j]) < 1e-10)
            }
        }
    }
}
