import Tensors

/// Haar-random rotations of 3-space as row-major 3×3 matrices (`[Double]` of 9), and their action on points.
public enum SO3Sampling {
    /// A uniformly random rotation: a normalised standard-normal quaternion (Shoemake 1992).
    public static func randomRotation(using rng: inout RandomSource) -> [Double] {
        var q = [rng.normal(), rng.normal(), rng.normal(), rng.normal()]
        let n = q.reduce(0) { $0 + $1 * $1 }.squareRoot()
        q = q.map { $0 / n }
        return rotationMatrix(quaternion: q)
    }

    /// The rotation of a unit quaternion `(w, x, y, z)`.
    public static func rotationMatrix(quaternion q: [Double]) -> [Double] {
        let (w, x, y, z) = (q[0], q[1], q[2], q[3])
        return [1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
                2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
                2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)]
    }

    /// `R p` for a point `p` of three coordinates.
    public static func apply(_ r: [Double], to p: [Double]) -> [Double] {
        [r[0] * p[0] + r[1] * p[1] + r[2] * p[2],
         r[3] * p[0] + r[4] * p[1] + r[5] * p[2],
         r[6] * p[0] + r[7] * p[1] + r[8] * p[2]]
    }
}
