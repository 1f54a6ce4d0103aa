import Tensors

/// The relative equivariance error of a function for a group (spec §8, the reference definition):
///
///     EE_G(f) = mean_{x,g} ‖f(ρ_in(g)x) − ρ_out(g)f(x)‖ / (‖f(ρ_in(g)x)‖ + ‖ρ_out(g)f(x)‖)
///
/// with `x ~ N(0, I)` probes and `g = exp(Σ z_i A_i) Π h_j^{b_j}` samples. EE lies in [0, 1]; pairs where
/// both norms vanish count as 0.
public enum RepEquivarianceError {
    /// Estimates `EE_G(f)`.
    ///
    /// - Parameters:
    ///   - function: maps a row-major batch `[n, ρ_in.dimension]` to `[n, ρ_out.dimension]`.
    ///   - probes: the number of inputs `x` (spec: 64).
    ///   - samples: the number of group elements `g` (spec: 16).
    ///   - rng: the seeded source of probes and elements.
    public static func estimate(group: ContinuousGroup, inRep: RepSum, outRep: RepSum, probes: Int = 64,
                                samples: Int = 16, using rng: inout RandomSource,
                                function: ([Double]) -> [Double]) -> Double {
        let dIn = inRep.dimension, dOut = outRep.dimension
        let x = (0..<(probes * dIn)).map { _ in rng.normal() }
        let fx = function(x)
        precondition(fx.count == probes * dOut, "function returned \(fx.count) values, expected \(probes)x\(dOut)")
        var total = 0.0
        for _ in 0..<samples {
            let g = group.sample(using: &rng)
            let fgx = function(inRep.act(g, on: x))
            let gfx = outRep.act(g, on: fx)
            for r in 0..<probes {
                var diff = 0.0, n1 = 0.0, n2 = 0.0
                for j in 0..<dOut {
                    let a = fgx[r * dOut + j], b = gfx[r * dOut + j]
                    diff += (a - b) * (a - b); n1 += a * a; n2 += b * b
                }
                let denominator = n1.squareRoot() + n2.squareRoot()
                if denominator > 0 { total += diff.squareRoot() / denominator }
            }
        }
        return total / Double(probes * samples)
    }
}
