import Autodiff
import Session
import Symmetry
import Tensors

extension GauntTrainingCore {
    /// Header, benchmark curve, correctness checks and learned per-degree weights (spec §10).
    func panels() -> [Panel] {
        let L = network.maxDegree, tables = GauntTables.shared(L, L, L)
        let header = TablePanel(title: "Gaunt product", columns: ["quantity", "value"], rows: [
            ["L1, L2 -> Lout", "\(L), \(L) -> \(L)"], ["grid N", "\(tables.gridSize)"],
            ["channels", "\(network.channels)"], ["batch", "\(batch)"], ["precision", "float32 (checks in float64)"],
            ["threads", "\(BLAS.threadCount)"], ["method", product.method.rawValue],
            ["FFTW plans", "FFTW_ESTIMATE, made once per shape"],
            ["cached tables", "y nnz \(tables.fourierNonzeros), Z nnz \(tables.projectionNonzeros)"],
        ])
        var panels: [Panel] = [.table(header)]
        let curves = GauntMethod.gauntMethods.compactMap { m -> CurvePanel.Curve? in
            let p = benchmarkPoints.filter { $0.method == m }
            return p.isEmpty ? nil : .init(name: m.rawValue, x: p.map { Double($0.degree) }, y: p.map(\.microseconds))
        }
        panels.append(.curves(CurvePanel(title: "µs per product vs L (float, batch \(benchmarkBatch))", curves: curves,
                                         logX: true, logY: true)))
        let fft = benchmarkPoints.filter { $0.method == .fft }, sparse = benchmarkPoints.filter { $0.method == .sparse }
        let dense = benchmarkPoints.filter { $0.method == .dense }
        var lines = ["slopes on L ≥ 4: fft \(fmt(GauntBenchmark.slope(fft, in: 4...99))), sparse "
                     + "\(fmt(GauntBenchmark.slope(sparse, in: 4...99))), dense \(fmt(GauntBenchmark.slope(dense, in: 4...99)))",
                     "crossover vs sparse: \(GauntBenchmark.crossover(fft, sparse).map { "L=\($0)" } ?? "not yet")"]
        lines.append(benchmarkQueue.isEmpty ? "benchmark finished" : "benchmark: \(benchmarkQueue.count) points to go")
        panels.append(.text(title: "benchmark", lines: lines))
        refreshCorrectness()
        panels.append(.table(TablePanel(title: "correctness (float64)", columns: ["check", "error", "threshold", "status"],
            rows: correctness.map { [$0.0, String(format: "%.2e", $0.1), String(format: "%.0e", $0.2), $0.1 <= $0.2 ? "ok" : "FAIL"] })))
        var rows: [[String]] = []
        for i in 0..<network.layerCount {
            let w = network.degreeWeights(layer: i)
            for l in 0...L {
                rows.append(["layer \(i)", "l=\(l)", fmt(w.alpha[l]), fmt(w.beta[l]), fmt(w.gamma[l])])
            }
        }
        panels.append(.table(TablePanel(title: "learned per-degree weights (channel mean)",
                                        columns: ["layer", "degree", "alpha_l", "beta_l", "gamma_l"], rows: rows)))
        return panels
    }

    func fmt(_ v: Double) -> String { v.isFinite ? String(format: "%.3g", v) : "–" }

    /// Fresh checks at the model's degree: vs quadrature, a random rotation, inversion, a gradient check.
    func refreshCorrectness() {
        let L = network.maxDegree, k = (L + 1) * (L + 1)
        var r = RandomSource(seed: UInt64(stepCount) &+ 99)
        let x = Tensor<Double>.randomNormal([1, k], using: &r), y = Tensor<Double>.randomNormal([1, k], using: &r)
        let checked: GauntMethod = productDouble.method == .cg ? .dense : productDouble.method   // cg is no Gaunt product
        let op = GauntProductOperator<Double>(L, L, outputDegree: 2 * L, method: checked)
        let z = op.forward(x, y).scalars
        let scale = 1 + x.scalars.map { $0 * $0 }.reduce(0, +).squareRoot() * y.scalars.map { $0 * $0 }.reduce(0, +).squareRoot()
        // quadrature truth
        let rule = SphereQuadrature(bandLimit: 4 * L)
        var truth = [Double](repeating: 0, count: z.count)
        for (q, p) in rule.points.enumerated() {
            let ys = SphericalHarmonics.evaluateUnnormalised(maxDegree: 2 * L, x: p[0], y: p[1], z: p[2])
            var fx = 0.0, fy = 0.0
            for a in 0..<k { fx += x.scalars[a] * ys[a]; fy += y.scalars[a] * ys[a] }
            for c in 0..<z.count { truth[c] += rule.weights[q] * fx * fy * ys[c] }
        }
        let quad = zip(z, truth).map { abs($0 - $1) }.max() ?? 0
        let d = WignerD.blocks(maxDegree: 2 * L, rotation: SO3Sampling.randomRotation(using: &r))
        let lhs = op.forward(WignerD.apply(d, to: x), WignerD.apply(d, to: y)), rhs = WignerD.apply(d, to: op.forward(x, y))
        let equi = zip(lhs.scalars, rhs.scalars).map { abs($0 - $1) }.max() ?? 0
        let par: (Tensor<Double>) -> Tensor<Double> = { t in
            Tensor(shape: t.shape, scalars: t.scalars.enumerated().map {
                SphericalHarmonics.degree(ofIndex: $0.offset % t.shape[1]) % 2 == 0 ? $0.element : -$0.element })
        }
        let inv = zip(op.forward(par(x), par(y)).scalars, par(op.forward(x, y)).scalars).map { abs($0 - $1) }.max() ?? 0
        let small = GauntProductOperator<Double>(min(L, 2), min(L, 2), outputDegree: min(L, 2), method: productDouble.method)  // cg: checks its own VJP
        let kk = (min(L, 2) + 1) * (min(L, 2) + 1)
        let probe = Tensor<Double>.randomNormal([1, kk], using: &r)
        let grad = GradientCheck.maxError(at: [.randomNormal([1, kk], using: &r), .randomNormal([1, kk], using: &r)]) {
            small($0[0], $0[1]) * Variable(probe)
        }
        correctness = [("max error vs quadrature / (1+|x||y|)", quad / scale, 1e-11),
                       ("equivariance, fresh rotation", equi / scale, 1e-10),
                       ("inversion parity", inv / scale, 1e-10), ("gradient check (rel.)", grad, 1e-6)]
    }
}
