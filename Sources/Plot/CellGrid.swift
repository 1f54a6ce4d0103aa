/// A terminal-independent picture: a rectangle of cells, each one character plus a style.
///
/// Panes and charts draw into a `CellGrid`; the ncurses layer only copies the grid to the screen (writing the
/// cells that changed since the last frame), and tests compare `text` against golden files. Every character is
/// assumed to occupy one terminal column (the glyph sets only use such characters).
///
/// ```
///  (0,0) ──────── x ────────▶ (width-1, 0)
///    │  row-major cells: index = y * width + x
///    y
///    ▼
/// ```
public struct CellGrid: Sendable, Equatable {
    /// Columns and rows.
    public let width: Int
    public let height: Int
    /// Row-major cells (`y * width + x`).
    public private(set) var cells: [Cell]

    /// A grid filled with `fill` (blank, default style, by default).
    public init(width: Int, height: Int, fill: Cell = Cell()) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// The whole grid as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (x, y); out-of-bounds reads give a blank cell and writes are ignored (clipping).
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return Cell() }
            return cells[y * width + x]
        }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Puts one character with a style at (x, y), clipped to the grid.
    public mutating func put(_ character: Unicode.Scalar, x: Int, y: Int, style: CellStyle = .plain) {
        self[x, y] = Cell(character, style: style)
    }

    /// Changes the style of the cell at (x, y), keeping its character.
    public mutating func restyle(x: Int, y: Int, _ style: CellStyle) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        cells[y * width + x].style = style
    }

    /// Writes `text` from (x, y) rightwards, at most `maxWidth` cells (clipped to the grid too).
    ///
    /// - Returns: the number of cells written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: CellStyle = .plain,
                               maxWidth: Int = .max) -> Int {
        var column = x
        var written = 0
        for scalar in text.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            if written >= maxWidth { break }
            put(scalar, x: column, y: y, style: style)
            column += 1
            written += 1
        }
        return written
    }

    /// Writes `text` inside `rect` at row `row`, truncated with the glyph set's ellipsis when too long.
    @discardableResult
    public mutating func write(_ text: String, in rect: Rect, row: Int, style: CellStyle = .plain,
                               alignRight: Bool = false) -> Int {
        guard row >= 0, row < rect.height, rect.width > 0 else { return 0 }
        let clipped = CellGrid.truncate(text, to: rect.width)
        let count = clipped.unicodeScalars.count
        let x = alignRight ? rect.maxX - count : rect.x
        return write(clipped, x: x, y: rect.y + row, style: style, maxWidth: rect.width)
    }

    /// Fills a rectangle with one character and style.
    public mutating func fill(_ rect: Rect, with character: Unicode.Scalar = " ", style: CellStyle = .plain) {
        for y in rect.y..<rect.maxY {
            for x in rect.x..<rect.maxX { put(character, x: x, y: y, style: style) }
        }
    }

    /// Row `y` as a string (trailing blanks kept).
    public func row(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var s = String.UnicodeScalarView()
        for x in 0..<width { s.append(cells[y * width + x].character) }
        return String(s)
    }

    /// The whole grid as text: rows joined by newlines, trailing blanks of each row trimmed, trailing empty rows
    /// dropped. This is what golden files hold.
    public var text: String {
        var lines = (0..<height).map { y -> String in
            var line = row(y)
            while line.last == " " { line.removeLast() }
            return line
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// `text` cut to `width` characters, ending in `…` when cut (plain `~` would be ambiguous; callers wanting
    /// ASCII pass text that fits or accept the ellipsis being replaced by the ASCII layer).
    public static func truncate(_ text: String, to width: Int) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > width else { return text }
        guard width > 1 else { return width == 1 ? String(Character(scalars[0])) : "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[0..<(width - 1)])
        view.append("…")
        return String(view)
    }
}

/// One terminal cell: a character and its style.
public struct Cell: Sendable, Hashable {
    public var character: Unicode.Scalar
    public var style: CellStyle

    /// A cell holding `character` in `style` (a blank in the default style by default).
    public init(_ character: Unicode.Scalar = " ", style: CellStyle = .plain) {
        self.character = character
        self.style = style
    }
}

/// A cell's look: a palette colour slot and attribute bits; the TUI maps slots to terminal colours.
public struct CellStyle: Sendable, Hashable {
    /// A `ColorSlot` raw value (0: the terminal's default colour).
    public var color: UInt8
    /// Bitwise OR of `CellStyle.bold`, `.dim`, `.reverse`, `.underline`.
    public var attributes: UInt8

    /// Bold text.
    public static let bold: UInt8 = 1
    /// Faint text (raw-value bands, baselines, secondary labels).
    public static let dim: UInt8 = 2
    /// Reverse video (selection, cursor).
    public static let reverse: UInt8 = 4
    /// Underlined text.
    public static let underline: UInt8 = 8

    /// The default colour, no attributes.
    public static let plain = CellStyle()

    /// A style with a colour slot and attributes.
    public init(color: ColorSlot = .normal, attributes: UInt8 = 0) {
        self.color = color.rawValue
        self.attributes = attributes
    }

    /// This style with extra attribute bits.
    public func with(_ extra: UInt8) -> CellStyle {
        var s = self
        s.attributes |= extra
        return s
    }

    /// Whether the attribute bit(s) are set.
    public func has(_ bits: UInt8) -> Bool { attributes & bits == bits }

    /// The colour slot.
    public var slot: ColorSlot { ColorSlot(rawValue: color) ?? .normal }

    /// Grey levels of the half-block image art: `grey(top:bottom:)` styles an upper half block `▀` whose foreground
    /// (top pixel) and background (bottom pixel) are two of these levels. The TUI maps them to the 24 greys 232–255
    /// of a 256-colour terminal (spec `ood-gan-inversion.md` §5); `color` values `greyBase ..< greyBase + levels²`.
    public static let greyLevels = 12
    public static let greyBase: UInt8 = 100

    /// The style of a `▀` cell showing two pixels in [0, 1] (top as foreground, bottom as background).
    public static func grey(top: Double, bottom: Double) -> CellStyle {
        func level(_ v: Double) -> Int { v.isFinite ? min(max(Int((v * Double(greyLevels)).rounded(.down)), 0), greyLevels - 1) : 0 }
        var s = CellStyle()
        s.color = greyBase + UInt8(level(top) * greyLevels + level(bottom))
        return s
    }

    /// For a `grey(top:bottom:)` style, its two levels (0 = darkest); nil for palette colours.
    public var greyPair: (top: Int, bottom: Int)? {
        let n = CellStyle.greyLevels
        guard color >= CellStyle.greyBase, Int(color - CellStyle.greyBase) < n * n else { return nil }
        let k = Int(color - CellStyle.greyBase)
        return (k / n, k % n)
    }
}
