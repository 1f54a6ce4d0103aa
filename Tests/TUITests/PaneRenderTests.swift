import Plot
import Session
import Testing
@testable import TUI

@Suite struct PaneRenderTests {
    @Test(arguments: PaneKind.allCases)
    func paneMatchesGolden(_ pane: PaneKind) {
        let grid = Sample.pane(pane, context: Sample.context { $0.focus = pane })
        Golden.check(grid, "pane-\(pane.rawValue)-\(pane.title.replacingOccurrences(of: " ", with: "-"))")
        // The focused frame is drawn in the accent colour.
        #expect(grid[0, 0].style.slot == .accent)
    }

    @Test(arguments: PaneKind.allCases)
    func paneWithoutDataSaysSo(_ pane: PaneKind) {
        let grid = Sample.pane(pane, context: PaneContext(snapshot: Sample.empty, state: WorkbenchState()))
        let text = grid.text
        #expect(text.contains("no ") || text.contains("declares no"), "\(pane) shows no notice:\n\(text)")
    }

    @Test func wholeScreenGoldens() {
        let snapshot = Sample.snapshot
        Golden.check(Screen.render(snapshot, state: WorkbenchState(), width: 80, height: 24), "screen-80x24")
        Golden.check(Screen.render(snapshot, state: WorkbenchState(), width: 100, height: 30), "screen-100x30")
        Golden.check(Screen.render(snapshot, state: WorkbenchState(glyphs: .ascii), width: 100, height: 30),
                     "screen-100x30-ascii")
        var help = WorkbenchState()
        help.mode = .help
        Golden.check(Screen.render(snapshot, state: help, width: 100, height: 30), "screen-help")
    }

    @Test func imagePanesStackWhatFitsAndICyclesTheRest() {
        var snapshot = Sample.snapshot
        let ramp = (0..<1024).map { Float($0 % 32) / 31 }
        snapshot.panels = ["inversion", "invertibility", "edit"].map { title in
            .images(ImagePanel(title: title, images: (1...4).map { PanelImage(label: "\(title)#\($0)", width: 32, height: 32, pixels: ramp) },
                               caption: "caption of \(title)"))
        }
        // 24 rows: room for two panels of ten rows; the frame says which and how to see the third.
        var state = WorkbenchState()
        var text = Sample.pane(.images, context: PaneContext(snapshot: snapshot, state: state)).text
        #expect(text.contains("inversion · invertibility (2 of 3, i: next)"))
        #expect(text.contains("inversion#1") && text.contains("invertibility#4") && text.contains("caption of invertibility"))
        #expect(!text.contains("edit#1"))
        _ = state.handle(.character("i"), snapshot: snapshot)
        #expect(state.imageOffset == 1)
        text = Sample.pane(.images, context: PaneContext(snapshot: snapshot, state: state)).text
        #expect(text.contains("invertibility#1") && text.contains("edit#1") && !text.contains("inversion#1"))
        // Tall enough for all three: no hint.
        text = Sample.pane(.images, context: PaneContext(snapshot: snapshot, state: WorkbenchState()), width: 140, height: 40).text
        #expect(text.contains("inversion · invertibility · edit") && !text.contains("i: next"))
    }

    @Test func greyImagesBecomeHalfBlocksWithTwoGreysPerCell() {
        var snapshot = Sample.snapshot
        // Rows of constant grey: row y has value y/31, so the cell at art row r shows pixel rows 2r (top) and 2r + 1.
        let pixels = (0..<1024).map { Float($0 / 32) / 31 }
        snapshot.panels = [.images(ImagePanel(title: "t", images: [PanelImage(label: "ramp", width: 32, height: 32, pixels: pixels)]))]
        var state = WorkbenchState()
        state.glyphs.greyHalfBlocks = true
        let grid = Sample.pane(.images, context: PaneContext(snapshot: snapshot, state: state), width: 60, height: 24)
        // Inside the frame: label on row 1, art from row 2, at full size (16 cells tall: the pane has room).
        for r in 0..<10 {
            let cell = grid[1, 2 + r]
            #expect(cell.character == "▀")
            let levels = cell.style.greyPair
            func level(_ y: Int) -> Int { min(Int(Double(y) / 31 * Double(CellStyle.greyLevels)), CellStyle.greyLevels - 1) }
            #expect(levels?.top == level(2 * r) && levels?.bottom == level(2 * r + 1), "art row \(r): \(String(describing: levels))")
        }
        #expect(CellStyle.grey(top: 0, bottom: 1).greyPair! == (0, CellStyle.greyLevels - 1))
        #expect(CellStyle(color: .accent).greyPair == nil)
        // Without the flag the same image is shaded with the ramp, one averaged cell per two pixels.
        let plain = Sample.pane(.images, context: PaneContext(snapshot: snapshot, state: WorkbenchState()), width: 60, height: 24)
        #expect(plain[1, 2].character != "▀" && plain[1, 2].style.greyPair == nil)
    }

    @Test func asciiScreenHasOnlyAscii() {
        let grid = Screen.render(Sample.snapshot, state: WorkbenchState(glyphs: .ascii), width: 100, height: 30)
        let bad = grid.cells.filter { !$0.character.isASCII }.map { String($0.character) }
        #expect(bad.isEmpty, "non-ASCII characters: \(Set(bad))")
    }

    @Test func tooSmallShowsOnlyTheNotice() {
        let grid = Screen.render(Sample.snapshot, state: WorkbenchState(), width: 30, height: 10)
        #expect(grid.text.trimmingCharacters(in: .whitespacesAndNewlines) == "too small: 30x10, need 50x14")
        var help = WorkbenchState()
        help.mode = .help
        let helpGrid = Screen.render(Sample.snapshot, state: help, width: 30, height: 10)
        #expect(helpGrid.text.contains("space"))
    }

    @Test func statusLineShowsStateWithGlyphAndStyles() {
        var snapshot = Sample.snapshot
        snapshot.status = .diverged(step: 300, reason: "loss is NaN")
        var grid = CellGrid(width: 100, height: 1)
        StatusLine.render(PaneContext(snapshot: snapshot, state: WorkbenchState()), into: &grid, rect: grid.bounds)
        #expect(grid.text.hasPrefix(" ✖ DIVERGED at 300: loss is NaN"))
        #expect(grid[1, 0].style.slot == .warning)
        #expect(grid.text.contains("step 300/2000 (15%)"))
    }

    @Test func symmetryWinnerIsMarkedByGlyph() {
        let grid = Sample.pane(.symmetry, context: Sample.context())
        let rows = (0..<grid.height).map(grid.row)
        let winner = rows.first { $0.contains("O2xy") }
        #expect(winner?.contains("★") == true)
        let frozen = rows.first { $0.contains("Scale") }
        #expect(frozen?.contains("❄") == true)
        let disabled = rows.first { $0.contains("Shift") }
        #expect(disabled?.contains("⊘") == true)
    }

    @Test func editorShowsInlineAndErrorsInBottomLine() {
        var state = WorkbenchState()
        state.mode = .editing(name: "lr", text: "3e-3")
        let grid = Screen.render(Sample.snapshot, state: state, width: 100, height: 30)
        #expect(grid.text.contains("[3e-3_]"))
        #expect(grid.row(29).hasPrefix("edit lr [1.00e-05, 1] log: 3e-3_"))
        state.mode = .normal
        state.fail("lr = 5.0 is outside its range")
        let failed = Screen.render(Sample.snapshot, state: state, width: 100, height: 30)
        #expect(failed.row(29).hasPrefix("error: lr = 5.0"))
        #expect(failed[0, 29].style.slot == .warning)
    }

    @Test func chartsMarkLiveEditsAndShowBaseline() {
        let baseline = BaselineRun(directory: "runs/base", jsonLines: (1...300).map { "{\"step\": \($0), \"loss\": \(2.0 - Double($0) / 300)}" }.joined(separator: "\n"))
        let context = Sample.context { $0.baseline = baseline }
        let grid = Sample.pane(.charts, context: context)
        #expect(grid.text.contains("▲"))
        #expect(grid.text.contains("base:loss"))
        #expect(grid.cells.contains { $0.style.slot == .grey && $0.style.has(CellStyle.dim) })
    }
}
