// The `equilab` executable: EquilabCommand.swift lists the subcommands, ExitStatus.swift the exit codes.
import ArgumentParser
import Foundation
import Tensors

// One BLAS thread by default (bit-reproducible runs; the other core draws), and keep freed buffers mapped
// so per-step tensors do not go back to the kernel every step.
BLAS.configureFromEnvironment()
Allocator.retainFreedMemory()

do {
    var command = try EquilabCommand.parseAsRoot()
    try command.run()
} catch {
    // Usage errors exit 2 like spec errors (ArgumentParser's default would be 64).
    let code = EquilabCommand.exitCode(for: error)
    if code == .validationFailure {
        FileHandle.standardError.write(Data((EquilabCommand.fullMessage(for: error) + "\n").utf8))
        ExitStatus.badSpec.exit()
    }
    EquilabCommand.exit(withError: error)
}
