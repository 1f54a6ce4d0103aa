/// How a chart turns dots into characters: the fallback ladder braille 2×4 → quadrant 2×2 → half block 1×2 →
/// ASCII 1×1.
public enum RasterMode: String, Sendable, CaseIterable {
    case braille
    case quadrant
    case halfBlock
    case ascii

    /// Dots per cell horizontally.
    public var dotsWide: Int {
        switch self {
        case .braille, .quadrant: 2
        case .halfBlock, .ascii: 1
        }
    }

    /// Dots per cell vertically.
    public var dotsTall: Int {
        switch self {
        case .braille: 4
        case .quadrant, .halfBlock: 2
        case .ascii: 1
        }
    }

    /// The bit of dot (column `dx`, row `dy`) inside one cell's mask.
    ///
    /// Braille follows the Unicode layout: left column rows 0–3 are 0x01, 0x02, 0x04, 0x40, right column
    /// 0x08, 0x10, 0x20, 0x80. Quadrants: upper-left 1, upper-right 2, lower-left 4, lower-right 8. Half
    /// blocks: upper 1, lower 2.
    public func bit(dx: Int, dy: Int) -> UInt8 {
        switch self {
        case .braille:
            let left: [UInt8] = [0x01, 0x02, 0x04, 0x40]
            let right: [UInt8] = [0x08, 0x10, 0x20, 0x80]
            return dx == 0 ? left[dy] : right[dy]
        case .quadrant: return UInt8(1 << (dy * 2 + dx))
        case .halfBlock: return UInt8(1 << dy)
        case .ascii: return 1
        }
    }

    /// The character for a cell mask (`asciiInk` for a lit ASCII cell); nil for an empty mask.
    public func character(mask: UInt8, asciiInk: Unicode.Scalar = "*") -> Unicode.Scalar? {
        guard mask != 0 else { return nil }
        switch self {
        case .braille: return Unicode.Scalar(0x2800 + UInt32(mask))
        case .quadrant:
            let table: [Unicode.Scalar] = [" ", "▘", "▝", "▀", "▖", "▌", "▞", "▛", "▗", "▚", "▐", "▜", "▄", "▙", "▟", "█"]
            return table[Int(mask & 0x0F)]
        case .halfBlock:
            let table: [Unicode.Scalar] = [" ", "▀", "▄", "█"]
            return table[Int(mask & 0x03)]
        case .ascii: return asciiInk
        }
    }
}
