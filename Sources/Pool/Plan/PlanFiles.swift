import CSV
import Foundation

/// The deterministic files of a solve: plan.json, assignments.csv, uncovered.csv, summary.txt.
/// Same plan → same bytes (sorted JSON keys, fixed number formats, no timings).
public enum PlanFiles {
    public static let planJSON = "plan.json"
    public static let assignmentsCSV = "assignments.csv"
    public static let uncoveredCSV = "uncovered.csv"
    public static let summaryText = "summary.txt"
    /// Wall-clock timings: the one output that differs between runs (clearly separate).
    public static let timingsJSON = "timings.json"

    /// plan.json without timings (`PlanJSON`, the one canonical encoding).
    public static func json(_ plan: Plan) throws -> Data { try PlanJSON.encode(plan) }

    public static func timingsJSON(_ timings: Timings) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var data = try encoder.encode(timings)
        data.append(0x0A)
        return data
    }

    /// `clinician,date,shift,site,mode,hours,travel_km,travel_min,cost_eur`
    public static func assignmentsCSV(_ plan: Plan) throws -> Data {
        try csv(header: ["clinician", "date", "shift", "site", "mode", "hours", "travel_km", "travel_min", "cost_eur"],
                rows: plan.assignments.map { a in
                    [a.clinician, a.date.iso, a.shift, a.site, a.mode.rawValue, fixed(a.hours, 2), fixed(a.travelKm, 1),
                     fixed(a.travelMinutes, 1), fixed(a.costEUR, 2)]
                })
    }

    /// `site,date,shift,profession,language,count,reason`
    public static func uncoveredCSV(_ plan: Plan) throws -> Data {
        try csv(header: ["site", "date", "shift", "profession", "language", "count", "reason"],
                rows: plan.uncovered.map { u in
                    [u.site, u.date.iso, u.shift, u.profession, u.language ?? "", String(u.count), u.reason.rawValue]
                })
    }

    static func csv(header: [String], rows: [[String]]) throws -> Data {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: header)
        for row in rows { try writer.write(row: row) }
        writer.stream.close()
        var data = (stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data) ?? Data()
        data.append(0x0A)
        return data
    }

    static func fixed(_ x: Double, _ decimals: Int) -> String {
        let s = String(format: "%.\(decimals)f", x)
        return s.hasPrefix("-") && Double(s) == 0 ? String(s.dropFirst()) : s
    }

    /// Writes the four deterministic files (and timings.json when the plan has timings) into
    /// `directory` atomically: everything is written into a fresh temporary directory next to it
    /// first, then each file is renamed into place. A failure before the renames leaves the earlier
    /// outputs untouched; each rename replaces one file whole.
    public static func write(_ plan: Plan, summary: String, to directory: URL) throws {
        let fm = FileManager.default
        let outDir = directory.standardizedFileURL
        let parent = outDir.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(outDir.lastPathComponent).writing-\(ProcessInfo.processInfo.processIdentifier)")
        try? fm.removeItem(at: staging)
        try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        defer { try? fm.removeItem(at: staging) }
        var files: [(String, Data)] = [
            (planJSON, try json(plan)), (assignmentsCSV, try assignmentsCSV(plan)),
            (uncoveredCSV, try uncoveredCSV(plan)), (summaryText, Data(summary.utf8)),
        ]
        if let t = plan.timings { files.append((timingsJSON, try timingsJSON(t))) }
        for (name, data) in files {
            try data.write(to: staging.appendingPathComponent(name))
        }
        try fm.createDirectory(at: outDir, withIntermediateDirectories: true)
        for (name, _) in files {
            let from = staging.appendingPathComponent(name), to = outDir.appendingPathComponent(name)
            // rename(2) replaces the target atomically (same file system: staging is a sibling).
            guard rename(from.path, to.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: to.path,
                                 NSLocalizedDescriptionKey: "cannot move \(name) into \(outDir.path): \(String(cString: strerror(errno)))"])
            }
        }
    }
}
