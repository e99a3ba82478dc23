/// One problem found in a scenario folder, pointing at the file, line and field so a planner can
/// fix it in a spreadsheet without guessing.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Comparable {
        /// The scenario cannot be used as it is.
        case error
        /// The scenario can be used, but something is probably not what the author meant.
        case warning

        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var severity: Severity
    /// File name inside the scenario folder, e.g. `demand.csv`.
    public var file: String
    /// 1-based physical line where the record starts; 0 when the problem is about the whole file.
    public var line: Int
    /// CSV column or YAML key path the problem is about, when there is one.
    public var field: String?
    /// What is wrong and what was expected; names the field itself, so it reads on its own.
    public var message: String

    public init(severity: Severity, file: String, line: Int = 0, field: String? = nil, message: String) {
        self.severity = severity; self.file = file; self.line = line; self.field = field; self.message = message
    }

    /// `demand.csv:57: site "KUU-HC2" is not in sites.csv (did you mean "KUU-HC"?)` for an error,
    /// `demand.csv:57: warning: …` for a warning (the compiler convention: errors are the default).
    public var description: String {
        let place = line > 0 ? "\(file):\(line): " : (file.isEmpty ? "" : "\(file): ")
        return place + (severity == .warning ? "warning: " : "") + message
    }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { count { $0.severity == .error } }
    public var warningCount: Int { count { $0.severity == .warning } }
    public var hasErrors: Bool { contains { $0.severity == .error } }
}

/// Collects diagnostics while a scenario is read. A class so that the many small readers can share
/// one log without threading `inout` through every closure.
final class DiagnosticLog {
    private(set) var diagnostics: [Diagnostic] = []

    func error(_ file: String, _ line: Int, _ field: String?, _ message: String) {
        diagnostics.append(Diagnostic(severity: .error, file: file, line: line, field: field, message: message))
    }

    func warning(_ file: String, _ line: Int, _ field: String?, _ message: String) {
        diagnostics.append(Diagnostic(severity: .warning, file: file, line: line, field: field, message: message))
    }

    func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    var hasErrors: Bool { diagnostics.hasErrors }

    /// In reading order of the files, then by line; the stable sort keeps the order of checks
    /// within a line, so output is the same on every run.
    func sorted(fileOrder: [String]) -> [Diagnostic] {
        func rank(_ file: String) -> Int { fileOrder.firstIndex(of: file) ?? fileOrder.count }
        return diagnostics.enumerated().sorted { a, b in
            let ra = rank(a.element.file), rb = rank(b.element.file)
            if ra != rb { return ra < rb }
            if a.element.file != b.element.file { return a.element.file < b.element.file }
            if a.element.line != b.element.line { return a.element.line < b.element.line }
            return a.offset < b.offset
        }.map(\.element)
    }
}
