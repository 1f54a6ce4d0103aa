import Plot
import Session

/// Pane 4: small grey images and masks side by side with their labels and the panel's caption.
///
/// Binary masks (every pixel 0 or 1) are drawn as half-block art, two pixels per cell (`▀`, `▄`, `█`); grey
/// images, on 256-colour UTF-8 terminals (`Glyphs.greyHalfBlocks`), as `▀` with the top pixel's grey as foreground
/// and the bottom pixel's as background (`CellStyle.grey`), otherwise with the shade ramp, one cell per 1×2 pixels
/// (averaged). Images larger than the room are shrunk by
/// averaging. The ASCII glyph set uses the ramp ` .:-=+*#%@` for both.
public enum ImagePane {
    /// Rows an image panel needs at least to be shown (label, 8 art rows = 16 pixel rows, caption).
    static let minimumPanelRows = 10

    /// Renders the images pane (frame included): the experiment's image panels stacked top to bottom, as many as
    /// fit with `minimumPanelRows` each, starting at the state's `imageOffset` (`i` shows the next rows).
    public static func render(_ context: PaneContext, into grid: inout CellGrid, rect: Rect) {
        let g = context.glyphs
        let panels = context.snapshot.imagePanels
        let fitting = max(1, min(panels.count, (rect.height - 2) / minimumPanelRows))
        let shown = panels.isEmpty ? [] : (0..<fitting).map { panels[(context.state.imageOffset + $0) % panels.count] }
        var info = shown.map(\.title).joined(separator: " · ")
        if shown.count < panels.count { info += " (\(shown.count) of \(panels.count), i: next)" }
        let inner = PaneFrame.draw(.images, focused: context.state.focus == .images, glyphs: g,
                                   info: info, into: &grid, rect: rect)
        guard !shown.isEmpty, shown.contains(where: { !$0.images.isEmpty }) else {
            PaneFrame.notice("no images in this session", into: &grid, rect: inner)
            return
        }
        let rows = inner.height / shown.count
        for (k, panel) in shown.enumerated() {
            let height = k == shown.count - 1 ? inner.height - rows * k : rows
            render(panel, glyphs: g, into: &grid, rect: Rect(x: inner.x, y: inner.y + rows * k, width: inner.width, height: height))
        }
    }

    /// Renders one panel's images (no frame): labels on the first row, art below, caption on the last row.
    public static func render(_ panel: ImagePanel, glyphs g: Glyphs, into grid: inout CellGrid, rect: Rect) {
        guard rect.height >= 3, !panel.images.isEmpty else { return }
        let captionRows = panel.caption.isEmpty ? 0 : 1
        let artRows = rect.height - 1 - captionRows
        let slot = max(4, (rect.width + 1) / panel.images.count)
        var x = rect.x
        for image in panel.images {
            guard x + 3 <= rect.maxX else { break }
            let cellWidth = min(slot - 1, rect.maxX - x)
            // Cells per image: keep aspect (a cell is 1 pixel wide, 2 pixels tall), shrink to fit.
            let scale = max(Double(image.width) / Double(cellWidth), Double(image.height) / Double(2 * artRows), 1)
            let cols = max(1, Int(Double(image.width) / scale)), rows = max(1, Int(Double(image.height) / (2 * scale)))
            grid.write(PaneFrame.fit(image.label, cellWidth), x: x, y: rect.y, style: CellStyle(color: .axis))
            let isMask = image.pixels.allSatisfy { $0 == 0 || $0 == 1 }
            for r in 0..<rows {
                for c in 0..<cols {
                    let top = sample(image, x0: Double(c) * scale, y0: Double(2 * r) * scale, size: scale)
                    let bottom = sample(image, x0: Double(c) * scale, y0: Double(2 * r + 1) * scale, size: scale)
                    let ch: Unicode.Scalar
                    var style = CellStyle.plain
                    if isMask && g.isUnicode {
                        let table: [Unicode.Scalar] = [" ", "▀", "▄", "█"]
                        ch = table[(top >= 0.5 ? 1 : 0) + (bottom >= 0.5 ? 2 : 0)]
                    } else if g.greyHalfBlocks {
                        // Both pixels kept: top as the foreground grey, bottom as the background grey.
                        ch = "▀"
                        style = .grey(top: top, bottom: bottom)
                    } else {
                        ch = g.shade((top + bottom) / 2)
                    }
                    grid.put(ch, x: x + c, y: rect.y + 1 + r, style: style)
                }
            }
            x += cellWidth + 1
        }
        if captionRows > 0 { grid.write(panel.caption, in: rect, row: rect.height - 1, style: CellStyle(color: .axis)) }
    }

    /// The mean of the pixels in a `size × size` box at (x0, y0) (clamped to the image).
    static func sample(_ image: PanelImage, x0: Double, y0: Double, size: Double) -> Double {
        let xa = Int(x0), ya = Int(y0)
        let xb = max(xa + 1, Int((x0 + size).rounded(.down))), yb = max(ya + 1, Int((y0 + size).rounded(.down)))
        var sum = 0.0, n = 0
        for y in ya..<min(yb, image.height) {
            for x in xa..<min(xb, image.width) {
                let v = Double(image.pixels[y * image.width + x])
                if v.isFinite { sum += v; n += 1 }
            }
        }
        return n > 0 ? sum / Double(n) : 0
    }
}
