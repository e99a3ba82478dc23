import Foundation

/// Step 4 of the solve pipeline (docs/allocation-model.md): after the LP relaxation,
/// price-and-branch (`ColumnGeneration`), or with `--no-price-and-branch` one Lagrangian
/// evaluation at its duals; without the LP, a subgradient ascent on the week relaxation
/// (`WeekRelaxation`), then price-and-branch from its multipliers when five rounds fit.
struct LagrangianPhase {
    var bound: LagrangianBound.Value?
    var pricing: ColumnGeneration.Result?
    /// Price-and-branch itself, for the equity branching's nodes (`EquityBranching`).
    var generation: ColumnGeneration?
    /// Price-and-branch started without the LP's duals (from the ascent's multipliers).
    var pricedWithoutLP = false
    /// A stop request reached one of its solves.
    var interrupted = false
    /// Without the LP: the ascent on the week relaxation (`WeekRelaxation`).
    var relaxedAscent: LagrangianBound.Value?

    /// Its part of the solver log.
    func log(_ model: AllocationModel) -> String {
        let pricingLog = pricing.map { p in
            let bound = p.bound.map { String(format: "%.2f €", $0) } ?? "none"
            let found = p.point.map { String(format: "%.2f €", model.model.objectiveValue($0)) } ?? "no plan"
            return "=== price-and-branch ===\n\(p.rounds) rounds, \(p.columns) columns\(p.converged ? " (converged)" : p.closeEnough ? String(format: " (master LP within %g %% of the bound)", ColumnGeneration.defaultBoundTolerance * 100) : ""), bound \(bound), "
                + String(format: "master MIP %.2f s of %.2f s: ", p.masterMIPSeconds, p.seconds) + found + "\n"
                + p.roundLog + (p.masterLog.isEmpty ? "" : "--- master MIP ---\n" + p.masterLog + (p.masterLog.hasSuffix("\n") ? "" : "\n") + ColumnGeneration.endOfMasterLog)
        } ?? ""
        let ascentLog = relaxedAscent.map {
            String(format: "=== ascent on the week relaxation ===\n%.2f € after %d evaluation(s) of %d blocks in %.2f s\n",
                   $0.bound, $0.evaluations, $0.blocks, $0.seconds)
        } ?? ""
        return ascentLog + pricingLog + (bound.map {
            String(format: "=== Lagrangian bound ===\n%.2f € after %d evaluation(s) of %d blocks in %.2f s\n", $0.bound, $0.evaluations, $0.blocks, $0.seconds)
        } ?? "")
    }
}

extension Allocator {
    /// Runs step 4 within `timeLimit`; `warm` is the best plan so far (price-and-branch's seed,
    /// the ascent's target). `keepColumns`: the master's columns stay in the result for the
    /// equity branching (step 5).
    func lagrangianPhase(_ model: AllocationModel, _ lp: SolveResult, warm: [Double]?, options: AllocationSolveOptions,
                         lanes: Int, timeLimit: Double?, keepColumns: Bool = false,
                         stop: @escaping @Sendable () -> Bool) throws -> LagrangianPhase {
        var phase = LagrangianPhase()
        guard options.lagrangianBound else { return phase }
        // The whole phase keeps the limit, its set-up included (5× the region: building the week
        // relaxation, the blocks and the idle weeks took 3 s outside the ascent's and the rounds'
        // clocks, and the command ended 3.7 s late). The set-up comes out of price-and-branch's
        // time, not the ascent's: with the ascent's, a loaded debug test week once had no
        // evaluation finished in what was left.
        let clock = Stopwatch()
        func left() -> Double? { timeLimit.map { max(0, $0 - clock.total) } }
        do {
            let lpDuals = lp.status == .optimal ? lp.rowDuals : nil
            let columns = model.size.integerVariables
            var startDuals = lpDuals
            var weeks: WeekRelaxation?
            var side: SideAscent?
            let collector = WeekCollector(clinicians: model.context.scenario.clinicians.count)
            if lpDuals == nil, let w = warm {
                // Without the LP, a bound and duals from the week relaxation first: a tenth of the
                // time when exact price-and-branch rounds fit, 30 % when only rounds priced by the
                // DP may (decided after the ascent), a quarter without price-and-branch.
                let relaxation = WeekRelaxation(model, lanes: lanes)
                weeks = relaxation
                let followed = options.columnGenerationShare > 0 && Self.pricingFits(
                    budget: timeLimit.map { $0 * (1 - Self.relaxedAscentShare.priced) * options.columnGenerationShare },
                    roundSeconds: Self.exactRoundSeconds(integerColumns: columns, lanes: lanes))
                let share = Self.ascentShare(exactRoundsFit: followed, priceAndBranch: options.columnGenerationShare > 0)
                var collecting = relaxation
                collecting.collector = collector
                let found = try relaxedAscent(model, collecting, target: model.model.objectiveValue(w), targetPlan: w, lanes: lanes,
                                              timeLimit: timeLimit.map { $0 * share },
                                              firstGroupTheta: Self.firstGroupTheta(exactRoundsFit: followed), stop: stop)
                let ascent = found?.bound
                side = found?.side
                phase.bound = ascent
                phase.relaxedAscent = ascent
                startDuals = ascent?.multipliers
            }
            let budget = left().map { $0 * options.columnGenerationShare }
            // Without the LP, weeks are priced by the DP (GLPK only for a week it cannot give).
            let pricingWeeks = weeks.map { w -> WeekRelaxation in var p = w; p.feasibleColumns = true; return p }
            // Started only where five rounds fit: exact rounds (every week a GLPK MIP, predicted
            // from the model's size) or, after the ascent, rounds priced by the DP (predicted from
            // its own evaluations, which a loaded machine slows: a debug test week of 34 blocks
            // once took 0.25 s per evaluation), whichever is faster.
            let exactRound = Self.exactRoundSeconds(integerColumns: columns, lanes: lanes)
            let roundSeconds = phase.relaxedAscent.map { min(exactRound, Self.dpRoundSeconds(ascent: $0)) } ?? exactRound
            let withoutLP = lpDuals == nil && Self.pricingFits(budget: budget, roundSeconds: roundSeconds)
            if let duals = lpDuals ?? (withoutLP ? startDuals ?? uncoveredCostPrices(model) : nil), let w = warm, options.columnGenerationShare > 0 {
                var generation = ColumnGeneration(model.model, relaxing: model.coverageRows.compactMap { $0?.index }, pricing: pricingWeeks)
                generation.keepColumns = keepColumns
                let ctx = model.context, candidates = model.candidates
                // The idle weeks as a second seed: every clinician has a week the master can fall back on.
                let idle = Greedy.pinsOnly(ctx, candidates).map { model.point(chosen: $0) }
                let seeds = [w] + [idle].compactMap { $0 }.filter { model.model.violations($0, tolerance: 1e-6).isEmpty }
                let linear = LaneBox(model.model)  // read only, by the lanes that turn the weeks into points
                let ascentWeeks = weeks.map { w in
                    { @Sendable (shape: BlockShape, costs: [Double], most: Int) in
                        w.collectedColumns(linear.value, shape: shape, from: collector, costs: costs, most: most)
                    }
                }
                let pricing = try generation.run(model.model, startDuals: duals, seeds: seeds, columns: ascentWeeks, solver: solver, lanes: lanes,
                                                 timeLimitSeconds: left().map { $0 * options.columnGenerationShare },
                                                 rounding: { point in
                                                     Greedy.lpRounding(ctx, candidates, lpValue: model.x.map { point[$0.index] })
                                                         .map { model.point(chosen: $0) } },
                                                 side: side, isStopRequested: stop)
                phase.pricing = pricing
                phase.generation = generation
                phase.pricedWithoutLP = lpDuals == nil
                phase.interrupted = pricing.interrupted
                if let b = pricing.bound, b > (phase.bound?.bound ?? -.infinity) {
                    phase.bound = LagrangianBound.Value(bound: b, blocks: generation.relaxation.blockCount,
                                                        seconds: pricing.seconds, evaluations: pricing.rounds, point: [])
                }
            } else if lp.status == .optimal {
                phase.bound = try lagrangianBound(model, lp, lanes: lanes, timeLimit: left(), stop: stop)
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

    /// Share of the time left for the ascent on the week relaxation (without the LP): before
    /// price-and-branch (2× the region, 120 s: 606 384 € after 76 steps in 9.9 s, and the rounds
    /// from its multipliers took the bound to 608 594 €), or alone, the only bound (5×: 862 493 €
    /// after 20 steps with a tenth, 1 269 087 € after 56 with three tenths).
    /// Before rounds priced by the DP only (exact rounds predicted not to fit: 5×, national) the
    /// ascent gets more: its bound is the rounds' bound there, and its weeks are the master's
    /// first columns (5×, 120 s: a quarter of the time, 21.6 s, 1 262 000 €, gap 16.5 %; 0.35:
    /// 1 338 574 €, 10.3 %; 0.5: 1 356 398 €, 9.8 %; 0.65: 1 360 953 €, 10.5 %; 0.15: 28.5 %).
    /// On the region, which takes exact rounds, 0.2 and 0.3 were no better at 20 s (0.45–0.57 %).
    /// Since the DP keeps Pareto frontiers its rounds are three times faster and raise the bound
    /// more than the ascent's last steps: 5×, 120 s, 0.3 gave 1.89, 1.20, 1.44, 1.26 % (bounds
    /// 1 396 967–1 399 933 €) against 1.63, 2.19, 1.62, 2.09, 1.81, 1.38 % with 0.45 and 1.91,
    /// 1.47 % with 0.2.
    static let relaxedAscentShare = (priced: 0.1, dpPriced: 0.3, alone: 0.25)

    /// The ascent's share of the time (`relaxedAscentShare`).
    static func ascentShare(exactRoundsFit: Bool, priceAndBranch: Bool) -> Double {
        exactRoundsFit ? relaxedAscentShare.priced : priceAndBranch ? relaxedAscentShare.dpPriced : relaxedAscentShare.alone
    }

    /// Without the LP's duals: subgradient ascent on the week relaxation (`WeekRelaxation`, a DP per
    /// clinician instead of a MIP) from every coverage row priced at its uncovered cost, towards the
    /// warm start's objective — the bound of weeks too large for the LP, and the duals price-and-
    /// branch starts from. Nil when not one evaluation finished in `timeLimit`.
    func relaxedAscent(_ model: AllocationModel, _ relaxedWeeks: WeekRelaxation, target: Double, targetPlan: [Double]? = nil,
                       lanes: Int, timeLimit: Double?, firstGroupTheta: Double = 1,
                       stop: @escaping @Sendable () -> Bool) throws -> (bound: LagrangianBound.Value, side: SideAscent)? {
        // The steps count hours as finely as the bound (`WeekRelaxation.hourUnit`): with the DP's
        // Pareto frontiers coarser units are hardly faster (5×, 120 s: 211 and 216 steps in
        // quarter hours against 192 and 187 in 3 minutes), and the finer bound the steps climb on
        // ended higher (bounds 1 395 896 € and 1 397 630 € against 1 394 291 € and 1 393 909 €).
        let relaxation = LagrangianBound(model.model, relaxing: model.coverageRows.compactMap { $0?.index }, blockRelaxation: relaxedWeeks)
        let ascent = try relaxation.ascent(model.model, from: uncoveredCostPrices(model), target: target, targetPlan: targetPlan,
                                           solver: solver, lanes: lanes,
                                           // Four fifths of it: the shares were measured so.
                                           timeLimitSeconds: timeLimit.map { $0 * 0.8 }, maxSteps: Self.relaxedAscentSteps, patience: 5,
                                           firstGroupTheta: firstGroupTheta, deflection: SubgradientAscent.allocationDeflection,
                                           isStopRequested: stop)
        guard let best = ascent.best else { return nil }
        // The ascent goes on (`SideAscent`, collecting nothing) on the lane price-and-branch's
        // master LPs leave idle.
        var sideWeeks = relaxedWeeks, sideRelaxation = relaxation
        sideWeeks.collector = nil
        sideRelaxation.blockRelaxation = sideWeeks
        return (best, SideAscent(ascent, relaxation: sideRelaxation, model: model.model, solver: solver))
    }

    static let relaxedAscentSteps = 300

    /// Each group's first θ in the ascent before rounds priced by the DP only (5×, national): half
    /// a Polyak step. Measured ascents alone (135 s of the national week's 600, 5 064 blocks):
    /// 5 079 708 € and 5 075 758 € with 0.5 against 4 991 304 € with 1 (0.25: 5 067 941 €; θ
    /// growing by half after three better steps: 4 792 609 €); the whole national solve's bound
    /// (its idle lane's ascent going on) 5 122 271 € against 5 082 164 € in the same hour. 5× the
    /// region: the ascent 1 368 792 € against 1 370 946 €, the rounds' bound the same (1 407 744 €
    /// against 1 407 837 €). Before exact rounds (the region) θ starts at 1: there 0.5 gave no
    /// better bound and 13 of 15 runs within 0.1 % as with 1 (median 0.078 % against 0.063 %).
    static let dpPricedFirstGroupTheta = 0.5

    /// Each group's first θ in the ascent (`dpPricedFirstGroupTheta`).
    static func firstGroupTheta(exactRoundsFit: Bool) -> Double {
        exactRoundsFit ? 1 : dpPricedFirstGroupTheta
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

    /// Whether price-and-branch without the LP is worth starting: five pricing rounds of
    /// `roundSeconds` predicted to fit its rounds' share of `budget`.
    static func pricingFits(budget: Double?, roundSeconds: Double) -> Bool {
        budget.map { $0 * (1 - ColumnGeneration.defaultMipShare) >= 5 * roundSeconds } ?? true
    }

    /// Seconds of one pricing round by the DP, predicted from the ascent's: ten of its evaluations
    /// (no columns checked, no master LP). Measured: region 0.03 s per
    /// evaluation, rounds 0.2–0.5 s; 5× 0.5 s, rounds 1.6–7 s of pricing and 0.1–3.4 s of master LP.
    static func dpRoundSeconds(ascent: LagrangianBound.Value) -> Double {
        10 * ascent.seconds / Double(max(1, ascent.evaluations))
    }

    /// Seconds of one exact pricing round (a Lagrangian evaluation, each week a MIP), predicted
    /// from the integer columns: measured 1.0 s for the region's 36 838 on two lanes and 4.7 s
    /// for twice the region's 157 276 (about one second per 33 000); the 5× week's 991 634 did
    /// not finish in 21 s.
    static func exactRoundSeconds(integerColumns: Int, lanes: Int) -> Double {
        Double(integerColumns) / 33_000 * 2 / Double(max(1, min(lanes, 2)))
    }
}
