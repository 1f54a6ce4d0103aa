import Testing
import Tensors
@testable import Datasets

@Suite("procedural faces (ood-gan-inversion §3, acceptance check 1)")
struct ProceduralFacesTests {
    @Test func sameSeedGivesIdenticalImages() {
        let a = ProceduralFaceSet(seed: 11, count: 20), b = ProceduralFaceSet(seed: 11, count: 20)
        for i in [0, 7, 19] {
            #expect(a.sample(i).image == b.sample(i).image)
            #expect(a.sample(i).mask == b.sample(i).mask)
        }
        #expect(ProceduralFaceSet(seed: 12, count: 20).sample(0).image != a.sample(0).image)
    }

    @Test func oodFractionAndOODFreeShare() {
        let set = ProceduralFaceSet(seed: 2024, count: 400)
        var fraction = 0.0, free = 0
        for i in 0..<set.count {
            let s = set.sample(i)
            let f = Double(s.mask.reduce(0, +)) / Double(s.mask.count)
            fraction += f
            if f == 0 { free += 1 }
        }
        fraction /= Double(set.count)
        #expect(fraction >= 0.08 && fraction <= 0.14, "mean OOD fraction \(fraction)")
        #expect(Double(free) / Double(set.count) <= 0.10, "OOD-free share \(free)/\(set.count)")
    }

    @Test func maskIsCoverageThresholdAndCleanHasNoOverlays() {
        let s = ProceduralFaceSet(seed: 5, count: 10).sample(3)
        for i in 0..<s.mask.count { #expect(s.mask[i] == (s.oodCoverage[i] >= 0.5 ? 1 : 0)) }
        let none = FaceSample(parameters: s.parameters, misalignment: s.misalignment, overlays: .none)
        #expect(none.mask.allSatisfy { $0 == 0 })
        #expect(none.image == s.misalignedClean)
        let canonical = FaceSample(parameters: s.parameters, misalignment: .identity, overlays: .none)
        #expect(canonical.image == s.clean)
    }

    @Test func codeRoundTripsAndEditChangesOnlyTheFace() {
        var rng = RandomSource(seed: 3)
        let p = FaceParameters.random(using: &rng)
        let back = FaceParameters(code: p.code)
        for (a, b) in zip(p.values, back.values) { #expect(abs(a - b) < 1e-5 * max(1, abs(a))) }
        let s = ProceduralFaceSet(seed: 9, count: 4).sample(1)
        let e = s.edited(by: 0.12)
        #expect(e.mask == s.mask)
        #expect(e.image != s.image)
    }
}
