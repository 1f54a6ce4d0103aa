import Testing
@testable import Plot

@Suite struct RasterTests {
    let ink = DotCanvas.Ink(style: CellStyle(color: .orange), ascii: "*")

    @Test func brailleBitsFollowTheUnicodeLayout() {
        // Each single dot of a cell gives its documented bit.
        let expected: [[UInt32]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
        for dy in 0..<4 {
            for dx in 0..<2 {
                var canvas = DotCanvas(columns: 1, rows: 1, mode: .braille)
                canvas.set(x: dx, y: dy, ink: ink)
                var grid = CellGrid(width: 1, height: 1)
                canvas.render(into: &grid, at: (0, 0))
                #expect(grid[0, 0].character.value == 0x2800 + expected[dy][dx])
                #expect(grid[0, 0].style == ink.style)
            }
        }
    }

    @Test func diagonalLineOnBrailleGrid() {
        var canvas = DotCanvas(columns: 2, rows: 1, mode: .braille)
        canvas.line(from: (0, 0), to: (3, 3), ink: ink)
        var grid = CellGrid(width: 2, height: 1)
        canvas.render(into: &grid, at: (0, 0))
        // Dots (0,0),(1,1) in cell 0 → 0x01|0x10; (2,2),(3,3) in cell 1 → 0x04|0x80.
        #expect(grid.text == "\u{2811}\u{2884}")
    }

    @Test func bresenhamHitsBothEndsAndIsConnected() {
        let ends: [((Int, Int), (Int, Int))] = [((0, 0), (7, 2)), ((7, 2), (0, 0)), ((3, 7), (3, 0)), ((0, 5), (6, 5)),
                                              ((1, 7), (6, 0))]
        for (a, b) in ends {
            var canvas = DotCanvas(columns: 4, rows: 2, mode: .braille)
            canvas.line(from: (a.0, a.1), to: (b.0, b.1), ink: ink)
            #expect(canvas.isSet(x: a.0, y: a.1))
            #expect(canvas.isSet(x: b.0, y: b.1))
            // One lit dot per step of the longer axis: count equals max(|dx|,|dy|)+1.
            var lit = 0
            for x in 0..<8 { for y in 0..<8 where canvas.isSet(x: x, y: y) { lit += 1 } }
            #expect(lit == max(abs(b.0 - a.0), abs(b.1 - a.1)) + 1)
        }
    }

    @Test func fallbackLadderGlyphs() {
        func draw(_ mode: RasterMode) -> String {
            var canvas = DotCanvas(columns: 3, rows: 1, mode: mode)
            canvas.line(from: (0, canvas.heightDots - 1), to: (canvas.widthDots - 1, 0), ink: ink)
            var grid = CellGrid(width: 3, height: 1)
            canvas.render(into: &grid, at: (0, 0))
            return grid.text
        }
        #expect(draw(.quadrant) == "▄▞▀")
        #expect(draw(.halfBlock) == "▄▀▀")
        #expect(draw(.ascii) == "***")
        #expect(draw(.braille) == "⡠⠔⠊")
    }

    @Test func clippingIgnoresDotsOutside() {
        var canvas = DotCanvas(columns: 2, rows: 1, mode: .braille)
        canvas.line(from: (-5, 2), to: (10, 2), ink: ink)
        var grid = CellGrid(width: 2, height: 1)
        canvas.render(into: &grid, at: (0, 0))
        #expect(grid.text == "\u{2824}\u{2824}")
    }

    @Test func laterInkWinsTheCellColour() {
        var canvas = DotCanvas(columns: 1, rows: 1, mode: .braille)
        canvas.set(x: 0, y: 0, ink: ink)
        let blue = DotCanvas.Ink(style: CellStyle(color: .blue), ascii: "#")
        canvas.set(x: 1, y: 3, ink: blue)
        var grid = CellGrid(width: 1, height: 1)
        canvas.render(into: &grid, at: (0, 0))
        #expect(grid[0, 0].character.value == 0x2800 + 0x01 + 0x80)
        #expect(grid[0, 0].style.slot == .blue)
    }

    @Test func sparklineTwoLevelsPerCell() {
        #expect(Sparkline.brailleCell(left: 0, right: 0) == "\u{2800}")
        #expect(Sparkline.brailleCell(left: 4, right: 4) == "⣿")
        #expect(Sparkline.brailleCell(left: 1, right: 2) == "\u{28E0}")  // 0x40 | 0xA0
        // 0...7 over 4 cells: levels 1..4 (min→1, max→4).
        let s = Sparkline.characters([0, 0, 3, 3, 7, 7], width: 3, unicode: true)
        #expect(String(String.UnicodeScalarView(s)) == "⣀⣤⣿")
        let a = Sparkline.characters([1, 2, .nan], width: 4, unicode: false)
        #expect(String(String.UnicodeScalarView(a)) == " _^ ")
    }

    @Test func barsUseEighthBlocks() {
        let half = Sparkline.bar(fraction: 0.5, width: 4, unicode: true)
        #expect(String(String.UnicodeScalarView(half.filled)) == "██" && half.trough == 2)
        let odd = Sparkline.bar(fraction: 0.3, width: 4, unicode: true)  // 9.6 eighths → 10 → █▎
        #expect(String(String.UnicodeScalarView(odd.filled)) == "█▎" && odd.trough == 2)
        let ascii = Sparkline.bar(fraction: .nan, width: 3, unicode: false)
        #expect(ascii.filled.isEmpty && ascii.trough == 3)
    }

    @Test func gridTextTrimsAndClips() {
        var grid = CellGrid(width: 6, height: 3)
        grid.write("abcdefgh", x: 1, y: 0)
        grid.write("xy", in: Rect(x: 0, y: 1, width: 6, height: 1), row: 0, alignRight: true)
        #expect(grid.text == " abcde\n    xy")
        #expect(CellGrid.truncate("abcdef", to: 4) == "abc…")
    }
}
