import ArgumentParser
import Foundation
import Pool

struct LPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lp",
        abstract: "Work with LP/MIP model files directly (diagnosis, checks).",
        subcommands: [LPSolveCommand.self]
    )
}

struct LPSolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve a CPLEX LP or MPS model file with GLPK and print the result.",
        discussion: """
        LPs are solved by the simplex method, MIPs by branch-and-cut. A MIP that runs longer than a \
        second shows a progress line on stderr; Ctrl-C stops it and prints the best solution so far \
        (a second Ctrl-C exits at once).

        Exit status: 0 optimal or feasible, 2 bad input (missing or unreadable file), 3 infeasible, \
        unbounded or no solution found, 1 solver failure, 64 command-line usage error.
        """
    )

    enum FormatChoice: String, ExpressibleByArgument, CaseIterable {
        case lp, mps, auto
        var modelFileFormat: ModelFileFormat? { self == .lp ? .lp : self == .mps ? .mps : nil }
    }

    @Argument(help: "The model file (.lp or .mps, optionally .gz).")
    var file: String

    @Option(help: "File format; auto goes by the file name, else by the content.")
    var format: FormatChoice = .auto

    @Option(name: .customLong("time-limit"), help: "Stop after this many seconds, keeping the best solution so far.")
    var timeLimit: Double?

    @Option(help: "Relative MIP gap at which the search stops (0 proves optimality).")
    var gap: Double = 1e-4

    @Flag(help: "No progress line; GLPK logs only errors.")
    var quiet = false

    @Flag(help: "Solve the LP relaxation (integrality dropped).")
    var relax = false

    @Flag(help: "Print the nonzero variable values by name (and, for LPs, nonzero duals and reduced costs).")
    var values = false

    @Option(help: "Write GLPK's log to this file.")
    var log: String?

    @Option(help: ArgumentHelp("MIP cut generators: all (Gomory, MIR, cover, clique), none, or a list such as mir,cov,clq.",
                               valueName: "cuts"))
    var cuts: String = "all"

    @Flag(name: .customLong("no-presolve"), help: "Turn GLPK's LP and MIP presolvers off.")
    var noPresolve = false

    /// `--cuts` as GLPK cut generators.
    static func parseCuts(_ text: String) -> GLPKCuts? {
        switch text.lowercased() {
        case "none": return []
        case "all": return .all
        default:
            var cuts: GLPKCuts = []
            for word in text.lowercased().split(separator: ",") {
                switch word.trimmingCharacters(in: .whitespaces) {
                case "gmi": cuts.insert(.gomory)
                case "mir": cuts.insert(.mixedIntegerRounding)
                case "cov": cuts.insert(.cover)
                case "clq": cuts.insert(.clique)
                default: return nil
                }
            }
            return cuts
        }
    }

    func validate() throws {
        if let timeLimit, !(timeLimit.isFinite && timeLimit >= 0) { throw ValidationError("--time-limit must be a number ≥ 0") }
        if !(gap.isFinite && gap >= 0) { throw ValidationError("--gap must be a number ≥ 0") }
        if Self.parseCuts(cuts) == nil { throw ValidationError("--cuts: expected all, none or a list of gmi, mir, cov, clq") }
    }

    func run() throws {
        GLPKSolver.installInterruptHandler()  // before reading: Ctrl-C during a long read is not lost
        let model: LinearModel
        do {
            model = try ModelFiles.read(file, format: format.modelFileFormat)
        } catch {
            printError("poolctl: cannot read model: \(error)")
            throw ExitCode(2)
        }
        let isMIP = model.isMixedInteger && !relax
        let progressLine = isMIP && !quiet ? ProgressLine() : nil
        var options = SolveOptions(timeLimitSeconds: timeLimit, relativeGap: gap, verbosity: quiet ? .quiet : .normal,
                                   presolve: !noPresolve, relaxIntegrality: relax)
        if let progressLine { options.progress = { progressLine.report($0) } }
        options.progressInterval = 0.25
        if GLPKSolver.isStopRequested {
            printError("poolctl: interrupted before solving")
            throw ExitCode(130)
        }

        let solver = GLPKSolver(cuts: Self.parseCuts(cuts) ?? .standard)
        let result: SolveResult
        do {
            result = try solver.solve(model, options: options)
        } catch let error as ModelValidationError {
            progressLine?.finish()
            printError("poolctl: \(file): \(error)")
            throw ExitCode(2)
        }
        progressLine?.finish()
        if let log { try writeLog(result.log, to: log) }

        print(SolveReport(file: file, model: model, result: result, solverName: solver.name, isMIP: isMIP,
                          showValues: values).text, terminator: "")
        if !result.hasSolution { throw ExitCode(3) }
    }

    private func writeLog(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            printError("poolctl: cannot write log \(path): \(error.localizedDescription)")
            throw ExitCode(2)
        }
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
