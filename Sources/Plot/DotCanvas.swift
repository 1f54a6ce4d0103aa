/// A dot raster laid over a rectangle of cells, `dotsWide × dotsTall` dots per cell (see `RasterMode`).
///
/// Dots are addressed from the top left: `x ∈ [0, widthDots)`, `y ∈ [0, heightDots)`. A cell shows one style:
/// where inks collide, the ink drawn last wins, so callers draw the focused series last.
public struct DotCanvas: Sendable {
    /// What a dot is drawn with: a cell style and the character an ASCII raster shows for it.
    public struct Ink: Sendable, Equatable {
        public var style: CellStyle
        public var ascii: Unicode.Scalar
        /// An ink with a style and an ASCII character.
        public init(style: CellStyle, ascii: Unicode.Scalar = "*") {
            self.style = style
            self.ascii = ascii
        }
    }

    public let mode: RasterMode
    /// Size in cells.
    public let columns: Int
    public let rows: Int
    private var masks: [UInt8]
    private var inks: [Ink?]

    /// An empty canvas of `columns × rows` cells.
    public init(columns: Int, rows: Int, mode: RasterMode) {
        self.mode = mode
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        masks = Array(repeating: 0, count: self.columns * self.rows)
        inks = Array(repeating: nil, count: self.columns * self.rows)
    }

    /// Size in dots.
    public var widthDots: Int { columns * mode.dotsWide }
    public var heightDots: Int { rows * mode.dotsTall }

    /// Lights one dot (ignored outside the canvas).
    public mutating func set(x: Int, y: Int, ink: Ink) {
        guard x >= 0, y >= 0, x < widthDots, y < heightDots else { return }
        let cx = x / mode.dotsWide, cy = y / mode.dotsTall
        let i = cy * columns + cx
        masks[i] |= mode.bit(dx: x % mode.dotsWide, dy: y % mode.dotsTall)
        inks[i] = ink
    }

    /// Whether a dot is lit.
    public func isSet(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < widthDots, y < heightDots else { return false }
        let i = (y / mode.dotsTall) * columns + x / mode.dotsWide
        return masks[i] & mode.bit(dx: x % mode.dotsWide, dy: y % mode.dotsTall) != 0
    }

    /// Draws a straight line between two dots with Bresenham's algorithm (both ends included).
    public mutating func line(from a: (x: Int, y: Int), to b: (x: Int, y: Int), ink: Ink) {
        var x0 = a.x, y0 = a.y
        let dx = abs(b.x - x0), dy = -abs(b.y - y0)
        let sx = x0 < b.x ? 1 : -1, sy = y0 < b.y ? 1 : -1
        var err = dx + dy
        // Lines are clipped dot by dot; bound the walk so far-off endpoints cannot spin for long.
        var budget = 4 * (widthDots + heightDots) + dx - dy + 4
        while budget > 0 {
            set(x: x0, y: y0, ink: ink)
            if x0 == b.x && y0 == b.y { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x0 += sx }
            if e2 <= dx { err += dx; y0 += sy }
            budget -= 1
        }
    }

    /// Lights a vertical run of dots in column `x` from `y0` to `y1` (either order).
    public mutating func vertical(x: Int, from y0: Int, to y1: Int, ink: Ink) {
        for y in min(y0, y1)...max(y0, y1) { set(x: x, y: y, ink: ink) }
    }

    /// Copies the lit cells into `grid` with `origin` as the canvas's top-left cell; unlit cells are left as they
    /// were, so axes and labels drawn earlier show through.
    public func render(into grid: inout CellGrid, at origin: (x: Int, y: Int)) {
        for cy in 0..<rows {
            for cx in 0..<columns {
                let i = cy * columns + cx
                guard let ink = inks[i], let ch = mode.character(mask: masks[i], asciiInk: ink.ascii) else { continue }
                grid.put(ch, x: origin.x + cx, y: origin.y + cy, style: ink.style)
            }
        }
    }
}
