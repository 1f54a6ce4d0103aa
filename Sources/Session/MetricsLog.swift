import Foundation

/// Reads a run's `metrics.jsonl` back: as metric series (for a resume) or as a tidy CSV (`equilab export`).
public enum MetricsLog {
    /// One parsed line: the step, the time and the metrics (null values become NaN).
    public struct Line: Sendable, Equatable {
        /// The step, the run time in seconds and the metrics in name order.
        public var step: Int
        public var time: Double
        public var metrics: [(name: String, value: Double)]

        /// Equal steps, times and metrics (NaN equals NaN here).
        public static func == (a: Line, b: Line) -> Bool {
            a.step == b.step && a.time == b.time && a.metrics.map(\.name) == b.metrics.map(\.name)
                && zip(a.metrics, b.metrics).allSatisfy { $0.value == $1.value || ($0.value.isNaN && $1.value.isNaN) }
        }
    }

    /// Parses the file's complete lines, up to `upTo` bytes if given (a torn last line is ignored).
    public static func lines(fromFile path: String, upTo limit: Int? = nil) -> [Line] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let bytes = limit.map { data.prefix($0) } ?? data
        var out: [Line] = []
        for raw in bytes.split(separator: UInt8(ascii: "\n")) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(raw)) as? [String: Any],
                  let step = (object["step"] as? NSNumber)?.intValue else { continue }
            let time = (object["time"] as? NSNumber)?.doubleValue ?? 0
            var metrics: [(String, Double)] = []
            for key in object.keys.sorted() where key != "step" && key != "time" {
                metrics.append((key, (object[key] as? NSNumber)?.doubleValue ?? .nan))
            }
            out.append(Line(step: step, time: time, metrics: metrics))
        }
        return out
    }

    /// Rebuilds metric series from the file.
    public static func series(fromFile path: String, upTo limit: Int? = nil) -> [String: MetricSeries] {
        var series: [String: MetricSeries] = [:]
        for line in lines(fromFile: path, upTo: limit) {
            for (name, value) in line.metrics {
                series[name, default: MetricSeries(name: name)].append(step: line.step, value: value, time: line.time)
            }
        }
        return series
    }

    /// A tidy CSV: header `step,time,metric,value`, one row per metric per line, in file order.
    public static func csv(fromFile path: String) -> String {
        var out = "step,time,metric,value\n"
        for line in lines(fromFile: path) {
            for (name, value) in line.metrics {
                let quoted = name.contains(",") || name.contains("\"") ? "\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\"" : name
                out += "\(line.step),\(line.time),\(quoted),\(value.isFinite ? "\(value)" : "nan")\n"
            }
        }
        return out
    }
}
