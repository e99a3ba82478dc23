/// The contract between models and solvers. GLPK is the one backend today (`GLPKSolver`);
/// another solver only has to implement `LinearSolver`.
public protocol LinearSolver {
    var name: String { get }
    /// Solves `model` (validated first; an invalid model throws, never crashes).
    func solve(_ model: LinearModel, options: SolveOptions) throws -> SolveResult
    /// How solves of this solver may run side by side (`Lanes.swift`); by default one after the other.
    var lanes: any LaneRunner { get }
}

/// A solver that works through another one (decomposition, heuristics around it): it goes by the
/// base's name and runs side by side as the base allows.
public protocol SolverWrapper: LinearSolver {
    var base: any LinearSolver { get }
}

extension SolverWrapper {
    public var name: String { base.name }
    public var lanes: any LaneRunner { base.lanes }
}

public enum SolverVerbosity: String, Sendable, Codable {
    /// Nothing captured beyond errors.
    case quiet
    /// The solver's normal log, captured into `SolveResult.log` (never printed to stdout).
    case normal
    /// Everything the solver says.
    case verbose
}

/// A snapshot of a running branch-and-cut, delivered to `SolveOptions.progress`.
public struct SolveProgress: Sendable {
    public var incumbent: Double?
    public var bestBound: Double?
    /// Relative gap |incumbent − bound| / max(|incumbent|, 1e-9)… as GLPK defines it.
    public var gap: Double?
    public var activeNodes: Int
    public var elapsedSeconds: Double
    public init(incumbent: Double?, bestBound: Double?, gap: Double?, activeNodes: Int, elapsedSeconds: Double) {
        self.incumbent = incumbent; self.bestBound = bestBound; self.gap = gap
        self.activeNodes = activeNodes; self.elapsedSeconds = elapsedSeconds
    }
}

public struct SolveOptions: Sendable {
    /// Wall-clock limit for the whole solve; nil for none.
    public var timeLimitSeconds: Double?
    /// Stop branch-and-cut once the relative gap is at most this (0 = prove optimality).
    public var relativeGap: Double = 1e-4
    public var verbosity: SolverVerbosity = .normal
    /// Use the solver's presolver.
    public var presolve: Bool = true
    /// Solve only the LP relaxation (integrality dropped), e.g. for duals and bounds.
    public var relaxIntegrality: Bool = false
    /// A feasible point (one value per variable) offered as the first incumbent of a MIP.
    public var warmStart: [Double]?
    /// Called from the solving thread; must not call back into the solver.
    public var progress: (@Sendable (SolveProgress) -> Void)?
    /// Seconds between progress calls.
    public var progressInterval: Double = 0.5
    /// A basis of a model with the same rows and columns (e.g. `SolveResult.basis` of its LP
    /// relaxation) to start the simplex from; the LP presolver is then skipped (it would discard it).
    public var startingBasis: SolverBasis?
    /// How an LP (or `relaxIntegrality`) solve runs. The interior point has no basis to hand on
    /// but was about twice as fast on the region week's relaxation (measured: docs/performance.md).
    public var lpMethod: LPMethod = .simplex
    /// Whether branch-and-cut may add Gomory mixed-integer cuts (when the solver's own cut set has
    /// them). Price-and-branch turns them off for its many small pricing MIPs, where they cost more
    /// than they saved (region week: 1.27 s per pricing round with them, 0.80 s without).
    public var gomoryCuts = true
    /// Run the simplex as dual simplex (falling back to primal): for a start basis that stays dual
    /// feasible, e.g. the last LP's after bounds were tightened (a dive fixing columns).
    public var dualSimplex = false

    public init(timeLimitSeconds: Double? = nil, relativeGap: Double = 1e-4, verbosity: SolverVerbosity = .normal,
                presolve: Bool = true, relaxIntegrality: Bool = false, warmStart: [Double]? = nil,
                progress: (@Sendable (SolveProgress) -> Void)? = nil) {
        self.timeLimitSeconds = timeLimitSeconds; self.relativeGap = relativeGap; self.verbosity = verbosity
        self.presolve = presolve; self.relaxIntegrality = relaxIntegrality; self.warmStart = warmStart
        self.progress = progress
    }
}

public enum SolveStatus: String, Sendable, Codable {
    /// Proven optimal (for a MIP: within `relativeGap`, see `SolveResult.gap`).
    case optimal
    /// A feasible solution, optimality not proven (see `stopReason` and `gap`).
    case feasible
    case infeasible
    case unbounded
    /// Stopped before any feasible solution was found.
    case noSolution = "no_solution"
}

public enum StopReason: String, Sendable, Codable {
    case completed
    case timeLimit = "time_limit"
    case interrupted
}

public struct SolveResult: Sendable {
    public var status: SolveStatus
    public var stopReason: StopReason
    /// Objective of the returned solution (including the model's constant), when there is one.
    public var objective: Double?
    /// Best proven bound on the optimum (equal to `objective` when optimal).
    public var bestBound: Double?
    /// Relative gap between `objective` and `bestBound`, 0 when optimal.
    public var gap: Double?
    /// One value per variable (empty without a solution).
    public var values: [Double]
    /// Row duals and column reduced costs, for LPs (and MIP relaxations) only.
    public var rowDuals: [Double]?
    public var reducedCosts: [Double]?
    public var elapsedSeconds: Double
    /// Branch-and-bound nodes explored (0 for an LP).
    public var nodes: Int
    /// The solver's own terminal output, captured.
    public var log: String
    /// Objective of the LP relaxation, when the solver solved one on the way (its duals are then
    /// `rowDuals` / `reducedCosts`).
    public var relaxationObjective: Double?
    /// Seconds spent on that relaxation and on primal heuristics before branch-and-cut (included
    /// in `elapsedSeconds`).
    public var relaxationSeconds: Double = 0
    public var heuristicSeconds: Double = 0
    /// The final simplex basis of an LP solve, when the solver has one (see `SolveOptions.startingBasis`).
    public var basis: SolverBasis?

    public init(status: SolveStatus, stopReason: StopReason, objective: Double?, bestBound: Double?, gap: Double?,
                values: [Double], rowDuals: [Double]? = nil, reducedCosts: [Double]? = nil,
                elapsedSeconds: Double, nodes: Int = 0, log: String = "") {
        self.status = status; self.stopReason = stopReason; self.objective = objective; self.bestBound = bestBound
        self.gap = gap; self.values = values; self.rowDuals = rowDuals; self.reducedCosts = reducedCosts
        self.elapsedSeconds = elapsedSeconds; self.nodes = nodes; self.log = log
    }

    public var hasSolution: Bool { status == .optimal || status == .feasible }

    /// The relative gap as GLPK defines it, |objective − bound| / (|objective| + DBL_EPSILON), for
    /// every solver and combination of results alike.
    public static func relativeGap(_ objective: Double, _ bound: Double) -> Double {
        abs(objective - bound) / (abs(objective) + Double.ulpOfOne)
    }

    public func value(_ v: Variable) -> Double { values[v.index] }

    /// One line for people: "optimal", "feasible, gap 0.42 %, stopped by time limit", …
    public var statusText: String {
        switch status {
        case .optimal:
            return "proven optimal" + ((gap ?? 0) > 1e-9 ? String(format: " within gap %.3f %%", (gap ?? 0) * 100) : "")
        case .feasible:
            let g = gap.map { String(format: "gap %.3f %%", $0 * 100) } ?? "gap unknown"
            return "feasible, not proven optimal (\(g), stopped by \(stopReason.humanText))"
        case .infeasible: return "infeasible"
        case .unbounded: return "unbounded"
        case .noSolution: return "no feasible solution found (stopped by \(stopReason.humanText))"
        }
    }
}

extension StopReason {
    public var humanText: String {
        switch self {
        case .completed: return "completion"
        case .timeLimit: return "time limit"
        case .interrupted: return "interrupt"
        }
    }
}

public enum LPMethod: String, Sendable {
    case simplex
    case interiorPoint = "interior_point"
}

/// A simplex basis: one status per row and per column, in the solver's own coding (for GLPK,
/// GLP_BS = 1 … GLP_NS = 5). Opaque to models; only handed back to the solver that made it.
public struct SolverBasis: Sendable, Equatable {
    public var rowStatus: [Int32]
    public var columnStatus: [Int32]
    public init(rowStatus: [Int32], columnStatus: [Int32]) { self.rowStatus = rowStatus; self.columnStatus = columnStatus }

    /// Whether it fits a model of this size.
    public func fits(_ model: LinearModel) -> Bool {
        rowStatus.count == model.constraintCount && columnStatus.count == model.variableCount
    }

    /// GLPK's GLP_BS: a basic row or column.
    public static let basic: Int32 = 1

    /// GLPK's GLP_NL: a column non-basic at its lower bound.
    public static let nonbasicAtLower: Int32 = 2

    /// This basis for the same model with `count` more columns appended, each non-basic at its
    /// lower bound (price-and-branch's master LP after new columns: the last basis stays primal
    /// feasible, so the simplex restarts from it instead of from scratch).
    public func appendingColumns(_ count: Int) -> SolverBasis {
        SolverBasis(rowStatus: rowStatus, columnStatus: columnStatus + Array(repeating: Self.nonbasicAtLower, count: max(0, count)))
    }
}

/// Thrown for a solver failure that is not a property of the model (an internal solver error).
public struct SolverError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "solver error: " + message }
}
