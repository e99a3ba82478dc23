/// What the solver said, honestly (PRODUCT §5).
public struct SolverOutcome: Codable, Sendable, Equatable {
    /// "GLPK 5.0", or "greedy" when no solver ran.
    public var solverName: String
    /// For people: "proven optimal", "feasible, not proven optimal (gap 0.42 %, stopped by time limit)", …
    public var statusText: String
    public var status: SolveStatus
    public var stopReason: StopReason
    /// Objective of the plan, € (equals `CostBreakdown.objective`).
    public var objective: Double?
    /// Best proven lower bound on the optimum, €.
    public var bestBound: Double?
    /// Relative gap between `objective` and `bestBound` (0.0042 = 0.42 %).
    public var gap: Double?
    /// Optimum of the LP relaxation, € (how tight the formulation is), when it was solved.
    public var lpRelaxationObjective: Double?
    /// The best Lagrangian bound found, €: the coverage rows priced into the objective, each
    /// clinician's week solved exactly (price-and-branch's rounds, one evaluation at the LP duals,
    /// or a subgradient ascent without the LP).
    public var lagrangianBound: Double?
    /// Objective of the plan the search started from, €: the best of the greedy, the LP rounding and price-and-branch.
    public var warmStartObjective: Double?
    public var nodes: Int
    public var timeLimitSeconds: Double?
    public var relativeGapTarget: Double
    /// With `--start-from`: how much of the previous plan was still possible this week.
    public var startPlan: StartPlanUse?

    public init(solverName: String, statusText: String, status: SolveStatus, stopReason: StopReason,
                objective: Double?, bestBound: Double?, gap: Double?, lpRelaxationObjective: Double? = nil,
                warmStartObjective: Double? = nil, nodes: Int = 0, timeLimitSeconds: Double? = nil,
                relativeGapTarget: Double = 1e-4) {
        self.solverName = solverName; self.statusText = statusText; self.status = status; self.stopReason = stopReason
        self.objective = objective; self.bestBound = bestBound; self.gap = gap
        self.lpRelaxationObjective = lpRelaxationObjective; self.warmStartObjective = warmStartObjective
        self.nodes = nodes; self.timeLimitSeconds = timeLimitSeconds; self.relativeGapTarget = relativeGapTarget
    }
}

/// How a solve used a previous plan (`poolctl solve --start-from`): its assignments, and how many
/// of them still had a candidate this week (the rest: absent, out of reach, no longer in demand).
public struct StartPlanUse: Codable, Sendable, Equatable {
    public var previousAssignments: Int
    public var stillPossible: Int
    /// Days the previous plan's dates were moved by (e.g. 7 for last week's plan).
    public var movedByDays: Int
    public init(previousAssignments: Int, stillPossible: Int, movedByDays: Int = 0) {
        self.previousAssignments = previousAssignments; self.stillPossible = stillPossible; self.movedByDays = movedByDays
    }
}
