import Foundation

/// Options of a weekly allocation solve (`poolctl solve`).
public struct AllocationSolveOptions: Sendable {
    /// Wall-clock budget in seconds from the start of `Allocator.solve` (less `secondsAlreadySpent`):
    /// model build, greedy, LP relaxation, heuristics and branch-and-cut, with time kept back for
    /// decoding and writing the plan (not the sensitivity analysis after them).
    public var timeLimitSeconds: Double?
    /// Time the caller already spent on this run, e.g. loading the scenario, counted against the
    /// limit (not recorded in the plan, which stays the same whatever the load took).
    public var secondsAlreadySpent = 0.0
    /// Stop once the relative gap is at most this.
    public var relativeGap: Double = 1e-4
    /// Live progress of the branch-and-cut (incumbent, bound, gap, elapsed).
    public var progress: (@Sendable (SolveProgress) -> Void)?
    /// Seconds between progress calls.
    public var progressInterval: Double = 1
    /// Polled between phases; true ends the run: before the search starts with
    /// `AllocationError.interrupted`, after it with the best plan so far. (A stop *during* the
    /// search is the solver's business, e.g. `GLPKSolver.requestStop()`.)
    public var shouldStop: (@Sendable () -> Bool)?
    public var warmStart = true
    /// A previous plan's assignments, tried first for the warm start (`StartPlan`); empty: none.
    public var startFrom: [Assignment] = []
    /// The previous plan's first date: when it is not this horizon's, its dates are moved onto it.
    public var startFromFirstDate: Day?
    /// How the LP relaxation is solved; nil chooses by size and time limit (`Allocator.relaxationMethod`).
    public var relaxationMethod: LPMethod?
    /// Skip the LP relaxation: the greedy plan is improved by neighbourhood search alone, with no
    /// bound (what `auto` does when the LP is predicted not to finish in time).
    public var skipRelaxation = false
    /// After the LP relaxation, a Lagrangian bound with its duals (`LagrangianBound`: every
    /// clinician's week solved exactly under the coverage rows' prices), when it fits the time.
    public var lagrangianBound = true
    /// Share of the time left after the LP relaxation given to price-and-branch
    /// (`ColumnGeneration`: its rounds, then its master MIP); what it leaves goes to the search.
    /// 0: one Lagrangian evaluation at the LP duals instead, and the search from the LP rounding.
    public var columnGenerationShare = 1.0
    /// Share of the time left after the LP relaxation kept for branching on each profession
    /// group's equity level between price-and-branch and the search (`EquityBranching`: it raises
    /// the bound, and a further `EquityBranching.planShare` goes to the nodes' plans; what it does
    /// not use goes to the search); 0: none.
    public var equityBranchingShare = EquityBranching.defaultShare
    /// Blocks solved at the same time, one thread each (nil: two; never more than the cores).
    public var threads: Int?
    public var sensitivity = true
    /// Re-solve the whole model exactly for this many top sensitivity entries (0: LP-dual pricing only).
    public var exactSensitivityTop = 0
    public var verbosity: SolverVerbosity = .quiet
    public init(timeLimitSeconds: Double? = nil, relativeGap: Double = 1e-4) {
        self.timeLimitSeconds = timeLimitSeconds; self.relativeGap = relativeGap
    }
}

public enum AllocationError: Error, CustomStringConvertible, Equatable {
    /// Stopped before any plan existed; nothing should be written.
    case interrupted
    /// The solver found no plan (e.g. infeasible pins that the preflight could not detect).
    case noPlan(String)

    public var description: String {
        switch self {
        case .interrupted: return "interrupted before a plan was found; nothing written"
        case .noPlan(let why): return "no plan: " + why
        }
    }
}

/// A finished solve: the plan (with `timings` filled) and the solver's log.
public struct AllocationRun {
    public var plan: Plan
    public var model: AllocationModel
    public var solverLog: String
    /// How much of `AllocationSolveOptions.startFrom` matched the new week (nil without one).
    public var startPlan: StartPlan?
}
