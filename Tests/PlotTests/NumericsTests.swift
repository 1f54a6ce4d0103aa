import Foundation
import Testing
@testable import Plot

@Suite struct SmoothingTests {
    @Test func constantStaysConstant() {
        for w in [0.0, 0.5, 0.9, 0.999, 2.0] {
            let s = Smoothing.debiasedEMA(Array(repeating: 3.25, count: 50), weight: w)
            #expect(s.allSatisfy { abs($0 - 3.25) < 1e-12 })
        }
    }

    @Test func matchesHandComputedValues() {
        // w = 0.5: m = 0.5, 1.25, 2.125; debiased by 0.5, 0.75, 0.875.
        let s = Smoothing.debiasedEMA([1, 2, 3], weight: 0.5)
        #expect(abs(s[0] - 1) < 1e-12)
        #expect(abs(s[1] - 1.25 / 0.75) < 1e-12)
        #expect(abs(s[2] - 2.125 / 0.875) < 1e-12)
    }

    @Test func nonFiniteSamplesAreSkipped() {
        let s = Smoothing.debiasedEMA([1, .nan, 2, .infinity, 3], weight: 0.5)
        let clean = Smoothing.debiasedEMA([1, 2, 3], weight: 0.5)
        #expect(s[1].isNaN && s[3].isNaN)
        #expect(s[0] == clean[0] && s[2] == clean[1] && s[4] == clean[2])
    }

    @Test func zeroWeightIsIdentity() {
        #expect(Smoothing.debiasedEMA([5, -1, 2], weight: 0) == [5, -1, 2])
    }
}

@Suite struct AxisTests {
    @Test func autoscalePadsTenPercentAndFloorsAtZero() throws {
        let r = try #require(AxisScale.linear.autoscale([2, 4]))
        #expect(abs(r.lowerBound - 1.8) < 1e-12 && abs(r.upperBound - 4.2) < 1e-12)
        let z = try #require(AxisScale.linear.autoscale([0.1, 10]))
        #expect(z.lowerBound == 0)
        let neg = try #require(AxisScale.linear.autoscale([-1, 1]))
        #expect(abs(neg.lowerBound + 1.2) < 1e-12)
        let flat = try #require(AxisScale.linear.autoscale([5, 5, .nan]))
        #expect(flat.lowerBound < 5 && flat.upperBound > 5)
        #expect(AxisScale.linear.autoscale([.nan, .infinity]) == nil)
    }

    @Test func logAxisSkipsNonPositive() throws {
        let r = try #require(AxisScale.logarithmic.autoscale([0, -3, 1, 100]))
        #expect(abs(r.lowerBound + 0.2) < 1e-12 && abs(r.upperBound - 2.2) < 1e-12)
        #expect(AxisScale.logarithmic.transform(0) == nil)
        #expect(AxisScale.logarithmic.autoscale([0, -1]) == nil)
    }

    @Test func niceTicks() {
        #expect(Ticks.linear(0...1, maxCount: 6) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        #expect(Ticks.linear(-0.3...2.7, maxCount: 4) == [0, 1, 2])
        #expect(Ticks.linear(0...1000, maxCount: 3) == [0, 500, 1000])
        #expect(Ticks.logarithmic(-3.2...1.5, maxCount: 3) == [0.001, 0.1, 10])
        #expect(Ticks.niceStep(span: 7, count: 2) == 5)
        // 2…32 holds one power of ten: fall back to 1-2-5 multiples.
        #expect(Ticks.logarithmic(log10(2)...log10(32), maxCount: 6) == [2, 5, 10, 20])
    }

    @Test func tickLabels() {
        #expect(Ticks.label(0.6000000000000001, step: 0.2) == "0.6")
        #expect(Ticks.label(1500, step: 500) == "1500")
        #expect(Ticks.label(25_000, step: 5000) == "25k")
        #expect(Ticks.label(2_500_000, step: 500_000) == "2.5M")
        #expect(Ticks.label(1e-4, step: 1e-4) == "1e-4")
        #expect(Ticks.label(-0.25, step: 0.05) == "-0.25")
        #expect(LineChart.durationLabel(45) == "45s")
        #expect(LineChart.durationLabel(150) == "2.5m")
    }

    @Test func viewportZoomAndPan() {
        var v = ChartViewport()
        #expect(v.visible(0...100) == 0...100)
        v.zoomIn()
        #expect(v.visible(0...100) == 50...100)
        v.pan(by: 1)
        #expect(v.visible(0...100) == 0...50)
        v.pan(by: 5)  // clamped at the left edge
        #expect(v.visible(0...100) == 0...50)
        v.zoomOut()
        #expect(v == ChartViewport())
    }
}

@Suite struct DownsampleTests {
    @Test func binsKeepRawExtentAndMarkBadPoints() {
        let x: [Double] = [0, 1, 2, 3, 4, 5]
        let raw: [Double] = [1, 5, .nan, 2, -1, 3]
        let smoothed = Smoothing.debiasedEMA(raw, weight: 0)
        let bins = Downsample.columns(x: x, raw: raw, smoothed: smoothed, xRange: 0...5, xScale: .linear,
                                      yScale: .logarithmic, columns: 3)
        // Columns: x 0,1 → 0 (x=1 → 0.4 → 0), x 2,3 → 1, x 4,5 → 2.
        #expect(bins[0].smoothedCount == 2 && abs(bins[0].maximum - 0.6989700043360189) < 1e-12 && bins[0].minimum == 0)
        #expect(bins[1].nonFinite == 1 && bins[1].smoothedCount == 1)
        #expect(bins[2].nonPositive == 1 && bins[2].smoothedCount == 1)
    }

    @Test func smoothingDoesNotDependOnZoom() {
        // The line value at a point is the same whether the whole series or a zoomed window is binned.
        let x = (0..<40).map(Double.init)
        let raw = x.map { ($0.truncatingRemainder(dividingBy: 3)) * 2 + $0 / 10 }
        let smoothed = Smoothing.debiasedEMA(raw, weight: 0.8)
        let zoomed = Downsample.columns(x: x, raw: raw, smoothed: smoothed, xRange: 30...39, xScale: .linear,
                                        yScale: .linear, columns: 10)
        for (i, bin) in zoomed.enumerated() {
            #expect(bin.smoothed == smoothed[30 + i])
        }
    }
}
