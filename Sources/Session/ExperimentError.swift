/// Errors an experiment reports to the engine and from there to the user.
public enum ExperimentError: Error, Sendable, CustomStringConvertible, Equatable {
    /// No hyperparameter has this name.
    case unknownHyperparameter(name: String, known: [String])
    /// The value lies outside the declared range.
    case outOfRange(name: String, value: Double, range: ClosedRange<Double>)
    /// The text could not be read as a value of the hyperparameter's kind.
    case invalidValue(name: String, text: String, expected: String)
    /// The hyperparameter can only change when the run restarts.
    case notLive(name: String)
    /// No action has this name.
    case unknownAction(name: String, known: [String])
    /// The action exists but cannot run now (the reason says when it can).
    case actionUnavailable(name: String, reason: String)
    /// A checkpoint's state does not fit this experiment (missing tensor, wrong shape).
    case incompatibleState(String)
    /// A data set or other input is missing or malformed.
    case data(String)

    public var description: String {
        switch self {
        case .unknownHyperparameter(let name, let known):
            return "unknown hyperparameter '\(name)'; known: \(known.joined(separator: ", "))"
        case .outOfRange(let name, let value, let range):
            return "\(name) = \(value) is outside its range \(range.lowerBound)…\(range.upperBound); choose a value inside it"
        case .invalidValue(let name, let text, let expected):
            return "'\(text)' is not a valid value for \(name): expected \(expected)"
        case .notLive(let name):
            return "\(name) cannot change during a run; set it in the session file or with --set \(name)=… and restart"
        case .unknownAction(let name, let known):
            return "unknown action '\(name)'; known: \(known.joined(separator: ", "))"
        case .actionUnavailable(let name, let reason):
            return "\(name) cannot run now: \(reason)"
        case .incompatibleState(let message):
            return "checkpoint does not fit this experiment: \(message)"
        case .data(let message):
            return message
        }
    }
}
