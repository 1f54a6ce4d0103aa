/// The characters the workbench draws with: a Unicode set (box drawing, braille, blocks) and an ASCII fallback
/// used when the locale is not UTF-8 (braille cells would render blank under the C locale).
public struct Glyphs: Sendable, Equatable {
    /// Whether this set uses non-ASCII characters.
    public var isUnicode: Bool
    /// How charts rasterize: braille when Unicode, ASCII otherwise.
    public var raster: RasterMode
    public var horizontal: Unicode.Scalar
    public var vertical: Unicode.Scalar
    public var topLeft: Unicode.Scalar
    public var topRight: Unicode.Scalar
    public var bottomLeft: Unicode.Scalar
    public var bottomRight: Unicode.Scalar
    /// The x-axis tick mark and the axis corner.
    public var tick: Unicode.Scalar
    public var corner: Unicode.Scalar
    /// Live-edit event marker on the x axis.
    public var eventMarker: Unicode.Scalar
    /// NaN/Inf marker (top edge) and non-positive-on-log marker (bottom edge).
    public var nonFiniteMarker: Unicode.Scalar
    public var nonPositiveMarker: Unicode.Scalar
    /// One distinct glyph per series (legend and ASCII plots), cycled.
    public var seriesMarkers: [Unicode.Scalar]
    /// Winner, frozen and disabled badges (symmetry pane) and the selection cursor.
    public var winner: Unicode.Scalar
    public var frozen: Unicode.Scalar
    public var disabled: Unicode.Scalar
    public var cursor: Unicode.Scalar
    /// Status glyphs: running, paused, diverged, finished/stopped, failed/starting.
    public var running: Unicode.Scalar
    public var paused: Unicode.Scalar
    public var diverged: Unicode.Scalar
    public var done: Unicode.Scalar
    public var idle: Unicode.Scalar
    /// A grey ramp from dark to light (image art fallback and shading).
    public var ramp: [Unicode.Scalar]
    /// Whether grey images are drawn as upper half blocks with grey foreground and background (`CellStyle.grey`),
    /// one pixel per half cell: set by the workbench on 256-colour UTF-8 terminals; the ramp is used otherwise.
    public var greyHalfBlocks = false

    /// Box drawing, braille, blocks.
    public static let unicode = Glyphs(
        isUnicode: true, raster: .braille, horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐",
        bottomLeft: "└", bottomRight: "┘", tick: "┬", corner: "└", eventMarker: "▲", nonFiniteMarker: "×",
        nonPositiveMarker: "▼", seriesMarkers: ["●", "■", "▲", "◆", "✚", "✖", "★", "○"],
        winner: "★", frozen: "❄", disabled: "⊘", cursor: "▶", running: "▶", paused: "⏸", diverged: "✖",
        done: "■", idle: "…", ramp: [" ", "░", "▒", "▓", "█"])

    /// Plain ASCII for terminals or locales without UTF-8.
    public static let ascii = Glyphs(
        isUnicode: false, raster: .ascii, horizontal: "-", vertical: "|", topLeft: "+", topRight: "+",
        bottomLeft: "+", bottomRight: "+", tick: "+", corner: "+", eventMarker: "^", nonFiniteMarker: "x",
        nonPositiveMarker: "v", seriesMarkers: ["*", "#", "+", "o", "@", "%", "&", "="],
        winner: "*", frozen: "F", disabled: "-", cursor: ">", running: ">", paused: "=", diverged: "X",
        done: "#", idle: ".", ramp: [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"])

    /// The marker of the `index`-th series.
    public func marker(_ index: Int) -> Unicode.Scalar {
        seriesMarkers[((index % seriesMarkers.count) + seriesMarkers.count) % seriesMarkers.count]
    }

    /// The ramp character for a grey level in [0, 1] (NaN maps to the darkest).
    public func shade(_ level: Double) -> Unicode.Scalar {
        let v = level.isFinite ? min(max(level, 0), 1) : 0
        let i = Int((v * Double(ramp.count - 1)).rounded())
        return ramp[i]
    }

    /// An ASCII stand-in for a character the ASCII glyph set cannot show (text from experiments, separators):
    /// arrows and dots by look-alikes, Greek letters by Latin ones, anything else as `?`.
    public static func asciiFallback(_ c: Unicode.Scalar) -> Unicode.Scalar {
        if c.isASCII { return c }
        let table: [Unicode.Scalar: Unicode.Scalar] = [
            "·": ".", "•": "*", "…": "~", "→": ">", "←": "<", "↑": "^", "↓": "v", "‖": "|", "−": "-", "–": "-",
            "—": "-", "ᵀ": "T", "×": "x", "≤": "<", "≥": ">", "≈": "~", "±": "+", "°": "o", "²": "2", "³": "3",
            "₀": "0", "₁": "1", "₂": "2", "₃": "3", "ĝ": "g", "α": "a", "β": "b", "γ": "g", "δ": "d", "ε": "e",
            "η": "n", "θ": "t", "λ": "l", "μ": "u", "ρ": "r", "σ": "s", "τ": "t", "φ": "f", "ω": "w", "Δ": "D",
            "Λ": "L", "Σ": "S", "Ω": "W",
        ]
        return table[c] ?? "?"
    }
}
