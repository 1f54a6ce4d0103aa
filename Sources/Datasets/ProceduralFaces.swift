import Foundation
import Tensors

/// The 17 in-domain parameters of a procedural face (spec `ood-gan-inversion.md` §3.1).
///
/// Normalised to [−1, 1] they form the generator's input code `p` (`code`), in the order of `ranges`.
public struct FaceParameters: Sendable, Equatable, Codable {
    /// Parameter names, in code order.
    public static let names = ["bg0", "bgg", "ax", "ay", "skin", "hair", "hl", "es", "ey", "open",
                               "bh", "btilt", "nl", "mw", "smile", "mopen", "yaw"]
    /// Sampling ranges, in code order.
    public static let ranges: [ClosedRange<Double>] = [
        0.55...0.95, -0.15...0.15, 8.5...10.5, 10.5...12.5, 0.45...0.80, 0.05...0.35, 3...6,
        3.6...4.6, -0.6...0.6, 0.35...1.0, 2.2...3.2, -0.35...0.35, 0...1.2, 2.6...4.0, -0.12...0.18,
        0...1.2, -1...1,
    ]
    /// Index of `smile` in the code (the attribute edited in §3.8).
    public static let smileIndex = 14

    /// Raw values, in code order.
    public var values: [Double]

    public init(values: [Double]) {
        precondition(values.count == 17, "a face has 17 parameters, got \(values.count)")
        self.values = values
    }

    /// Samples uniformly, resampling until |skin − bg0| ≥ 0.15 and skin − hair ≥ 0.2.
    public static func random(using rng: inout RandomSource) -> FaceParameters {
        while true {
            let v = ranges.map { rng.uniform($0) }
            if abs(v[4] - v[0]) >= 0.15 && v[4] - v[5] >= 0.2 { return FaceParameters(values: v) }
        }
    }

    /// The code `p ∈ [−1, 1]^17`.
    public var code: [Float] {
        zip(values, FaceParameters.ranges).map { v, r in
            Float(2 * (v - r.lowerBound) / (r.upperBound - r.lowerBound) - 1)
        }
    }

    /// Parameters from a code (values outside [−1, 1] extrapolate linearly).
    public init(code: [Float]) {
        precondition(code.count == 17, "a face code has 17 entries, got \(code.count)")
        self.values = zip(code, FaceParameters.ranges).map { c, r in
            r.lowerBound + (Double(c) + 1) / 2 * (r.upperBound - r.lowerBound)
        }
    }

    /// The index of a named parameter.
    public static func index(of name: String) -> Int {
        guard let i = names.firstIndex(of: name) else { preconditionFailure("no face parameter named \(name)") }
        return i
    }

    /// A parameter by name (`"smile"`, `"yaw"`).
    public subscript(_ name: String) -> Double {
        get { values[FaceParameters.index(of: name)] }
        set { values[FaceParameters.index(of: name)] = newValue }
    }
}

/// Renders procedural faces: background, then the (possibly misaligned) face stack, composited by coverage.
public enum FaceRenderer {
    /// Image side in pixels.
    public static let size = 32
    /// Face centre `c = (16, 17)`; pixel centres at `(i + 0.5, j + 0.5)`, x right, y down.
    public static let centre = (16.0, 17.0)

    /// The face stack at one face-space point: premultiplied intensity and coverage (`I ← I(1 − c) + v·c`).
    @inlinable
    static func faceStack(_ p: FaceParameters, _ x: Double, _ y: Double) -> (value: Double, coverage: Double) {
        let v = p.values
        let ax = v[2], ay = v[3], skin = v[4], hair = v[5], hl = v[6], es = v[7], ey = v[8], open = v[9]
        let bh = v[10], btilt = v[11], nl = v[12], mw = v[13], smile = v[14], mopen = v[15], yaw = v[16]
        var i = 0.0, a = 0.0
        func layer(_ c: Double, _ value: Double) {
            i = i * (1 - c) + value * c
            a = a * (1 - c) + c
        }
        let (cx, cy) = centre
        layer(FaceSDF.coverage(FaceSDF.ellipse(x, y, cx: 16, cy: cy - 0.35 * ay, a: ax + 1.5, b: 0.78 * ay)), hair)
        let faceCov = FaceSDF.coverage(FaceSDF.ellipse(x, y, cx: cx, cy: cy, a: ax, b: ay))
        layer(faceCov, skin)
        let yHL = 17 - ay + hl
        layer(min(faceCov, FaceSDF.coverage(y - yHL)), hair)
        let sx = 1.2 * yaw
        for s in [-1.0, 1.0] {
            let ex = 16 + sx + s * es, eyc = 15 + ey
            let angle = s * btilt
            let bx = ex, by = eyc - bh
            let hx = 1.8 * Foundation.cos(angle), hy = 1.8 * Foundation.sin(angle)
            layer(FaceSDF.coverage(FaceSDF.capsule(x, y, bx - hx, by - hy, bx + hx, by + hy, radius: 0.45)), hair)
            layer(FaceSDF.coverage(FaceSDF.ellipse(x, y, cx: ex, cy: eyc, a: 1.6, b: max(1.6 * open, 0.45))), 0.05)
        }
        layer(FaceSDF.coverage(FaceSDF.capsule(x, y, 16 + sx, 16, 16 + 1.3 * sx, 19.5 + nl, radius: 0.4)), skin - 0.18)
        var pts: [(Double, Double)] = []
        for k in 0..<9 {
            let t = -mw + 2 * mw * Double(k) / 8
            pts.append((16 + sx + t, 22.6 - smile * t * t))
        }
        layer(FaceSDF.coverage(FaceSDF.polyline(x, y, points: pts, radius: 0.45 + 0.5 * mopen)), 0.12)
        return (i, a)
    }

    /// Renders the in-domain face (no overlays) under a misalignment.
    ///
    /// - Returns: the image `[32·32]` in [0, 1] and the face coverage per pixel.
    public static func renderFace(_ p: FaceParameters, misalignment m: FaceMisalignment = .identity)
        -> (image: [Float], faceCoverage: [Double]) {
        var img = [Float](repeating: 0, count: size * size)
        var cov = [Double](repeating: 0, count: size * size)
        let bg0 = p.values[0], bgg = p.values[1]
        for row in 0..<size {
            let y = Double(row) + 0.5
            for col in 0..<size {
                let x = Double(col) + 0.5
                let (qx, qy) = m.source(x, y)
                let (fi, fa) = faceStack(p, qx, qy)
                let bg = bg0 + bgg * (y / 32 - 0.5)
                img[row * size + col] = Float(min(max(bg * (1 - fa) + fi, 0), 1))
                cov[row * size + col] = fa
            }
        }
        return (img, cov)
    }
}
