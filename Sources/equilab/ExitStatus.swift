import Foundation

/// The documented exit codes of `equilab`.
enum ExitStatus: Int32 {
    /// The run finished (or the command succeeded).
    case success = 0
    /// Missing data, unreadable checkpoint, a failed step, an I/O error.
    case failure = 1
    /// A malformed session spec or bad command-line usage.
    case badSpec = 2
    /// The loss became NaN or infinite; the last good checkpoint was kept.
    case diverged = 3
    /// SIGINT or SIGTERM: a checkpoint was written and the run stopped.
    case interrupted = 130

    /// Prints `message` to standard error and exits with this status.
    func exit(_ message: String? = nil) -> Never {
        if let message { FileHandle.standardError.write(Data(("equilab: " + message + "\n").utf8)) }
        Foundation.exit(rawValue)
    }
}
