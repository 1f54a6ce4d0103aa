import Datasets
import Foundation
import Session
import Tensors

/// The GRAPH8c separation session: each step draws one more random initialisation of every model and
/// intersects the pairs it fails to separate (Puny et al. 2022, Table 2 protocol with `models` initialisations).
///
/// Spec: `data.nodes` (8), `model.fa_mode` (`exact` | `sampled`), `method.threshold` (L1, 0.001),
/// `training.models` (random initialisations = steps, 100 in the paper).
public final class GraphSeparationExperiment: Experiment {
    public static let kind = "frame-averaging-graphs"
    public static let summary = "GRAPH8c: non-isomorphic pairs FA-MLP / FA-GIN+ID / GIN fail to separate (Puny et al. 2022)"

    let bench: GraphSeparation
    let seed: UInt64
    let models: Int
    var sampled: Bool
    var threshold: Double
    var pairs: [GraphSeparation.Model: [(Int, Int)]] = [:]
    var initialisations = 0

    public init(spec: SessionSpec) throws {
        let d = spec.section("data"), m = spec.section("model"), t = spec.section("training"), me = spec.section("method")
        let nodes = try d.int("nodes", default: 8, in: 3...9)
        sampled = try m.string("fa_mode", default: "exact", oneOf: ["exact", "sampled"]) == "sampled"
        threshold = try me.double("threshold", default: 1e-3, in: 1e-12...1)
        models = try t.int("models", default: 100, in: 1...10_000)
        seed = spec.seed
        let graphs: [[Double]]
        do { graphs = try Graph8Catalog.connectedGraphs(nodes: nodes) } catch {
            throw d.error("nodes", "\(error)")
        }
        bench = GraphSeparation(graphs: graphs, nodes: nodes)
    }

    public var hyperparameters: [HyperparameterSpec] {
        [.choice(name: "fa_mode", symbol: "F", summary: "exact frame average or one sampled element (k = 1, the release)",
                 options: ["exact", "sampled"], selected: sampled ? "sampled" : "exact", isLive: false),
         HyperparameterSpec(name: "threshold", symbol: "δ", summary: "L1 distance below which a pair is not separated",
                            value: threshold, range: 1e-12...1, scale: .log, isLive: false)]
    }

    public func setHyperparameter(_ name: String, to value: Double) throws(ExperimentError) {
        _ = try checkedHyperparameter(name, value)
    }

    public var totalSteps: Int { models }

    public func step() throws -> [String: Double] {
        let s = seed &+ UInt64(initialisations) &* 1_000_003
        var out: [String: Double] = [:]
        for (i, model) in GraphSeparation.Model.allCases.enumerated() {
            let e = bench.embeddings(model, seed: s &+ UInt64(i), sampled: sampled && model != .gin)
            pairs[model] = GraphSeparation.unseparatedPairs(e, threshold: threshold, among: pairs[model])
            out["unseparated/\(model.rawValue)"] = Double(pairs[model]?.count ?? 0)
        }
        initialisations += 1
        out["loss"] = out["unseparated/FA-GIN+ID"] ?? 0
        return out
    }

    public func evaluate() throws -> [String: Double] {
        var out: [String: Double] = [:]
        for (k, v) in pairs { out["unseparated/\(k.rawValue)"] = Double(v.count) }
        return out
    }

    public func diagnostics() -> [Panel] {
        let sizes = bench.frames.map(\.size)
        let trivial = sizes.filter { $0 == 1 }.count
        let meanLog2 = bench.frames.reduce(0.0) { $0 + $1.log2Size } / Double(Swift.max(sizes.count, 1))
        var rows = GraphSeparation.Model.allCases.map { m in
            [m.rawValue, pairs[m].map { String($0.count) } ?? "-", m == .gin ? "hundreds (1-WL bound)" : "0"]
        }
        rows.append(["ChebNet (quoted)", "-", "44"])
        rows.append(["PPGN, GNNML3 (quoted)", "-", "0"])
        var hist = [Double](repeating: 0, count: 17)
        for f in bench.frames { hist[Swift.min(16, Int(f.log2Size.rounded()))] += 1 }
        return [
            .table(TablePanel(title: "GRAPH8c: pairs not separated after \(initialisations) initialisations",
                              columns: ["model", "measured", "paper"], rows: rows)),
            .text(title: "spectral frames", lines: [
                "\(bench.graphs.count) graphs; |F| = 1 for \(trivial) (paper measurement 3070)",
                String(format: "mean log2|F| = %.2f, max |F| = %.0f; mode %@", meanLog2, sizes.max() ?? 0, sampled ? "sampled k = 1" : "exact"),
            ]),
            .curves(CurvePanel(title: "frame size histogram (graphs per round(log2|F|))",
                               curves: [.init(name: "graphs", x: (0...16).map(Double.init), y: hist)])),
        ]
    }

    public func saveState() throws -> ExperimentState {
        var state = ExperimentState()
        state.values["step"] = String(initialisations)
        for (k, v) in pairs { state.values["pairs.\(k.rawValue)"] = v.map { "\($0.0):\($0.1)" }.joined(separator: ",") }
        return state
    }

    public func restoreState(_ state: ExperimentState) throws {
        initialisations = try state.int("step")
        pairs = [:]
        for m in GraphSeparation.Model.allCases {
            guard let text = state.values["pairs.\(m.rawValue)"] else { continue }
            pairs[m] = text.split(separator: ",").compactMap { item in
                let p = item.split(separator: ":").compactMap { Int($0) }
                return p.count == 2 ? (p[0], p[1]) : nil
            }
        }
    }
}
