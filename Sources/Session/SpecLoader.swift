import Foundation
import Yams

/// Reads session specs (YAML) into `SessionSpec`s, with every error naming the file, line, field and fix.
///
/// ```
///  file ──read──▶ text ──Yams.compose──▶ Node (with marks) ──▶ SpecNode ──overrides──▶ header check ──▶ SessionSpec
/// ```
///
/// The header holds `name`, `kind`, `seed` and `summary`; every other top-level key is a section the experiment
/// reads through `SessionSpec.section(_:)`. After the experiment is built, `SessionSpec.checkUnknownKeys()`
/// reports keys nobody read (usually typos) with the nearest key that was read.
///
/// ```swift
/// let spec = try SpecLoader.load(path: "sessions/fashion-mlp.yaml",
///                                overrides: [try SpecOverride("training.lr=0.01")],
///                                knownKinds: ["fashion-mlp"])
/// ```
public enum SpecLoader {
    /// The top-level keys every spec may carry besides its sections.
    public static let headerKeys = ["name", "kind", "seed", "summary"]

    /// Reads and parses a spec file.
    ///
    /// - Parameters:
    ///   - path: the YAML file.
    ///   - overrides: `--set` values applied to the tree before the header is read.
    ///   - knownKinds: the registered experiment kinds (an unknown `kind` lists them).
    /// - Throws: `SpecError` naming the file, line and field.
    public static func load(path: String, overrides: [SpecOverride] = [], knownKinds: [String]) throws(SpecError) -> SessionSpec {
        guard FileManager.default.fileExists(atPath: path) else {
            throw SpecError(file: path, line: 0, field: "(file)", message: "no such file; give a path to a .yaml session or a name from sessions/ (see `equilab list`)")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw SpecError(file: path, line: 0, field: "(file)", message: "cannot read the file as UTF-8 text")
        }
        return try parse(text: text, file: path, overrides: overrides, knownKinds: knownKinds)
    }

    /// Parses spec text (the file name is used in messages and as the default session name).
    public static func parse(text: String, file: String, overrides: [SpecOverride] = [],
                             knownKinds: [String]) throws(SpecError) -> SessionSpec {
        var root = try parseTree(text: text, file: file)
        for o in overrides { try o.apply(to: &root, file: file) }
        return try header(root: root, file: file, knownKinds: knownKinds)
    }

    /// Parses YAML text into a `SpecNode` tree whose root is a mapping.
    public static func parseTree(text: String, file: String) throws(SpecError) -> SpecNode {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw SpecError(file: file, line: 0, field: "(syntax)", message: "not valid YAML: \(error)")
        }
        guard let node else {
            throw SpecError(file: file, line: 1, field: "(document)", message: "the file is empty; expected a mapping with name, kind, seed and sections")
        }
        let tree = try SpecNode(yaml: node, file: file, path: "")
        guard case .mapping = tree else {
            throw SpecError(file: file, line: tree.line, field: "(document)", message: "expected a mapping of keys (kind: ..., seed: ..., training: ...), found a single value or a list")
        }
        return tree
    }

    static func syntaxError(_ error: YamlError, file: String) -> SpecError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let ctx = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return SpecError(file: file, line: mark.line, field: "(syntax)",
                             message: "invalid YAML: \(problem)\(ctx); check indentation, colons and quotes")
        default:
            return SpecError(file: file, line: 0, field: "(syntax)", message: "invalid YAML: \(error)")
        }
    }

    /// Reads the header fields and builds the spec.
    static func header(root: SpecNode, file: String, knownKinds: [String]) throws(SpecError) -> SessionSpec {
        let usage = SpecUsage()
        let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        func scalar(_ key: String) throws(SpecError) -> (String, Int)? {
            usage.markRead(key)
            guard let node = root[key] else { return nil }
            guard case .scalar(let text, let line) = node else {
                throw SpecError(file: file, line: node.line, field: key, message: "expected a single value, found a list or mapping")
            }
            return (text, line)
        }
        let known = knownKinds.sorted().joined(separator: ", ")
        guard let (kind, kindLine) = try scalar("kind") else {
            throw SpecError(file: file, line: 1, field: "kind", message: "missing; add `kind: <experiment>` with one of: \(known)")
        }
        if !knownKinds.contains(kind) {
            let hint = nearest(kind, in: knownKinds).map { "did you mean '\($0)'? " } ?? ""
            throw SpecError(file: file, line: kindLine, field: "kind", message: "unknown kind '\(kind)'; \(hint)known kinds: \(known)")
        }
        var seed: UInt64 = 0
        if let (text, line) = try scalar("seed") {
            guard let s = UInt64(text) else {
                throw SpecError(file: file, line: line, field: "seed", message: "expected a whole number >= 0, found '\(text)'")
            }
            seed = s
        }
        let name = try scalar("name")?.0 ?? base
        let summary = try scalar("summary")?.0 ?? ""
        return SessionSpec(file: file, name: name, kind: kind, seed: seed, summary: summary, root: root, usage: usage)
    }
}

// MARK: - Yams conversion

extension SpecNode {
    /// Converts a composed Yams node (keys must be plain scalars).
    init(yaml node: Node, file: String, path: String) throws(SpecError) {
        let line = node.mark?.line ?? 0
        switch node {
        case .scalar(let s):
            self = .scalar(s.string, line: line)
        case .sequence(let seq):
            var items: [SpecNode] = []
            for (i, item) in seq.enumerated() { items.append(try SpecNode(yaml: item, file: file, path: "\(path)[\(i)]")) }
            self = .sequence(items, line: line)
        case .mapping(let map):
            var entries: [(key: String, value: SpecNode, line: Int)] = []
            for (k, v) in map {
                let keyLine = k.mark?.line ?? line
                guard case .scalar(let ks) = k else {
                    throw SpecError(file: file, line: keyLine, field: path.isEmpty ? "(document)" : path,
                                    message: "expected plain text keys, found a list or mapping used as a key")
                }
                let field = path.isEmpty ? ks.string : "\(path).\(ks.string)"
                if entries.contains(where: { $0.key == ks.string }) {
                    throw SpecError(file: file, line: keyLine, field: field, message: "duplicate key; keep one of them")
                }
                entries.append((ks.string, try SpecNode(yaml: v, file: file, path: field), keyLine))
            }
            self = .mapping(entries, line: line)
        }
    }

    /// The Yams node for this tree (for writing the resolved spec).
    var yamlNode: Node {
        switch self {
        case .scalar(let text, _): return Node(text)
        case .sequence(let items, _): return Node(items.map(\.yamlNode), .implicit, .flow)
        case .mapping(let entries, _): return Node(entries.map { (Node($0.key), $0.value.yamlNode) })
        }
    }

    /// The tree as YAML text (the resolved spec a run directory keeps).
    public func yamlText() -> String {
        (try? Yams.serialize(node: yamlNode, width: -1)) ?? ""
    }
}
