import Tensors

/// The ranges of the random affine maps of the "affFashion" test set (affNIST's ranges by default).
///
/// `A = R(θ)·[[1, s], [0, 1]]·diag(s_x, s_y)` with `θ ~ U(±rotation°)`, `s ~ U(±shear)`,
/// `s_x, s_y ~ U(scale)` independently, about the 28×28 centre; then a translation keeping the object inside
/// the canvas (or none).
public struct AffineFashionRanges: Sendable, Equatable, Codable {
    /// Largest rotation in degrees (affNIST: 20).
    public var rotationDegrees: Double
    /// Largest shear (affNIST: 0.2).
    public var shear: Double
    /// Scale range for each axis (affNIST: 0.8…1.2).
    public var scaleLow: Double
    /// Upper end of the scale range.
    public var scaleHigh: Double
    /// Whether the object's centre is placed uniformly where it stays inside the canvas (otherwise centred).
    public var translates: Bool
    /// Whether the translation is rounded to whole pixels (then a pure translation is an exact pixel shift with no
    /// bilinear resampling); the affNIST-style default draws it continuously.
    public var wholePixelTranslation: Bool = false

    /// affNIST's ranges: ±20°, shear ±0.2, scale 0.8–1.2, random in-canvas translation.
    public init(rotationDegrees: Double = 20, shear: Double = 0.2, scaleLow: Double = 0.8, scaleHigh: Double = 1.2,
                translates: Bool = true) {
        precondition(scaleLow > 0 && scaleHigh >= scaleLow, "scale range must be positive and ordered")
        self.rotationDegrees = rotationDegrees
        self.shear = shear
        self.scaleLow = scaleLow
        self.scaleHigh = scaleHigh
        self.translates = translates
    }

    /// No transformation at all (the identity map, centred).
    public static let identity = AffineFashionRanges(rotationDegrees: 0, shear: 0, scaleLow: 1, scaleHigh: 1,
                                                     translates: false)
}

/// Centred 40×40 Fashion-MNIST images and the seeded affine test set "affFashion" (spec §9).
///
/// ```
/// centred:   28×28 image at offset (6, 6) of a zero 40×40 canvas
/// affine:    output pixel p  ↦  q = A⁻¹(p − centre) + 13.5   (bilinear, zero outside)
/// ```
/// Pixel values are kept as given (raw 0…255); normalise afterwards.
public enum AffineFashion {
    /// Source side (28) and canvas side (40).
    public static let sourceSide = 28
    /// The canvas side.
    public static let canvasSide = 40

    /// Places a 28×28 image at offset (6, 6) in a zero 40×40 canvas.
    public static func centred(_ image: ArraySlice<Float>) -> [Float] {
        precondition(image.count == sourceSide * sourceSide, "centred needs 784 pixels, got \(image.count)")
        var out = [Float](repeating: 0, count: canvasSide * canvasSide)
        let base = image.startIndex
        for y in 0..<sourceSide {
            for x in 0..<sourceSide { out[(y + 6) * canvasSide + x + 6] = image[base + y * sourceSide + x] }
        }
        return out
    }

    /// `A = R(θ)·[[1, s], [0, 1]]·diag(s_x, s_y)` as row-major `[a00, a01, a10, a11]`.
    public static func matrix(rotation theta: Double, shear s: Double, scaleX: Double, scaleY: Double) -> [Double] {
        let c = Double.cos(theta), n = Double.sin(theta)
        // R·Shear = [[c, c·s − n], [n, n·s + c]]; then scale the columns.
        return [c * scaleX, (c * s - n) * scaleY, n * scaleX, (n * s + c) * scaleY]
    }

    /// Renders `image` (28×28) under `A` with its centre (13.5, 13.5) sent to `centre` on the 40×40 canvas:
    /// each output pixel `p` reads `q = A⁻¹(p − centre) + 13.5` bilinearly, zero outside the source.
    public static func render(_ image: ArraySlice<Float>, matrix a: [Double], centre: (x: Double, y: Double)) -> [Float] {
        let det = a[0] * a[3] - a[1] * a[2]
        precondition(det != 0, "render needs an invertible map")
        let i00 = a[3] / det, i01 = -a[1] / det, i10 = -a[2] / det, i11 = a[0] / det
        let side = sourceSide, base = image.startIndex
        var out = [Float](repeating: 0, count: canvasSide * canvasSide)
        func pixel(_ x: Int, _ y: Int) -> Double {
            (x >= 0 && x < side && y >= 0 && y < side) ? Double(image[base + y * side + x]) : 0
        }
        for py in 0..<canvasSide {
            for px in 0..<canvasSide {
                let dx = Double(px) - centre.x, dy = Double(py) - centre.y
                let qx = i00 * dx + i01 * dy + 13.5, qy = i10 * dx + i11 * dy + 13.5
                let x0 = Int(qx.rounded(.down)), y0 = Int(qy.rounded(.down))
                let fx = qx - Double(x0), fy = qy - Double(y0)
                let v = (1 - fy) * ((1 - fx) * pixel(x0, y0) + fx * pixel(x0 + 1, y0))
                    + fy * ((1 - fx) * pixel(x0, y0 + 1) + fx * pixel(x0 + 1, y0 + 1))
                out[py * canvasSide + px] = Float(v)
            }
        }
        return out
    }

    /// The object's bounding box in source pixels (pixels > 0, widened by ±0.5), relative to (13.5, 13.5).
    public static func boundingBox(_ image: ArraySlice<Float>) -> (minX: Double, maxX: Double, minY: Double, maxY: Double) {
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        let base = image.startIndex
        for y in 0..<sourceSide {
            for x in 0..<sourceSide where image[base + y * sourceSide + x] > 0 {
                minX = min(minX, Double(x) - 0.5); maxX = max(maxX, Double(x) + 0.5)
                minY = min(minY, Double(y) - 0.5); maxY = max(maxY, Double(y) + 0.5)
            }
        }
        if minX > maxX { return (-0.5, 0.5, -0.5, 0.5) }
        return (minX - 13.5, maxX - 13.5, minY - 13.5, maxY - 13.5)
    }

    /// The placement of one transformed image: the map and the output centre.
    public struct Placement: Sendable, Equatable {
        /// Row-major `A`.
        public var matrix: [Double]
        /// Where the source centre lands on the canvas.
        public var centreX: Double
        /// Where the source centre lands on the canvas.
        public var centreY: Double
    }

    /// Draws `A` from `ranges` and a centre keeping the mapped bounding box inside the canvas (centred if it
    /// cannot fit). Consumes 4 uniforms, plus 2 when `ranges.translates`.
    public static func randomPlacement(for image: ArraySlice<Float>, ranges: AffineFashionRanges,
                                       using rng: inout RandomSource) -> Placement {
        let theta = rng.uniform(-ranges.rotationDegrees...ranges.rotationDegrees) * Double.pi / 180
        let s = rng.uniform(-ranges.shear...ranges.shear)
        let sx = rng.uniform(ranges.scaleLow...ranges.scaleHigh), sy = rng.uniform(ranges.scaleLow...ranges.scaleHigh)
        let a = matrix(rotation: theta, shear: s, scaleX: sx, scaleY: sy)
        let box = boundingBox(image)
        var lo = (x: Double.infinity, y: Double.infinity), hi = (x: -Double.infinity, y: -Double.infinity)
        for (x, y) in [(box.minX, box.minY), (box.maxX, box.minY), (box.minX, box.maxY), (box.maxX, box.maxY)] {
            let mx = a[0] * x + a[1] * y, my = a[2] * x + a[3] * y
            lo = (min(lo.x, mx), min(lo.y, my)); hi = (max(hi.x, mx), max(hi.y, my))
        }
        let edge = Double(canvasSide) - 0.5
        func centre(_ low: Double, _ high: Double, _ draw: Double?) -> Double {
            let a = -0.5 - low, b = edge - high
            guard a <= b else { return (Double(canvasSide) - 1) / 2 - (low + high) / 2 }
            let c = draw.map { a + (b - a) * $0 } ?? min(max(19.5, a), b)
            guard ranges.wholePixelTranslation else { return c }
            // Pixel-aligned centres are k + 0.5 (the centred placement is 19.5): round, staying inside [a, b].
            let rounded = (c - 0.5).rounded() + 0.5
            if rounded >= a && rounded <= b { return rounded }
            let other = rounded < a ? rounded + 1 : rounded - 1
            return other >= a && other <= b ? other : c
        }
        let ux: Double? = ranges.translates ? rng.uniform() : nil
        let uy: Double? = ranges.translates ? rng.uniform() : nil
        return Placement(matrix: a, centreX: centre(lo.x, hi.x, ux), centreY: centre(lo.y, hi.y, uy))
    }

    /// The affine test set: `copies` transformed 40×40 renderings of every 28×28 image in `images`
    /// (`[n·784]`, raw values), seeded; returns `[n·copies·1600]` in image-major order.
    public static func affineSet(_ images: [Float], count n: Int, ranges: AffineFashionRanges, copies: Int = 1,
                                 seed: UInt64) -> [Float] {
        var rng = RandomSource(seed: seed)
        var out: [Float] = []
        out.reserveCapacity(n * copies * canvasSide * canvasSide)
        for i in 0..<n {
            let image = images[(i * 784)..<((i + 1) * 784)]
            for _ in 0..<copies {
                let p = randomPlacement(for: image, ranges: ranges, using: &rng)
                out.append(contentsOf: render(image, matrix: p.matrix, centre: (p.centreX, p.centreY)))
            }
        }
        return out
    }

    /// The centred set `[n·1600]` of `[n·784]` source images.
    public static func centredSet(_ images: [Float], count n: Int) -> [Float] {
        var out: [Float] = []
        out.reserveCapacity(n * canvasSide * canvasSide)
        for i in 0..<n { out.append(contentsOf: centred(images[(i * 784)..<((i + 1) * 784)])) }
        return out
    }
}
