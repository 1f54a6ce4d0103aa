import Autodiff
import Datasets
import Session
import Symmetry
import Tensors

// MARK: - §12 panels: accuracy and gap, invariance meter, samples, ellipses, lifting kernels, sweep probe

extension LieGCNNExperiment {
    static let classNames = ["T-shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Boot"]

    /// The diagnostics panels.
    public func diagnostics() -> [Panel] {
        var panels: [Panel] = [accuracyPanel()]
        if let inv = lastInvariance {
            panels.append(.table(TablePanel(title: "invariance meter (250 test images)", columns: ["measure", "value"], rows: [
                ["rel. logit change, affine vs centred", String(format: "%.3f", inv.change)],
                ["resampling noise floor (two draws)", String(format: "%.3f", inv.noise)],
                ["prediction agreement", String(format: "%.1f%%", 100 * inv.agreement)],
            ])))
        }
        if !lastPerClass.isEmpty {
            panels.append(.table(TablePanel(title: "per-class accuracy, affine test set", columns: ["class", "accuracy"],
                                            rows: zip(Self.classNames, lastPerClass).map { [$0, String(format: "%.1f%%", 100 * $1)] })))
        }
        let samples = trainer.lastSamples
        if !samples.isEmpty {
            panels.append(.table(TablePanel(title: "current samples g_k", columns: ["g", "θ°", "stretch", "shear", "det"],
                                            rows: samples.enumerated().map { SampleDiagnostics.row($1, index: $0) })))
            panels.append(.text(title: "samples as g·(unit circle)", lines: SampleDiagnostics.ellipses(samples)))
        }
        if let heat = kernelHeatMaps() { panels.append(.images(heat)) }
        panels += probePanels()
        return panels
    }

    func accuracyPanel() -> Panel {
        var lines = ["eval  clean   affine  gap"]
        for (k, (c, a)) in zip(history.clean, history.affine).enumerated().suffix(8) {
            lines.append(String(format: "%4d  %5.1f%%  %5.1f%%  %5.1f pts", k + 1, 100 * c, 100 * a, 100 * (c - a)))
        }
        if history.clean.isEmpty { lines.append("(no evaluation yet)") }
        return .text(title: "clean vs affine accuracy (\(modelKind == .gcnn ? "G-CNN " + group.rawValue : "CNN"))", lines: lines)
    }

    /// Lifting-kernel heat maps: output channel 0 of the lifting SIREN on a 15×15 grid under each sample
    /// (the same filter, rotated and stretched); for the CNN its first-layer filters.
    func kernelHeatMaps() -> ImagePanel? {
        var images: [PanelImage] = []
        if let g = gcnn {
            let samples = trainer.lastSamples
            guard !samples.isEmpty else { return nil }
            let c = g.configuration
            let side = 15
            let grid = KernelGrid(lifting: samples, kernelSize: side, mask: c.mask, determinantFactors: c.determinantFactors)
            let values = trainer.inference { g.lifting.kernel(Variable(grid.coordinates)).value }
            let cols = values.shape[1]
            var maps: [[Float]] = []
            for i in 0..<samples.count {
                maps.append((0..<(side * side)).map { pq in
                    let row = i * side * side + pq
                    return grid.multipliers[row] * values.scalars[row * cols]
                })
            }
            let lo = maps.flatMap { $0 }.min() ?? 0, hi = maps.flatMap { $0 }.max() ?? 1
            for (i, m) in maps.enumerated() {
                images.append(PanelImage(label: "g\(i + 1)", width: side, height: side,
                                         pixels: m.map { ($0 - lo) / max(hi - lo, 1e-12) }))
            }
            return ImagePanel(title: "lifting kernel (channel 0) under each sample", images: images,
                              caption: "k(g_i⁻¹u) · mask · |det g_i|⁻¹ on [-1,1]², shared colour scale")
        }
        guard let cnn = trainer.model as? ConvBaseline else { return nil }
        let w = cnn.weights[0].value
        let k = w.shape[2]
        for o in 0..<min(8, w.shape[0]) {
            let px = Array(w.scalars[(o * k * k)..<((o + 1) * k * k)])
            let lo = px.min() ?? 0, hi = px.max() ?? 1
            images.append(PanelImage(label: "c\(o)", width: k, height: k, pixels: px.map { ($0 - lo) / max(hi - lo, 1e-12) }))
        }
        return ImagePanel(title: "first-layer CNN filters", images: images, caption: "free 5×5 weights (no sample axis)")
    }

    /// The sweep probe: one test image swept through rotation, isotropic scale and shear; the probability of
    /// its true class at each point (one fixed sample draw).
    func probePanels() -> [Panel] {
        let data = trainer.data
        guard data.testCount > 0 else { return [] }
        let source = data.testSources[0..<784]
        let label = data.testLabels[0]
        let rotations = stride(from: -45.0, through: 45.0, by: 7.5).map { $0 }
        let scales = stride(from: 0.6, through: 1.4, by: 0.1).map { $0 }
        let shears = stride(from: -0.5, through: 0.5, by: 0.125).map { $0 }
        var matrices: [[Double]] = rotations.map { AffineFashion.matrix(rotation: $0 * Double.pi / 180, shear: 0, scaleX: 1, scaleY: 1) }
        matrices += scales.map { AffineFashion.matrix(rotation: 0, shear: 0, scaleX: $0, scaleY: $0) }
        matrices += shears.map { AffineFashion.matrix(rotation: 0, shear: $0, scaleX: 1, scaleY: 1) }
        var pixels: [Float] = []
        for a in matrices {
            pixels += AffineFashionData.normalised(AffineFashion.render(source, matrix: a, centre: (19.5, 19.5)))
        }
        let x = AffineFashionData.padded(Tensor<Float>(shape: [matrices.count, 1, 40, 40], scalars: pixels),
                                         by: trainer.inputMargin)
        let draw = trainer.evaluationSamples(draws: 1, salt: 4)[0]
        let logits = trainer.inference { trainer.model.logits(Variable(x), samples: draw).value }
        let probs: [Double] = (0..<matrices.count).map { r in
            let row = (0..<10).map { Double(logits.scalars[r * 10 + $0]) }
            let m = row.max() ?? 0
            let e = row.map { Double.exp($0 - m) }
            return e[label] / e.reduce(0, +)
        }
        let name = "p(\(Self.classNames[label]))"
        let a = rotations.count, b = a + scales.count
        return [
            .curves(CurvePanel(title: "sweep probe: rotation (degrees) → \(name)",
                               curves: [.init(name: modelKind.rawValue, x: rotations, y: Array(probs[0..<a]))])),
            .curves(CurvePanel(title: "sweep probe: scale → \(name)",
                               curves: [.init(name: modelKind.rawValue, x: scales, y: Array(probs[a..<b]))])),
            .curves(CurvePanel(title: "sweep probe: shear → \(name)",
                               curves: [.init(name: modelKind.rawValue, x: shears, y: Array(probs[b...]))])),
        ]
    }
}
