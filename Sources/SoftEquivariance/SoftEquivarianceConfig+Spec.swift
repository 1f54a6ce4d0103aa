import Session
import Symmetry

extension SoftEquivarianceConfig {
    /// Reads a session spec (sections `data`, `model`, `training`, `method`), starting from the task's defaults.
    ///
    /// - Throws: `SpecError` naming the file, line, field and fix for every malformed or out-of-range value.
    public init(spec: SessionSpec) throws {
        let data = spec.section("data")
        let taskName = try data.string("name", default: "inertia", oneOf: Task.allCases.map(\.rawValue))
        let modelSection = spec.section("model")
        let kindName = try modelSection.string("kind", default: "per", oneOf: SoftModelKind.allCases.map(\.rawValue))
        self.init(task: Task(rawValue: taskName) ?? .inertia, model: SoftModelKind(rawValue: kindName) ?? .per,
                  seed: spec.seed)
        let groupNames = ContinuousGroup.all.map(\.name)
        // data
        trainCount = try data.int("train", default: trainCount, in: 1...1_000_000)
        validationCount = try data.int("validation", default: validationCount, in: 1...1_000_000)
        testCount = try data.int("test", default: testCount, in: 1...1_000_000)
        switch task {
        case .inertia:
            let axisName = try data.string("axis", default: "z", oneOf: ["x", "y", "z"])
            let c = try data.double("coefficient", default: -1, in: -100...100)
            axis = ["x", "y", "z"].firstIndex(of: axisName) ?? 2
            coefficient = c
            columnScales = (0..<3).map { $0 == axis ? 1 + c : 1 }
            if data.contains("diagonal") {
                let d = try data.doubles("diagonal", default: columnScales)
                guard d.count == 3 else { throw data.error("diagonal", "expected 3 numbers (the per-axis D of Y = I·D), found \(d.count)") }
                columnScales = d
            }
        case .cossim:
            cosSimVariant = try data.string("variant", default: cosSimVariant, oneOf: ["so3-scale", "so3", "scale", "none"])
            cosSimCoefficient = try data.double("coefficient", default: cosSimCoefficient, in: -100...100)
        case .motion:
            lanePull = try data.double("lanePull", default: lanePull, in: 0...10)
            verticalDamping = try data.double("verticalDamping", default: verticalDamping, in: 0...100)
        }
        // model
        let g = try modelSection.string("group", default: "O3", oneOf: groupNames)
        hardGroup = ContinuousGroup.named(g) ?? .o3
        let channels = try modelSection.doubles("channels", default: [Double(hidden.scalars), Double(hidden.vectors), Double(hidden.tensors)])
        guard channels.count == 3, channels.allSatisfy({ $0 >= 0 && $0 == $0.rounded() }), channels[0] >= 1, channels[1] >= 1 else {
            throw modelSection.error("channels", "expected three whole numbers [c_S, c_V, c_T] with c_S, c_V ≥ 1, e.g. [16, 10, 6]")
        }
        hidden = RepSum(scalars: Int(channels[0]), vectors: Int(channels[1]), tensors: Int(channels[2]))
        blocks = try modelSection.int("blocks", default: blocks, in: 1...16)
        let width = try modelSection.int("mlpWidth", default: 128, in: 1...4096)
        let depth = try modelSection.int("mlpDepth", default: 3, in: 1...16)
        mlpHidden = Array(repeating: width, count: depth)
        residualPenalty = try modelSection.double("residualPenalty", default: residualPenalty, in: 0...1e6)
        // training
        let training = spec.section("training")
        epochs = try training.int("epochs", default: epochs, in: 1...1_000_000)
        batchSize = try training.int("batch", default: batchSize, in: 1...trainCount)
        learningRate = try training.double("lr", default: learningRate, in: 1e-8...1)
        weightDecay = try training.double("wd", default: weightDecay, in: 0...1)
        clipNorm = try training.double("clip", default: clipNorm, in: 0...1e9)
        evaluationEvery = try training.int("evalEvery", default: evaluationEvery, in: 1...1_000_000)
        // method
        let method = spec.section("method")
        let names = try method.strings("groups", default: groups.map(\.name), oneOf: groupNames)
        guard !names.isEmpty else { throw method.error("groups", "list at least one candidate group, e.g. [O3, O2xy, O2yz, O2xz]") }
        groups = names.compactMap(ContinuousGroup.named)
        let ref = try method.string("reference", default: reference ?? "none", oneOf: groupNames + ["none"])
        reference = ref == "none" ? nil : ref
        lambda0 = try method.double("lambda0", default: lambda0, in: 0...1e6)
        exponent = try method.double("p", default: exponent, in: 0...20)
        adjustEpoch = try method.int("adjustEpoch", default: adjustEpoch, in: 1...epochs)
        if method.contains("window") { trackingWindow = try method.int("window", default: window, in: 1...adjustEpoch) }
        autoTune = try method.bool("autoTune", default: autoTune)
        includesBias = try method.bool("includeBias", default: includesBias)
        if method.contains("selectAfter") { selectAfter = try method.int("selectAfter", default: selectionStart, in: 0...epochs) }
        equivarianceProbes = try method.int("eeProbes", default: equivarianceProbes, in: 1...100_000)
        equivarianceSamples = try method.int("eeSamples", default: equivarianceSamples, in: 1...10_000)
        equivarianceEvery = try method.int("eeEvery", default: evaluationEvery, in: 1...1_000_000)
    }
}
