import Foundation
import Plot
import Session

/// The top line: status glyph and word, session, step/total with percentage, it/s, ETA, elapsed, help hint.
public enum StatusLine {
    /// Renders the status line into a one-row rectangle.
    public static func render(_ context: PaneContext, into grid: inout CellGrid, rect: Rect) {
        let s = context.snapshot, g = context.glyphs
        let glyph: Unicode.Scalar
        let style: CellStyle
        switch s.status {
        case .running: glyph = g.running; style = CellStyle(color: .good, attributes: CellStyle.bold)
        case .paused: glyph = g.paused; style = CellStyle(color: .yellow, attributes: CellStyle.bold)
        case .diverged, .failed: glyph = g.diverged; style = CellStyle(color: .warning, attributes: CellStyle.bold | CellStyle.reverse)
        case .finished, .stopped: glyph = g.done; style = CellStyle(color: .accent, attributes: CellStyle.bold)
        case .starting: glyph = g.idle; style = CellStyle(attributes: CellStyle.bold)
        }
        grid.fill(rect, style: CellStyle(attributes: CellStyle.reverse))
        var x = rect.x
        let statusText: String
        switch s.status {
        case .diverged(let step, let reason): statusText = " \(String(glyph)) DIVERGED at \(step): \(reason) "
        case .failed(let why): statusText = " \(String(glyph)) FAILED: \(why) "
        default: statusText = " \(String(glyph)) \(s.status.label) "
        }
        x += grid.write(statusText, x: x, y: rect.y, style: style, maxWidth: rect.width)
        let percent = s.totalSteps > 0 ? " (\(Int((100 * Double(s.step) / Double(s.totalSteps)).rounded(.down)))%)" : ""
        // (text, priority): the lowest priorities go first when the line is too narrow.
        var parts: [(String, Int)] = [
            (" \(s.sessionName) [\(s.kind)]", 5),
            ("step \(s.step)/\(s.totalSteps)\(percent)", 6),
            (s.stepsPerEpoch > 1 ? "epoch \(String(format: "%.2f", Double(s.step) / Double(s.stepsPerEpoch)))" : "", 1),
            (String(format: "%.1f it/s", s.stepsPerSecond), 4),
            ("ETA \(s.etaSeconds.map(duration) ?? "-")", 3),
            ("elapsed \(duration(s.elapsed))", 2),
        ].filter { !$0.0.isEmpty }
        let bar = g.isUnicode ? " │ " : " | "
        let hint = " ? help "
        let room = rect.maxX - x - hint.count
        while parts.count > 1 && parts.map({ $0.0.unicodeScalars.count }).reduce(0, +) + bar.count * (parts.count - 1) > room,
              let drop = parts.indices.min(by: { parts[$0].1 < parts[$1].1 }) {
            parts.remove(at: drop)
        }
        let text = parts.map(\.0).joined(separator: bar)
        x += grid.write(text, x: x, y: rect.y, style: CellStyle(attributes: CellStyle.reverse),
                        maxWidth: rect.maxX - x - hint.count)
        if rect.maxX - x >= hint.count {
            grid.write(hint, x: rect.maxX - hint.count, y: rect.y, style: CellStyle(attributes: CellStyle.reverse | CellStyle.bold))
        }
    }

    /// `42s`, `3m07s`, `1h02m`.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "-" }
        let t = Int(seconds.rounded())
        if t < 60 { return "\(t)s" }
        if t < 3600 { return String(format: "%dm%02ds", t / 60, t % 60) }
        return String(format: "%dh%02dm", t / 3600, (t % 3600) / 60)
    }
}
