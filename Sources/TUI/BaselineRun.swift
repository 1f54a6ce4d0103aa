import Foundation
import Session

/// Another run's metrics, read from its `metrics.jsonl`, drawn as a faint overlay on the charts.
///
/// The reader is tolerant, since the file is written by the engine and may be cut short by a crash: each line is
/// one JSON object with at least `"step"`; metrics come from a `"metrics"` object, from a `"name"`/`"value"` pair,
/// or from the line's other numeric fields. `null` and the strings `"nan"`, `"inf"`, `"-inf"` read as non-finite
/// values; lines that are not JSON objects or lack a step are skipped and counted.
public struct BaselineRun: Sendable, Equatable {
    /// The run directory it came from (shown in legends as its last path component).
    public var directory: String
    /// Series by metric name.
    public var series: [String: MetricSeries]
    /// Lines that could not be read.
    public var skippedLines: Int

    /// Fields that describe the line rather than a metric.
    static let reservedKeys: Set<String> = ["step", "time", "wall", "wallTime", "elapsed", "epoch", "kind", "split",
                                            "phase", "name", "value", "metrics", "version", "timestamp"]

    /// Reads `directory/metrics.jsonl`.
    ///
    /// - Throws: `BaselineError.unreadable` naming the file and the fix when it cannot be read.
    public init(directory: String) throws(BaselineError) {
        let path = (directory as NSString).appendingPathComponent("metrics.jsonl")
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { throw .unreadable(path: path) }
        self.init(directory: directory, jsonLines: text)
    }

    /// Parses JSON-lines text (the file's content).
    public init(directory: String, jsonLines text: String) {
        self.directory = directory
        var series: [String: MetricSeries] = [:]
        var skipped = 0
        for line in text.split(whereSeparator: \.isNewline) where !line.allSatisfy(\.isWhitespace) {
            guard let data = line.data(using: .utf8),
                  let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
                  let step = BaselineRun.number(object["step"]).flatMap({ $0.isFinite ? Int($0) : nil })
            else { skipped += 1; continue }
            let time = ["time", "wall", "wallTime", "elapsed"].lazy.compactMap { BaselineRun.number(object[$0]) }.first
                ?? Double(step)
            var metrics: [(String, Double)] = []
            if let nested = object["metrics"] as? [String: Any] {
                metrics = nested.compactMap { k, v in BaselineRun.number(v).map { (k, $0) } }
            } else if let name = object["name"] as? String, let v = BaselineRun.number(object["value"]) {
                metrics = [(name, v)]
            } else {
                metrics = object.compactMap { k, v in
                    BaselineRun.reservedKeys.contains(k) ? nil : BaselineRun.number(v).map { (k, $0) }
                }
            }
            let prefix = (object["split"] as? String ?? object["kind"] as? String) == "eval" ? "eval/" : ""
            for (k, v) in metrics {
                let name = prefix.isEmpty || k.hasPrefix(prefix) ? k : prefix + k
                series[name, default: MetricSeries(name: name)].append(step: step, value: v, time: time)
            }
        }
        self.series = series
        skippedLines = skipped
    }

    /// A short label for legends.
    public var label: String { (directory as NSString).lastPathComponent }

    /// A JSON value as a number: numbers, booleans excluded, `null`/"nan"/"inf" as non-finite.
    static func number(_ value: Any?) -> Double? {
        switch value {
        case let n as NSNumber:
            if String(cString: n.objCType) == "c" { return nil }  // JSON true/false
            return n.doubleValue
        case is NSNull: return .nan
        case let s as String:
            switch s.lowercased() {
            case "nan": return .nan
            case "inf", "+inf", "infinity": return .infinity
            case "-inf", "-infinity": return -.infinity
            default: return nil
            }
        default: return nil
        }
    }
}

/// Errors of the front end's own inputs.
public enum BaselineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The baseline's metrics file is missing or unreadable.
    case unreadable(path: String)

    public var description: String {
        switch self {
        case .unreadable(let path):
            return "cannot read the baseline metrics \(path); pass the directory of a finished run (it holds metrics.jsonl)"
        }
    }
}
