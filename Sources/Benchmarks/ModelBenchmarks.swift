import Autodiff
import NN
import Tensors

/// Training-step benchmarks: an MLP, a small CNN and a message-passing GNN, each against its GEMMs alone.
enum ModelBenchmarks {
    /// MLP 784-256-256-10 (ReLU), batch 128, cross-entropy, Adam: forward, backward and update.
    static func mlp() -> BenchmarkResult {
        var rng = RandomSource(seed: 2)
        let batch = 128
        let model = MLP(sizes: [784, 256, 256, 10], activation: .relu, name: "mlp", rng: &rng)
        let adam = Adam(learningRate: 1e-3)
        let x = Tensor<Float>.randomUniform([batch, 784], using: &rng)
        let labels = (0..<batch).map { _ in rng.int(below: 10) }
        let params = model.parameters
        var loss: Float = 0
        let step = {
            model.zeroGradients()
            let l = model(Variable(x)).crossEntropy(labels: labels)
            l.backward()
            adam.update(params)
            loss = l.value.scalar
        }
        let replay = GEMMReplay([
            .init(m: batch, n: 256, k: 784), .init(m: batch, n: 256, k: 256), .init(m: batch, n: 10, k: 256),
            .init(m: 256, n: 10, k: batch, transposeA: true), .init(m: batch, n: 256, k: 10, transposeB: true),
            .init(m: 256, n: 256, k: batch, transposeA: true), .init(m: batch, n: 256, k: 256, transposeB: true),
            .init(m: 784, n: 256, k: batch, transposeA: true),
        ])
        return report(suite: "mlp", name: "MLP 784-256-256-10, batch 128, Adam", step: step, replay: replay,
                      loss: { loss })
    }

    /// CNN: conv3x3 1→16 (pad 1), ReLU, conv3x3 16→32 (pad 1), ReLU, linear 32·28·28→10; 28×28 input, batch 64.
    static func cnn() -> BenchmarkResult {
        var rng = RandomSource(seed: 3)
        let batch = 64
        let conv1 = Conv2d(1, 16, kernelSize: 3, padding: 1, activation: .relu, name: "conv1", rng: &rng)
        let conv2 = Conv2d(16, 32, kernelSize: 3, padding: 1, activation: .relu, name: "conv2", rng: &rng)
        let head = Linear(32 * 28 * 28, 10, name: "head", rng: &rng)
        let params = conv1.parameters + conv2.parameters + head.parameters
        let adam = Adam(learningRate: 1e-3)
        let x = Tensor<Float>.randomUniform([batch, 1, 28, 28], using: &rng)
        let labels = (0..<batch).map { _ in rng.int(below: 10) }
        var loss: Float = 0
        let step = {
            for p in params { p.zeroGradient() }
            let h = conv2(conv1(Variable(x))).reshaped([batch, 32 * 28 * 28])
            let l = head(h).crossEntropy(labels: labels)
            l.backward()
            adam.update(params)
            loss = l.value.scalar
        }
        let pix = 28 * 28
        let replay = GEMMReplay([
            .init(m: 16, n: pix, k: 9, count: batch), .init(m: 32, n: pix, k: 144, count: batch),
            .init(m: batch, n: 10, k: 32 * pix),
            .init(m: 32 * pix, n: 10, k: batch, transposeA: true), .init(m: batch, n: 32 * pix, k: 10, transposeB: true),
            .init(m: 32, n: 144, k: pix, transposeB: true, count: batch),
            .init(m: 144, n: pix, k: 32, transposeA: true, count: batch),
            .init(m: 16, n: 9, k: pix, transposeB: true, count: batch),
        ])
        return report(suite: "cnn", name: "CNN conv16-conv32-linear, 28x28, batch 64, Adam", step: step,
                      replay: replay, loss: { loss })
    }

    /// GNN: 4 message-passing layers on 100 complete graphs of 5 nodes (2000 directed edges), hidden 64.
    ///
    /// Layer: `m_e = silu([h_src, h_dst]·W_m + b_m)`, `a_i = Σ_{e→i} m_e` (scatter-add), `h ← h + silu([h, a]·W_u + b_u)`.
    /// Readout: per-graph sum → linear → MSE against a per-graph target; Adam.
    static func gnn() -> BenchmarkResult {
        var rng = RandomSource(seed: 4)
        let graphs = 100, nodesPerGraph = 5, hidden = 64
        let nodes = graphs * nodesPerGraph
        var src: [Int] = [], dst: [Int] = []
        for g in 0..<graphs { for i in 0..<nodesPerGraph { for j in 0..<nodesPerGraph where i != j {
            src.append(g * nodesPerGraph + i); dst.append(g * nodesPerGraph + j)
        } } }
        let graphOf = (0..<nodes).map { $0 / nodesPerGraph }
        let positions = Tensor<Float>.randomNormal([nodes, 3], using: &rng)
        let target = Tensor<Float>.randomNormal([graphs, 1], using: &rng)
        let embed = Linear(3, hidden, name: "embed", rng: &rng)
        let messages = (0..<4).map { Linear(2 * hidden, hidden, name: "layer\($0).message", rng: &rng) }
        let updates = (0..<4).map { Linear(2 * hidden, hidden, name: "layer\($0).update", rng: &rng) }
        let readout = Linear(hidden, 1, name: "readout", rng: &rng)
        let params = embed.parameters + messages.flatMap(\.parameters) + updates.flatMap(\.parameters) + readout.parameters
        let adam = Adam(learningRate: 1e-3)
        var loss: Float = 0
        let step = {
            for p in params { p.zeroGradient() }
            var h = embed(Variable(positions))
            for l in 0..<4 {
                let pair = Variable.concatenate([h.gatherRows(src), h.gatherRows(dst)], axis: 1)
                let m = messages[l](pair).silu()
                let a = m.scatterAddRows(dst, rowCount: nodes)
                h = h + updates[l](Variable.concatenate([h, a], axis: 1)).silu()
            }
            let pooled = h.scatterAddRows(graphOf, rowCount: graphs)
            let l = readout(pooled).meanSquaredError(to: target)
            l.backward()
            adam.update(params)
            loss = l.value.scalar
        }
        let e = src.count
        var shapes: [GEMMReplay.Shape] = [.init(m: nodes, n: hidden, k: 3), .init(m: 3, n: hidden, k: nodes, transposeA: true)]
        for _ in 0..<4 {
            shapes += [
                .init(m: e, n: hidden, k: 2 * hidden), .init(m: 2 * hidden, n: hidden, k: e, transposeA: true),
                .init(m: e, n: 2 * hidden, k: hidden, transposeB: true),
                .init(m: nodes, n: hidden, k: 2 * hidden), .init(m: 2 * hidden, n: hidden, k: nodes, transposeA: true),
                .init(m: nodes, n: 2 * hidden, k: hidden, transposeB: true),
            ]
        }
        shapes += [.init(m: graphs, n: 1, k: hidden), .init(m: hidden, n: 1, k: graphs, transposeA: true),
                   .init(m: graphs, n: hidden, k: 1, transposeB: true)]
        return report(suite: "gnn", name: "GNN 4 layers, 100 x K5 graphs, hidden 64, Adam", step: step,
                      replay: GEMMReplay(shapes), loss: { loss })
    }

    static func report(suite: String, name: String, step: @escaping () -> Void, replay: GEMMReplay,
                       loss: () -> Float) -> BenchmarkResult {
        let (cand, baseline) = compare(warmup: 3, budget: 4, candidate: step, baseline: replay.run)
        let base = baseline ?? cand
        let overhead = cand.median / base.median, cpuOverhead = cand.cpuMedian / base.cpuMedian
        let finite = loss().isFinite
        print("\(suite): \(name): step \(formatTime(cand.median)) (±\(pct(cand.relativeSpread))), "
              + "\(String(format: "%.1f", 1 / cand.median)) steps/s; GEMMs alone \(formatTime(base.median)) "
              + "(±\(pct(base.relativeSpread))); step / GEMMs = \(fmt(overhead)); CPU time: step \(formatTime(cand.cpuMedian)), "
              + "GEMMs \(formatTime(base.cpuMedian)), step / GEMMs = \(fmt(cpuOverhead))\(finite ? "" : " (loss not finite!)")")
        return BenchmarkResult(
            suite: suite, name: name, candidate: cand, baseline: base, throughputRatio: base.median / cand.median,
            cpuThroughputRatio: base.cpuMedian / cand.cpuMedian,
            figures: ["stepsPerSecond": 1 / cand.median, "stepsPerCPUSecond": 1 / cand.cpuMedian,
                      "stepOverGEMMs": overhead, "cpuStepOverGEMMs": cpuOverhead,
                      "gemmGFLOPs": replay.flops / base.cpuMedian / 1e9, "finalLoss": Double(loss())])
    }
}
