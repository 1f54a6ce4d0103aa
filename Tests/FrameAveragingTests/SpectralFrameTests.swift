import Datasets
import Testing
import Tensors
@testable import FrameAveraging

@Test func SpectralFrameOnGraph8cIsInvariantUnderRelabelling() throws {
    let graphs = try Graph8Catalog.connectedGraphs(nodes: 8)
    #expect(graphs.count == 11_117)
    var rng = RandomSource(seed: 8)
    var trivial = 0, failures = 0, log2Total = 0.0
    for a in graphs {
        let frame = SpectralFrame(adjacency: a, n: 8)
        log2Total += frame.log2Size
        guard frame.tieBlocks.count == 8 else { continue }
        trivial += 1
        let canonical = SpectralFrame.reorder(a, n: 8, by: frame.order)
        for _ in 0..<3 {
            let p = rng.permutation(8)
            let relabelled = SpectralFrame.reorder(a, n: 8, by: p)
            let f2 = SpectralFrame(adjacency: relabelled, n: 8)
            if SpectralFrame.reorder(relabelled, n: 8, by: f2.order) != canonical { failures += 1 }
        }
    }
    // Spec §8 check 8: |F| = 1 for 3070 graphs (± 1 %), no canonical-form failures with the 1e-6 tolerance.
    #expect(abs(Double(trivial) - 3070) <= 31, "|F| = 1 count \(trivial)")
    #expect(failures == 0)
    let meanLog2 = log2Total / Double(graphs.count)
    #expect(abs(meanLog2 - 1.83) < 0.1, "mean log2|F| \(meanLog2)")
}

@Test func SpectralFrameElementsAreTheTieBlockPermutations() {
    // A path on 4 nodes has the reflection symmetry: blocks pair the ends and the middles.
    var a = [Double](repeating: 0, count: 16)
    for (i, j) in [(0, 1), (1, 2), (2, 3)] { a[i * 4 + j] = 1; a[j * 4 + i] = 1 }
    let frame = SpectralFrame(adjacency: a, n: 4)
    #expect(frame.size == 4)
    let all = frame.allElements() ?? []
    #expect(all.count == 4)
    // |F| = 4 is two cosets of the automorphism group {id, reflection}: two distinct canonical inputs.
    let forms = Set(all.map { SpectralFrame.reorder(a, n: 4, by: $0) })
    #expect(forms.count == 2)
    var rng = RandomSource(seed: 1)
    let s = frame.sample(using: &rng)
    #expect(all.contains(s))
}
