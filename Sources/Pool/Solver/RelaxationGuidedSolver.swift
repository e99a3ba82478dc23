/// Solves a MIP in four steps around one LP relaxation, because GLPK's branch-and-cut alone
/// rarely improves a poor first incumbent on a region-sized week (measured: docs/performance.md):
///
/// 1. the LP relaxation, once: its objective is the first proven bound, its duals are reported
///    (`SolveResult.rowDuals`), and its optimal basis starts every later simplex, so GLPK never
///    solves the same relaxation twice;
/// 2. RINS (Danna, Rothberg, Le Pape 2005): every integer column that is integral in the LP optimum
///    and agrees with the incumbent is fixed there, and the small MIP over the rest (a reduced
///    `RestrictedModel`) is solved from the incumbent. Without an incumbent, every LP-integral
///    column is fixed and the rest solved from scratch: RENS (Berthold 2014, the best rounding of
///    the LP solution). Any solution is feasible for the whole model;
/// 3. large-neighbourhood search (`NeighbourhoodSearch`) from the best plan;
/// 4. branch-and-cut on the whole model from the best plan for the time left, unless it is already
///    within the gap of the LP bound.
///
/// The returned bound is the better of the LP bound and the tree's; the plan is the best found.
public struct RelaxationGuidedSolver: SolverWrapper {
    public let base: any LinearSolver
    /// Polled between the steps (a solver may clear its own stop flag when its next solve begins).
    public var isStopRequested: @Sendable () -> Bool
    /// Share of the time left after the LP that RENS / RINS may use (region, 60 s: 10 % gave
    /// 343 640 €, 40 % 338 181 €, 25 % 337 418–337 532 €).
    public var neighbourhoodShare = 0.25
    /// At most this long for RENS / RINS (nil: the share alone).
    public var neighbourhoodSecondsCap: Double?
    /// Share of the time left after RINS that the neighbourhood search may use (the rest goes to
    /// branch-and-cut), and the time limit of each of its sub-MIPs.
    public var searchShare = 0.9
    public var roundSeconds = 2.0
    /// Lanes the neighbourhood search runs on (`ParallelNeighbourhoodSearch`); 1 searches on the
    /// calling thread.
    public var searchLanes = 1
    /// Solves step 1's LP relaxation instead of `base` (nil: `base`), e.g. part by part
    /// (`DecomposingSolver`) when the model separates but its sub-MIPs are best solved whole.
    public var relaxationSolver: (any LinearSolver)?
    /// Ends the neighbourhood search once it stalls (nil: it keeps its whole budget); the solve
    /// then returns its plan, stopped as by its time limit, without branch-and-cut. After a search
    /// that reached the whole model instead, branch-and-cut gets the rule's least wait at most
    /// (`StallRule.treeSeconds`), not the rest of the time.
    public var stall: StallRule?

    public init(base: any LinearSolver, isStopRequested: @escaping @Sendable () -> Bool = { false }) {
        self.base = base; self.isStopRequested = isStopRequested
    }

    public func solve(_ model: LinearModel, options: SolveOptions) throws -> SolveResult {
        guard model.isMixedInteger, !options.relaxIntegrality else { return try base.solve(model, options: options) }
        try model.validate()
        let clock = BlockClock()
        func remaining() -> Double? { options.timeLimitSeconds.map { max(0, $0 - clock.elapsed) } }
        var log = ""

        var lpOptions = options
        lpOptions.relaxIntegrality = true; lpOptions.warmStart = nil; lpOptions.progress = nil
        let lp = try (relaxationSolver ?? base).solve(model, options: lpOptions)
        let relaxationSeconds = clock.elapsed
        var heuristicSeconds = 0.0
        log += "=== LP relaxation ===\n" + lp.log
        guard lp.status == .optimal, let bound = lp.objective else {
            // Infeasible, unbounded or stopped: the plain MIP solve classifies and reports it.
            log += String(format: "Pool: the LP relaxation ended %@ (%@) after %.2f s\n", lp.status.rawValue, lp.stopReason.rawValue, relaxationSeconds)
            var plain = options
            plain.timeLimitSeconds = remaining()
            var r = try base.solve(model, options: plain)
            r.log = log + "\n=== branch-and-cut ===\n" + r.log
            r.elapsedSeconds = clock.elapsed
            r.relaxationSeconds = relaxationSeconds
            return r
        }
        var best = Incumbent(model, options.warmStart)
        let minimize = model.direction == .minimize
        let gapTarget = options.relativeGap
        let withinGap: @Sendable (Double) -> Bool = { objective in
            abs(objective - bound) <= gapTarget * (abs(objective) + Double.ulpOfOne) + 1e-9
        }
        func finish(_ status: SolveStatus, _ reason: StopReason, treeBound: Double?, nodes: Int) -> SolveResult {
            var proven = treeBound.map { minimize ? max($0, bound) : min($0, bound) } ?? bound
            // The tree's bound covers only its open nodes; the incumbent bounds the rest.
            if let o = best.objective { proven = minimize ? min(proven, o) : max(proven, o) }
            var r = SolveResult(status: status, stopReason: reason, objective: best.objective, bestBound: proven,
                                gap: best.objective.map { SolveResult.relativeGap($0, proven) },
                                values: best.values ?? [], rowDuals: lp.rowDuals, reducedCosts: lp.reducedCosts,
                                elapsedSeconds: clock.elapsed, nodes: nodes, log: log)
            r.relaxationObjective = bound
            r.relaxationSeconds = relaxationSeconds; r.heuristicSeconds = heuristicSeconds
            return r
        }

        // An integral LP optimum is the MIP optimum.
        let fractional = Self.fractionalColumns(model, lp.values)
        if fractional.isEmpty {
            best.offer(model, lp.values)
            log += "Pool: the LP relaxation is integral: optimal\n"
            return finish(.optimal, .completed, treeBound: bound, nodes: 0)
        }
        if let o = best.objective, withinGap(o) {
            log += "Pool: the warm start is within the gap of the LP bound\n"
            return finish(.optimal, .completed, treeBound: nil, nodes: 0)
        }

        var nodes = 0
        // Rows per column, built once for RINS and the neighbourhood search.
        let graph = ColumnRows(model)
        if !isStopRequested(), remaining().map({ $0 > 0 }) ?? true {
            var search = options
            search.timeLimitSeconds = remaining().map { min($0 * neighbourhoodShare, neighbourhoodSecondsCap ?? .infinity) }
            let integers = model.kinds.filter { $0 != .continuous }.count
            let r: SolveResult, free: Int
            if let incumbent = best.values {
                // RINS on the reduced model: the agreeing columns are substituted out, so GLPK's
                // simplex works on the few rows they leave (measured: far faster than fixed bounds).
                let columns = Self.disagreeingColumns(model, lp.values, incumbent)
                let restricted = RestrictedModel(model, freeIntegers: columns, at: incumbent, graph: graph)
                search.warmStart = restricted.restrict(incumbent)
                search.startingBasis = nil  // the whole model's basis does not fit the reduced one
                var sub = try base.solve(restricted.model, options: search)
                if sub.hasSolution { sub.values = restricted.expand(sub.values, around: incumbent) }
                r = sub; free = columns.count
            } else {
                let (sub, count) = Self.neighbourhood(model, lp.values, agreeingWith: nil)
                search.startingBasis = lp.basis
                r = try base.solve(sub, options: search); free = count
            }
            heuristicSeconds += r.elapsedSeconds
            nodes += r.nodes
            log += "\n=== \(best.values == nil ? "RENS" : "RINS"): \(free) of \(integers) integer columns free ===\n" + r.log
            if r.hasSolution { best.offer(model, r.values) }
            log += String(format: "Pool: after %.2f s (%@), plan %.2f\n", r.elapsedSeconds, r.stopReason.rawValue, best.objective ?? .nan)
            if r.stopReason == .interrupted || isStopRequested() {
                return finish(best.values == nil ? .noSolution : .feasible, .interrupted, treeBound: nil, nodes: nodes)
            }
        }
        if let o = best.objective, withinGap(o) {
            return finish(.optimal, .completed, treeBound: nil, nodes: nodes)
        }
        let setup = Self.branchAndCutSetupSeconds(model)
        var treeCap: Double?
        if best.values != nil, !isStopRequested(), remaining().map({ $0 > 0 }) ?? false {
            let left = remaining() ?? 0
            // What branch-and-cut would get is not worth starting it: the search takes it all.
            let budget = left * (1 - searchShare) < setup ? left : left * searchShare
            treeCap = stall?.treeSeconds(searchBudget: budget)
            let summary: NeighbourhoodSearch.Summary
            if searchLanes > 1 {
                summary = try ParallelNeighbourhoodSearch.improve(&best, model: model, graph: graph, lanes: searchLanes, base: base,
                                                                  options: options, budgetSeconds: budget, roundSeconds: roundSeconds,
                                                                  isStopRequested: isStopRequested, isGoodEnough: withinGap, stall: stall)
            } else {
                var search = NeighbourhoodSearch(model, graph: graph)
                summary = try search.improve(&best, base: base, options: options, budgetSeconds: budget,
                                             roundSeconds: roundSeconds, isStopRequested: isStopRequested,
                                             isGoodEnough: withinGap, stall: stall)
            }
            heuristicSeconds += summary.seconds
            nodes += summary.nodes
            log += "\n" + summary.log
            if let o = best.objective, withinGap(o) {
                return finish(.optimal, .completed, treeBound: nil, nodes: nodes)
            }
            if summary.stalled {
                return finish(.feasible, .timeLimit, treeBound: nil, nodes: nodes)
            }
        }
        if isStopRequested() {
            return finish(best.values == nil ? .noSolution : .feasible, .interrupted, treeBound: nil, nodes: nodes)
        }
        // Under a stall rule, branch-and-cut gets the rule's least wait at most (`treeCap`).
        let treeLimit = [remaining(), treeCap].compactMap { $0 }.min()
        // GLPK's setup before its first time check (conflict graph, cuts) would overrun the limit.
        if let treeLimit, treeLimit < setup {
            return finish(best.values == nil ? .noSolution : .feasible, .timeLimit, treeBound: nil, nodes: nodes)
        }

        var full = options
        full.startingBasis = lp.basis
        full.warmStart = best.values
        full.timeLimitSeconds = treeLimit
        let capNote = treeCap.flatMap { $0 == treeLimit ? String(format: "Pool: at most %.2f s, the stall rule's wait\n", $0) : nil } ?? ""
        let tree = try base.solve(model, options: full)
        nodes += tree.nodes
        log += "\n=== branch-and-cut ===\n" + capNote + tree.log
        if tree.hasSolution { best.offer(model, tree.values) }
        switch tree.status {
        case .infeasible, .unbounded:
            // Cannot happen after an optimal relaxation with a feasible incumbent; report as the solver said.
            var r = tree
            r.log = log; r.elapsedSeconds = clock.elapsed
            return r
        case .optimal:
            return finish(.optimal, .completed, treeBound: tree.bestBound ?? tree.objective, nodes: nodes)
        case .feasible, .noSolution:
            let status: SolveStatus = best.values == nil ? .noSolution
                : (best.objective.map(withinGap) ?? false) ? .optimal : .feasible
            return finish(status, status == .optimal ? .completed : tree.stopReason, treeBound: tree.bestBound, nodes: nodes)
        }
    }

    /// Integer columns whose LP value is not integral (within 1e-6).
    static func fractionalColumns(_ model: LinearModel, _ values: [Double]) -> [Int] {
        model.kinds.indices.filter { j in
            model.kinds[j] != .continuous && abs(values[j] - values[j].rounded()) > 1e-6
        }
    }

    /// Seconds GLPK's branch-and-cut may spend before its first time check (root cuts and the
    /// conflict graph): limits shorter than this were overrun by 0.8 s and 2.6 s on the region's
    /// GP and nurse blocks (15 000 and 16 700 integer columns). Branch-and-cut is not started with less.
    static func branchAndCutSetupSeconds(_ model: LinearModel) -> Double {
        0.1 + Double(model.kinds.filter { $0 != .continuous }.count) / 5_000
    }

    /// Integer columns where the LP optimum is fractional or disagrees with the incumbent: RINS's
    /// free columns, in ascending order.
    static func disagreeingColumns(_ model: LinearModel, _ lp: [Double], _ incumbent: [Double]) -> [Int] {
        model.kinds.indices.filter { j in
            guard model.kinds[j] != .continuous else { return false }
            let v = lp[j].rounded()
            return abs(lp[j] - v) > 1e-6 || abs(incumbent[j] - v) > 1e-6
        }
    }

    /// The model with every integer column fixed where the LP optimum is integral — and, given an
    /// incumbent, only where the incumbent agrees (RINS, Danna et al. 2005: the incumbent stays
    /// feasible, so the search starts from it). Returns the sub-model and its free integer columns.
    static func neighbourhood(_ model: LinearModel, _ lp: [Double], agreeingWith incumbent: [Double]?) -> (LinearModel, Int) {
        let sub = model.copy()
        var free = 0
        for j in model.kinds.indices where model.kinds[j] != .continuous {
            let v = lp[j].rounded()
            guard abs(lp[j] - v) <= 1e-6, incumbent.map({ abs($0[j] - v) <= 1e-6 }) ?? true else { free += 1; continue }
            let fixed = min(max(v, model.lowerBounds[j]), model.upperBounds[j])
            sub.setBounds(Variable(index: j), lower: fixed, upper: fixed)
        }
        return (sub, free)
    }
}

/// The best feasible point seen so far.
struct Incumbent {
    private(set) var values: [Double]?
    private(set) var objective: Double?
    private let minimize: Bool

    init(_ model: LinearModel, _ start: [Double]?) {
        minimize = model.direction == .minimize
        if let start { offer(model, start) }
    }

    /// Keeps `point` when it is feasible (within 1e-6) and better than the incumbent.
    mutating func offer(_ model: LinearModel, _ point: [Double]) {
        guard point.count == model.variableCount else { return }
        var rounded = point
        for j in rounded.indices where model.kinds[j] != .continuous { rounded[j] = rounded[j].rounded() }
        guard model.violations(rounded, tolerance: 1e-6).isEmpty else { return }
        let o = model.objectiveValue(rounded)
        if let current = objective, minimize ? o >= current : o <= current { return }
        values = rounded; objective = o
    }
}
