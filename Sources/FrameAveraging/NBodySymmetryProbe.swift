import Tensors

/// The live symmetry monitor of the n-body session: equivariance errors of a model on a fixed probe batch.
public enum NBodySymmetryProbe {
    /// `max |f(gX) − g·f(X)|` for one sampled `g`: a random O(3) element with translation (E(3) error) or a
    /// random relabelling of the particles (permutation error).
    ///
    /// - Returns: `(e3, permutation)` maximal absolute errors over every coordinate of the batch.
    public static func errors(_ model: any NBodyModel, on batch: NBodyBatch, seed: UInt64) -> (e3: Double, permutation: Double) {
        var rng = RandomSource(seed: seed)
        let r = randomRotation(proper: false, using: &rng)
        let t = (0..<3).map { _ in 2 * rng.normal() }
        let perm = rng.permutation(batch.bodies)
        let identity: [Double] = [1, 0, 0, 0, 1, 0, 0, 0, 1]
        var mrng = RandomSource(seed: seed &+ 1)
        let (y, _) = model.predict(batch, training: false, rng: &mrng)
        let base = NBodyBatch(systems: batch.systems, bodies: batch.bodies, charges: batch.charges,
                              positions: y.value.scalars.map { Double($0) }, velocities: batch.velocities,
                              targets: batch.targets)
        func error(rotation: [Double], translation: [Double], permutation: [Int]?) -> Double {
            let moved = batch.transformed(rotation: rotation, translation: translation, permutation: permutation)
            let (y2, _) = model.predict(moved, training: false, rng: &mrng)
            let expected = base.transformed(rotation: rotation, translation: translation, permutation: permutation)
            return zip(expected.positions, y2.value.scalars).reduce(0.0) { Swift.max($0, Swift.abs($1.0 - Double($1.1))) }
        }
        return (error(rotation: r, translation: t, permutation: nil),
                error(rotation: identity, translation: [0, 0, 0], permutation: perm))
    }
}
