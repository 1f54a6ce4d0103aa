// The `equilab` executable: see EquilabCommand.swift for the subcommands and ExitStatus.swift for exit codes.
EquilabCommand.main()
