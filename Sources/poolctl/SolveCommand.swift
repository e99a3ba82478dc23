import ArgumentParser
import Foundation
import Pool

/// `poolctl solve SCENARIO_DIR --out OUT_DIR`: the weekly allocation (PRODUCT §3–§5).
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Plan a week: allocate the pool to the demand and write plan.json, assignments.csv, uncovered.csv, summary.txt.",
        discussion: """
        Prints a live progress line on stderr for solves longer than a second, stops cleanly on \
        Ctrl-C or at the time limit with the best plan so far, then prints the summary (also \
        written to summary.txt).

        The outputs are written atomically: a failed run, or one interrupted before any plan \
        exists, leaves earlier outputs in OUT_DIR as they were. plan.json, assignments.csv, \
        uncovered.csv and summary.txt are byte-identical for the same input when the solve \
        completes; wall-clock timings go to timings.json only.

        The model is described in docs/allocation-model.md.

        Exit status: 0 plan written, 2 invalid scenario, a scenario too large for this machine's memory or a plan that cannot be written, 3 no plan, \
        130 interrupted before a plan, 64 command-line usage error.
        """)

    @Argument(help: "The scenario folder.")
    var scenario: String

    @Option(help: "Folder for the outputs (created when missing).")
    var out: String

    @Option(help: "Wall-clock limit in seconds for the command, from its start: loading the scenario, building the model, the LP relaxation, heuristics and branch-and-cut, decoding and writing the plan (the sensitivity analysis is not counted).")
    var timeLimit: Double?

    @Option(help: "Relative gap at which the search may stop as optimal (0.005 = 0.5 %).")
    var gap: Double = 1e-4

    @Flag(help: "No progress line and no summary on stdout (the files are still written).")
    var quiet = false

    @Option(help: "Check this many of the top sensitivity entries (one more clinician of a profession and base) by re-solving the whole model exactly; 0 keeps the LP-dual estimates.")
    var exactSensitivity: Int = 0

    @Flag(help: "Skip the sensitivity analysis.")
    var noSensitivity = false

    @Flag(help: "Skip the Lagrangian bound and price-and-branch (every clinician's week solved exactly under the demand's prices). The time goes to RINS, neighbourhood search and branch-and-cut instead; the bound is then the LP's, or none when the LP was skipped.")
    var noLagrangianBound = false

    @Flag(help: "After the LP relaxation, one Lagrangian evaluation at its duals instead of price-and-branch (column generation over clinician weeks and a master MIP, which takes the time left after the LP); the search then starts from the LP rounding as before. Without the LP: the subgradient ascent on the week relaxation alone, without price-and-branch from its multipliers.")
    var noPriceAndBranch = false

    @Option(help: "Share of the time left after the LP relaxation kept for branching on each profession group's equity level, between price-and-branch and the search: around the best plan's level so far, each node re-converges price-and-branch's master for its group, and the bound rises; then the nodes with the most to gain give plans (a further fifth of the time) whose group's part replaces the best plan's where cheaper, and the search goes on from it (time not used goes to the search). 0 turns it off. Used only with price-and-branch and an equity term, and only when three exact pricing rounds of the week fit in that time.")
    var equityBranchingShare: Double = AllocationSolveOptions().equityBranchingShare

    @Option(help: "How to solve the LP relaxation: simplex, interior (faster on large weeks, no basis for the search), none (skip it: the bound then comes from a subgradient ascent on the week relaxation, a dynamic programme per clinician; price-and-branch starts from its multipliers when five of its rounds are predicted to fit, else the greedy plan is improved by neighbourhood search), or auto (by model size and time limit; skips it when it is predicted not to finish in time, or, before price-and-branch, to take more than a tenth of the time).")
    var lpMethod: LPMethodChoice = .auto

    @Option(help: "Profession-group blocks solved at the same time, one thread each (default 2; never more than the machine's cores). With 1 the blocks are solved one after another.")
    var threads: Int?

    @Option(name: .customLong("start-from"), help: ArgumentHelp(
        "A plan folder written by an earlier `poolctl solve` whose assignments are tried first for the starting plan (e.g. last run's plan, to repair the week after someone falls ill, or last week's).",
        discussion: "A plan of another week has its dates moved onto this one. Assignments that no longer fit the scenario or the rules are left out and the greedy fills the rest; the cheapest of this, the greedy plan and the LP rounding starts the search.",
        valueName: "plan-dir"))
    var startFrom: String?

    @Option(help: "Also write GLPK's own log of every block and phase (LP relaxation, RINS or RENS, branch-and-cut) to this file.")
    var solverLog: String?

    func validate() throws {
        if let timeLimit, !(timeLimit.isFinite && timeLimit >= 0) { throw ValidationError("--time-limit must be a number ≥ 0") }
        if !(gap.isFinite && gap >= 0 && gap < 1) { throw ValidationError("--gap must be a number in [0, 1)") }
        if exactSensitivity < 0 { throw ValidationError("--exact-sensitivity must be ≥ 0") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if !(equityBranchingShare.isFinite && equityBranchingShare >= 0 && equityBranchingShare < 1) {
            throw ValidationError("--equity-branching-share must be a number in [0, 1)")
        }
    }

    func run() throws {
        GLPKSolver.installInterruptHandler()
        let started = Date()
        let scenario = try loadScenario(self.scenario, consequence: "nothing solved")
        var previous: [Assignment] = [], previousFirstDate: Day?
        if let startFrom {
            do {
                let plan = try PlanFolder(URL(fileURLWithPath: startFrom)).plan
                previous = plan.assignments; previousFirstDate = plan.firstDate
            } catch {
                printError("poolctl: --start-from \(error); nothing solved")
                throw ExitCode(2)
            }
        }
        let progressLine = quiet ? nil : ProgressLine()
        var options = AllocationSolveOptions(timeLimitSeconds: timeLimit, relativeGap: gap)
        options.sensitivity = !noSensitivity
        options.lagrangianBound = !noLagrangianBound
        if noPriceAndBranch { options.columnGenerationShare = 0 }
        options.equityBranchingShare = equityBranchingShare
        options.exactSensitivityTop = exactSensitivity
        options.progressInterval = 0.25
        options.relaxationMethod = lpMethod.method
        options.skipRelaxation = lpMethod == .none
        options.threads = threads
        options.startFrom = previous
        options.startFromFirstDate = previousFirstDate
        options.secondsAlreadySpent = Date().timeIntervalSince(started)  // the limit counts from the command's start
        if solverLog != nil { options.verbosity = .normal }
        options.shouldStop = { GLPKSolver.isStopRequested }
        if let progressLine { options.progress = { progressLine.report($0) } }

        let run: AllocationRun
        do {
            run = try Allocator(solver: GLPKSolver()).solve(scenario, options: options)
        } catch let error as AllocationInputError {
            progressLine?.finish()
            printError("poolctl: \(error)")
            throw ExitCode(2)
        } catch let error as ModelTooLargeError {
            progressLine?.finish()
            printError("poolctl: \(self.scenario): \(error)")
            throw ExitCode(2)
        } catch AllocationError.interrupted {
            progressLine?.finish()
            printError("poolctl: \(AllocationError.interrupted); earlier outputs in \(out) left as they were")
            throw ExitCode(130)
        } catch let error as AllocationError {
            progressLine?.finish()
            printError("poolctl: \(error)")
            throw ExitCode(3)
        }
        progressLine?.finish()

        let summary = PlanSummary.text(run.plan)
        do {
            try PlanFiles.write(run.plan, summary: summary, to: URL(fileURLWithPath: out))
        } catch {
            printError("poolctl: cannot write the plan into \(out): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        if let solverLog {
            do {
                try Data(run.solverLog.utf8).write(to: URL(fileURLWithPath: solverLog), options: .atomic)
            } catch {
                printError("poolctl: cannot write the solver log \(solverLog): \(error.localizedDescription)")
            }
        }
        if let start = run.startPlan, let startFrom {
            if start.matched == 0, start.unmatched > 0 {
                printError("poolctl: warning: none of the \(start.unmatched) assignments of \(startFrom) is possible in this week "
                           + "(another scenario's plan?), so it was not used")
            }
            print("Start plan: \(start.matched) of \(start.matched + start.unmatched) assignments of \(startFrom)"
                  + (start.movedByDays == 0 ? "" : " (its dates moved by \(start.movedByDays) days onto this week)")
                  + " are still possible this week"
                  + (start.unmatched > 0 ? " (the other \(start.unmatched): absent, out of reach, no longer in demand or outside the horizon)" : ""))
        }
        if quiet {
            print("\(run.plan.solver.statusText); objective \(String(format: "%.2f", run.plan.costs.objective)) €; written to \(out)")
        } else {
            print(summary, terminator: "")
            if let t = run.plan.timings { print(Self.timingLine(t)) }
            print("Written: \(out)/{\(PlanFiles.planJSON),\(PlanFiles.assignmentsCSV),\(PlanFiles.uncoveredCSV),\(PlanFiles.summaryText),\(PlanFiles.timingsJSON)}")
        }
    }

    static func timingLine(_ t: Timings) -> String {
        String(format: "Timings: build %.2f s, greedy %.2f s, LP relaxation %.2f s, Lagrangian bound %.2f s, heuristics (LP rounding, RINS, neighbourhood search) %.2f s, branch-and-cut %.2f s, sensitivity %.2f s, total %.2f s",
               t.buildSeconds, t.greedySeconds, t.lpSeconds, t.lagrangianSeconds, t.heuristicSeconds, t.solveSeconds, t.sensitivitySeconds, t.totalSeconds)
            + (t.lanes > 1 ? " (\(t.lanes) lanes: the block phases overlap, so they may add up to more than the total)" : "")
    }
}

enum LPMethodChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, simplex, interior, none
    var method: LPMethod? {
        switch self {
        case .auto: return nil
        case .simplex: return .simplex
        case .interior: return .interiorPoint
        case .none: return nil
        }
    }
}
