import ArgumentParser

/// `equilab`: train symmetry-aware models and watch them learn.
///
/// ```
/// equilab                         open the workbench on sessions/inertia.yaml (the default session)
/// equilab SESSION                 open the workbench on a session (a path or a name in sessions/)
/// equilab run SESSION [--steps N] [--set key=value ...] [--out DIR] [--plain]
/// equilab list                    the sessions, one line each
/// equilab resume RUN              continue a run from its last checkpoint
/// equilab export RUN --csv        metrics as a tidy CSV (step,time,metric,value)
/// equilab bench-engine            measure the engine's per-step overhead on the baseline
/// equilab reproduce METHOD        run a method's reproduction protocol and print its markdown report
/// ```
struct EquilabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "equilab",
        abstract: "A terminal workbench for training symmetry-aware models on CPU.",
        discussion: """
            Exit codes: 0 finished, 1 failure (missing data, unreadable checkpoint, step error), \
            2 bad session spec or usage, 3 diverged (NaN/Inf loss), 130 interrupted (SIGINT/SIGTERM; a checkpoint \
            was written and `equilab resume RUN` continues).
            """,
        subcommands: [OpenCommand.self, RunCommand.self, ListCommand.self, ResumeCommand.self, ExportCommand.self,
                      BenchEngineCommand.self, ReproduceCommand.self, TUIDemoCommand.self],
        defaultSubcommand: OpenCommand.self)
}

/// The options every command that starts a run shares.
struct LaunchOptions: ParsableArguments {
    @Option(name: .long, help: "Run this many steps instead of the session's training.steps.")
    var steps: Int?

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a spec value (training.lr=0.01) or set a live hyperparameter (lr=0.01); repeatable.",
        valueName: "key=value"))
    var overrides: [String] = []

    @Option(name: .long, help: "The run directory (default runs/<session>-<timestamp>).")
    var out: String?

    @Flag(name: .long, help: "Plain output: one line per evaluation, no progress line.")
    var plain = false

    func validate() throws {
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps)") }
    }
}

/// `equilab [SESSION]`: opens the workbench (headless when stdout is not a terminal or with `--plain`).
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open the workbench on a session (the default when no subcommand is given).")

    @Argument(help: "A session file or a name in sessions/ (default: inertia).")
    var session: String = SessionFinder.defaultSession

    @OptionGroup var options: LaunchOptions
    @OptionGroup var frontEnd: FrontEndOptions

    func run() throws {
        let launched = Launcher.startNew(session: session, options: options)
        openFrontEnd(controller: launched.engine, plain: options.plain, frontEnd: frontEnd)
    }
}

/// `equilab run SESSION`: trains headless.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Train a session headless, printing progress.")

    @Argument(help: "A session file or a name in sessions/.")
    var session: String

    @OptionGroup var options: LaunchOptions

    func run() throws {
        let launched = Launcher.startNew(session: session, options: options)
        Headless(controller: launched.engine, plain: options.plain).run()
    }
}

/// `equilab resume RUN`: continues a run from its last checkpoint.
struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Continue a run from its last checkpoint.")

    @Argument(help: ArgumentHelp("A run directory (runs/<session>-<timestamp>).", valueName: "RUN"))
    var runDirectory: String

    @Flag(name: .long, help: "Plain output: one line per evaluation, no progress line.")
    var plain = false

    @OptionGroup var frontEnd: FrontEndOptions

    func run() throws {
        let (engine, restoredEvents) = Launcher.resume(directory: runDirectory)
        openFrontEnd(controller: engine, plain: plain, frontEnd: frontEnd, skipEvents: restoredEvents)
    }
}
