import Foundation
import Tensors

/// One rendered test image with its ground truth (spec §3.1–3.3).
public struct FaceSample: Sendable {
    /// The in-domain parameters and the misalignment.
    public var parameters: FaceParameters
    public var misalignment: FaceMisalignment
    /// The overlays drawn.
    public var overlays: FaceOverlays
    /// The input `x`: misaligned face with out-of-domain content, `[32·32]` in [0, 1].
    public var image: [Float]
    /// The canonical face (no misalignment, no overlays): what the generator can produce.
    public var clean: [Float]
    /// The misaligned face without overlays.
    public var misalignedClean: [Float]
    /// Out-of-domain coverage and the ground-truth mask (`coverage ≥ 0.5`, 1 = OOD).
    public var oodCoverage: [Float]
    public var mask: [Float]

    /// Renders parameters, misalignment and overlays into a sample.
    public init(parameters p: FaceParameters, misalignment m: FaceMisalignment, overlays o: FaceOverlays) {
        parameters = p
        misalignment = m
        overlays = o
        let n = FaceRenderer.size
        clean = FaceRenderer.renderFace(p).image
        var img = [Float](repeating: 0, count: n * n)
        var misClean = img
        var ood = img
        let bg0 = p.values[0], bgg = p.values[1]
        for row in 0..<n {
            let y = Double(row) + 0.5
            for col in 0..<n {
                let x = Double(col) + 0.5
                let (qx, qy) = m.source(x, y)
                let (fi, fa) = FaceRenderer.faceStack(p, qx, qy)
                var bg = bg0 + bgg * (y / 32 - 0.5)
                misClean[row * n + col] = Float(min(max(bg * (1 - fa) + fi, 0), 1))
                var clutterCov = 0.0
                for s in o.clutter {
                    let c = s.coverage(x, y)
                    bg = bg * (1 - c) + s.value(x, y) * c
                    clutterCov = max(clutterCov, c)
                }
                var v = bg * (1 - fa) + fi
                var frontCov = 0.0
                for s in o.front {
                    let c = s.coverage(x, y)
                    v = v * (1 - c) + s.value(x, y) * c
                    frontCov = max(frontCov, c)
                }
                img[row * n + col] = Float(min(max(v, 0), 1))
                ood[row * n + col] = Float(max(frontCov, clutterCov * (1 - fa)))
            }
        }
        image = img
        misalignedClean = misClean
        oodCoverage = ood
        mask = ood.map { $0 >= 0.5 ? 1 : 0 }
    }

    /// The same image with the smile changed by `delta` (raw units; §3.8 uses ±0.12), same misalignment and
    /// overlays: the ground truth of an attribute edit.
    public func edited(parameter name: String = "smile", by delta: Double) -> FaceSample {
        var p = parameters
        p[name] += delta
        return FaceSample(parameters: p, misalignment: misalignment, overlays: overlays)
    }
}

/// A seeded, random-access set of procedural faces: image `i` depends only on `(seed, i)`.
public struct ProceduralFaceSet: Sendable {
    public var seed: UInt64
    public var count: Int
    /// Misalignment strength s (0: canonical faces).
    public var strength: Double
    /// Whether to draw out-of-domain overlays.
    public var withOverlays: Bool
    /// Restrict overlays to these types (nil: all).
    public var enabledOverlays: Set<String>?

    public init(seed: UInt64, count: Int, strength: Double = 1, withOverlays: Bool = true,
                enabledOverlays: Set<String>? = nil) {
        self.seed = seed
        self.count = count
        self.strength = strength
        self.withOverlays = withOverlays
        self.enabledOverlays = enabledOverlays
    }

    func generator(_ i: Int) -> RandomSource {
        precondition(i >= 0 && i < count, "face \(i) outside 0..<\(count)")
        return RandomSource(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(i) &* 0xD1B5_4A32_D192_ED03 &+ 1)
    }

    /// The in-domain parameters of sample `i` (without rendering it).
    public func parameters(_ i: Int) -> FaceParameters {
        var rng = generator(i)
        return FaceParameters.random(using: &rng)
    }

    /// Renders sample `i`.
    public func sample(_ i: Int) -> FaceSample {
        var rng = generator(i)
        let p = FaceParameters.random(using: &rng)
        let m = FaceMisalignment.random(strength: strength, using: &rng)
        let o = withOverlays ? FaceOverlays.random(for: p, misalignment: m, using: &rng, enabled: enabledOverlays) : .none
        return FaceSample(parameters: p, misalignment: m, overlays: o)
    }
}
