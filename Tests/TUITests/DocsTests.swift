import Foundation
import Plot
import Testing
@testable import TUI

/// docs/tui.md carries generated blocks (key table, command list, a capture); they must match the code.
@Suite struct DocsTests {
    static var docsURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/tui.md")
    }

    static var blocks: [(name: String, content: String)] {
        let commands = "| command | effect |\n|---|---|\n"
            + WorkbenchState.commandSummaries.map { "| `:\($0.usage)` | \($0.summary) |\n" }.joined()
        let capture = Screen.render(Sample.snapshot, state: WorkbenchState(), width: 100, height: 30).text
        return [("keys", KeyTable.markdown), ("commands", commands), ("capture", "```\n\(capture)\n```\n")]
    }

    @Test func generatedBlocksAreCurrent() throws {
        var text = try String(contentsOf: DocsTests.docsURL, encoding: .utf8)
        for (name, content) in DocsTests.blocks {
            let begin = "<!-- \(name):begin -->\n", end = "<!-- \(name):end -->"
            let a = try #require(text.range(of: begin), "docs/tui.md lacks \(begin)")
            let b = try #require(text.range(of: end, range: a.upperBound..<text.endIndex))
            if ProcessInfo.processInfo.environment["EQUILAB_UPDATE_GOLDENS"] == "1" {
                text.replaceSubrange(a.upperBound..<b.lowerBound, with: content)
            } else {
                #expect(String(text[a.upperBound..<b.lowerBound]) == content,
                        "docs/tui.md block '\(name)' is stale; run EQUILAB_UPDATE_GOLDENS=1 swift test --filter TUITests")
            }
        }
        if ProcessInfo.processInfo.environment["EQUILAB_UPDATE_GOLDENS"] == "1" {
            try text.write(to: DocsTests.docsURL, atomically: true, encoding: .utf8)
        }
    }
}
