import Foundation

/// Price-and-branch over the blocks of a Lagrangian relaxation (Dantzig–Wolfe 1960; Barnhart et
/// al. 1998): a *master* model chooses one whole block solution ("column": for Pool, one
/// clinician's week) per block, subject to the relaxed rows; the blocks that hold no integer
/// column (the uncovered counts and the equity share) stay in the master as they are. Rounds:
///
/// 1. solve the master's LP over the columns found so far;
/// 2. price every block at the master's duals (π on the relaxed rows, σ_b on the block's "one
///    column" row): its optimum under c − πA is a new column when it costs less than σ_b;
///    z_master + Σ_b min(0, reduced cost_b) is a valid lower bound in every round (the
///    Lagrangian bound at π), and equals the master's LP once no block has a column to add;
/// 3. when nothing is added, the master LP is within `boundTolerance` of the best bound, or the
///    time is up, the master over the columns found is solved as
///    a MIP (one column per block), from the seed plans, whose columns are in it from the start.
///
/// The first pricing is at `startDuals` (e.g. the LP relaxation's): its bound is the Lagrangian
/// bound there. On the region week (docs/performance.md) rounds converged at 327 489 €, 2 % above
/// the LP bound, and the master MIP over the 8 654 columns found held a plan 1.9 % cheaper than
/// the best the branch-and-cut pipeline had found.
public struct ColumnGeneration {
    public let relaxation: LagrangianBound
    /// Blocks with an integer column: priced, one column each in a plan.
    let priced: [Int]
    /// Blocks without one: copied into the master.
    let kept: [Int]

    /// The line that ends the master MIP's part of a solver log.
    public static let endOfMasterLog = "--- end of the master MIP ---\n"

    /// The master MIP's share of the time (see `run`).
    public static let defaultMipShare = 0.45

    /// The rounds stop once the master LP's optimum is within this share of the best bound
    /// (Lübbecke and Desrosiers 2005: the tail of column generation closes little of the gap).
    public var boundTolerance = Self.defaultBoundTolerance
    public static let defaultBoundTolerance = 1e-4
    /// Rounds over which a master LP that improved by less than `boundTolerance` has stalled.
    public var stallRounds = 5

    /// While the last round lowered the master LP by at least `steepFall` (a share), rounds may go
    /// on past their share of the time, until the master MIP would keep only `leastMipShare`.
    /// The master LP is about the plan the master MIP can find over its columns: on 5× the region
    /// (120 s) a round lowered it by 1–3.6 % in 4–6 s, while the master MIP's 17 s of search
    /// gained 1.9 % and its dive and RINS (10 s) nothing. Near convergence (the region: under
    /// 0.2 % a round after the first) the shares stay as they are.
    public var steepFall = 0.01
    public var leastMipShare = 0.3

    /// Most columns per block taken from `run`'s `columns` (nil: `givenColumnsPerBlock`).
    var columnsPerBlock: Int?

    /// About 10 000 given columns in all, 3 to 30 per block. 5× the region (1 508 weeks), 120 s:
    /// 3 each, gap 19.5 %; 6 each, 16.2–16.6 % (the first master LP 7–10 s); 12 each, 16.9–17.0 %
    /// (22–33 s). Region, 20 s: 3 each 0.40 / 0.74 %, 30 each 0.33 / 0.53 %.
    static func givenColumnsPerBlock(blocks: Int) -> Int {
        min(30, max(3, 10_000 / max(1, blocks)))
    }

    /// The dive's share of the master MIP's time. The region's and 2×'s dives take 0.2–0.8 s
    /// (a third of the time before: 2.7 s, 16 s); 5×'s, at 120 s, 6–9 s with a third, and in five
    /// runs their plan was never better than the rounding's (given up, or 0.4–2.1 % above it).
    static let diveShare = 0.1

    /// Columns out of the master LP's basis with a positive reduced cost for this many LPs in a row
    /// leave the master LPs and the dive (`MasterColumns.restAfter`; nil: never), not the master
    /// MIP. GLPK's primal simplex prices every column at every iteration, and most columns never
    /// re-enter: 5× the region, 120 s, three LPs: 28–35 rounds instead of 16, the last master LPs
    /// over about 10 000 of 30 000 columns (0.2 s a round instead of 4.8 s), gaps 1.10–1.78 %
    /// (2.24–2.63 % in a slow phase of the machine) against 2.61 % in its fast phase
    /// (docs/performance.md).
    public var restAfter: Int? = 3

    /// Wentges (1997) smoothing: the share of the best multipliers so far in each round's prices.
    public var smoothing = 0.7

    /// Keep the master (its columns and last basis) in the result (`Result.master`), for nodes (`nodeRounds`).
    /// Pool keeps them for the equity branching, whose nodes' plans then replace the master MIP's
    /// parts group by group: the master MIP takes at most `mipShareBeforeBranching` of the time.
    var keepColumns = false

    /// The master MIP's share of the time under a limit when the master is kept for a branching
    /// (`keepColumns`); the rounds still end by `mipShare`. Its plan is then the plan branched
    /// around and one seed of the nodes' plans, which take the time it leaves (`Allocator`: what
    /// price-and-branch leaves goes to them) and improve with it: the GPs' node at 100 % gave
    /// 163 205–163 385 € with 1.0–3.3 s (median 163 240 €, twenty runs) against 163 221–163 899 €
    /// with 0.7–2.1 s (163 274 €). Region, 20 s, alternating: 0.15 better than 0.45 in 15 of 20,
    /// 20 of 20 within 0.1 % against 16; 0.25 better in 15 of 20, 0.08 and 0.2 no better
    /// (docs/performance.md, "The master MIP's time to the nodes' plans" and after).
    public static let mipShareBeforeBranching = 0.15

    public init(_ model: LinearModel, relaxing rows: [Int]) {
        self.init(model, relaxing: rows, pricing: nil)
    }

    /// With `pricing`, blocks are priced by that relaxation (a point of the block, or nil for
    /// GLPK): each round's bound stays valid, but a round that adds nothing no longer proves that
    /// no column is missing, so the rounds then go on with every block solved exactly.
    init(_ model: LinearModel, relaxing rows: [Int], pricing: (any BlockRelaxation)?) {
        relaxation = LagrangianBound(model, relaxing: rows, blockRelaxation: pricing)
        let shapes = relaxation.shapes
        priced = shapes.indices.filter { b in shapes[b].columns.contains { model.kinds[$0] != .continuous } }
        kept = shapes.indices.filter { b in !shapes[b].columns.contains { model.kinds[$0] != .continuous } }
    }

    /// Rounds for at most `timeLimitSeconds × (1 − mipShare)`, then the master MIP for the rest
    /// (region week, 60 s: with a share of 0.3 the rounds' bound ended within 0.02 % of the
    /// Dantzig–Wolfe bound and the plan set the gap, 0.36–1.25 % over seven runs; with 0.45 the
    /// bound is within 0.1 % and the gap was 0.46–0.87 % over seven, median 0.53 %; 0.55 gave
    /// 0.68–0.72 % over three);
    /// without a limit, rounds until no column is added and the master MIP for as long as they took.
    /// `seeds` are feasible points of the whole model (e.g. the warm start): their block
    /// solutions are columns from the start, so the master MIP is never worse than the best of them.
    /// `rounding` turns the last master LP's fractional point into a feasible one (for Pool, the
    /// LP-rounding greedy), one more seed of the master MIP.
    /// `columns` gives block solutions (block-local points, e.g. the weeks a subgradient ascent
    /// met; at most the given count, the cheapest first under the given costs — c − πA at the
    /// start duals) that join the master before the first round.
    func run(_ model: LinearModel, startDuals: [Double], seeds: [[Double]],
             columns: (@Sendable (BlockShape, _ costs: [Double], _ most: Int) -> [[Double]])? = nil,
             solver: any LinearSolver, lanes: Int = 1,
             timeLimitSeconds: Double?, mipShare: Double = Self.defaultMipShare, rounding: (([Double]) -> [Double]?)? = nil,
             side: SideAscent? = nil, isStopRequested: @escaping @Sendable () -> Bool = { false }) throws -> Result {
        let clock = BlockClock()
        var master = MasterColumns(model, relaxation: relaxation, priced: priced, kept: kept)
        master.restAfter = restAfter
        // GLPK's simplex runs on one core. Under a time limit the idle lane takes on the ascent
        // (`side`): its steps during each master LP and during the dive.
        let sideLane = lanes > 1 && timeLimitSeconds != nil ? side : nil
        // The master separates where the model does (Pool: by profession group): its LPs and the
        // dive's are solved part by part on every lane (`DecomposingSolver`), and a lane done
        // with its parts takes the ascent on while the other finishes. 5× the region, 120 s: the
        // master LPs of rounds 2–6 took 0.8–1.8 s instead of 2.2–4.7 s, 10 rounds instead of 6.
        // A master in one piece runs on one lane, the ascent on the other (`besideTheSide`).
        let groups = IndependentGroups(model, relaxation)
        let masterParts = groups.parts(smallerThan: MasterColumns.smallPartShare)
        func partByPart(whenIdle: (@Sendable (SideAscent, _ allDone: @escaping @Sendable () -> Bool) -> Void)?) -> any LinearSolver {
            var parts = DecomposingSolver(base: solver, laneCount: lanes, smallBlockShare: MasterColumns.smallPartShare,
                                          isStopRequested: isStopRequested)
            if let sideLane, let whenIdle { parts.whenLaneIdle = { allDone in whenIdle(sideLane, allDone) } }
            return parts
        }
        // The master's LPs, the dive's too (one lane each when the master is one piece).
        let lpSolver = LaneBox<any LinearSolver>(masterParts > 1
            ? partByPart(whenIdle: { side, allDone in side.run(until: { allDone() || isStopRequested() }) }) : solver)
        /// `work` on the master, with `sideWork` on the idle lane beside it (or `work` alone: no
        /// side lane, or a master solved part by part, whose lanes take the side's work themselves).
        func besideTheSide<T>(_ sideWork: @escaping @Sendable (SideAscent, StopLatch) -> Void,
                              _ work: @escaping @Sendable (inout MasterColumns) throws -> T) throws -> T {
            let shared = LaneBox(master), done = StopLatch({ false }), result = LaneBox<Swift.Result<T, Error>?>(nil)
            solver.lanes.run(lanes: sideLane == nil || masterParts > 1 ? 1 : 2) { lane in
                if lane == 0 {
                    result.value = Swift.Result { try work(&shared.value) }
                    done.latch()
                } else if let sideLane {
                    sideWork(sideLane, done)
                }
            }
            master = shared.value
            guard let outcome = result.value else { throw SolverError("the master's lane returned nothing") }
            return try outcome.get()
        }
        func masterLP(timeLimit: Double?) throws -> MasterColumns.LPSolution? {
            try besideTheSide({ side, done in side.run(until: { done.isSet || isStopRequested() }) }) {
                try $0.solveLP(lpSolver.value, timeLimit: timeLimit)
            }
        }
        for seed in seeds where seed.count == model.variableCount { master.add(seeds: seed) }
        var startColumns = 0, startSeconds = (seedsLP: 0.0, given: 0.0)
        if let columns {
            // The seeds' master LP first (one or two weeks per block: fast): its basis is a
            // primal feasible start for the master with the given columns, which GLPK's own start
            // reached only after a long first phase (5×, 8 534 columns given: 9.8 s).
            if timeLimitSeconds.map({ $0 * (1 - mipShare) > 0 }) ?? true {
                _ = try masterLP(timeLimit: timeLimitSeconds.map { $0 * (1 - mipShare) })
            }
            startSeconds.seedsLP = clock.elapsed
            // Each block's `columnsPerBlock` cheapest at the start duals: all of them (37 117 on the
            // 5× week) made the first master LP take more than 40 s.
            let (reduced, _) = Self.pricedCosts(model, relaxation.relaxedRows, startDuals)
            let perBlock = columnsPerBlock ?? Self.givenColumnsPerBlock(blocks: priced.count)
            // Turning the given weeks into points took 4.4 s of 5×'s 64 s on one lane: the blocks
            // go to every lane, a chunk at a time (the points are dense over a block's columns),
            // and join the master in block order.
            let shapes = relaxation.shapes, pricedBlocks = priced
            for chunk in stride(from: 0, to: priced.count, by: 256) {
                let blocks = Array(chunk..<min(priced.count, chunk + 256))
                let queue = SharedQueue(blocks), found = (0..<max(1, lanes)).map { _ in LaneBox([(block: Int, points: [[Double]])]()) }
                DispatchQueue.concurrentPerform(iterations: found.count) { lane in
                    while let i = queue.pop() {
                        let shape = shapes[pricedBlocks[i]]
                        found[lane].value.append((i, Self.cheapest(columns(shape, reduced, 2 * perBlock), of: shape.columns,
                                                                  costs: reduced, most: perBlock)))
                    }
                }
                for (i, points) in found.flatMap(\.value).sorted(by: { $0.block < $1.block }) {
                    for p in points where master.add(block: i, point: p) { startColumns += 1 }
                }
            }
            startSeconds.given = clock.elapsed - startSeconds.seedsLP
        }
        var bestBound: Double?, rounds = 0, converged = false, interrupted = false
        // The smoothing's centre: each group's rows at the multipliers of its best part of the
        // bound so far (`IndependentGroups`: for one group, the best multipliers so far).
        var best = BestGroupParts(groups: groups, start: startDuals, constant: model.objectiveConstant)
        var alpha = smoothing
        var masterDuals: (pi: [Double], sigma: [Double], objective: Double)?
        var pricer = relaxation
        var roundLog = masterParts > 1 ? "the master falls into \(masterParts) independent parts: its LPs solved part by part on \(lanes) lane(s)\n" : ""
        if columns != nil {
            roundLog += String(format: "%d columns given before the rounds (the seeds' master LP until %.1f s, the given columns %.1f s)\n",
                               startColumns, startSeconds.seedsLP, startSeconds.given)
        }
        var masterObjectives: [Double] = [], lastExact = 0, closeEnough = false, exactUnaffordable = false
        var lastMasterPoint: [Double]?
        let pricingEnd = timeLimitSeconds.map { $0 * (1 - mipShare) } ?? .infinity
        // Where the rounds end: `pricingEnd`, or later while the master LP falls steeply.
        var roundsEnd = pricingEnd, roundsPastShare = 0
        let steepEnd = timeLimitSeconds.map { $0 * (1 - min(mipShare, leastMipShare)) } ?? .infinity
        // The master MIP ends by the time limit and takes at most its share: when the rounds
        // converge early the rest goes back to the caller, whose search over the whole model can
        // build weeks the master lacks (pohjanmaa, 60 s: converged after 4.5 s; the master MIP
        // with the other 55 s stayed at 92 570.61 €).
        let mipLimit = timeLimitSeconds
        let masterShare = keepColumns ? min(mipShare, Self.mipShareBeforeBranching) : mipShare
        var masterSeconds: Double? { mipLimit.map { min($0 - clock.elapsed, $0 * masterShare) } }
        var lastRoundSeconds = 0.0, lastMasterLPSeconds = 0.0
        // A round starts only when one a fifth longer than the last fits (the master LP grows each
        // round): a master LP cut off by the limit left the dive's first LP to start afresh, and
        // it did not finish in 11 s (5× the region).
        while clock.elapsed + 1.2 * lastRoundSeconds < roundsEnd, !isStopRequested() {
            let roundStart = clock.elapsed
            if roundStart + 1.2 * lastRoundSeconds >= pricingEnd { roundsPastShare += 1 }
            // Wentges smoothing: price between the best multipliers so far and the master's duals.
            let center = best.multipliers
            var price = center
            if let m = masterDuals {
                for r in relaxation.relaxedRows { price[r] = alpha * center[r] + (1 - alpha) * m.pi[r] }
            }
            let (costs, constant) = Self.pricedCosts(model, relaxation.relaxedRows, price)
            let pricingStart = clock.elapsed
            let found: (optima: [BlockOptimum], exactBlocks: (solved: Int, of: Int)?)?
            do {
                found = try Self.priceBlocks(priced + kept, model, costs: costs, pricer: pricer, relaxation: relaxation, solver: solver,
                                             lanes: lanes, timeLimitSeconds: timeLimitSeconds.map { _ in roundsEnd - clock.elapsed },
                                             isStopRequested: isStopRequested)
            } catch is SolveInterrupted { interrupted = true; break }
            guard let (optima, exactBlocks) = found else { break }
            if exactBlocks != nil {
                // Exact weeks do not fit in the rounds' time, and priced by the relaxation the
                // master LP has stalled: this round's columns and master LP are the last.
                exactUnaffordable = true
                pricer.blockRelaxation = relaxation.blockRelaxation
            }
            let pricingTime = clock.elapsed - pricingStart
            rounds += 1
            // L(price), valid whatever the multipliers: every block is in the sum.
            let bound = constant + optima.reduce(0) { $0 + $1.value }
            bestBound = max(bestBound ?? -.infinity, bound)
            let pricedBlocks = priced + kept
            best.offer(groups, parts: groups.parts(of: model, multipliers: price, blocks: pricedBlocks, values: optima.map(\.value)), at: price)
            if let b = best.bound { bestBound = max(bestBound ?? -.infinity, b) }
            if let m = masterDuals, pricer.blockRelaxation == nil, let b = bestBound, m.objective - b <= boundTolerance * abs(m.objective) {
                // The Dantzig–Wolfe bound lies between the two: more rounds could raise the bound by
                // at most the difference, and the master MIP's plan needs the time more. Equal, the
                // bound is the Dantzig–Wolfe bound itself.
                if m.objective - b <= 1e-9 * max(1, abs(m.objective)) { converged = true } else { closeEnough = true }
                break
            }
            var added = 0
            let restedBefore = master.backFromRest
            if let m = masterDuals {
                // A column enters when it prices out at the master's own duals.
                let (reduced, _) = Self.pricedCosts(model, relaxation.relaxedRows, m.pi)
                added += master.addPricedOut(optima.prefix(priced.count), reducedCosts: reduced, convexityDuals: m.sigma)
                added += master.wake(pi: m.pi, sigma: m.sigma)
            } else {
                for (i, o) in optima.prefix(priced.count).enumerated() where master.add(block: i, point: o.point) { added += 1 }
            }
            if let m = masterDuals, added == 0 {
                // Nothing at the smoothed prices: try the master's own; nothing there either is convergence.
                if alpha == 0 {
                    // Priced by a relaxation: once more exactly, which either finds the weeks it
                    // missed or proves the master LP's optimum a bound.
                    if pricer.blockRelaxation != nil {
                        if exactUnaffordable { break }  // no proof that nothing is missing: the rounds end
                        pricer.blockRelaxation = nil
                        continue
                    }
                    converged = true
                    bestBound = max(bestBound ?? -.infinity, m.objective)
                    break
                }
                alpha = 0
                continue
            }
            alpha = smoothing
            let exactRound = pricer.blockRelaxation == nil && relaxation.blockRelaxation != nil
            pricer.blockRelaxation = relaxation.blockRelaxation  // back to the fast pricing
            let masterStart = clock.elapsed, lpColumns = master.lpColumnCount
            let exactNote = exactBlocks.map { String(format: " (exact for %d of %d blocks, the rest relaxed)", $0.solved, $0.of) }
                ?? (exactRound ? " (exact)" : "")
            let byGroup = groups.count > 2 ? String(format: " (each group's best: %.2f €)", best.bound ?? .nan) : ""
            guard clock.elapsed < roundsEnd, let lp = try masterLP(timeLimit: timeLimitSeconds.map { _ in roundsEnd - clock.elapsed })
            else {
                roundLog += String(format: "round %d at %.1f s: bound %.2f €%@%@, %d columns added (%d back from rest), no time left for its master LP (pricing %.1f s)\n",
                                   rounds, clock.elapsed, bound, exactNote, byGroup, added, master.backFromRest - restedBefore, pricingTime)
                break
            }
            if let b = sideLane?.bound, b > (bestBound ?? -.infinity) { bestBound = b }
            roundLog += String(format: "round %d at %.1f s: bound %.2f €%@%@, %d columns added (%d back from rest), master LP %.2f € (pricing %.1f s, master LP %.1f s, %d columns)\n",
                               rounds, clock.elapsed, bound, exactNote, byGroup, added, master.backFromRest - restedBefore, lp.objective,
                               pricingTime, clock.elapsed - masterStart, lpColumns)
            masterDuals = (lp.relaxedDuals, lp.convexityDuals, lp.objective)
            lastMasterLPSeconds = clock.elapsed - masterStart
            // Priced by a relaxation, the rounds' bound stays below the master LP even when no
            // column is missing (region week: 326 338 € against 327 491 € for 40 rounds, 20 s):
            // once the master LP stalls, one exact round shows how close the two really are.
            roundsEnd = Self.fellSteeply(masterObjectives.last, lp.objective, share: steepFall) ? steepEnd : pricingEnd
            masterObjectives.append(lp.objective)
            if relaxation.blockRelaxation != nil, !exactUnaffordable,
               Self.stalled(masterObjectives, since: lastExact, rounds: stallRounds, tolerance: boundTolerance) {
                pricer.blockRelaxation = nil
                lastExact = masterObjectives.count
            }
            lastMasterPoint = lp.point
            lastRoundSeconds = clock.elapsed - roundStart
            if exactUnaffordable { break }
        }
        let pricingSeconds = clock.elapsed
        if let sideLane, sideLane.steps > 0 {
            roundLog += String(format: "%d more ascent steps on the idle lane during the master LPs: bound %.2f €\n",
                               sideLane.steps, sideLane.bound ?? .nan)
        }
        if roundsPastShare > 0 {
            roundLog += String(format: "%d round(s) past the rounds' share (%.1f s), to %.1f s: the master LP was still falling by %g %% or more a round\n",
                               roundsPastShare, pricingEnd, pricingSeconds, steepFall * 100)
        }
        var point: [Double]?
        var masterLog = ""
        if !interrupted, !isStopRequested(), mipLimit.map({ $0 - clock.elapsed > 0.5 }) ?? true {
            let roundingClock = BlockClock()
            if let rounding, let fractional = lastMasterPoint, let seed = rounding(fractional), seed.count == model.variableCount,
               model.violations(seed, tolerance: 1e-6).isEmpty {
                master.add(seeds: seed)
                masterLog += String(format: "rounding the master LP: %.2f € in %.2f s\n", model.objectiveValue(seed), roundingClock.elapsed)
            }
            // A dive on the master LP, given up to `diveShare` of the master MIP's time: one more seed.
            let diveLimit = masterSeconds.map { $0 * Self.diveShare } ?? max(1, pricingSeconds) * Self.diveShare
            let diveClock = BlockClock(), lastMasterLP = lastMasterLPSeconds
            let dive = try besideTheSide({ side, done in side.run(until: { done.isSet || isStopRequested() }) }) {
                try $0.dive(lpSolver.value, timeLimit: diveLimit, lastMasterLP: lastMasterLP, isStopRequested: isStopRequested)
            }
            if let sideLane, sideLane.steps > 0 {
                masterLog += String(format: "the idle lane's ascent (%d steps), its bound at the best multipliers: %.2f €\n", sideLane.steps, sideLane.bound ?? .nan)
                if let b = sideLane.bound, b > (bestBound ?? -.infinity) { bestBound = b }
            }
            if let dived = dive,
               model.violations(dived, tolerance: 1e-6).isEmpty {
                master.add(seeds: dived)
                masterLog += String(format: "dive on the master LP: %.2f € in %.2f s\n", model.objectiveValue(dived), diveClock.elapsed)
            } else {
                masterLog += String(format: "dive on the master LP: no plan in %.2f s\n", diveClock.elapsed)
            }
            masterLog += "dive: \(master.diveSummary)\n"
            let mip = try master.solveMIP(solver, relaxationSolver: masterParts > 1 ? partByPart(whenIdle: nil) : nil,
                                          timeLimit: masterSeconds ?? max(1, pricingSeconds), lanes: lanes,
                                          isStopRequested: isStopRequested)
            point = mip.point
            interrupted = mip.interrupted
            masterLog += mip.log
        }
        var result = Result(bound: bestBound, point: point, rounds: rounds, columns: master.count, converged: converged,
                            seconds: clock.elapsed, masterMIPSeconds: clock.elapsed - pricingSeconds)
        result.interrupted = interrupted || isStopRequested()
        result.masterDuals = masterDuals?.pi
        result.masterLog = masterLog
        result.roundLog = roundLog
        result.closeEnough = closeEnough
        if best.bound != nil { result.groupParts = best.parts }
        result.bestMultipliers = best.multipliers
        if keepColumns { result.master = master }
        return result
    }
}
