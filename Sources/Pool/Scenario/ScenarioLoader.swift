import Foundation

/// The result of checking a scenario folder: every diagnostic, and the scenario when there is no error.
public struct ScenarioValidation: Sendable {
    /// nil when any diagnostic is an error.
    public var scenario: Scenario?
    /// Sorted by file (scenario.yaml, sites, clinicians, demand, absences, history, distances, pins,
    /// preferences), then line.
    public var diagnostics: [Diagnostic]
}

/// Thrown by `ScenarioLoader.load` when the folder has at least one error; carries all diagnostics.
public struct ScenarioLoadError: Error, CustomStringConvertible, Sendable {
    public var diagnostics: [Diagnostic]
    public var description: String {
        let errors = diagnostics.filter { $0.severity == .error }
        let shown = errors.prefix(20).map(\.description).joined(separator: "\n")
        return shown + (errors.count > 20 ? "\n… and \(errors.count - 20) more errors" : "")
    }
}

/// Reads a scenario folder (docs/scenario-format.md) into a `Scenario`, checking everything.
public enum ScenarioLoader {
    /// The scenario and its warnings, or an error listing every problem found.
    public static func load(directory: URL) throws(ScenarioLoadError) -> (Scenario, [Diagnostic]) {
        let result = validate(directory: directory)
        guard let scenario = result.scenario else { throw ScenarioLoadError(diagnostics: result.diagnostics) }
        return (scenario, result.diagnostics)
    }

    /// Checks a folder and never throws: `poolctl validate` prints what this returns.
    /// `directory` may also be the path of a scenario.yaml, which stands for its folder.
    public static func validate(directory: URL) -> ScenarioValidation {
        var folder = directory
        if folder.lastPathComponent == ScenarioConfig.fileName, !isDirectory(folder) {
            folder = folder.deletingLastPathComponent()
        }
        guard isDirectory(folder) else {
            let problem = FileManager.default.fileExists(atPath: folder.path) ? "is not a folder" : "does not exist"
            return ScenarioValidation(scenario: nil, diagnostics: [
                Diagnostic(severity: .error, file: folder.path, message: "the scenario folder \(problem)")])
        }
        return validate { name in readFile(folder.appendingPathComponent(name)) }
    }

    /// The same checks on files given in memory (tests, fuzzing); absent names are missing files.
    static func validate(files: [String: Data]) -> ScenarioValidation {
        validate { name in files[name].map { .data($0) } ?? .missing }
    }

    enum FileContent {
        case missing
        case unreadable(String)
        case data(Data)
    }

    static func validate(reading read: @escaping (String) -> FileContent) -> ScenarioValidation {
        var reading = ScenarioReading(read: read)
        return reading.run()
    }

    /// The order in which the loader reads (and hashes) files, by default name.
    static let readingOrder = [ScenarioConfig.fileName, "sites.csv", "clinicians.csv", "demand.csv", "absences.csv",
                               "history.csv", "distances.csv", "pins.csv", "preferences.csv"]

    /// SHA-256 over the files read, in reading order; each file is framed by its name and length
    /// (or "-" when absent) so that moving bytes from one file to another changes the hash.
    static func inputHash(_ files: [(name: String, bytes: [UInt8]?)]) -> String {
        var bytes: [UInt8] = []
        for (name, content) in files {
            bytes += Array(name.utf8) + [0]
            bytes += Array((content.map { String($0.count) } ?? "-").utf8) + [0]
            bytes += content ?? []
        }
        return SHA256.hex(bytes)
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func readFile(_ url: URL) -> FileContent {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return .missing }
        if isDirectory.boolValue { return .unreadable("is a folder, not a file") }
        do {
            return .data(try Data(contentsOf: url))
        } catch {
            return .unreadable("cannot be read: \(error.localizedDescription)")
        }
    }
}
