import Foundation
import Tensors

/// Procedural point clouds with analytic unit normals: spheres, ellipsoids, tori, boxes and cylinders with random
/// axis scalings (the workbench's stand-in for the ABC CAD set of Puny et al. 2022, §5.3).
///
/// Shapes are "upright" (axis-aligned, centred); `rotated` applies a Haar-random proper rotation to points and
/// normals. Points are `[n·3]` particle-major, normals likewise, outward.
public enum SurfaceNormalsShapes {
    /// The shape families.
    public enum Kind: String, CaseIterable, Sendable {
        case sphere, ellipsoid, torus, box, cylinder
    }

    /// One sampled shape: points and unit normals.
    public struct Cloud: Sendable {
        public var points: [Double]
        public var normals: [Double]
    }

    /// Samples `count` points of a random shape of `kind` with random scales in [0.5, 1.5] per axis.
    public static func sample(_ kind: Kind, count: Int, using rng: inout RandomSource) -> Cloud {
        let s = (0..<3).map { _ in rng.uniform(0.5...1.5) }
        var p: [Double] = [], nrm: [Double] = []
        func push(_ x: [Double], _ n: [Double]) {
            let len = (n[0] * n[0] + n[1] * n[1] + n[2] * n[2]).squareRoot()
            p += x
            nrm += n.map { $0 / Swift.max(len, 1e-300) }
        }
        func unitVector() -> [Double] {
            while true {
                let v = (0..<3).map { _ in rng.normal() }
                let l = (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).squareRoot()
                if l > 1e-9 { return v.map { $0 / l } }
            }
        }
        for _ in 0..<count {
            switch kind {
            case .sphere:
                let u = unitVector()
                push(u.map { $0 * s[0] }, u)
            case .ellipsoid:
                let u = unitVector()
                push((0..<3).map { u[$0] * s[$0] }, (0..<3).map { u[$0] / s[$0] })
            case .torus:
                let major = 1.0 * s[0], minor = 0.35 * s[1]
                let a = rng.uniform(0...(2 * .pi)), b = rng.uniform(0...(2 * .pi))
                let c = [Foundation.cos(a), Foundation.sin(a)], d = [Foundation.cos(b), Foundation.sin(b)]
                push([(major + minor * d[0]) * c[0], (major + minor * d[0]) * c[1], minor * d[1]],
                     [d[0] * c[0], d[0] * c[1], d[1]])
            case .box:
                let face = rng.int(below: 6), axis = face / 2, sign: Double = face % 2 == 0 ? 1 : -1
                var x = (0..<3).map { s[$0] * rng.uniform(-1...1) }
                x[axis] = sign * s[axis]
                var n = [0.0, 0.0, 0.0]
                n[axis] = sign
                push(x, n)
            case .cylinder:
                let a = rng.uniform(0...(2 * .pi))
                if rng.uniform() < 0.7 {
                    push([s[0] * Foundation.cos(a), s[1] * Foundation.sin(a), s[2] * rng.uniform(-1...1)],
                         [Foundation.cos(a) / s[0], Foundation.sin(a) / s[1], 0])
                } else {
                    let r = rng.uniform().squareRoot(), sign: Double = rng.uniform() < 0.5 ? 1 : -1
                    push([s[0] * r * Foundation.cos(a), s[1] * r * Foundation.sin(a), sign * s[2]], [0, 0, sign])
                }
            }
        }
        return Cloud(points: p, normals: nrm)
    }

    /// The cloud rotated by the row-major 3×3 matrix `r` (points and normals).
    public static func rotated(_ c: Cloud, by r: [Double]) -> Cloud {
        func apply(_ v: [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: v.count)
            for i in 0..<(v.count / 3) {
                for d in 0..<3 { out[i * 3 + d] = (0..<3).reduce(0.0) { $0 + r[d * 3 + $1] * v[i * 3 + $1] } }
            }
            return out
        }
        return Cloud(points: apply(c.points), normals: apply(c.normals))
    }
}
