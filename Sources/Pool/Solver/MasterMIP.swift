import Foundation

// The master MIP over price-and-branch's columns (`MasterColumns`): Pool's search from the best
// seed, the local search after it, and the presence master after that (`PresenceMaster`).
extension MasterColumns {
    /// The master MIP from the best seed; its plan as a point of the whole model.
    /// GLPK's branch-and-cut alone often did not improve on the seed (region week, 60 s: the
    /// seed's 370 284 € in five runs out of seven), so the master goes through Pool's own
    /// pipeline: its LP, RINS from the seed, neighbourhood search, then branch-and-cut. The search
    /// runs on `lanes` lanes around one plan (region week, 60 s: median gap 0.48 % over fifteen runs
    /// against 0.53 % on one lane, the other core idle — docs/performance.md).
    /// `relaxationSolver` solves its LP relaxation (nil: `solver`). In one piece the national
    /// week's took 117 s of the master MIP's 161 s, and on a slower machine did not finish in 127 s;
    /// part by part, as the master LPs are, 45–51 s there.
    /// `presenceAfter`: this share of the time for the master MIP as it is; then, unless its plan is
    /// proven optimal over the columns, the search goes on over the master up to interchangeable
    /// variables (`PresenceMaster`) from that plan for the rest, and its plan is kept where cheaper
    /// (nil: the master as it is for the whole time).
    /// `stall`: each search (over the master, then over the presence master) ends once it stalls,
    /// and the local search between them keeps its share of the old master's time at most; the
    /// time left goes back to the caller (nil: every step takes its whole time).
    func solveMIP(_ solver: any LinearSolver, relaxationSolver: (any LinearSolver)? = nil, timeLimit: Double, lanes: Int = 1,
                  presenceAfter: Double? = nil, stall: StallRule? = nil,
                  isStopRequested: @escaping @Sendable () -> Bool) throws -> (point: [Double]?, interrupted: Bool, log: String) {
        var solver = RelaxationGuidedSolver(base: solver, isStopRequested: isStopRequested)
        solver.searchLanes = lanes
        solver.stall = stall
        solver.relaxationSolver = relaxationSolver
        // The search keeps the whole time; branch-and-cut runs only once a neighbourhood would be
        // the whole master (a small one, which it then proves). With 10 % left to it, branch-and-cut
        // on the 2× week's master (10 010 columns) never improved the plan and overran its limit by
        // 0.4 s in its setup (conflict graph, root cuts), before GLPK first looks at the clock; on
        // the region's master it did not change the plan (32 rounds: 329 581.98 € either way).
        solver.searchShare = 1
        // RINS on the master from its LP and the best seed: on the region it found a better plan
        // every time, in 0.15–2.0 s (eight runs); on 5× the region it never did in thirty runs of
        // 5–7.6 s each (a quarter of the master MIP's time), nor on the national week in 27 s —
        // time the search, which improves all along, uses better.
        solver.neighbourhoodSecondsCap = solver.roundSeconds
        let clock = BlockClock()
        // Over every column, resting ones too: over the master LPs' columns and the seeds' alone,
        // the region's plans were 0.2 % dearer (329 148–329 993 € in six runs against
        // 328 301–330 526 €, median 328 792 €, in seven), 5×'s within the noise.
        let m = build(integral: true)
        var options = SolveOptions(relativeGap: 1e-4, verbosity: .quiet)
        // The master MIP is built like the master LP (same columns and rows, in the same order).
        options.startingBasis = startingBasis(over: nil)
        var best: (Double, [Double])?
        for (s, chosen) in seedColumns.enumerated() {
            var start = seedKept[s] + Array(repeating: 0.0, count: columns.count)
            for k in chosen { start[seedKept[s].count + k] = 1 }
            guard m.violations(start, tolerance: 1e-6).isEmpty else { continue }
            let o = m.objectiveValue(start)
            if best.map({ o < $0.0 }) ?? true { best = (o, start) }
        }
        options.warmStart = best?.1
        let ownLimit = timeLimit * (presenceAfter ?? 1)
        // Building the master and checking the seeds count against the limit (2× week: the
        // command ended 0.7–0.9 s past its 120 s).
        options.timeLimitSeconds = max(0, ownLimit - clock.elapsed) * (1 - Self.localSearchShare)
        let r = try solver.solve(m, options: options)
        let clockAfterSolve = clock.elapsed
        var log = String(format: "seeds: best %.2f € of %d; the master MIP's LP relaxation %.2f s, RINS and search %.2f s, built and checked in %.2f s\n",
                         best?.0 ?? .nan, seedColumns.count, r.relaxationSeconds, r.heuristicSeconds,
                         clockAfterSolve - r.elapsedSeconds) + r.log
        guard r.hasSolution else { return (nil, r.stopReason == .interrupted, log) }
        var values = r.values
        if r.status != .optimal, r.stopReason != .interrupted, !isStopRequested() {
            // After a stalled search, the local search's own share, not all the old master's time.
            let until = stall == nil ? ownLimit : min(ownLimit, clock.elapsed + ownLimit * Self.localSearchShare)
            let polished = try polish(m, values, until: until, clock: clock, search: solver, options: options, lanes: lanes)
            values = polished.values; log += polished.log
        }
        // A plan proven optimal over the columns seldom gains from other labellings, and the time
        // it leaves goes to the branching's second split (its nurses' part needs about 0.5 s).
        if presenceAfter != nil, r.status != .optimal, r.stopReason != .interrupted, !isStopRequested(), timeLimit - clock.elapsed > 0.1 {
            let objective = m.objectiveValue(values)
            let presence = try solvePresence(solver, from: values, until: timeLimit, clock: clock)
            log += presence.log
            if let found = presence.point, presence.objective < objective - 1e-6 {
                log += String(format: "the presence master's plan kept: %.2f € against %.2f €\n", presence.objective, objective)
                return (found, presence.interrupted || isStopRequested(), log)
            }
        }
        return (point(values, threshold: 0.5), r.stopReason == .interrupted || isStopRequested(), log)
    }

    /// The search over the presence master from `values` (a plan of the master as it is) until
    /// `timeLimit` on `clock`; its plan as a point of the whole model (nil: no interchangeable
    /// variables, or no plan).
    private func solvePresence(_ solver: RelaxationGuidedSolver, from values: [Double], until timeLimit: Double,
                               clock: BlockClock) throws -> (point: [Double]?, objective: Double, interrupted: Bool, log: String) {
        let classOf = interchangeableClasses()
        guard let p = presenceMaster(classOf: classOf) else { return (nil, .infinity, false, "") }
        var options = SolveOptions(relativeGap: 1e-4, verbosity: .quiet)
        options.warmStart = presencePoint(p, fromMaster: values)
        options.timeLimitSeconds = max(0, timeLimit - clock.elapsed)
        let r = try solver.solve(p.model, options: options)
        let log = String(format: "the presence master: %d weeks of presence for %d columns, %d member columns, from %.2f €\n",
                          p.weeks.count, columns.count, p.flexible.count, options.warmStart.map { p.model.objectiveValue($0) } ?? .nan) + r.log
        guard r.hasSolution else { return (nil, .infinity, r.stopReason == .interrupted, log) }
        return (point(p, values: r.values, classOf: classOf), p.model.objectiveValue(r.values), r.stopReason == .interrupted, log)
    }

    /// The master MIP's plan improved by `MasterLocalSearch` until `timeLimit` on `clock`; when no
    /// move is left before then, the neighbourhood search goes on from its plan. Returned to the
    /// caller instead, that time went to the search over the whole model: on the national week it
    /// took 1.2 GiB more and the command ended 3 s past its limit.
    private func polish(_ m: LinearModel, _ values: [Double], until timeLimit: Double, clock: BlockClock,
                        search: RelaxationGuidedSolver, options: SolveOptions, lanes: Int) throws -> (values: [Double], log: String) {
        guard var local = MasterLocalSearch(m, values: values, firstWeek: m.variableCount - columns.count,
                                            blockOf: columns.map(\.block), blocks: priced.count) else { return (values, "") }
        let before = local.objective
        let summary = local.improve(seconds: max(0, timeLimit - clock.elapsed), isStopRequested: search.isStopRequested)
        // Checked against the master itself, not only by the local search's own bookkeeping.
        var best = Incumbent(m, values)
        best.offer(m, local.point)
        var log = String(format: "local search: %.2f € to %.2f € in %.2f s (%d single moves, %d pairs, %d evaluated, %@)\n",
                         before, best.objective ?? .nan, summary.seconds, summary.single, summary.pairs, summary.evaluations,
                         summary.finished ? "none left" : "stopped")
        let left = timeLimit - clock.elapsed
        if summary.finished, left > 1, !search.isStopRequested() {
            let more = try ParallelNeighbourhoodSearch.improve(&best, model: m, graph: ColumnRows(m), lanes: max(1, lanes), base: search.base,
                                                               options: options, budgetSeconds: left, roundSeconds: search.roundSeconds,
                                                               isStopRequested: search.isStopRequested, isGoodEnough: { _ in false },
                                                               stall: search.stall)
            log += "the neighbourhood search again, from the local search's plan:\n" + more.log
        }
        return (best.values ?? values, log)
    }

    /// The master MIP's time kept for `MasterLocalSearch` after the neighbourhood search, whose
    /// plans a move of one or two clinicians still improved. 5× the region, 120 s: plans 0.16–1.17 %
    /// cheaper in five pairs of runs (median 1 423 474 € against 1 434 228 €); the region's within
    /// the noise, a pass over its master taking about this share anyway (docs/performance.md, "A
    /// local search over the master's plan").
    static let localSearchShare = 0.2

    /// The master MIP's share of its time before the search goes on over the presence master
    /// (`solveMIP(presenceAfter:)`) in the equity branching's nodes' plans. Not in price-and-branch's
    /// master MIP: there the presence master's LP, from scratch, never finished in the 0.2–0.3 s
    /// left (region, five runs), and on 2× the region it ran the solve 0.8 s past its limit.
    /// Region, 20 s, twenty pairs alternating with the master alone: 19 of 20 runs within 0.1 %
    /// against 17, median gap 0.074 % against 0.083 %, better in 14 pairs; the GPs' node plan
    /// 163 251 € against 163 293 € (medians). The presence master alone, or after 0.3 or 0.5 of the
    /// time, gave better plans too but took the time the second split needs, and its bound fell
    /// (docs/performance.md, "One column per week of presence in the master MIPs"): its search
    /// reached the whole presence master and branch-and-cut took the rest of the node's time. With
    /// branch-and-cut cut to the stall rule's wait (`StallRule.treeSeconds`), 0.3 instead of 0.7:
    /// region, 20 s, thirty triples alternating, 30 of 30 within 0.1 % (median 0.068 %) against 27
    /// (0.078 %) for 0.7 without the cut and 27 (0.073 %) for 0.7 with it; the GPs' node plan
    /// 163 241 € against 163 253 € (docs/performance.md, "Branch-and-cut that waits no longer than
    /// the search").
    static let presenceAfterShare = 0.3

    /// The nodes' plans' master MIPs end each search once it stalls (`solveMIP(stall:)`), and the
    /// time left goes to the nodes after them, the second split and the search. Region, 20 s,
    /// 24 runs alternating with the searches taking their whole time: 23 within 0.1 % against 19,
    /// the same median gap (0.072 %), the largest 0.135 % against 0.329 %; the bound after
    /// branching 327 969 € against 327 943 € (medians: the second split had 0.5 s against
    /// 0.4 s). A minimum of 0.8 s, or 0.3 s with a factor 0.7: no better. Without the wait of a
    /// quarter of the budget, 2× the region at 120 s gave 0.230 % against 0.094 % (the nurses'
    /// node stopped after 4.7 s); with it 0.089 %, and the region 8 of 8 within 0.1 % against 7
    /// (docs/performance.md, "Node plans that stop when they stall").
    static let nodePlanStall = StallRule(minimumSeconds: 0.5, factor: 1, budgetShare: 0.25)
}
