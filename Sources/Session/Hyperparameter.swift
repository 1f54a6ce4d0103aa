/// How an editor steps and draws a hyperparameter's range.
public enum HyperparameterScale: String, Sendable, Codable, Hashable {
    /// Equal steps in the value.
    case linear
    /// Equal steps in log10 of the value (learning rates, strengths).
    case log
}

/// The declaration of one hyperparameter of an experiment, from which front ends build editors generically.
///
/// Every value is a `Double`; integers are whole doubles and choices are indices into `choices`
/// (`value == 1` with `choices == ["fft", "sparse", "dense"]` means `"sparse"`), toggles are 0 or 1.
public struct HyperparameterSpec: Sendable, Codable, Hashable {
    /// The value's type, which decides how it is edited and printed.
    public enum Kind: Sendable, Codable, Hashable {
        case real
        case integer
        case toggle
        case choice([String])
    }

    /// The key used by `--set name=value`, the `:` command line and the events log (`"lr"`, `"lambda0"`).
    public var name: String
    /// The paper's symbol (`"η"`, `"λ₀"`, `"β"`).
    public var symbol: String
    /// One line saying what it does.
    public var summary: String
    /// The current value.
    public var value: Double
    /// The allowed closed range (for choices `0...(count-1)`).
    public var range: ClosedRange<Double>
    /// How editors step it.
    public var scale: HyperparameterScale
    /// Whether a change applies to the running experiment at the next step (`false`: only at restart).
    public var isLive: Bool
    /// Real, integer, toggle or choice.
    public var kind: Kind

    public init(name: String, symbol: String, summary: String, value: Double, range: ClosedRange<Double>,
                scale: HyperparameterScale = .linear, isLive: Bool = true, kind: Kind = .real) {
        self.name = name
        self.symbol = symbol
        self.summary = summary
        self.value = value
        self.range = range
        self.scale = scale
        self.isLive = isLive
        self.kind = kind
    }

    /// A choice among named options; `value` is the index of `selected`.
    public static func choice(name: String, symbol: String, summary: String, options: [String], selected: String,
                              isLive: Bool = true) -> HyperparameterSpec {
        HyperparameterSpec(name: name, symbol: symbol, summary: summary,
                           value: Double(options.firstIndex(of: selected) ?? 0),
                           range: 0...Double(max(options.count - 1, 0)), isLive: isLive, kind: .choice(options))
    }

    /// A boolean switch.
    public static func toggle(name: String, symbol: String, summary: String, isOn: Bool,
                              isLive: Bool = true) -> HyperparameterSpec {
        HyperparameterSpec(name: name, symbol: symbol, summary: summary, value: isOn ? 1 : 0, range: 0...1,
                           isLive: isLive, kind: .toggle)
    }

    /// The value as text: choices by name, toggles as on/off, integers without a fraction.
    public var displayValue: String {
        switch kind {
        case .choice(let options):
            let i = Int(value.rounded())
            return options.indices.contains(i) ? options[i] : "\(i)"
        case .toggle: return value != 0 ? "on" : "off"
        case .integer: return "\(Int(value.rounded()))"
        case .real:
            let a = abs(value)
            if a != 0 && (a < 1e-3 || a >= 1e5) { return String(format: "%.3e", value) }
            return String(format: "%.4g", value)
        }
    }

    /// Parses text for this hyperparameter (choice names, on/off, numbers) and checks the range.
    ///
    /// - Throws: `ExperimentError.outOfRange` or `.invalidValue` with a message that names the fix.
    public func parse(_ text: String) throws(ExperimentError) -> Double {
        let t = text.trimmingCharacters(in: .whitespaces)
        var v: Double
        switch kind {
        case .choice(let options):
            if let i = options.firstIndex(of: t) { v = Double(i) }
            else if let i = Int(t), options.indices.contains(i) { v = Double(i) }
            else { throw .invalidValue(name: name, text: t, expected: "one of \(options.joined(separator: ", "))") }
        case .toggle:
            switch t.lowercased() {
            case "on", "true", "yes", "1": v = 1
            case "off", "false", "no", "0": v = 0
            default: throw .invalidValue(name: name, text: t, expected: "on or off")
            }
        case .integer:
            guard let i = Int(t) else { throw .invalidValue(name: name, text: t, expected: "a whole number") }
            v = Double(i)
        case .real:
            guard let d = Double(t), d.isFinite else { throw .invalidValue(name: name, text: t, expected: "a finite number") }
            v = d
        }
        try validate(v)
        return v
    }

    /// Checks that a value lies in `range`.
    public func validate(_ v: Double) throws(ExperimentError) {
        guard v.isFinite, range.contains(v) else { throw .outOfRange(name: name, value: v, range: range) }
    }
}

import Foundation
