import Testing
@testable import Plot

@Suite struct LineChartTests {
    func chart(_ series: [ChartSeries], _ configure: (inout ChartOptions) -> Void = { _ in },
               width: Int = 24, height: Int = 7) -> CellGrid {
        var options = ChartOptions()
        options.smoothing = 0
        configure(&options)
        var grid = CellGrid(width: width, height: height)
        LineChart.render(series, options: options, into: &grid, rect: grid.bounds)
        return grid
    }

    let ramp = ChartSeries(name: "loss", x: (0...10).map(Double.init), y: (0...10).map(Double.init),
                           color: .orange, marker: "*")

    @Test func straightLineExactGrid() {
        let grid = chart([ramp])
        let expected = """
            10│                  ⣀⡠⠤
              │              ⣀⠤⠒⠉
             5│         ⣀⠤⠔⠒⠉
              │    ⢀⡠⠔⠊⠉
             0│⡠⠔⠒⠉⠁
              └┬─────────┬─────────┬
               0         5        10
            """
        #expect(grid.text == expected)
    }

    @Test func asciiFallbackUsesSeriesMarker() {
        let grid = chart([ramp]) { $0.glyphs = .ascii }
        #expect(grid.text.contains("*"))
        #expect(!grid.text.unicodeScalars.contains { $0.value > 127 })
    }

    @Test func nonFiniteAndNonPositiveAreMarked() {
        let s = ChartSeries(name: "v", x: [0, 1, 2, 3, 4], y: [1, .nan, 10, 0, 100], color: .blue)
        let grid = chart([s]) { $0.yScale = .logarithmic }
        #expect(grid.text.contains("×"))
        #expect(grid.text.contains("▼"))
        let markerCells = (0..<grid.height).flatMap { y in (0..<grid.width).map { grid[$0, y] } }
            .filter { $0.character == "×" || $0.character == "▼" }
        #expect(markerCells.allSatisfy { $0.style.slot == .warning })
    }

    @Test func eventMarkersSitOnTheXAxis() {
        let grid = chart([ramp]) { $0.markers = [5] }
        let axisRow = grid.row(grid.height - 2)
        #expect(axisRow.contains("▲"))
    }

    @Test func bandIsDrawnDimBehindTheSmoothedLine() {
        let spiky = ChartSeries(name: "s", x: (0..<60).map(Double.init),
                                y: (0..<60).map { $0 % 2 == 0 ? 0 : 10 }, color: .orange)
        let grid = chart([spiky]) { $0.smoothing = 0.9 }
        let cells = (0..<grid.height).flatMap { y in (0..<grid.width).map { grid[$0, y] } }
        #expect(cells.contains { $0.style.slot == .orange && $0.style.has(CellStyle.dim) })
        #expect(cells.contains { $0.style.slot == .orange && !$0.style.has(CellStyle.dim) })
    }

    @Test func emptyAndTinyChartsSaySo() {
        #expect(chart([]).text.contains("no data yet"))
        #expect(chart([ramp], width: 8, height: 3).text.hasPrefix("chart"))
    }
}
