import Foundation
import Session

/// Finds session files: a path, or a name looked up in the sessions folder.
///
/// The sessions folder is `$EQUILAB_SESSIONS`, else `./sessions`, else the `sessions` folder of the package
/// the executable was built in (found by walking up from the executable).
enum SessionFinder {
    /// The session `equilab` opens without arguments.
    static let defaultSession = "inertia"

    /// Candidate sessions folders, most specific first.
    static var directories: [String] {
        var out: [String] = []
        if let env = ProcessInfo.processInfo.environment["EQUILAB_SESSIONS"] { out.append(env) }
        out.append((FileManager.default.currentDirectoryPath as NSString).appendingPathComponent("sessions"))
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            out.append(dir.appendingPathComponent("sessions").path)
            dir = dir.deletingLastPathComponent()
        }
        return out
    }

    /// The first sessions folder that exists.
    static var directory: String? {
        directories.first { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && d.boolValue }
    }

    /// Every `*.yaml` file in the sessions folder, sorted.
    static var files: [String] {
        guard let dir = directory, let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            .map { (dir as NSString).appendingPathComponent($0) }
    }

    /// Resolves a path or session name to a file.
    static func resolve(_ session: String) throws(SpecError) -> String {
        if FileManager.default.fileExists(atPath: session) { return session }
        for file in files {
            let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            if base == session { return file }
        }
        let names = files.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
        let hint = nearest(session, in: names).map { "did you mean '\($0)'? " } ?? ""
        throw SpecError(file: session, line: 0, field: "SESSION",
                        message: "no such file and no session of that name in \(directory ?? "sessions/"); \(hint)known: \(names.joined(separator: ", "))")
    }
}
