import Synchronization

/// Records which keys of a spec an experiment read, so unread keys can be reported as unknown (likely typos).
public final class SpecUsage: Sendable {
    private let read = Mutex<Set<String>>([])

    public init() {}

    /// Marks a dotted path as read.
    public func markRead(_ path: String) { read.withLock { _ = $0.insert(path) } }

    /// Every dotted path read so far.
    public var readPaths: Set<String> { read.withLock { $0 } }
}

/// Typed, validated access to one section (mapping) of a session spec.
///
/// Every accessor takes a default (used when the key is absent) and, for numbers, the allowed range; a value
/// of the wrong type or outside the range throws a `SpecError` naming the file, line, field and fix. Each key
/// read is recorded, so after an experiment is built the engine can flag keys nobody read and suggest the
/// nearest valid one.
///
/// ```swift
/// let training = spec.section("training")
/// let lr = try training.double("lr", default: 1e-3, in: 1e-6...1)
/// let model = try spec.section("model").string("kind", default: "emlp", oneOf: ["mlp", "emlp"])
/// ```
public struct SpecSection: Sendable {
    /// The spec file (for messages).
    public let file: String
    /// The dotted path of this section (`"training"`, `"method.groups"`).
    public let path: String
    /// The mapping, or `nil` when the section is absent (then every accessor returns its default).
    public let node: SpecNode?
    /// Shared read-tracking.
    public let usage: SpecUsage

    public init(file: String, path: String, node: SpecNode?, usage: SpecUsage) {
        self.file = file
        self.path = path
        self.node = node
        self.usage = usage
    }

    func field(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func scalar(_ key: String) throws(SpecError) -> (String, Int)? {
        usage.markRead(field(key))
        guard let node else { return nil }
        try requireMapping(node)
        guard let value = node[key] else { return nil }
        guard case .scalar(let text, let line) = value else {
            throw SpecError(file: file, line: value.line, field: field(key), message: "expected a single value, found a list or mapping")
        }
        return (text, line)
    }

    /// A section given as a single value or a list (`training: 5`) cannot hold keys.
    func requireMapping(_ node: SpecNode) throws(SpecError) {
        guard case .mapping = node else {
            throw SpecError(file: file, line: node.line, field: path.isEmpty ? "(document)" : path,
                            message: "expected a section of `key: value` lines, found a single value or a list")
        }
    }

    /// Whether the key is present.
    public func contains(_ key: String) -> Bool { node?[key] != nil }

    /// A nested section.
    public func section(_ key: String) -> SpecSection {
        usage.markRead(field(key))
        return SpecSection(file: file, path: field(key), node: node?[key], usage: usage)
    }

    /// A real number in `range`.
    public func double(_ key: String, default value: Double, in range: ClosedRange<Double>? = nil) throws(SpecError) -> Double {
        guard let (text, line) = try scalar(key) else { return value }
        guard let v = Double(text), v.isFinite else {
            throw SpecError(file: file, line: line, field: field(key), message: "expected a number, found '\(text)'")
        }
        if let range, !range.contains(v) {
            throw SpecError(file: file, line: line, field: field(key),
                            message: "\(v) is outside the allowed range \(range.lowerBound)…\(range.upperBound)")
        }
        return v
    }

    /// A whole number in `range`.
    public func int(_ key: String, default value: Int, in range: ClosedRange<Int>? = nil) throws(SpecError) -> Int {
        guard let (text, line) = try scalar(key) else { return value }
        guard let v = Int(text) else {
            throw SpecError(file: file, line: line, field: field(key), message: "expected a whole number, found '\(text)'")
        }
        if let range, !range.contains(v) {
            throw SpecError(file: file, line: line, field: field(key),
                            message: "\(v) is outside the allowed range \(range.lowerBound)…\(range.upperBound)")
        }
        return v
    }

    /// A string, optionally restricted to `options` (a near miss gets a "did you mean").
    public func string(_ key: String, default value: String, oneOf options: [String]? = nil) throws(SpecError) -> String {
        guard let (text, line) = try scalar(key) else { return value }
        if let options, !options.contains(text) {
            let hint = nearest(text, in: options).map { "; did you mean '\($0)'?" } ?? ""
            throw SpecError(file: file, line: line, field: field(key),
                            message: "'\(text)' is not one of \(options.joined(separator: ", "))\(hint)")
        }
        return text
    }

    /// A boolean (`true/false`, `yes/no`, `on/off`).
    public func bool(_ key: String, default value: Bool) throws(SpecError) -> Bool {
        guard let (text, line) = try scalar(key) else { return value }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw SpecError(file: file, line: line, field: field(key), message: "expected true or false, found '\(text)'")
        }
    }

    /// A list of strings (a YAML sequence, or one scalar as a one-element list).
    public func strings(_ key: String, default value: [String], oneOf options: [String]? = nil) throws(SpecError) -> [String] {
        usage.markRead(field(key))
        if let section = self.node { try requireMapping(section) }
        guard let node = node?[key] else { return value }
        let items: [(String, Int)]
        switch node {
        case .scalar(let t, let l): items = [(t, l)]
        case .sequence(let nodes, _):
            var out: [(String, Int)] = []
            for n in nodes {
                guard case .scalar(let t, let l) = n else {
                    throw SpecError(file: file, line: n.line, field: field(key), message: "expected a list of values")
                }
                out.append((t, l))
            }
            items = out
        case .mapping(_, let l):
            throw SpecError(file: file, line: l, field: field(key), message: "expected a list, found a mapping")
        }
        if let options {
            for (t, l) in items where !options.contains(t) {
                let hint = nearest(t, in: options).map { "; did you mean '\($0)'?" } ?? ""
                throw SpecError(file: file, line: l, field: field(key),
                                message: "'\(t)' is not one of \(options.joined(separator: ", "))\(hint)")
            }
        }
        return items.map(\.0)
    }

    /// A list of numbers.
    public func doubles(_ key: String, default value: [Double]) throws(SpecError) -> [Double] {
        let texts = try strings(key, default: value.map { "\($0)" })
        var out: [Double] = []
        for t in texts {
            guard let v = Double(t) else {
                throw SpecError(file: file, line: node?[key]?.line ?? 0, field: field(key), message: "expected numbers, found '\(t)'")
            }
            out.append(v)
        }
        return out
    }

    /// A `SpecError` at a key of this section (for cross-field checks).
    public func error(_ key: String, _ message: String) -> SpecError {
        SpecError(file: file, line: node?[key]?.line ?? node?.line ?? 0, field: field(key), message: message)
    }
}
