import ArgumentParser
import Foundation
import Pool

/// `poolctl compare A B [C …]`: solved plans side by side for what-if questions.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare plans or scenarios side by side: cost by component, coverage, travel, equity, continuity.",
        discussion: """
        Each argument is a plan folder written by `poolctl solve`, or a scenario folder, which is \
        solved first (with --time-limit, nothing written; the status of each solve is printed on \
        standard error, and a plan that is not proven optimal says so in the comparison's status row). \
        To keep the plans, solve with `poolctl solve SCENARIO --out PLAN_DIR` and compare the folders.

        The first plan is the baseline: the delta columns show each other plan minus the baseline \
        (▲ better, ▼ worse), and the closing lines say which plan is cheaper and which cost \
        components explain the difference.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv, markdown }

    @Argument(help: "Two or more plan or scenario folders; the first is the baseline.")
    var plans: [String]

    @Option(help: "Time limit in seconds for solving each scenario folder.")
    var timeLimit: Double = 60

    @Option(help: "Output format; text is for a terminal.")
    var format: Format = .text

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @Flag(help: "Colour the terminal text even when standard output is not a terminal.")
    var colour = false

    func validate() throws {
        if plans.count < 2 { throw ValidationError("give at least two plan folders to compare") }
        if !(timeLimit.isFinite && timeLimit > 0) { throw ValidationError("--time-limit must be a number > 0") }
    }

    func run() throws {
        GLPKSolver.installInterruptHandler()
        let urls = plans.map { URL(fileURLWithPath: $0) }
        let loaded = try urls.map { try plan(at: $0) }
        // Folder names label the columns; the full path when two folders share a name.
        let shortNames = urls.map { $0.standardizedFileURL.lastPathComponent }
        let names = zip(shortNames, plans).map { short, path in shortNames.filter { $0 == short }.count > 1 ? path : short }
        let comparison = PlanComparison(zip(names, loaded).map { ($0, $1) })
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

    /// The plan of a plan folder, or of a scenario folder (one with scenario.yaml and no plan.json)
    /// solved now.
    private func plan(at url: URL) throws -> Plan {
        let fm = FileManager.default
        let isScenario = fm.fileExists(atPath: url.appendingPathComponent("scenario.yaml").path)
            && !fm.fileExists(atPath: url.appendingPathComponent(PlanFolder.planFileName).path)
        guard isScenario else { return try PlanFolder(url).plan }
        let scenario = try loadScenario(url.path, consequence: "nothing compared")
        printError("poolctl: solving \(url.path) (time limit \(formatSeconds(timeLimit)) s) …")
        var options = AllocationSolveOptions(timeLimitSeconds: timeLimit)
        options.sensitivity = false
        options.shouldStop = { GLPKSolver.isStopRequested }
        do {
            let run = try Allocator(solver: GLPKSolver()).solve(scenario, options: options)
            printError("poolctl: \(url.path): \(run.plan.solver.statusText)")
            return run.plan
        } catch let error as AllocationInputError {
            printError("poolctl: \(url.path): \(error)")
            throw ExitCode(2)
        } catch let error as ModelTooLargeError {
            printError("poolctl: \(url.path): \(error)")
            throw ExitCode(2)
        } catch let error as AllocationError {
            printError("poolctl: \(url.path): \(error)")
            throw ExitCode(error == .interrupted ? 130 : 3)
        }
    }

    private func formatSeconds(_ s: Double) -> String { s == s.rounded() ? String(Int(s)) : String(s) }
}
