/// A MIP "solver" that only improves the caller's warm start by neighbourhood search
/// (`NeighbourhoodSearch`), for models whose LP relaxation cannot be solved within the time limit
/// (measured: a week twice the region's size): it proves no bound, so its plans are `feasible`
/// with the gap unknown. A model small enough that a neighbourhood would be all of it goes to the
/// base solver's branch-and-cut from the improved plan for the time left instead.
public struct NeighbourhoodSearchSolver: SolverWrapper {
    public let base: any LinearSolver
    public var isStopRequested: @Sendable () -> Bool
    public var roundSeconds = 2.0

    public init(base: any LinearSolver, isStopRequested: @escaping @Sendable () -> Bool = { false }) {
        self.base = base; self.isStopRequested = isStopRequested
    }

    public func solve(_ model: LinearModel, options: SolveOptions) throws -> SolveResult {
        try model.validate()
        let clock = BlockClock()
        var best = Incumbent(model, options.warmStart)
        guard model.isMixedInteger, !options.relaxIntegrality, best.values != nil, let limit = options.timeLimitSeconds else {
            return try base.solve(model, options: options)
        }
        var search = NeighbourhoodSearch(model)
        // The graph of a large block takes a moment to build: the budget is what is left after it.
        let summary = try search.improve(&best, base: base, options: options, budgetSeconds: limit - clock.elapsed,
                                         roundSeconds: roundSeconds, isStopRequested: isStopRequested)
        let left = limit - clock.elapsed
        if search.coversModel, !isStopRequested(), left > 0.05 {
            var full = options
            full.warmStart = best.values
            full.timeLimitSeconds = left
            var r = try base.solve(model, options: full)
            if r.hasSolution { best.offer(model, r.values) }
            if r.status == .feasible || r.status == .noSolution, let o = best.objective {
                r.status = .feasible; r.objective = o; r.values = best.values ?? []
                r.gap = r.bestBound.map { SolveResult.relativeGap(o, $0) }
            }
            r.log = summary.log + "\n=== branch-and-cut ===\n" + r.log
            r.elapsedSeconds = clock.elapsed; r.nodes += summary.nodes
            r.heuristicSeconds = summary.seconds
            return r
        }
        var r = SolveResult(status: .feasible, stopReason: isStopRequested() ? .interrupted : .timeLimit,
                            objective: best.objective, bestBound: nil, gap: nil, values: best.values ?? [],
                            elapsedSeconds: clock.elapsed, nodes: summary.nodes, log: summary.log)
        r.heuristicSeconds = summary.seconds
        return r
    }
}
