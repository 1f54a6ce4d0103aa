import Foundation
import Tensors

/// Signed-distance primitives of the procedural face renderer (pixels; negative inside).
///
/// Yang, Xu & Chen (ICCV 2023) train on FFHQ photos; Equilab's CPU-scale stand-in renders 32×32 grey faces
/// from these shapes (spec `ood-gan-inversion.md` §3.1): coverage `cov(d) = clamp(0.5 − d, 0, 1)`.
public enum FaceSDF {
    /// Anti-aliased coverage of a signed distance.
    @inlinable public static func coverage(_ d: Double) -> Double { min(max(0.5 - d, 0), 1) }

    /// Ellipse with centre `(cx, cy)` and semi-axes `(a, b)`: `(√((dx/a)² + (dy/b)²) − 1)·min(a, b)`.
    @inlinable
    public static func ellipse(_ x: Double, _ y: Double, cx: Double, cy: Double, a: Double, b: Double) -> Double {
        let dx = (x - cx) / a, dy = (y - cy) / b
        return ((dx * dx + dy * dy).squareRoot() - 1) * min(a, b)
    }

    /// Distance to the segment from `(x0, y0)` to `(x1, y1)`.
    @inlinable
    public static func segment(_ x: Double, _ y: Double, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Double {
        let vx = x1 - x0, vy = y1 - y0
        let len2 = vx * vx + vy * vy
        let t = len2 > 0 ? min(max(((x - x0) * vx + (y - y0) * vy) / len2, 0), 1) : 0
        let px = x0 + t * vx - x, py = y0 + t * vy - y
        return (px * px + py * py).squareRoot()
    }

    /// Capsule: distance to a segment minus a radius.
    @inlinable
    public static func capsule(_ x: Double, _ y: Double, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double,
                               radius: Double) -> Double {
        segment(x, y, x0, y0, x1, y1) - radius
    }

    /// Axis-aligned box with centre and half-sizes (the standard box SDF).
    @inlinable
    public static func box(_ x: Double, _ y: Double, cx: Double, cy: Double, hx: Double, hy: Double) -> Double {
        let qx = abs(x - cx) - hx, qy = abs(y - cy) - hy
        let outside = (max(qx, 0) * max(qx, 0) + max(qy, 0) * max(qy, 0)).squareRoot()
        return outside + min(max(qx, qy), 0)
    }

    /// Ring: `|ellipse SDF| − t/2`.
    @inlinable
    public static func ring(_ x: Double, _ y: Double, cx: Double, cy: Double, a: Double, b: Double,
                            thickness: Double) -> Double {
        abs(ellipse(x, y, cx: cx, cy: cy, a: a, b: b)) - thickness / 2
    }

    /// Polyline with a radius: the minimum capsule distance over its segments.
    @inlinable
    public static func polyline(_ x: Double, _ y: Double, points: [(Double, Double)], radius: Double) -> Double {
        var d = Double.infinity
        for i in 0..<(points.count - 1) {
            d = min(d, segment(x, y, points[i].0, points[i].1, points[i + 1].0, points[i + 1].1))
        }
        return d - radius
    }
}

/// The geometric misalignment of spec §3.2: a similarity plus a smooth sinusoidal displacement.
///
/// The face stack is sampled at `q = R(−ρ)·(pix − c − t)/σ + c − δ(pix)` with
/// `δ = A·(sin(2π(f_x x + f_y y)/32 + φ₁), sin(2π(f_y x − f_x y)/32 + φ₂))`; overlays are anchored by the
/// forward similarity `F(q) = R(ρ)·σ·(q − c) + c + t`.
public struct FaceMisalignment: Sendable, Equatable, Codable {
    public var tx: Double, ty: Double
    /// Rotation ρ in radians.
    public var rho: Double
    /// Scale σ.
    public var sigma: Double
    /// Displacement amplitude A, frequencies and phases.
    public var amplitude: Double
    public var fx: Double, fy: Double
    public var phi1: Double, phi2: Double

    /// No misalignment (canonical faces).
    public static let identity = FaceMisalignment(tx: 0, ty: 0, rho: 0, sigma: 1, amplitude: 0, fx: 1, fy: 1, phi1: 0, phi2: 0)

    public init(tx: Double, ty: Double, rho: Double, sigma: Double, amplitude: Double, fx: Double, fy: Double,
                phi1: Double, phi2: Double) {
        self.tx = tx; self.ty = ty; self.rho = rho; self.sigma = sigma; self.amplitude = amplitude
        self.fx = fx; self.fy = fy; self.phi1 = phi1; self.phi2 = phi2
    }

    /// Samples the ranges of §3.2, with strength `s` scaling t, ρ, σ − 1 and A (s = 0 gives the identity).
    public static func random(strength s: Double, using rng: inout RandomSource) -> FaceMisalignment {
        let tx = rng.uniform(-1.5...1.5) * s, ty = rng.uniform(-1.5...1.5) * s
        let rho = rng.uniform(-6...6) * .pi / 180 * s
        let sigma = 1 + (rng.uniform(0.95...1.05) - 1) * s
        let a = rng.uniform(0...0.8) * s
        let fx: Double = rng.uniform() < 0.5 ? 1 : 2
        let fy: Double = rng.uniform() < 0.5 ? 1 : 2
        let p1 = rng.uniform(0...2 * .pi), p2 = rng.uniform(0...2 * .pi)
        return FaceMisalignment(tx: tx, ty: ty, rho: rho, sigma: sigma, amplitude: a, fx: fx, fy: fy, phi1: p1, phi2: p2)
    }

    /// Where the face stack is sampled for output pixel centre `(x, y)`.
    @inlinable
    public func source(_ x: Double, _ y: Double) -> (Double, Double) {
        let cx = FaceRenderer.centre.0, cy = FaceRenderer.centre.1
        let ux = (x - cx - tx) / sigma, uy = (y - cy - ty) / sigma
        let c = Foundation.cos(-rho), s = Foundation.sin(-rho)
        let rx = c * ux - s * uy, ry = s * ux + c * uy
        let dx = amplitude * Foundation.sin(2 * .pi * (fx * x + fy * y) / 32 + phi1)
        let dy = amplitude * Foundation.sin(2 * .pi * (fy * x - fx * y) / 32 + phi2)
        return (rx + cx - dx, ry + cy - dy)
    }

    /// The forward similarity `F(q)` that anchors overlays to the face.
    @inlinable
    public func forward(_ qx: Double, _ qy: Double) -> (Double, Double) {
        let cx = FaceRenderer.centre.0, cy = FaceRenderer.centre.1
        let c = Foundation.cos(rho), s = Foundation.sin(rho)
        let ux = (qx - cx) * sigma, uy = (qy - cy) * sigma
        return (c * ux - s * uy + cx + tx, s * ux + c * uy + cy + ty)
    }
}

