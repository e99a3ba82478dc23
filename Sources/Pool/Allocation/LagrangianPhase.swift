import Foundation

/// Step 4 of the solve pipeline (docs/allocation-model.md): after the LP relaxation,
/// price-and-branch (`ColumnGeneration`), or with `--no-price-and-branch` one Lagrangian
/// evaluation at its duals; without the LP, price-and-branch from the uncovered costs when five
/// rounds fit, else a subgradient ascent when three steps fit.
struct LagrangianPhase {
    var bound: LagrangianBound.Value?
    var pricing: ColumnGeneration.Result?
    /// Price-and-branch started from the uncovered costs, without the LP's duals.
    var pricedWithoutLP = false
    /// A stop request reached one of its solves.
    var interrupted = false

    /// Its part of the solver log.
    func log(_ model: AllocationModel) -> String {
        let pricingLog = pricing.map { p in
            let bound = p.bound.map { String(format: "%.2f €", $0) } ?? "none"
            let found = p.point.map { String(format: "%.2f €", model.model.objectiveValue($0)) } ?? "no plan"
            return "=== price-and-branch ===\n\(p.rounds) rounds, \(p.columns) columns\(p.converged ? " (converged)" : ""), bound \(bound), "
                + String(format: "master MIP %.2f s of %.2f s: ", p.masterMIPSeconds, p.seconds) + found + "\n"
        } ?? ""
        return pricingLog + (bound.map {
            String(format: "=== Lagrangian bound ===\n%.2f € after %d evaluation(s) of %d blocks in %.2f s\n", $0.bound, $0.evaluations, $0.blocks, $0.seconds)
        } ?? "")
    }
}

extension Allocator {
    /// Runs step 4 within `timeLimit`; `warm` is the best plan so far (price-and-branch's seed,
    /// the ascent's target).
    func lagrangianPhase(_ model: AllocationModel, _ lp: SolveResult, warm: [Double]?, options: AllocationSolveOptions,
                         lanes: Int, timeLimit: Double?, stop: @escaping @Sendable () -> Bool) throws -> LagrangianPhase {
        var phase = LagrangianPhase()
        guard options.lagrangianBound else { return phase }
        do {
            let budget = timeLimit.map { $0 * options.columnGenerationShare }
            let lpDuals = lp.status == .optimal ? lp.rowDuals : nil
            let withoutLP = lpDuals == nil && Self.pricingFits(budget: budget, integerColumns: model.size.integerVariables, lanes: lanes)
            if let duals = lpDuals ?? (withoutLP ? uncoveredCostPrices(model) : nil), let w = warm, options.columnGenerationShare > 0 {
                let generation = ColumnGeneration(model.model, relaxing: model.coverageRows.compactMap { $0?.index })
                let ctx = model.context, candidates = model.candidates
                let pricing = try generation.run(model.model, startDuals: duals, seeds: [w], solver: solver, lanes: lanes,
                                                 timeLimitSeconds: budget,
                                                 rounding: { point in
                                                     Greedy.lpRounding(ctx, candidates, lpValue: model.x.map { point[$0.index] })
                                                         .map { model.point(chosen: $0) } },
                                                 isStopRequested: stop)
                phase.pricing = pricing
                phase.pricedWithoutLP = lpDuals == nil
                phase.interrupted = pricing.interrupted
                phase.bound = pricing.bound.map { LagrangianBound.Value(bound: $0, blocks: generation.relaxation.blockCount,
                                                                        seconds: pricing.seconds, evaluations: pricing.rounds, point: []) }
            } else if lp.status == .optimal {
                phase.bound = try lagrangianBound(model, lp, lanes: lanes, timeLimit: timeLimit, stop: stop)
            } else if let w = warm {
                phase.bound = try lagrangianAscent(model, target: model.model.objectiveValue(w), lanes: lanes, timeLimit: timeLimit, stop: stop)
            }
        } catch is SolveInterrupted {
            phase.interrupted = true
        }
        return phase
    }

    /// The Lagrangian bound at the LP duals, given at most a fifth of the time left (it is worth
    /// a bound, not a plan). Nil when it does not finish in that time.
    func lagrangianBound(_ model: AllocationModel, _ lp: SolveResult, lanes: Int, timeLimit: Double?,
                         stop: @escaping @Sendable () -> Bool) throws -> LagrangianBound.Value? {
        guard let duals = lp.rowDuals else { return nil }
        let relaxation = LagrangianBound(model.model, relaxing: model.coverageRows.compactMap { $0?.index })
        return try relaxation.evaluate(model.model, rowDuals: duals, solver: solver, lanes: lanes,
                                       timeLimitSeconds: timeLimit.map { $0 * 0.2 }, isStopRequested: stop)
    }

    /// Without the LP's duals: subgradient ascent from every coverage row priced at its uncovered
    /// cost, towards the warm start's objective, for a fifth of the time left — the only bound such
    /// a run gets. (Region week, about 1 s per evaluation on two lanes: 220 783 € after 15 s,
    /// 304 195 € after 30 evaluations in 32 s; the LP duals give 324 776 € in one evaluation.
    /// Scaling the uncovered costs down, which the LP duals are on average, started lower.)
    ///
    /// Its first steps give a weak bound, so it is not started when fewer than three evaluations
    /// are predicted to fit (`ascentStepSeconds`): the national week's single evaluation did not
    /// finish in 107 s, which the search then lacked.
    func lagrangianAscent(_ model: AllocationModel, target: Double, lanes: Int, timeLimit: Double?,
                          stop: @escaping @Sendable () -> Bool) throws -> LagrangianBound.Value? {
        let budget = timeLimit.map { $0 * 0.2 }
        guard Self.ascentFits(budget: budget, integerColumns: model.size.integerVariables, lanes: lanes) else { return nil }
        let relaxation = LagrangianBound(model.model, relaxing: model.coverageRows.compactMap { $0?.index })
        return try relaxation.ascend(model.model, from: uncoveredCostPrices(model), target: target, solver: solver, lanes: lanes,
                                     timeLimitSeconds: budget, isStopRequested: stop)
    }

    /// Every coverage row priced at its uncovered cost: what the LP's duals would be if no
    /// clinician could cover anything; the start of pricing without the LP.
    func uncoveredCostPrices(_ model: AllocationModel) -> [Double] {
        var prices = Array(repeating: 0.0, count: model.model.constraintCount)
        for (r, ref) in model.coverageRows.enumerated() {
            if let ref { prices[ref.index] = Objective.uncoveredUnitCost(model.context, row: r) }
        }
        return prices
    }

    /// Whether price-and-branch without the LP is worth starting: five pricing rounds (one
    /// evaluation each, `ascentStepSeconds`) predicted to fit its rounds' share of `budget`. From
    /// the uncovered costs its first rounds bound little; the master LP's duals then do what the
    /// subgradient steps did slowly (2× the region, 120 s: 17 rounds, bound 432 441 € and plan
    /// 711 039 €, gap 39 %, against the ascent's 354 882 € and the search's 790 104 €, 55 %).
    static func pricingFits(budget: Double?, integerColumns: Int, lanes: Int) -> Bool {
        budget.map { $0 * (1 - ColumnGeneration.defaultMipShare) >= 5 * ascentStepSeconds(integerColumns: integerColumns, lanes: lanes) } ?? true
    }

    /// Seconds of one Lagrangian evaluation, predicted from the integer columns: measured 1.0 s for
    /// the region's 36 838 on two lanes and 4.7 s for twice the region's 157 276 (about one second
    /// per 33 000); the 5× week's 991 634 did not finish in 21 s.
    static func ascentStepSeconds(integerColumns: Int, lanes: Int) -> Double {
        Double(integerColumns) / 33_000 * 2 / Double(max(1, min(lanes, 2)))
    }

    /// Whether three ascent steps are predicted to fit the budget (no budget: always).
    static func ascentFits(budget: Double?, integerColumns: Int, lanes: Int) -> Bool {
        budget.map { $0 >= 3 * ascentStepSeconds(integerColumns: integerColumns, lanes: lanes) } ?? true
    }
}
