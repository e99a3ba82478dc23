import CGLPK
import Foundation

public enum ModelFileFormat: String, Sendable, CaseIterable {
    /// CPLEX LP.
    case lp
    /// Free MPS (fixed MPS is also accepted when reading).
    case mps

    /// From the file name: `.lp` or `.mps` (also under `.gz`, which GLPK reads and writes compressed).
    public init?(path: String) {
        var name = path.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        if name.hasSuffix(".lp") { self = .lp } else if name.hasSuffix(".mps") { self = .mps } else { return nil }
    }

    var shimCode: Int32 { self == .lp ? Int32(POOL_FILE_LP) : Int32(POOL_FILE_MPS) }
}

/// A model file that cannot be read or written; the message names the file and, for syntax
/// errors, the line (GLPK's own words).
public struct ModelFileError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String
    public init(path: String, message: String) { self.path = path; self.message = message }
    /// GLPK's own messages already start with the path ("f.lp:5: …").
    public var description: String { message.hasPrefix(path + ":") ? message : "\(path): \(message)" }
}

/// Writing any `LinearModel` as CPLEX LP or free MPS (through GLPK, with names encoded as
/// `ModelFileNames` describes) and reading such files back into a `LinearModel`.
public enum ModelFiles {
    /// The first line of every file Pool writes; its presence tells the reader to decode names.
    static let headerText = "Written by Pool. Names are encoded: ( ) ~ stand for [ ] -, #XX is the byte XX, a #~N suffix only keeps names unique."

    /// Writes `model` to `path` atomically (a temporary file next to it, then a rename). The format
    /// comes from the file name unless given.
    public static func write(_ model: LinearModel, to path: String, format: ModelFileFormat? = nil) throws {
        try model.validate()
        guard let format = format ?? ModelFileFormat(path: path) else {
            throw ModelFileError(path: path, message: "cannot tell the format from the name; use .lp or .mps or give the format")
        }
        let names = GLPKNames.encoded(for: model)
        try AtomicFile.write(to: path) { finalTemporary in
            try AtomicFile.withTemporary(near: path) { glpkOutput in
                do {
                    try GLPKProblem.withSession { problem in
                        try problem.load(model, names: names, ignoreIntegrality: false)
                        try problem.write(format: format, to: glpkOutput)
                    }
                } catch let error as GLPKError {
                    throw ModelFileError(path: path, message: error.message)
                }
                // GLPK writes no objective sense into MPS (MPS means minimise); add the common
                // OBJSENSE extension after the NAME line so that other solvers and Pool read it right.
                let maximizeMPS = format == .mps && model.direction == .maximize
                let comment = format == .lp ? "\\* \(headerText) *\\\n" : "* \(headerText)\n"
                try TextFileCopy.copy(from: glpkOutput, to: finalTemporary, prefix: comment) { line in
                    guard maximizeMPS else { return true }
                    guard line.hasPrefix("NAME") else { return false }
                    line += "OBJSENSE\n    MAX\n"
                    return true
                }
            }
        }
    }

    /// Reads an LP or MPS file (format from the name, else from the content).
    public static func read(_ path: String, format: ModelFileFormat? = nil) throws -> LinearModel {
        guard FileManager.default.isReadableFile(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw ModelFileError(path: path, message: exists ? "file is not readable" : "no such file")
        }
        let head = try fileHead(path)
        let format = format ?? ModelFileFormat(path: path) ?? sniffFormat(head)
        let encodedNames = head.hasPrefix("\\* \(headerText)") || head.hasPrefix("* \(headerText)")
        let mpsSense = format == .mps ? mpsObjectiveSense(head) : nil
        let model: LinearModel
        do {
            model = try GLPKProblem.withSession { problem in
                if mpsSense != nil {
                    // GLPK rejects the OBJSENSE section: read a copy without it.
                    try AtomicFile.withTemporary(near: NSTemporaryDirectory() + "/pool-read.mps") { copy in
                        try TextFileCopy.copy(from: path, to: copy) { line in
                            let word = line.split(separator: " ").first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).uppercased() }
                            if word == "OBJSENSE" || ["MAX", "MAXIMIZE", "MIN", "MINIMIZE"].contains(word ?? "") { line = "" }
                            return word == "ROWS"
                        }
                        try problem.read(format: format, from: copy)
                    }
                } else {
                    try problem.read(format: format, from: path)
                }
                return try ModelExtraction.linearModel(from: problem, decodeNames: encodedNames)
            }
        } catch let error as GLPKError {
            throw ModelFileError(path: path, message: error.message)
        }
        if let mpsSense { model.direction = mpsSense }
        model.name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        // GLPK writes an LP objective's constant as a comment only; take it back from there.
        if format == .lp, let constant = try lpObjectiveConstant(path) { model.objectiveConstant = constant }
        return model
    }

    /// The first 4 KiB, as text.
    private static func fileHead(_ path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ModelFileError(path: path, message: "cannot open") }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: 4096)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// The sense of an MPS OBJSENSE section ("OBJSENSE MAX" or "OBJSENSE" then "MAX" on the next
    /// line), which comes before ROWS.
    private static func mpsObjectiveSense(_ head: String) -> OptimizationDirection? {
        var words: [String] = []
        for line in head.split(whereSeparator: \.isNewline) where !line.hasPrefix("*") {
            words += line.split(separator: " ").map { $0.uppercased() }
            if words.contains("ROWS") { break }
        }
        guard let k = words.firstIndex(of: "OBJSENSE"), k + 1 < words.count else { return nil }
        switch words[k + 1] {
        case "MAX", "MAXIMIZE": return .maximize
        case "MIN", "MINIMIZE": return .minimize
        default: return nil
        }
    }

    /// MPS if the first line that is not a comment starts an MPS section.
    private static func sniffFormat(_ head: String) -> ModelFileFormat {
        for line in head.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || line.hasPrefix("*") || trimmed.hasPrefix("\\") { continue }
            let word = trimmed.split(separator: " ").first.map { $0.uppercased() } ?? ""
            return ["NAME", "ROWS", "OBJSENSE"].contains(word) ? .mps : .lp
        }
        return .lp
    }

    /// The `\* constant term = c *\` comment that GLPK's LP writer puts after the objective.
    private static func lpObjectiveConstant(_ path: String) throws -> Double? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        let prefix = "\\* constant term = "
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line).trimmingCharacters(in: .whitespacesAndNewlines)
            if text.hasPrefix(prefix), text.hasSuffix("*\\") {
                return Double(text.dropFirst(prefix.count).dropLast(2).trimmingCharacters(in: .whitespaces))
            }
            let lower = text.lowercased()
            if lower.hasPrefix("subject to") || lower.hasPrefix("such that") || lower == "st" || lower == "s.t." { return nil }
        }
        return nil
    }
}
