/// A node of a parsed session spec, with the line it came from (1-based; 0 when synthesised).
public indirect enum SpecNode: Sendable, Equatable {
    case scalar(String, line: Int)
    case mapping([(key: String, value: SpecNode, line: Int)], line: Int)
    case sequence([SpecNode], line: Int)

    /// The line of the node.
    public var line: Int {
        switch self {
        case .scalar(_, let l), .mapping(_, let l), .sequence(_, let l): l
        }
    }

    /// The value under `key` of a mapping.
    public subscript(key: String) -> SpecNode? {
        guard case .mapping(let entries, _) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// The keys of a mapping, in file order.
    public var keys: [String] {
        guard case .mapping(let entries, _) = self else { return [] }
        return entries.map(\.key)
    }

    public static func == (a: SpecNode, b: SpecNode) -> Bool {
        switch (a, b) {
        case let (.scalar(x, l1), .scalar(y, l2)): return x == y && l1 == l2
        case let (.sequence(x, l1), .sequence(y, l2)): return x == y && l1 == l2
        case let (.mapping(x, l1), .mapping(y, l2)):
            return l1 == l2 && x.count == y.count
                && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value && $0.line == $1.line }
        default: return false
        }
    }
}

/// A malformed session spec: where, which field, what was expected and how to fix it.
public struct SpecError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The spec file.
    public var file: String
    /// The 1-based line (0 when unknown).
    public var line: Int
    /// The dotted field path (`"training.lr"`).
    public var field: String
    /// What is wrong and what would be right.
    public var message: String

    public init(file: String, line: Int, field: String, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        "\(file):\(line): \(field): \(message)"
    }
}

/// The edit distance between two strings (for "did you mean" suggestions).
public func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.lowercased()), y = Array(b.lowercased())
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var prev = Array(0...y.count)
    var cur = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
        cur[0] = i
        for j in 1...y.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[y.count]
}

/// The candidate nearest to `word` by edit distance, if it is close enough to be a likely typo.
public func nearest(_ word: String, in candidates: [String]) -> String? {
    guard let best = candidates.min(by: { editDistance(word, $0) < editDistance(word, $1) }) else { return nil }
    return editDistance(word, best) <= max(2, word.count / 3) ? best : nil
}
