import ArgumentParser
import Foundation
import InvertibilityDecomposition
import Tensors

/// `equilab reproduce METHOD`: the long reproduction protocols whose numbers land in docs/ (never run by tests).
struct ReproduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Run a method's reproduction protocol and print its markdown report.",
        discussion: "Methods: \(Method.allCases.map(\.rawValue).joined(separator: ", ")). Progress goes to stderr.")

    enum Method: String, CaseIterable, ExpressibleByArgument {
        case oodGANInversion = "ood-gan-inversion"
    }

    @Argument(help: "The method.")
    var method: Method

    @Option(name: .long, help: "Comma-separated seeds (default: the method's protocol).")
    var seeds: String?

    @Option(name: .long, help: "Shrink data and steps by this factor for a quick look (1 = the protocol).")
    var scale: Double = 1

    @Option(name: .long, help: "Also write the report to this file.")
    var out: String?

    func run() throws {
        BLAS.configureFromEnvironment()
        let seedList = seeds?.split(separator: ",").compactMap { UInt64($0.trimmingCharacters(in: .whitespaces)) }
        let log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        let report: String
        switch method {
        case .oodGANInversion:
            report = InvertibilityReproduction.run(seeds: seedList ?? [1, 2], scale: scale, log: log)
        }
        print(report)
        if let out { try report.write(toFile: out, atomically: true, encoding: .utf8) }
    }
}
