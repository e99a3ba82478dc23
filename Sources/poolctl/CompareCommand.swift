import ArgumentParser
import Foundation
import Pool

/// `poolctl compare A B [C …]`: solved plans side by side for what-if questions.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare solved plans side by side: cost by component, coverage, travel, equity, continuity.",
        discussion: """
        Each argument is a plan folder written by `poolctl solve`; a scenario folder must be solved \
        first (`poolctl solve SCENARIO --out PLAN_DIR`).

        The first plan is the baseline: the delta columns show each other plan minus the baseline \
        (▲ better, ▼ worse), and the closing lines say which plan is cheaper and which cost \
        components explain the difference.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv, markdown }

    @Argument(help: "Two or more plan folders; the first is the baseline.")
    var plans: [String]

    @Option(help: "Output format; text is for a terminal.")
    var format: Format = .text

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @Flag(help: "Colour the terminal text even when standard output is not a terminal.")
    var colour = false

    func validate() throws {
        if plans.count < 2 { throw ValidationError("give at least two plan folders to compare") }
    }

    func run() throws {
        let folders = try plans.map { try PlanFolder(URL(fileURLWithPath: $0)) }
        // Folder names label the columns; the full path when two folders share a name.
        let shortNames = folders.map { $0.url.standardizedFileURL.lastPathComponent }
        let names = zip(shortNames, plans).map { short, path in shortNames.filter { $0 == short }.count > 1 ? path : short }
        let comparison = PlanComparison(zip(names, folders).map { ($0, $1.plan) })
        let data: Data
        switch format {
        case .csv: data = try ComparisonRenderer.csv(comparison)
        case .markdown: data = Data(ComparisonRenderer.markdown(comparison).utf8)
        case .text:
            let tty = out == nil && isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            data = Data(ComparisonRenderer.text(comparison, colour: colour || tty).utf8)
        }
        if let out {
            try OutputFiles.write(data, to: URL(fileURLWithPath: out))
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
