import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Drives the real `equilab` binary inside a private tmux server (STYLE §6, layer 3): fixed 100×30 window,
/// `LANG=C.UTF-8`, `TERM=tmux-256color`, keys by `send-keys`, screen by `capture-pane -p`, polling under a
/// deadline, the screen dumped on failure, the server killed in teardown.
///
/// What it launches is `TUIHarness.arguments` with `{RUN}` replaced by a fresh run directory: by default the
/// real Fashion-MNIST baseline session; set `EQUILAB_TUI_E2E_ARGS` (e.g. `tui-demo --rate 40 --run-dir {RUN}`)
/// to drive the synthetic demo instead.
final class TUIHarness {
    /// The default command line: the real baseline session.
    static let defaultArguments = "sessions/fashion-mlp.yaml --steps 1000000 --out {RUN}"

    static var arguments: String {
        ProcessInfo.processInfo.environment["EQUILAB_TUI_E2E_ARGS"] ?? defaultArguments
    }

    /// tmux on PATH.
    static var tmux: String? {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// The `equilab` built next to this test bundle (`.build/<config>/equilab`), else in the package's
    /// `.build/debug` or `.build/release`.
    static var binary: String? {
        var candidates: [URL] = []
        var dir = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("equilab"))
            dir = dir.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates += ["debug", "release"].map { root.appendingPathComponent(".build/\($0)/equilab") }
        return candidates.map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Whether layer-3 tests can run here: tmux and a built binary (CI installs tmux through scripts/setup.sh).
    static var isAvailable: Bool { tmux != nil && binary != nil }

    let socket = "equilab-e2e-\(UUID().uuidString.prefix(8))"
    let runDirectory: String
    private let tmuxPath: String

    /// Starts `equilab` in a detached 100×30 session; after it exits, the pane prints `EXIT=<code>` and the
    /// terminal's `icanon`/`echo` modes, then waits.
    /// `arguments` replaces `TUIHarness.arguments` (with `{RUN}` substituted the same way); `width` × `height` is
    /// the window size.
    init(arguments: String? = nil, width: Int = 100, height: Int = 30) throws {
        tmuxPath = try #require(TUIHarness.tmux)
        let binary = try #require(TUIHarness.binary)
        runDirectory = NSTemporaryDirectory() + "equilab-e2e-\(UUID().uuidString.prefix(8))"
        let args = (arguments ?? TUIHarness.arguments).replacingOccurrences(of: "{RUN}", with: runDirectory)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        // bash continues after a child that handled Ctrl-C and exited (dash would die with it, closing the pane).
        let shell = FileManager.default.isExecutableFile(atPath: "/bin/bash") ? "/bin/bash" : "/bin/sh"
        // LINES/COLUMNS from the test runner's environment would pin ncurses to the start-up size.
        let script = "unset LINES COLUMNS; cd '\(root)' && '\(binary)' \(args); echo EXIT=$?; "
            + "stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo; sleep 120"
        try tmux(captureOutput: false, ["new-session", "-d", "-x", String(width), "-y", String(height), "-e", "LANG=C.UTF-8", "-e", "LC_ALL=C.UTF-8",
                  "-e", "TERM=tmux-256color", "-e", "OPENBLAS_NUM_THREADS=1", shell, "-c", script])
    }

    deinit {
        _ = try? tmux(captureOutput: false, ["kill-server"])
        let tmpdir = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(tmpdir)/tmux-\(getuid())/\(socket)")
        try? FileManager.default.removeItem(atPath: runDirectory)
    }

    /// Runs tmux on this harness's private server; returns its stdout when `captureOutput`.
    ///
    /// Uses `posix_spawn` + `waitpid` rather than Foundation's `Process`, whose exit monitoring never fires for
    /// `new-session` (the daemonised server inherits what it watches). Output goes through a temporary file.
    @discardableResult
    func tmux(captureOutput: Bool = true, _ arguments: [String]) throws -> String {
        let outPath = NSTemporaryDirectory() + "equilab-e2e-out-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        let argv = [tmuxPath, "-L", socket, "-f", "/dev/null"] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, captureOutput ? outPath : "/dev/null",
                                         O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        // Test runners call this from Dispatch worker threads, which block most signals; the mask would be
        // inherited by the tmux server and the binary (no SIGWINCH, no SIGINT). Spawn with an empty mask.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGPIPE] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        let rc = posix_spawn(&pid, tmuxPath, &actions, &attributes, &cArgs, environ)
        guard rc == 0 else { throw HarnessError.spawn(rc) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard captureOutput else { return "" }
        return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    }

    enum HarnessError: Error { case spawn(Int32) }

    /// Sends keys (tmux key names such as `Enter`, `BSpace`, `C-c`, or literal text with `literal`).
    func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", "0"] + (literal ? ["-l"] : []) + keys)
    }

    /// Types a `:` command line and runs it (`command("set lr 3e-3")`).
    func command(_ line: String) throws {
        try send(":")
        try send(line, literal: true)
        try send("Enter")
    }

    /// The visible screen.
    func screen() -> String { (try? tmux(["capture-pane", "-p", "-t", "0"])) ?? "" }

    /// Polls the screen until `predicate` holds or `timeout` passes; records the screen on failure.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 20, sourceLocation: SourceLocation = #_sourceLocation,
                 _ predicate: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen()
            if predicate(last) { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let panes = (try? tmux(["list-panes", "-a", "-F", "#{session_name} #{pane_dead} #{pane_dead_status} #{pane_current_command}"])) ?? "?"
        Issue.record("timed out waiting for \(what) (server \(socket), panes: \(panes)); screen:\n\(last)",
                     sourceLocation: sourceLocation)
        return false
    }

    /// Waits until `text` is on screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 20, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        waitFor("'\(text)'", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// The status line (first row).
    func statusLine() -> String { screen().split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? "" }

    /// Files under the run directory whose name mentions a checkpoint.
    func checkpointFiles() -> [String] {
        let e = FileManager.default.enumerator(atPath: runDirectory)
        var found: [String] = []
        while let f = e?.nextObject() as? String {
            if f.lowercased().contains("checkpoint") || f.hasSuffix(".safetensors") { found.append(f) }
        }
        return found
    }
}
