import Autodiff
import NN
import Tensors

/// The kernel network of one layer: a SIREN MLP from chart coordinates to `C_in·C_out` kernel values.
///
/// ```
/// z ─ Linear(d, H) ─ sin(ω₀·) ─ [Linear(H, H) ─ sin(ω₀·)] × depth ─ Linear(H, C_in·C_out) ─ k(z)
/// ```
/// Initialisation (reference code): first weights `U(±1/d)`, bias `U(±1/√d)`; hidden weights `U(±√(6/H)/ω₀)`,
/// bias 0; last weights `U(±√(6/H)/√(fanIn))` with `fanIn = C_in·K²`, bias 0.
/// Evaluated once per forward pass on all `N·N·K²` (group conv) or `N·K²` (lifting) points as one batch.
final class SIRENKernel: ParameterContainer {
    let layers: [Linear]
    var omega: Float

    init(inputDimension: Int, hidden: Int, depth: Int, outputs: Int, fanIn: Int, omega: Float, name: String,
         rng: inout RandomSource) {
        var layers: [Linear] = []
        let first = Linear(inputDimension, hidden, name: "\(name).0", rng: &rng)
        first.weight.value = .randomUniform([inputDimension, hidden], in: Self.bound(1 / Double(inputDimension)), using: &rng)
        first.bias?.value = .randomUniform([hidden], in: Self.bound(1 / Double(inputDimension).squareRoot()), using: &rng)
        layers.append(first)
        for l in 0..<depth {
            let layer = Linear(hidden, hidden, name: "\(name).\(l + 1)", rng: &rng)
            layer.weight.value = .randomUniform([hidden, hidden], in: Self.bound((6 / Double(hidden)).squareRoot() / Double(omega)),
                                                using: &rng)
            layers.append(layer)
        }
        let last = Linear(hidden, outputs, name: "\(name).\(depth + 1)", rng: &rng)
        last.weight.value = .randomUniform([hidden, outputs],
                                           in: Self.bound((6 / Double(hidden)).squareRoot() / Double(fanIn).squareRoot()),
                                           using: &rng)
        layers.append(last)
        self.layers = layers
        self.omega = omega
    }

    static func bound(_ b: Double) -> ClosedRange<Double> { -b...b }

    var parameters: [Parameter] { layers.flatMap(\.parameters) }

    /// `[P, d] → [P, outputs]`.
    func callAsFunction(_ z: Variable<Float>) -> Variable<Float> {
        var h = z
        for (i, layer) in layers.enumerated() {
            h = layer(h)
            if i < layers.count - 1 { h = (h * omega).sin() }
        }
        return h
    }
}
