import ArgumentParser
import Foundation
import Pool

/// `poolctl export PLAN_DIR --format payroll|ics|html|json` (docs/exports.md).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a solved plan for HR and managers: payroll CSV, calendars, report, JSON.",
        discussion: """
        Reads PLAN_DIR/plan.json (written by `poolctl solve`). Outputs go to PLAN_DIR/exports/ \
        unless --out says otherwise; `--out -` writes payroll, html or json to standard output.

          payroll  a CSV row per clinician and worked shift: hours, overtime, travel
          ics      a folder with one iCalendar file per clinician (Europe/Helsinki)
          html     one self-contained report (charts, map, timelines; works offline)
          json     the plan in its documented, stable schema (docs/plan-schema.md)

        No export contains absence reasons or other health data. See docs/exports.md.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case payroll, ics, html, json }
    enum Delimiter: String, ExpressibleByArgument, CaseIterable { case comma, semicolon }

    @Argument(help: "A plan folder written by `poolctl solve`.")
    var planDir: String

    @Option(help: "What to export (see the list above).")
    var format: Format

    @Option(help: "Output file (folder for ics); '-' for standard output. Default: PLAN_DIR/exports/…")
    var out: String?

    @Option(help: "Payroll CSV dialect: semicolon (default; Excel with Finnish settings: decimal comma, UTF-8 BOM) or comma (RFC 4180, decimal point).")
    var delimiter: Delimiter?

    @Option(help: "ics: DTSTAMP as YYYY-MM-DDTHH:MM:SSZ (UTC). Default: 00:00 UTC of the plan's first date, so output is reproducible.")
    var stamp: String?

    @Option(help: "ics: SEQUENCE of the events; count up when republishing a revised plan of the same week.")
    var sequence: Int = 0

    func validate() throws {
        if format == .ics && out == "-" { throw ValidationError("--format ics writes a folder of files; give a folder with --out") }
        if stamp != nil && format != .ics { throw ValidationError("--stamp applies to --format ics only") }
        if delimiter != nil && format != .payroll { throw ValidationError("--delimiter applies to --format payroll only") }
        if sequence < 0 { throw ValidationError("--sequence must be 0 or more") }
        if let stamp, ExportCommand.utcMinute(stamp) == nil {
            throw ValidationError("--stamp: expected YYYY-MM-DDTHH:MM:SSZ (UTC), got \(stamp)")
        }
    }

    func run() throws {
        let folder = try PlanFolder(URL(fileURLWithPath: planDir))
        let plan = folder.plan
        let file: (name: String, data: Data, what: String)
        switch format {
        case .json:
            file = ("plan.json", try PlanJSON.encode(plan), "plan (schema version \(plan.schemaVersion))")
        case .payroll:
            let rows = try PayrollExport.rows(PlanIndex(plan: plan, directory: try folder.requireDirectory()))
            let dialect = delimiter ?? .semicolon
            file = ("payroll.csv", try PayrollExport.csv(rows, dialect: dialect == .semicolon ? .excelFinnish : .standard),
                    "\(rows.count) payroll rows (\(dialect.rawValue)-separated)")
        case .html:
            file = ("report.html", try HTMLReport.render(PlanIndex(plan: plan, directory: try folder.requireDirectory())), "report")
        case .ics:
            let index = PlanIndex(plan: plan, directory: try folder.requireDirectory())
            let options = ICSExport.Options(stampUTCMinute: stamp.flatMap(ExportCommand.utcMinute), sequence: sequence)
            let calendars = try ICSExport.calendars(index, options: options)
            let target = out.map { URL(fileURLWithPath: $0) } ?? folder.url.appendingPathComponent("exports/calendars")
            try OutputFiles.write(calendars, into: target)
            print("wrote \(calendars.count) calendars (\(plan.assignments.count) events) to \(target.path)/")
            return
        }
        if out == "-" {
            FileHandle.standardOutput.write(file.data)
            return
        }
        let target = out.map { URL(fileURLWithPath: $0) } ?? folder.url.appendingPathComponent("exports/" + file.name)
        try OutputFiles.write(file.data, to: target)
        print("wrote \(file.what) to \(target.path)")
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` into UTC minutes since 1970 (seconds must be 00: calendars
    /// stamp whole minutes here).
    static func utcMinute(_ text: String) -> Int? {
        guard text.count == 20, text.hasSuffix("Z") else { return nil }
        let chars = Array(text)
        guard chars[10] == "T", chars[13] == ":", chars[16] == ":", let day = Day(iso: String(chars[0..<10])),
              let h = Int(String(chars[11..<13])), let m = Int(String(chars[14..<16])), String(chars[17..<19]) == "00",
              (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        return day.ordinal * 1440 + h * 60 + m
    }
}
