import ArgumentParser
import Foundation
import Pool

/// `poolctl validate DIR`: every problem in a scenario folder, then a one-line verdict.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario folder and report every problem with file, line and field.",
        discussion: """
        The format is described in docs/scenario-format.md.

        Exit status: 0 valid, 1 warnings only (2 with --strict), 2 invalid.
        """)

    @Argument(help: "The scenario folder (or its scenario.yaml).")
    var directory: String

    @Flag(help: "Treat warnings as errors (exit status 2).")
    var strict = false

    func run() throws {
        let result = ScenarioLoader.validate(directory: URL(fileURLWithPath: directory))
        for diagnostic in result.diagnostics { print(diagnostic.description) }
        print(Self.summary(result, directory: directory))
        let errors = result.diagnostics.errorCount, warnings = result.diagnostics.warningCount
        if errors > 0 || (strict && warnings > 0) { throw ExitCode(2) }
        if warnings > 0 { throw ExitCode(1) }
    }

    static func summary(_ result: ScenarioValidation, directory: String) -> String {
        let errors = result.diagnostics.errorCount, warnings = result.diagnostics.warningCount
        let counts = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        guard let s = result.scenario else { return "\(directory): invalid (\(counts))" }
        let demandHours = s.demand.reduce(0.0) { sum, row in sum + Double(row.count) * (s.shiftType(named: row.shift)?.hours ?? 0) }
        return "\(directory): \(warnings == 0 ? "valid" : "valid with warnings") (\(counts)); \"\(s.name)\": "
            + "\(s.horizon.firstDate) + \(s.horizon.days) days, \(s.sites.count) sites, \(s.clinicians.count) clinicians, "
            + "\(s.demand.count) demand rows (\(Int(demandHours.rounded())) h); input sha256 \(s.inputHash.prefix(12))"
    }
}
