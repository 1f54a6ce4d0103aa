/// Zoom and pan of a chart's x axis, relative to the data's full x range.
///
/// The view is `1/zoom` of the full range wide; `offset` says how many view widths its right edge sits left of
/// the data's right edge (0 follows the newest point, as a live chart should).
public struct ChartViewport: Sendable, Equatable {
    /// ≥ 1; 1 shows everything.
    public var zoom: Double
    /// ≥ 0, in view widths.
    public var offset: Double

    /// The whole range, following new data.
    public init(zoom: Double = 1, offset: Double = 0) {
        self.zoom = max(1, zoom)
        self.offset = max(0, offset)
    }

    /// The largest zoom factor.
    public static let maximumZoom = 1024.0

    /// The visible part of `full` (axis space).
    public func visible(_ full: ClosedRange<Double>) -> ClosedRange<Double> {
        let span = full.upperBound - full.lowerBound
        guard span > 0 else { return full }
        let width = span / zoom
        var right = full.upperBound - offset * width
        right = max(right, full.lowerBound + width)
        return (right - width)...right
    }

    /// Zooms in (factor 2) keeping the right edge.
    public mutating func zoomIn() { zoom = min(zoom * 2, Self.maximumZoom); offset *= 2 }
    /// Zooms out (factor 2).
    public mutating func zoomOut() {
        zoom = max(zoom / 2, 1)
        offset = zoom == 1 ? 0 : offset / 2
    }
    /// Pans by `views` view widths (positive: towards older data), clamped to the data.
    public mutating func pan(by views: Double) {
        offset = min(max(offset + views, 0), max(zoom - 1, 0))
    }
}
