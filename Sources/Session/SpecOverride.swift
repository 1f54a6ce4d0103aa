import Foundation
import Yams

/// One `--set key=value` override: a dotted path into the spec (`training.lr=0.01`) or a hyperparameter name
/// applied live after the experiment is built (`lr=0.01`).
///
/// Dotted paths (and the header keys `seed`, `name`, `summary`) edit the spec tree before the experiment is
/// built, so the resolved spec a run keeps includes them. A bare name is a hyperparameter: the engine sets it
/// before the first step and logs it as a `"set"` event.
public struct SpecOverride: Sendable, Equatable, CustomStringConvertible {
    /// The path components (`["training", "lr"]`).
    public var path: [String]
    /// The value text (YAML: `0.01`, `[128, 64]`, `relu`).
    public var value: String

    /// Parses `key=value`.
    ///
    /// - Throws: `SpecError` with field `--set` when there is no `=` or the key is empty.
    public init(_ text: String) throws(SpecError) {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw SpecError(file: "(command line)", line: 0, field: "--set",
                            message: "expected key=value (for example training.lr=0.01 or lr=0.01), found '\(text)'")
        }
        let key = String(text[..<eq]).trimmingCharacters(in: .whitespaces)
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else {
            throw SpecError(file: "(command line)", line: 0, field: "--set",
                            message: "'\(key)' is not a valid dotted path; write section.key=value")
        }
        path = parts
        value = String(text[text.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
    }

    /// An override from its parts.
    public init(path: [String], value: String) {
        self.path = path
        self.value = value
    }

    /// The dotted key (`training.lr`).
    public var key: String { path.joined(separator: ".") }
    /// `key=value`.
    public var description: String { "\(key)=\(value)" }

    /// Whether this override edits the spec tree (a dotted path or a header key) rather than a live hyperparameter.
    public var editsTree: Bool { path.count > 1 || SpecLoader.headerKeys.contains(path[0]) }

    /// Writes the value into the tree, creating missing mappings (new keys get line 0).
    public func apply(to root: inout SpecNode, file: String) throws(SpecError) {
        guard editsTree else { return }
        let node = try valueNode()
        try SpecOverride.set(&root, path[...], node, field: key)
    }

    func valueNode() throws(SpecError) -> SpecNode {
        do {
            if let n = try Yams.compose(yaml: value) { return try SpecNode(yaml: n, file: "(command line)", path: key) }
        } catch {}
        return .scalar(value, line: 0)
    }

    static func set(_ node: inout SpecNode, _ path: ArraySlice<String>, _ value: SpecNode, field: String) throws(SpecError) {
        guard let head = path.first else { node = value; return }
        guard case .mapping(var entries, let line) = node else {
            throw SpecError(file: "(command line)", line: 0, field: "--set \(field)",
                            message: "cannot set '\(head)' inside a single value or list; check the path")
        }
        if let i = entries.firstIndex(where: { $0.key == head }) {
            var child = entries[i].value
            if path.count == 1 { child = value.relined(entries[i].value.line) } else {
                try set(&child, path.dropFirst(), value, field: field)
            }
            entries[i].value = child
        } else {
            var child = SpecNode.mapping([], line: 0)
            try set(&child, path.dropFirst(), value, field: field)
            entries.append((head, child, 0))
        }
        node = .mapping(entries, line: line)
    }
}

extension SpecNode {
    /// The same value reported at `line` (an override keeps the line of the value it replaces).
    func relined(_ line: Int) -> SpecNode {
        switch self {
        case .scalar(let t, _): .scalar(t, line: line)
        case .sequence(let items, _): .sequence(items, line: line)
        case .mapping(let entries, _): .mapping(entries, line: line)
        }
    }
}

// MARK: - Unknown keys

extension SessionSpec {
    /// Reports the first key in file order that nobody read, with the nearest key that was read beside it.
    ///
    /// Call after the experiment (and the engine) have read everything they need. A key under a section that
    /// was never read is reported at the section.
    ///
    /// - Throws: `SpecError` "unknown key 'lr_rate'; did you mean 'lr'?".
    public func checkUnknownKeys() throws(SpecError) {
        let read = usage.readPaths
        try SessionSpec.check(root, prefix: "", read: read, file: file)
    }

    static func check(_ node: SpecNode, prefix: String, read: Set<String>, file: String) throws(SpecError) {
        guard case .mapping(let entries, _) = node else { return }
        for (key, value, line) in entries {
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            guard read.contains(path) else {
                let siblings = read.compactMap { p -> String? in
                    let parent = prefix.isEmpty ? "" : prefix + "."
                    guard p.hasPrefix(parent) else { return nil }
                    let rest = p.dropFirst(parent.count)
                    return rest.contains(".") ? nil : String(rest)
                }
                let candidates = Array(Set(siblings)).sorted()
                let hint = suggestion(for: key, in: candidates).map { "did you mean '\($0)'? " } ?? ""
                let valid = candidates.isEmpty ? "" : "valid keys here: \(candidates.joined(separator: ", "))"
                throw SpecError(file: file, line: line, field: path,
                                message: "unknown key '\(key)'; \(hint)\(valid)".trimmingCharacters(in: .whitespaces))
            }
            try check(value, prefix: path, read: read, file: file)
        }
    }
}

extension SessionSpec {
    /// The tree with the header written out (`name`, `seed`), as a run directory stores it.
    public var resolvedRoot: SpecNode {
        var root = self.root
        try? SpecOverride.set(&root, ["name"][...], .scalar(name, line: 0), field: "name")
        try? SpecOverride.set(&root, ["seed"][...], .scalar("\(seed)", line: 0), field: "seed")
        return root
    }
}

/// The likely intended key: the nearest by edit distance, else one that the key extends or abbreviates
/// (`lrate` → `lr`, `check` → `checkpoint_every`).
public func suggestion(for word: String, in candidates: [String]) -> String? {
    if let n = nearest(word, in: candidates) { return n }
    let w = word.lowercased()
    return candidates.filter { w.hasPrefix($0.lowercased()) || $0.lowercased().hasPrefix(w) }
        .min { editDistance(word, $0) < editDistance(word, $1) }
}
