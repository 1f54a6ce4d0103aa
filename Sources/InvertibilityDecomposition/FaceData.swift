import Datasets
import Tensors

/// Pre-rendered image sets for the two training stages and the test set (spec §3.4–3.5).
public struct FaceData: Sendable {
    /// Stage 0: codes `p`, canonical clean faces, and corrupted versions of the first `corruptedCount` faces.
    public var codes: [Float]
    public var clean: [Float]
    public var corrupted: [Float]
    /// Stage 1 training inputs (misaligned, with overlays).
    public var alignmentInputs: [Float]
    /// The held-out test set (misaligned, with overlays) with its ground truth.
    public var test: [FaceSample]
    /// The seed the test set was rendered from.
    public var testSeed: UInt64

    public var cleanCount: Int { clean.count / 1024 }
    public var corruptedCount: Int { corrupted.count / 1024 }
    public var alignmentCount: Int { alignmentInputs.count / 1024 }

    /// Renders every set from one seed: stage 0 faces from `seed`, stage 1 from `seed + 1`, the test set from
    /// `testSeed` (fixed across runs so numbers compare).
    public init(seed: UInt64, cleanCount: Int, corruptedCount: Int, alignmentCount: Int, testCount: Int,
                testSeed: UInt64 = 4242) {
        precondition(corruptedCount <= cleanCount, "corrupted faces are a subset of the clean ones")
        let stage0 = ProceduralFaceSet(seed: seed, count: cleanCount)
        var codes: [Float] = [], clean: [Float] = [], corrupted: [Float] = []
        codes.reserveCapacity(cleanCount * 17)
        clean.reserveCapacity(cleanCount * 1024)
        corrupted.reserveCapacity(corruptedCount * 1024)
        for i in 0..<cleanCount {
            let s = i < corruptedCount ? stage0.sample(i) : nil
            let p = s?.parameters ?? stage0.parameters(i)
            codes += p.code
            clean += s?.clean ?? FaceRenderer.renderFace(p).image
            if let s { corrupted += s.image }
        }
        self.codes = codes
        self.clean = clean
        self.corrupted = corrupted
        let stage1 = ProceduralFaceSet(seed: seed &+ 1, count: alignmentCount)
        var inputs: [Float] = []
        inputs.reserveCapacity(alignmentCount * 1024)
        for i in 0..<alignmentCount { inputs += stage1.sample(i).image }
        alignmentInputs = inputs
        self.testSeed = testSeed
        let testSet = ProceduralFaceSet(seed: testSeed, count: testCount)
        test = (0..<testCount).map { testSet.sample($0) }
    }

    /// Gathers images `[n, 1, 32, 32]` by index from a flat buffer.
    static func batch(_ images: [Float], _ indices: [Int]) -> Tensor<Float> {
        var out = [Float]()
        out.reserveCapacity(indices.count * 1024)
        for i in indices { out += images[(i * 1024)..<((i + 1) * 1024)] }
        return Tensor(shape: [indices.count, 1, 32, 32], scalars: out)
    }

    /// Gathers codes `[n, 17]`.
    func codeBatch(_ indices: [Int]) -> Tensor<Float> {
        var out = [Float]()
        for i in indices { out += codes[(i * 17)..<((i + 1) * 17)] }
        return Tensor(shape: [indices.count, 17], scalars: out)
    }
}
