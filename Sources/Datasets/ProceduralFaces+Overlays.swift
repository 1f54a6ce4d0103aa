import Foundation
import Tensors

/// One out-of-domain shape: its coverage and intensity at an image-space point.
public struct FaceOverlayShape: Sendable {
    public let coverage: @Sendable (Double, Double) -> Double
    public let value: @Sendable (Double, Double) -> Double

    public init(coverage: @escaping @Sendable (Double, Double) -> Double,
                value: @escaping @Sendable (Double, Double) -> Double) {
        self.coverage = coverage
        self.value = value
    }

    static func solid(_ value: Double, _ sdf: @escaping @Sendable (Double, Double) -> Double, scale: Double = 1) -> FaceOverlayShape {
        FaceOverlayShape(coverage: { x, y in scale * FaceSDF.coverage(sdf(x, y)) }, value: { _, _ in value })
    }
}

/// The out-of-domain content of one image (spec §3.3): clutter behind the face, the rest in front.
public struct FaceOverlays: Sendable {
    /// The overlay types drawn (`"glasses"`, `"hat"`, `"hand"`, `"text"`, `"clutter"`, `"bar"`).
    public var kinds: [String]
    public var clutter: [FaceOverlayShape]
    public var front: [FaceOverlayShape]

    /// No overlays.
    public static let none = FaceOverlays(kinds: [], clutter: [], front: [])

    /// Every overlay type with its drawing probability.
    public static let probabilities: [(String, Double)] = [
        ("glasses", 0.35), ("hat", 0.25), ("hand", 0.25), ("text", 0.2), ("clutter", 0.35), ("bar", 0.15),
    ]

    /// Samples overlays for a face under a misalignment. Each type is drawn independently; if none was, one type
    /// is picked uniformly with probability 0.85. `enabled` restricts the types (TUI toggles).
    public static func random(for p: FaceParameters, misalignment m: FaceMisalignment, using rng: inout RandomSource,
                              enabled: Set<String>? = nil) -> FaceOverlays {
        var kinds = probabilities.filter { rng.uniform() < $0.1 }.map(\.0)
        if kinds.isEmpty && rng.uniform() < 0.85 { kinds = [probabilities[rng.int(below: probabilities.count)].0] }
        if let enabled { kinds = kinds.filter { enabled.contains($0) } }
        var out = FaceOverlays(kinds: kinds, clutter: [], front: [])
        for kind in kinds {
            switch kind {
            case "glasses": out.front += glasses(p, m, &rng)
            case "hat": out.front += hat(p, m, &rng)
            case "hand": out.front += hand(p, m, &rng)
            case "text": out.front += text(&rng)
            case "clutter": out.clutter += clutterShapes(&rng)
            default: out.front += bar(p, m, &rng)
            }
        }
        return out
    }

    static func pick(_ rng: inout RandomSource) -> Double {
        switch rng.int(below: 3) {
        case 0: 0.02
        case 1: 0.92
        default: rng.uniform()
        }
    }

    static func glasses(_ p: FaceParameters, _ m: FaceMisalignment, _ rng: inout RandomSource) -> [FaceOverlayShape] {
        let a = rng.uniform(2.6...3.2), b = rng.uniform(2.2...2.7), t = rng.uniform(0.8...1.2)
        let rim = pick(&rng)
        let sunglasses = rng.uniform() < 0.3
        let sx = 1.2 * p["yaw"], es = p["es"], eyc = 15 + p["ey"], ax = p["ax"]
        let left = 16 + sx - es, right = 16 + sx + es
        var shapes: [FaceOverlayShape] = []
        for ex in [left, right] {
            let (cx, cy) = m.forward(ex, eyc)
            if sunglasses {
                shapes.append(.solid(0.1, { x, y in FaceSDF.ellipse(x, y, cx: cx, cy: cy, a: a, b: b) }, scale: 0.85))
            }
            shapes.append(.solid(rim, { x, y in FaceSDF.ring(x, y, cx: cx, cy: cy, a: a, b: b, thickness: t) }))
        }
        let (b0x, b0y) = m.forward(left + a, eyc), (b1x, b1y) = m.forward(right - a, eyc)
        shapes.append(.solid(rim, { x, y in FaceSDF.capsule(x, y, b0x, b0y, b1x, b1y, radius: t / 2) }))
        for (rimX, endX) in [(left - a, 16 - (ax + 0.3)), (right + a, 16 + ax + 0.3)] {
            let (s0x, s0y) = m.forward(rimX, eyc), (s1x, s1y) = m.forward(endX, eyc - 0.5)
            shapes.append(.solid(rim, { x, y in FaceSDF.capsule(x, y, s0x, s0y, s1x, s1y, radius: t / 2) }))
        }
        return shapes
    }

    static func hat(_ p: FaceParameters, _ m: FaceMisalignment, _ rng: inout RandomSource) -> [FaceOverlayShape] {
        let ax = p["ax"], ay = p["ay"]
        let (bx, by) = m.forward(16, 17 - ay + rng.uniform(1...3))
        let bhx = ax + rng.uniform(2...4), bhy = rng.uniform(0.75...1.25)
        let top = rng.uniform(0...3)
        let chx = ax - rng.uniform(-1...1.5)
        let period = Double(rng.uniform() < 0.5 ? 2 : 3)
        let base = rng.uniform(0.1...0.9), contrast = rng.uniform(0.2...0.4)
        let stripe = base < 0.5 ? -contrast : contrast
        let value: @Sendable (Double, Double) -> Double = { _, y in
            Int((y - 0.5).rounded(.down)) % Int(period) == 0 ? base + stripe : base
        }
        let crownCY = (top + by) / 2, crownHY = max((by - top) / 2, 0.5)
        return [
            FaceOverlayShape(coverage: { x, y in FaceSDF.coverage(FaceSDF.box(x, y, cx: bx, cy: crownCY, hx: chx, hy: crownHY)) },
                             value: value),
            FaceOverlayShape(coverage: { x, y in FaceSDF.coverage(FaceSDF.box(x, y, cx: bx, cy: by, hx: bhx, hy: bhy)) },
                             value: value),
        ]
    }

    static func hand(_ p: FaceParameters, _ m: FaceMisalignment, _ rng: inout RandomSource) -> [FaceOverlayShape] {
        let pa = rng.uniform(4...5.5), pb = rng.uniform(3...4)
        let (hx, hy) = m.forward(16 + rng.uniform(-5...5), 17 + rng.uniform(3...9))
        let theta = rng.uniform(-1.2...1.2)
        let value = p["skin"] + (rng.uniform() < 0.5 ? -1 : 1) * rng.uniform(0.08...0.2)
        var shapes: [FaceOverlayShape] = [.solid(value, { x, y in FaceSDF.ellipse(x, y, cx: hx, cy: hy, a: pa, b: pb) })]
        var lengths: [Double] = []
        for k in 0..<4 {
            let angle = theta + (Double(k) - 1.5) * 0.3
            let length = rng.uniform(4...6), radius = rng.uniform(0.9...1.1)
            lengths.append(length)
            let dx = Foundation.sin(angle), dy = -Foundation.cos(angle)
            let sx = hx + dx * pb * 0.6, sy = hy + dy * pb * 0.6
            shapes.append(.solid(value, { x, y in FaceSDF.capsule(x, y, sx, sy, sx + dx * length, sy + dy * length, radius: radius) }))
        }
        for k in 0..<3 {
            let angle = theta + (Double(k) - 1) * 0.3
            let length = min(lengths[k], lengths[k + 1]) * 0.8
            let dx = Foundation.sin(angle), dy = -Foundation.cos(angle)
            let sx = hx + dx * pb * 0.6, sy = hy + dy * pb * 0.6
            shapes.append(.solid(value - 0.25, { x, y in FaceSDF.capsule(x, y, sx, sy, sx + dx * length, sy + dy * length, radius: 0.25) }))
        }
        return shapes
    }

    /// Twelve 3×5 glyphs (rows top to bottom, 3 bits each, most significant bit = left column).
    static let glyphs: [[Int]] = [
        [7, 5, 5, 5, 7], [2, 6, 2, 2, 7], [7, 1, 7, 4, 7], [7, 1, 3, 1, 7], [5, 5, 7, 1, 1], [7, 4, 7, 1, 7],
        [2, 5, 7, 5, 5], [6, 5, 6, 5, 6], [7, 4, 6, 4, 7], [5, 5, 2, 5, 5], [4, 4, 4, 4, 7], [5, 7, 7, 5, 5],
    ]

    static func text(_ rng: inout RandomSource) -> [FaceOverlayShape] {
        let n = 2 + rng.int(below: 3)
        let width = Double(4 * n + 1), height = 7.0
        let x0 = Double(rng.int(below: 32 - Int(width) + 1)), y0 = Double(rng.int(below: 32 - Int(height) + 1))
        let darkOnLight = rng.uniform() < 0.5
        let ink = darkOnLight ? 0.0 : 1.0, paper = darkOnLight ? 1.0 : 0.0
        let chosen = (0..<n).map { _ in glyphs[rng.int(below: glyphs.count)] }
        let value: @Sendable (Double, Double) -> Double = { x, y in
            let gx = Int((x - x0 - 1).rounded(.down)), gy = Int((y - y0 - 1).rounded(.down))
            guard gx >= 0, gy >= 0, gy < 5, gx < 4 * n - 1, gx % 4 != 3 else { return paper }
            let bits = chosen[gx / 4][gy]
            return (bits >> (2 - gx % 4)) & 1 == 1 ? ink : paper
        }
        return [FaceOverlayShape(coverage: { x, y in
            FaceSDF.coverage(FaceSDF.box(x, y, cx: x0 + width / 2, cy: y0 + height / 2, hx: width / 2, hy: height / 2))
        }, value: value)]
    }

    static func clutterShapes(_ rng: inout RandomSource) -> [FaceOverlayShape] {
        (0..<(1 + rng.int(below: 3))).map { _ in
            let cx = rng.uniform(0...32), cy = rng.uniform(0...32)
            switch rng.int(below: 3) {
            case 0:
                let h = rng.uniform(2.5...4.5), cell = Double(1 + rng.int(below: 2))
                return FaceOverlayShape(
                    coverage: { x, y in FaceSDF.coverage(FaceSDF.box(x, y, cx: cx, cy: cy, hx: h, hy: h)) },
                    value: { x, y in
                        (Int((x / cell).rounded(.down)) + Int((y / cell).rounded(.down))) % 2 == 0 ? 0.1 : 0.9
                    })
            case 1:
                let length = rng.uniform(5...12), angle = rng.uniform(0...Double.pi), v = rng.uniform()
                let dx = Foundation.cos(angle) * length / 2, dy = Foundation.sin(angle) * length / 2
                return .solid(v, { x, y in FaceSDF.capsule(x, y, cx - dx, cy - dy, cx + dx, cy + dy, radius: 0.5) })
            default:
                let hx = rng.uniform(2...5), hy = rng.uniform(2...5), v = rng.uniform()
                return .solid(v, { x, y in abs(FaceSDF.box(x, y, cx: cx, cy: cy, hx: hx, hy: hy)) - 0.5 })
            }
        }
    }

    static func bar(_ p: FaceParameters, _ m: FaceMisalignment, _ rng: inout RandomSource) -> [FaceOverlayShape] {
        let length = rng.uniform(10...20), radius = rng.uniform(1...1.5)
        let (cx, cy) = m.forward(16 + rng.uniform(-4...4), 17 + rng.uniform(-4...6))
        let angle = rng.uniform(0...Double.pi)
        let value = p["skin"] + (rng.uniform() < 0.5 ? -0.35 : 0.35)
        let dx = Foundation.cos(angle) * length / 2, dy = Foundation.sin(angle) * length / 2
        return [.solid(value, { x, y in FaceSDF.capsule(x, y, cx - dx, cy - dy, cx + dx, cy + dy, radius: radius) })]
    }
}
