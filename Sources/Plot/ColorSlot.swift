/// Named colours of the workbench; the TUI maps them to a colour-blind-safe palette (Okabe–Ito) or to nothing
/// under `NO_COLOR`. Series colours are always paired with a distinct glyph, so no meaning rests on colour alone.
public enum ColorSlot: UInt8, Sendable, CaseIterable {
    case normal = 0
    // Okabe–Ito series colours, in the order series receive them.
    case orange, skyBlue, bluishGreen, yellow, blue, vermillion, reddishPurple, grey
    /// Axes, frames, secondary text.
    case axis
    /// Warnings, divergence, NaN markers.
    case warning
    /// Good news (finished, best value).
    case good
    /// Titles and the focused frame.
    case accent

    /// The colour of the `index`-th series (cycling through the eight Okabe–Ito colours).
    public static func series(_ index: Int) -> ColorSlot {
        let all: [ColorSlot] = [.orange, .skyBlue, .bluishGreen, .yellow, .blue, .vermillion, .reddishPurple, .grey]
        return all[((index % all.count) + all.count) % all.count]
    }
}
