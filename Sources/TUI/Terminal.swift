import CNCursesW
import Foundation
import Plot

/// The ncurses screen: start-up, key input, drawing a `CellGrid` by writing only changed cells, and restoring
/// the terminal. The only type that calls curses; used on the main thread only.
///
/// Start-up follows STYLE §5: `setlocale`, UTF-8 detection (ASCII glyphs otherwise), handlers for SIGINT/SIGTERM
/// and crash signals installed before `newterm` (nil for an unknown `TERM` → `TerminalError`), then `cbreak`,
/// `noecho`, `keypad`, `curs_set(0)`, `set_escdelay(25)`, a 50 ms input timeout, and colours unless `NO_COLOR`.
final class Terminal {
    /// What `readInput` returns.
    enum Input: Equatable {
        case key(Key)
        case resize
        /// The terminal went away (its pty was closed).
        case hangup
    }

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    /// Whether the locale is UTF-8 and the caller did not ask for ASCII.
    let isUnicode: Bool
    /// Whether colours are in use.
    let hasColor: Bool
    /// Whether the grey pairs of `CellStyle.grey` are set up (256 colours and enough colour pairs).
    let hasGreyRamp: Bool
    private(set) var width: Int
    private(set) var height: Int
    /// The frame on screen, to write only the cells that changed.
    private var lastFrame: CellGrid?
    /// Set once input reports that the terminal is gone; drawing stops then.
    private(set) var isHungUp = false

    /// Starts curses on the process's terminal.
    ///
    /// - Throws: `TerminalError.unknownTerminal` when `TERM` is unset or unknown to terminfo.
    init(options: WorkbenchOptions) throws(TerminalError) {
        setlocale(LC_ALL, "")
        isUnicode = !options.asciiOnly && equilab_codeset_is_utf8() != 0
        equilab_install_handlers()
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        guard !term.isEmpty, let s = equilab_newterm(nil) else {
            equilab_uninstall_handlers()
            throw .unknownTerminal(term)
        }
        screen = s
        equilab_mark_active()
        guard let w = equilab_stdscr() else {
            equilab_restore_terminal()
            throw .unknownTerminal(term)
        }
        window = w
        cbreak()
        noecho()
        keypad(w, true)
        curs_set(0)
        set_escdelay(25)
        wtimeout(w, 50)
        let noColorEnv = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        hasColor = !options.noColor && !noColorEnv && has_colors()
        hasGreyRamp = hasColor ? Terminal.startColors() : false
        width = Int(equilab_cols())
        height = Int(equilab_lines())
    }

    /// Ends curses (once) and frees the screen.
    func restore() {
        equilab_restore_terminal()
        delscreen(screen)
        equilab_uninstall_handlers()
    }

    // MARK: - Input

    /// Waits up to 50 ms for a key; nil on timeout or for keys the workbench ignores.
    func readInput() -> Input? {
        var ch: wint_t = 0
        let r = wget_wch(window, &ch)
        if r == KEY_CODE_YES {
            switch Int32(ch) {
            case KEY_RESIZE:
                width = Int(equilab_cols())
                height = Int(equilab_lines())
                lastFrame = nil
                return .resize
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_ENTER: return .key(.enter)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_BTAB: return .key(.backTab)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            default: return nil
            }
        }
        guard r == OK else {
            // A timeout is normal; a closed pty makes every read fail at once, which poll reports as a hang-up.
            var fd = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            if poll(&fd, 1, 0) > 0 && fd.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                isHungUp = true
                return .hangup
            }
            return nil
        }
        switch ch {
        case 10, 13: return .key(.enter)
        case 9: return .key(.tab)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        default:
            guard ch >= 32, let scalar = Unicode.Scalar(UInt32(ch)) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }

    // MARK: - Drawing

    /// Shows `grid`, writing only cells that differ from the previous frame, with one `doupdate`.
    func draw(_ grid: CellGrid) {
        guard !isHungUp else { return }
        let full = lastFrame.map { $0.width != grid.width || $0.height != grid.height } ?? true
        if full { werase(window) }
        for y in 0..<min(grid.height, height) {
            for x in 0..<min(grid.width, width) {
                let cell = grid[x, y]
                if !full, let last = lastFrame, last[x, y] == cell { continue }
                // The bottom-right cell cannot be written without scrolling on some terminals; skip it.
                if y == height - 1 && x == width - 1 { continue }
                let ch = isUnicode ? cell.character : Glyphs.asciiFallback(cell.character)
                _ = equilab_put_wch(window, Int32(y), Int32(x), wchar_t(bitPattern: ch.value), attributes(cell.style),
                                    hasColor ? Int16(cell.style.color) : 0)
            }
        }
        lastFrame = grid
        wnoutrefresh(window)
        doupdate()
    }

    /// The pending SIGINT or SIGTERM (nil if none), cleared on read.
    ///
    /// The flag lives in the shim as one weak global, shared by every object file that includes the header.
    func takeSignal() -> Int32? {
        let s = equilab_take_signal()
        return s == 0 ? nil : s
    }

    /// Forgets the last frame so the next draw repaints everything.
    func invalidate() { lastFrame = nil }

    private func attributes(_ style: CellStyle) -> UInt32 {
        var a = equilab_a_normal()
        if style.has(CellStyle.bold) { a |= equilab_a_bold() }
        if style.has(CellStyle.dim) { a |= equilab_a_dim() }
        if style.has(CellStyle.reverse) { a |= equilab_a_reverse() }
        if style.has(CellStyle.underline) { a |= equilab_a_underline() }
        return a
    }

    // MARK: - Colours

    /// One colour pair per `ColorSlot` (pair number = slot), on the terminal's default background. Okabe–Ito
    /// colours on 256-colour terminals, the nearest of the 8 basic colours otherwise. On 256-colour terminals with
    /// enough pairs also one pair per `CellStyle.grey` level pair (foreground and background from the greys
    /// 232–255); returns whether those exist.
    private static func startColors() -> Bool {
        start_color()
        use_default_colors()
        let rich = equilab_colors() >= 256
        for slot in ColorSlot.allCases where slot != .normal {
            let c: Int32
            switch slot {
            case .normal: c = -1
            case .orange: c = rich ? 214 : Int32(COLOR_YELLOW)
            case .skyBlue: c = rich ? 117 : Int32(COLOR_CYAN)
            case .bluishGreen: c = rich ? 36 : Int32(COLOR_GREEN)
            case .yellow: c = rich ? 227 : Int32(COLOR_YELLOW)
            case .blue: c = rich ? 32 : Int32(COLOR_BLUE)
            case .vermillion: c = rich ? 166 : Int32(COLOR_RED)
            case .reddishPurple: c = rich ? 175 : Int32(COLOR_MAGENTA)
            case .grey: c = rich ? 245 : Int32(COLOR_WHITE)
            case .axis: c = rich ? 244 : Int32(COLOR_WHITE)
            case .warning: c = rich ? 202 : Int32(COLOR_RED)
            case .good: c = rich ? 36 : Int32(COLOR_GREEN)
            case .accent: c = rich ? 117 : Int32(COLOR_CYAN)
            }
            init_pair(Int16(slot.rawValue), Int16(c), -1)
        }
        let n = CellStyle.greyLevels
        guard rich, equilab_color_pairs() >= Int32(CellStyle.greyBase) + Int32(n * n) else { return false }
        func grey(_ level: Int) -> Int16 { Int16(232 + (level * 23 + (n - 1) / 2) / (n - 1)) }
        for top in 0..<n {
            for bottom in 0..<n {
                init_pair(Int16(CellStyle.greyBase) + Int16(top * n + bottom), grey(top), grey(bottom))
            }
        }
        return true
    }
}

/// Why the terminal could not be used.
public enum TerminalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `TERM` is unset or not in the terminfo database.
    case unknownTerminal(String)

    public var description: String {
        switch self {
        case .unknownTerminal(let term):
            let name = term.isEmpty ? "TERM is not set" : "the terminal type TERM=\(term) is unknown to terminfo"
            return "\(name); set TERM to a known type (e.g. export TERM=xterm-256color) or run headless with --plain"
        }
    }
}
