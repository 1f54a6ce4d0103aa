import ArgumentParser
import Foundation
import Session
import TUI

/// The options of the interactive workbench (`equilab [SESSION]`, `equilab resume RUN`).
struct FrontEndOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Pin another run's metrics as a faint baseline overlay on the charts.",
                                            valueName: "RUN"))
    var baseline: String?

    @Flag(name: .long, help: "Draw ASCII only (chosen automatically when the locale is not UTF-8).")
    var ascii = false

    @Flag(name: .customLong("no-color"), help: "No colour (also when NO_COLOR is set).")
    var noColor = false
}

/// Decides which front end drives a run started by `equilab`, `equilab SESSION` or `equilab resume RUN`:
/// the ncurses workbench on a terminal, the headless reporter when stdout is not a terminal or `--plain` is
/// given. It never returns: the front end's status becomes the process's exit code.
func openFrontEnd(controller: any RunController, plain: Bool = false, frontEnd: FrontEndOptions = FrontEndOptions(),
                  skipEvents: Int = 0) -> Never {
    guard !plain, isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
        Headless(controller: controller, plain: plain, skipEvents: skipEvents).run()
    }
    let options = WorkbenchOptions(baselineRunDirectory: frontEnd.baseline, asciiOnly: frontEnd.ascii,
                                   noColor: frontEnd.noColor)
    do {
        Foundation.exit(try Workbench.run(controller: controller, options: options))
    } catch {
        // An unknown TERM or an unreadable baseline: say so and keep training headless, nothing is lost.
        FileHandle.standardError.write(Data("equilab: \(error); continuing headless\n".utf8))
        Headless(controller: controller, plain: plain, skipEvents: skipEvents).run()
    }
}

/// `equilab tui-demo`: the workbench on a synthetic, clearly labelled demo run (for trying keys and layouts).
struct TUIDemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui-demo", abstract: "Open the workbench on a synthetic demo run (no training).",
        shouldDisplay: false)

    @Argument(parsing: .allUnrecognized, help: "Demo options (see TUIDemo).")
    var arguments: [String] = []

    func run() throws {
        Foundation.exit(TUIDemo.run(arguments: arguments))
    }
}
