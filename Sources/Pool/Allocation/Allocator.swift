import Foundation

/// Runs a weekly allocation: build the model, greedy warm start, LP relaxation (bound and duals),
/// branch-and-cut, sensitivity, decode.
public struct Allocator {
    public let solver: any LinearSolver
    public init(solver: any LinearSolver) { self.solver = solver }

    public func solve(_ scenario: Scenario, options: AllocationSolveOptions = AllocationSolveOptions(),
                      allocation: AllocationOptions = AllocationOptions()) throws -> AllocationRun {
        let clock = Stopwatch()
        var timings = Timings()
        // Remembered once seen: the GLPK flag behind `shouldStop` is cleared by the next solve.
        let latch = StopLatch(options.shouldStop ?? { false })
        let stop: @Sendable () -> Bool = { latch.isSet }
        let ctx = AllocationContext(scenario: scenario, options: allocation)
        let candidates = try AllocationModel.checkedCandidates(ctx)
        // The greedy needs only the candidates: with a second core it runs while the rows are
        // built (5× the region: its 4 s hidden in a build of 12–16 s that took no longer; on the
        // national week no gain showed, the build slowed by about the greedy's time).
        let greedyAlongside = options.warmStart && Self.laneCount(options.threads) > 1
        let early = LaneBox<(plan: [Int]?, seconds: Double)?>(nil), greedyDone = DispatchGroup()
        if greedyAlongside {
            DispatchQueue.global().async(group: greedyDone) {
                let started = Date()
                let plan = Greedy.plan(ctx, candidates)
                early.value = (plan, Date().timeIntervalSince(started))
            }
        }
        let built = Swift.Result { try AllocationModel.build(ctx, candidates: candidates) }
        greedyDone.wait()
        let model = try built.get()
        timings.buildSeconds = clock.lap()
        let lanes = MemoryBudget.lanesThatFit(allocation, candidates: model.candidates.all.count,
                                              nonzeros: model.model.nonzeroCount, lanes: Self.laneCount(options.threads))
        timings.lanes = lanes
        // The model splits into independent profession groups: solve them one by one, on as many
        // lanes (threads) at once as fit.
        let lpSolver = DecomposingSolver(base: self.solver, laneCount: lanes, isStopRequested: stop)
        // Each block from its LP relaxation's basis through RINS (or RENS) to branch-and-cut.
        let solver = DecomposingSolver(base: RelaxationGuidedSolver(base: self.solver, isStopRequested: stop), laneCount: lanes,
                                       isStopRequested: stop)

        // The best heuristic plan so far: the fallback when the solver stops without one, and the
        // warm start of branch-and-cut.
        var greedy: [Int]?
        var warm: [Double]?
        func offer(_ plan: [Int]?) {
            guard let plan else { return }
            let p = model.point(chosen: plan)
            // Only a point the model itself accepts (a rule mismatch would be a bug; stay safe).
            guard model.model.violations(p, tolerance: 1e-6).isEmpty else { return }
            if let w = warm, model.model.objectiveValue(w) <= model.model.objectiveValue(p) { return }
            greedy = plan; warm = p
        }
        if let early = early.value { offer(early.plan) } else if options.warmStart { offer(Greedy.plan(ctx, model.candidates)) }
        let startPlan = options.startFrom.isEmpty ? nil : StartPlan(ctx, model.candidates, previous: options.startFrom,
                                                                             previousFirstDate: options.startFromFirstDate)
        if options.warmStart, let startPlan { offer(Greedy.plan(ctx, model.candidates, seed: startPlan.seed, seedAtAnyCost: true)) }
        // Alongside the build, the greedy's own time (the phases overlap, as the block phases do).
        timings.greedySeconds = clock.lap() + (early.value?.seconds ?? 0)
        if stop() { throw AllocationError.interrupted }

        func remaining() -> Double? { options.timeLimitSeconds.map { max(0, $0 - options.secondsAlreadySpent - clock.total) } }
        // The LP relaxation, once: the bound that shows how tight the formulation is, the duals for
        // sensitivity, the guide of the rounding heuristic, and the basis every later simplex starts from.
        var lpOptions = SolveOptions(timeLimitSeconds: remaining(), relativeGap: options.relativeGap,
                                     verbosity: options.verbosity, relaxIntegrality: true)
        let blockNonzeros = DecomposingSolver.blockNonzeros(of: model.model)
        let pricingAfter = options.lagrangianBound && options.columnGenerationShare > 0
        lpOptions.lpMethod = options.relaxationMethod
            ?? Self.relaxationMethod(blockNonzeros: blockNonzeros, timeLimit: remaining(), lanes: lanes, onlyDuals: pricingAfter)
        // Hopeless within the limit: GLPK would overrun it in work it cannot interrupt (the LP
        // presolver, the interior point's factorization) and end with the greedy plan anyway.
        let skipped = greedy == nil ? nil
            : options.skipRelaxation ? "as asked (--lp-method none)"
            : MemoryBudget.relaxationTooLarge(allocation, candidates: model.candidates.all.count, nonzeros: model.model.nonzeroCount)
                ?? (options.relaxationMethod == nil
                    ? Self.hopelessRelaxation(blockNonzeros: blockNonzeros, timeLimit: remaining(), lanes: lanes)
                        ?? (pricingAfter ? Self.slowerThanTheWeekRelaxation(blockNonzeros: blockNonzeros, timeLimit: remaining(), lanes: lanes) : nil)
                    : nil)
        let lp = try skipped.map { _ in Self.skippedSolve } ?? lpSolver.solve(model.model, options: lpOptions)
        timings.lpSeconds = clock.lap()
        if stop() { throw AllocationError.interrupted }
        if options.warmStart, lp.status == .optimal {
            offer(Greedy.lpRounding(ctx, model.candidates, lpValue: model.x.map { lp.values[$0.index] }))
        }
        timings.heuristicSeconds = clock.lap()
        // Decoding the plan comes after the search but within the limit: about 0.9 µs per
        // candidate (2.4 s for the national week's 2.7 million), kept back from the search; about
        // twice as much again for writing the files and freeing the model (the national week's
        // command ended 1.8 s after its 600 s of planning with 1 µs a candidate kept back, and with
        // 2 µs on a slower machine at 600.0 s and 601.1 s: 5.2–5.5 s after the solve's own end).
        let decodeReserve = Double(model.candidates.all.count) * 3e-6
        // The sensitivity pricing comes after the search, within the limit too (region week: 1.1 s
        // past a 60 s limit before this was kept back).
        let sensitivityReserve = options.sensitivity ? SensitivityAnalysis.predictedSeconds(ctx.scenario, timeLimit: remaining()) : 0
        let keptBack = decodeReserve + sensitivityReserve
        // The equity branching's time comes after price-and-branch, kept back from it.
        let (branchingReserve, planReserve, resplitReserve) = EquityBranching.reserve(model, options, lanes: lanes,
                                                                      remaining: remaining().map { max(0, $0 - keptBack) })
        let branches = branchingReserve > 0 || options.timeLimitSeconds == nil && EquityBranching.reserve(model, options, lanes: lanes, remaining: .infinity).rounds > 0
        // Checking the phase's plan against every row and choosing it comes after its clock (about
        // 0.2 s per ten million nonzeros: the national week's phase ended 1.5 s past its limit).
        let offerReserve = Double(model.model.nonzeroCount) * 2e-8
        // Price-and-branch's time: what is left less everything kept back for the steps after it.
        func phaseLeft() -> Double? { remaining().map { max(0, $0 - keptBack - branchingReserve - planReserve - offerReserve) } }
        let phase = try lagrangianPhase(model, lp, warm: warm, options: options, lanes: lanes,
                                        timeLimit: phaseLeft(),
                                        keepColumns: branches, stop: stop)
        if phase.interrupted { latch.latch() }
        if let point = phase.pricing?.point { offer(model.chosen(point)) }
        var lagrangian = phase.bound
        // A stop from here on ends with the best plan so far (the search returns it at once).
        if stop(), warm == nil { throw AllocationError.interrupted }
        // Step 5, before the search and around the best plan so far: the nodes hold every plan
        // whatever level they are around, so the bound holds for the search's plan too, and the
        // time the nodes leave goes to the search.
        let limited = options.timeLimitSeconds != nil
        // What price-and-branch left of its time (its master MIP takes at most its share, and
        // converged rounds end early) goes to the nodes' plans, not to the search of step 6: on the
        // region at 60 s that search held 12–17 s and gave the GPs' part nothing (0.064–0.167 %);
        // given to the plans, 0.077 % and 0.079 % (docs/performance.md, "Node plans that use their time").
        let unused = phaseLeft() ?? 0
        let branching = branches
            ? try warm.flatMap { try equityBranching(model, phase, plan: $0, lanes: lanes, timeLimit: limited ? branchingReserve : nil,
                                                     planSeconds: limited ? planReserve + unused : nil,
                                                     resplitSeconds: limited ? resplitReserve : nil,
                                                     sharedSeconds: remaining().map { max(0, $0 - keptBack) }, stop: stop) }
            : nil
        // The nodes' plan, checked against every row like any other (`offer`): the search starts from it.
        if let better = branching?.plan { offer(model.chosen(better)) }
        if let raised = branching?.bound, raised > (lagrangian?.bound ?? -.infinity) {
            lagrangian = LagrangianBound.Value(bound: raised, blocks: lagrangian?.blocks ?? 0, seconds: lagrangian?.seconds ?? 0, point: [])
        }
        timings.lagrangianSeconds = clock.lap()
        var mipOptions = SolveOptions(timeLimitSeconds: remaining().map { max(0, $0 - keptBack) }, relativeGap: options.relativeGap,
                                      verbosity: options.verbosity, warmStart: warm, progress: options.progress)
        mipOptions.startingBasis = lp.status == .optimal ? lp.basis : nil
        mipOptions.progressInterval = options.progressInterval
        // Without the LP relaxation, the greedy plan is improved by neighbourhood search alone (no bound).
        let searchOnly = DecomposingSolver(base: NeighbourhoodSearchSolver(base: self.solver, isStopRequested: stop), laneCount: lanes,
                                           isStopRequested: stop)
        // After the interior point (no basis) each block would solve its LP again by the simplex
        // from scratch, which is what the interior point was chosen to avoid (region, 20 s on two
        // lanes: the re-solves ran out of time, 371 112 €, 1 s over the limit). The search starts
        // from the rounded plan instead, and the relaxation's bound stands.
        let searchFromRounding = lp.status == .optimal && lp.basis == nil && warm != nil
        let result: SolveResult
        // With too little time for the search over the whole model, the best plan so far stands.
        let setup = Self.searchSetupSeconds(nonzeros: model.model.nonzeroCount)
        if let w = warm, let left = mipOptions.timeLimitSeconds, !Self.searchFits(left: left, setup: setup) {
            result = SolveResult(status: .feasible, stopReason: .timeLimit, objective: model.model.objectiveValue(w), bestBound: nil,
                                 gap: nil, values: w, elapsedSeconds: 0,
                                 log: String(format: "Pool: %.1f s left, under three times the %.1f s the search over the whole model takes to set up: the best plan so far stands\n", left, setup))
        } else {
            result = try (skipped == nil && !searchFromRounding ? solver : searchOnly).solve(model.model, options: mipOptions)
        }
        timings.solveSeconds = clock.lap()

        let chosen: [Int]
        var status = result.status, reason = result.stopReason
        if result.hasSolution {
            chosen = model.chosen(result.values)
        } else if let g = greedy, result.status == .noSolution {
            chosen = g; status = .feasible
        } else if result.status == .noSolution && result.stopReason == .interrupted {
            throw AllocationError.interrupted
        } else {
            throw AllocationError.noPlan(result.statusText)
        }
        if stop() && reason == .completed && status != .optimal { reason = .interrupted }

        let lpBound = lp.status == .optimal ? lp.objective : nil
        // The blocks' LP re-solves start from the optimal basis (no iterations): counted as LP.
        timings.lpSeconds += result.relaxationSeconds
        timings.heuristicSeconds += result.heuristicSeconds
        timings.solveSeconds = max(0, timings.solveSeconds - result.relaxationSeconds - result.heuristicSeconds)
        var outcome = SolverOutcome(
            solverName: solver.name, statusText: "", status: status, stopReason: reason, objective: nil,
            bestBound: Self.strongerBound(Self.strongerBound(result.bestBound, lpBound), lagrangian?.bound).map(roundCents), gap: nil,
            lpRelaxationObjective: lpBound.map(roundCents),
            warmStartObjective: warm.map { roundCents(model.model.objectiveValue($0)) }, nodes: result.nodes,
            timeLimitSeconds: options.timeLimitSeconds, relativeGapTarget: options.relativeGap)
        outcome.lagrangianBound = lagrangian.map { roundCents($0.bound) }
        outcome.startPlan = startPlan.map {
            StartPlanUse(previousAssignments: $0.matched + $0.unmatched, stillPossible: $0.matched, movedByDays: $0.movedByDays)
        }

        var sensitivity = Sensitivity.none
        // Without the LP relaxation, price-and-branch's master LP prices the demand rows instead.
        let sensitivityDuals = lp.status == .optimal ? lp.rowDuals.map { ($0, SensitivityAnalysis.DualSource.lpRelaxation) }
            : phase.pricing?.masterDuals.map { ($0, SensitivityAnalysis.DualSource.masterLP) }
        if options.sensitivity, !stop(), let (duals, source) = sensitivityDuals {
            let decodedObjective = model.model.objectiveValue(model.point(chosen: chosen))
            sensitivity = SensitivityAnalysis.compute(
                model, duals: duals, source: source, chosen: chosen, baseObjective: decodedObjective, baseOptimal: status == .optimal,
                settings: .init(solver: solver, exactTop: options.exactSensitivityTop, timeLimitPerPricing: 5,
                                exactTimeLimit: max(5, options.timeLimitSeconds ?? 60), shouldStop: stop,
                                secondsAvailable: remaining().map { max(0, $0 - decodeReserve) }))
        } else if options.sensitivity {
            sensitivity = Sensitivity(method: .notComputed, explanation: "sensitivity not computed: no LP duals (interrupted, or neither the LP relaxation nor price-and-branch's master LP solved)")
        }
        timings.sensitivitySeconds = clock.lap()

        var plan = PlanDecoder(model: model).decode(chosen: chosen, solver: outcome, sensitivity: sensitivity)
        outcome = plan.solver
        outcome.statusText = SolveResult(status: outcome.status, stopReason: outcome.stopReason, objective: outcome.objective,
                                         bestBound: outcome.bestBound, gap: outcome.gap, values: [], elapsedSeconds: 0).statusText
            + (skipped.map { " — the LP relaxation was not attempted, " + $0
                + (phase.pricedWithoutLP ? "; price-and-branch started from "
                    + (phase.relaxedAscent == nil ? "the uncovered costs" : "the week relaxation's multipliers")
                    // Its rounds may not finish (a short limit): the bound is then branch-and-cut's.
                    + (outcome.bestBound == nil ? ", and no bound is known"
                        : outcome.lagrangianBound == outcome.bestBound ? ", and the bound is Lagrangian (price-and-branch"
                            + (branching?.bound == nil ? ")" : ", raised by branching on the groups' equity levels)")
                        : ", and the bound is branch-and-cut's")
                    : "; the greedy plan was improved by neighbourhood search"
                    + (outcome.bestBound == nil ? ", so no bound is known" : lagrangian != nil ? ", and the bound is Lagrangian (subgradient ascent on the week relaxation)" : "")) }
               ?? (result.hasSolution ? "" : " — the greedy warm start (the solver stopped before finding a plan)"))
        plan.solver = outcome
        timings.totalSeconds = clock.total
        plan.timings = timings
        return AllocationRun(plan: plan, model: model, solverLog: "=== LP relaxation ===\n" + lp.log + "\n" + phase.log(model)
                                 + (branching.map { "=== equity branching ===\n" + $0.log } ?? "") + result.log,
                             startPlan: startPlan)
    }
}

extension Allocator {
    /// Seconds the search over the whole model takes before its first round (splitting the model
    /// into blocks, rows per column): about one per ten million nonzeros (national week, 85 million:
    /// 8.4 s with no time given).
    static func searchSetupSeconds(nonzeros: Int) -> Double { Double(nonzeros) / 1e7 }

    /// Whether the search over the whole model is worth starting with `left` seconds: only with
    /// at least twice its setup left for its rounds. With less, the best plan so far stands — the
    /// national week's search given no time after price-and-branch still took 8.4 s (the command
    /// ended 7.9 s late); given 19 s (8.5 s of setup predicted) it gained 0.15 % and its rounds
    /// and setup ran past their shares, the command ending 2.9 s late.
    static func searchFits(left: Double, setup: Double) -> Bool { left >= 3 * setup }

    /// The simplex's vertex rounds better than the interior point's centre of the optimal face
    /// (pohjois-pohjanmaa: 360 k€ against 381 k€) and its basis lets RINS and branch-and-cut start
    /// at once; the interior point reaches the bound about twice as fast (20 s against 38 s). The
    /// simplex took about 1 s per 10 000 nonzeros on the region week: it is chosen when the time
    /// limit leaves at least half as much again for the search after it. Otherwise the interior
    /// point — but only when it is predicted to finish: before its first iteration GLPK orders and
    /// factorizes the matrix without any output, so the shim cannot cancel it there (a 5× region
    /// block ran 6 minutes past a 120 s limit). Its measured time per block grew as nonzeros^1.6
    /// (9.7 s at 171 000, about 145 s at 940 000); when the blocks of the busiest lane together are
    /// predicted to need more than 60 % of the limit, the simplex, which honours the limit, is used.
    ///
    /// When price-and-branch follows (`onlyDuals`), only the LP's duals are used — no basis, no
    /// rounding — and the interior point is taken whenever it is predicted to finish in time
    /// (region, 60 s: 8.9 s instead of 20.4 s, leaving price-and-branch 23 rounds instead of 19:
    /// 329 940 €, gap 0.96 %, against 330 267 €, 1.32 %).
    static func relaxationMethod(blockNonzeros: [Int], timeLimit: Double?, lanes: Int = 1, onlyDuals: Bool = false) -> LPMethod {
        guard let timeLimit else { return .simplex }
        let busiestLaneNonzeros = wallTime(blockNonzeros.map(Double.init), sizes: blockNonzeros, lanes: lanes)
        if !onlyDuals, timeLimit >= 1.5 * busiestLaneNonzeros / 10_000 { return .simplex }
        return predictedInteriorSeconds(blockNonzeros, lanes: lanes) <= 0.6 * timeLimit ? .interiorPoint : .simplex
    }

    /// Why the LP relaxation should not be attempted within `timeLimit`, or nil when it should:
    /// both methods are predicted to need more than 80 % of the limit. Then the time is better
    /// spent improving the greedy plan by neighbourhood search — an LP that does not finish gives
    /// neither a bound nor a better plan (measured: docs/performance.md). The simplex's time per block was
    /// measured at 14 s and 24 s for the region's two large blocks (157 000 and 171 000
    /// nonzeros); it did not finish 940 000 in 120 s. Predicted as 24 s × (nonzeros/171 000)^1.6,
    /// the growth measured for the interior point.
    static func hopelessRelaxation(blockNonzeros: [Int], timeLimit: Double?, lanes: Int = 1) -> String? {
        guard let timeLimit else { return nil }
        let simplex = wallTime(blockNonzeros.map { 24 * pow(Double($0) / 171_000, 1.6) }, sizes: blockNonzeros, lanes: lanes)
        let fastest = min(simplex, predictedInteriorSeconds(blockNonzeros, lanes: lanes))
        guard fastest > 0.8 * timeLimit else { return nil }
        return String(format: "predicted to need about %.0f s against the %.0f s left (give a longer --time-limit)", fastest, timeLimit)
    }

    /// Why `auto` leaves the LP out before price-and-branch, or nil: the interior point is
    /// predicted to take more than a tenth of the limit. Price-and-branch needs only duals, and
    /// the ascent on the week relaxation gives them sooner. Region week (docs/performance.md, "The
    /// week relaxation"), the LP taking 9.5 s: at 20 s 6.12 % with it, 1.24 % without; at 60 s
    /// a median of 0.48 % over fifteen runs with it, 0.41 % over six without (the rounds reach the
    /// Dantzig–Wolfe bound); at 120 s 0.26 % with it and 0.30 % without, so there it is kept.
    /// Cheap LPs (pohjanmaa 0.3 s, keski-pohjanmaa 0.06 s) are always solved.
    static func slowerThanTheWeekRelaxation(blockNonzeros: [Int], timeLimit: Double?, lanes: Int = 1) -> String? {
        guard let timeLimit else { return nil }
        let interior = predictedInteriorSeconds(blockNonzeros, lanes: lanes)
        guard interior > 0.1 * timeLimit else { return nil }
        return String(format: "predicted to need about %.0f s of the %.0f s left, where the ascent on the week relaxation gives "
                      + "price-and-branch its duals sooner (--lp-method interior solves it)", interior, timeLimit)
    }

    static let skippedSolve = SolveResult(status: .noSolution, stopReason: .timeLimit, objective: nil, bestBound: nil,
                                          gap: nil, values: [], elapsedSeconds: 0)

    static func predictedInteriorSeconds(_ blockNonzeros: [Int], lanes: Int = 1) -> Double {
        wallTime(blockNonzeros.map { 9.7 * pow(Double($0) / 171_000, 1.6) }, sizes: blockNonzeros, lanes: lanes)
    }

    /// The wall time of per-block work when the blocks are spread over `lanes` as
    /// `DecomposingSolver` does (`balancedLanes`): the busiest lane's total.
    static func wallTime(_ perBlock: [Double], sizes: [Int], lanes: Int) -> Double {
        balancedLanes(sizes: sizes, count: lanes).map { $0.reduce(0) { $0 + perBlock[$1] } }.max() ?? 0
    }

    /// Lanes for the decomposed solves: as asked, else two (the machines Pool is measured on have
    /// two cores; each lane holds a block model and a GLPK problem of its own), never more than
    /// the cores: a lane waiting for a core would start when the others have used the time limit.
    static func laneCount(_ threads: Int?, cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> Int {
        max(1, min(threads ?? 2, cores))
    }

    /// The larger of two lower bounds of a minimisation, either possibly missing (a block skipped
    /// at the time limit has no tree bound, but the LP relaxation still bounds the whole model).
    static func strongerBound(_ a: Double?, _ b: Double?) -> Double? {
        switch (a, b) {
        case let (a?, b?): return max(a, b)
        case let (a?, nil): return a
        case let (nil, b?): return b
        default: return nil
        }
    }
}

/// Wall-clock laps for the timings report (never part of a deterministic output).
final class Stopwatch {
    private let start = Date()
    private var last = Date()
    var total: Double { Date().timeIntervalSince(start) }
    func lap() -> Double {
        let now = Date(); defer { last = now }
        return now.timeIntervalSince(last)
    }
}
