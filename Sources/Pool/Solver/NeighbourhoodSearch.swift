/// Large-neighbourhood search (LNS) around an incumbent: repeatedly free a compact set of integer
/// columns, fix every other integer column at the incumbent's value, and solve the small MIP that
/// is left. Every solution of it is feasible for the whole model and the incumbent is one of them,
/// so the plan never gets worse. Added because GLPK's branch-and-cut does not improve the first
/// incumbent of a region-sized block at all in a minute, while it solves a few thousand columns
/// in a second or two (measured: docs/performance.md).
///
/// Neighbourhoods come from the constraint graph (integer columns linked by sharing a row), grown
/// breadth-first from a seed column, in the spirit of SCIP's graph-induced neighbourhood search
/// (GINS): in the weekly allocation that frees one clinician's week, then the clinicians who could
/// cover the same demand, and so on — the people who could swap shifts. Seeds come from a seeded
/// generator, so a run with the same rounds is repeatable. The size adapts: it grows after a
/// sub-MIP solved to optimality well inside its time, and shrinks after one that ran out of time.
///
/// The sub-MIP is a real reduced model (`RestrictedModel`), not the whole model with fixed bounds:
/// GLPK's simplex then works on a few thousand rows instead of the block's tens of thousands.
struct NeighbourhoodSearch {
    let model: LinearModel
    private let integerColumns: [Int]
    private let graph: ColumnRows
    private var generator: SplitMix64
    /// Free integer columns of the next neighbourhood.
    private(set) var size: Int
    private var rounds = 0

    /// `graph`: the model's `ColumnRows`, when the caller has built it already.
    init(_ model: LinearModel, graph: ColumnRows? = nil, seed: UInt64 = 0x5EED_F00D, initialSize: Int = 600) {
        self.model = model
        integerColumns = model.kinds.indices.filter { model.kinds[$0] != .continuous }
        self.graph = graph ?? ColumnRows(model)
        generator = SplitMix64(seed: seed)
        size = min(initialSize, integerColumns.count)
    }

    /// Whether a neighbourhood would be the whole model (then branch-and-cut is the better tool).
    var coversModel: Bool { size >= integerColumns.count }

    struct Round {
        let free: Int
        let result: SolveResult
        let improved: Bool
    }

    /// One round from `incumbent` (feasible): the sub-MIP's result and its solution mapped onto the
    /// whole model (nil without a solution).
    mutating func round(from incumbent: [Double], base: any LinearSolver, options: SolveOptions) throws -> (Round, [Double]?) {
        guard !integerColumns.isEmpty else { throw SolverError("neighbourhood search needs integer columns") }
        let seed = (rounds % 2 == 0 ? costlySeed(incumbent) : nil)
            ?? integerColumns[Int(generator.next() % UInt64(integerColumns.count))]
        rounds += 1
        // Further random seeds, used only when the first seed's component is smaller than the size.
        var seeds = [seed]
        for _ in 0..<64 { seeds.append(integerColumns[Int(generator.next() % UInt64(integerColumns.count))]) }
        let free = graph.neighbourhood(from: seeds, integerColumns: size, kinds: model.kinds)
        let restricted = RestrictedModel(model, freeIntegers: free, at: incumbent, graph: graph)
        var sub = options
        sub.warmStart = restricted.restrict(incumbent)
        sub.startingBasis = nil
        sub.progress = nil
        let r = try base.solve(restricted.model, options: sub)
        let point = r.hasSolution ? restricted.expand(r.values, around: incumbent) : nil
        let before = restricted.model.objectiveValue(restricted.restrict(incumbent))
        let improved = r.objective.map { model.direction == .minimize ? $0 < before - 1e-6 : $0 > before + 1e-6 } ?? false
        adapt(after: r, limit: options.timeLimitSeconds)
        return (Round(free: free.count, result: r, improved: improved), point)
    }

    struct Summary {
        var rounds = 0, improvements = 0, nodes = 0
        var seconds = 0.0
        /// Ended by its `StallRule`.
        var stalled = false
        var log = ""
    }

    /// Rounds from `best` (which must hold a feasible point) until `budgetSeconds` are spent, a
    /// neighbourhood would be the whole model, `isGoodEnough(objective)`, the search stalls by
    /// `stall` (nil: never) or a stop request. Each sub-MIP gets at most `roundSeconds`; better
    /// plans go into `best`.
    mutating func improve(_ best: inout Incumbent, base: any LinearSolver, options: SolveOptions, budgetSeconds: Double,
                          roundSeconds: Double, isStopRequested: () -> Bool,
                          isGoodEnough: (Double) -> Bool = { _ in false }, stall: StallRule? = nil) throws -> Summary {
        let shared = SharedIncumbent(model, best)
        let summary = try improve(shared, base: base, options: options, budgetSeconds: budgetSeconds, roundSeconds: roundSeconds,
                                  isStopRequested: isStopRequested, isGoodEnough: isGoodEnough, stall: stall)
        best = shared.incumbent
        return summary
    }

    /// The rounds of `improve`, around a plan other lanes may improve at the same time: every
    /// round starts from the best plan so far. `wholeModel`: this lane and the lanes' record of
    /// who has grown to the whole model (`WholeModelLanes`); without it the search ends there.
    mutating func improve(_ best: SharedIncumbent, base: any LinearSolver, options: SolveOptions, budgetSeconds: Double,
                          roundSeconds: Double, isStopRequested: () -> Bool,
                          isGoodEnough: (Double) -> Bool = { _ in false }, stall: StallRule? = nil,
                          wholeModel: (lane: Int, lanes: WholeModelLanes)? = nil) throws -> Summary {
        let clock = BlockClock()
        var summary = Summary()
        // GLPK checks its time limit only between simplex solves and nodes (measured: rounds of a
        // 2 s limit ended after up to 2.5 s), and Pool maps each result back: a round may use at
        // most 1/1.3 of the budget left, less a reserve, so the search ends within its budget.
        // The reserve is a tenth of a budget under 1 s: the equity branching's nodes give their
        // masters (2 600–3 400 columns, rounds of 0.00–0.03 s) 0.2–0.6 s, and a fixed 0.1 s reserve
        // with 0.1 s more to start a round left them 0.04 s of search (region, 20 s).
        let reserve = min(0.1, budgetSeconds / 10)
        while !isStopRequested(), let point = best.incumbent.values, budgetSeconds - clock.elapsed > 2 * reserve {
            if let stall, best.stalled(stall, budget: budgetSeconds) {
                summary.stalled = true
                break
            }
            if coversModel {
                // Alone, or the last lane to get there, or a model no larger than the first
                // neighbourhood (every lane starts there): the search ends. Else smaller
                // neighbourhoods while the other lanes search (as after a round that ran out of time).
                guard let (lane, lanes) = wholeModel, !lanes.reach(lane), summary.rounds > 0 else { break }
                size = max(50, size * 6 / 10)
            } else if wholeModel?.lanes.everyLaneReached == true {
                break
            }
            var roundOptions = options
            roundOptions.timeLimitSeconds = min((budgetSeconds - clock.elapsed - reserve) / 1.3, roundSeconds)
            let (round, found) = try self.round(from: point, base: base, options: roundOptions)
            summary.rounds += 1
            summary.nodes += round.result.nodes
            var line = "Pool: neighbourhood round \(summary.rounds): \(round.free) integer columns free, "
                + "\(round.result.status.rawValue) (\(round.result.stopReason.rawValue)) in "
                + String(format: "%.2f s", round.result.elapsedSeconds)
            if let found, round.improved, best.offer(found, around: point) {
                summary.improvements += 1
                line += String(format: ", plan %.2f at %.1f s", best.incumbent.objective ?? 0, clock.elapsed)
            }
            summary.log += line + "\n"
            if round.result.stopReason == .interrupted { break }
            if let o = best.incumbent.objective, isGoodEnough(o) { break }
        }
        summary.seconds = clock.elapsed
        summary.log = "=== neighbourhood search: \(summary.rounds) rounds, \(summary.improvements) improving, "
            + String(format: "%.1f s", summary.seconds) + (summary.stalled ? ", stalled" : "")
            + ", objective \(best.incumbent.objective.map { String(format: "%.2f", $0) } ?? "-") ===\n" + summary.log
        return summary
    }

    /// Every other round starts next to a cost the plan pays through a continuous column (in the
    /// allocation: an uncovered shift, overtime, a stay trip): an integer column sharing a row with
    /// a randomly chosen such column, so the search looks first where money is lost. Nil when
    /// there is none.
    private mutating func costlySeed(_ point: [Double]) -> Int? {
        let sign = model.direction == .minimize ? 1.0 : -1.0
        let costly = model.kinds.indices.filter { j in
            model.kinds[j] == .continuous && sign * model.objectiveCoefficients[j] * point[j] > 1e-9
        }
        guard !costly.isEmpty else { return nil }
        let column = costly[Int(generator.next() % UInt64(costly.count))]
        var candidates: [Int] = []
        for i in graph.rows(of: column) {
            for k in model.rowStart[Int(i)]..<model.rowStart[Int(i) + 1] where model.kinds[Int(model.entryColumns[k])] != .continuous {
                candidates.append(Int(model.entryColumns[k]))
            }
        }
        guard !candidates.isEmpty else { return nil }
        return candidates[Int(generator.next() % UInt64(candidates.count))]
    }

    /// Grow by 30 % after a quick proof, shrink to 60 % after running out of time (measured on the
    /// region: 337 418 € against 338 641 € with +50 % / 70 %).
    private mutating func adapt(after r: SolveResult, limit: Double?) {
        if r.status == .optimal, let limit, r.elapsedSeconds < limit / 3 {
            size = min(integerColumns.count, size + max(1, size * 3 / 10))
        } else if r.stopReason == .timeLimit {
            size = max(50, size * 6 / 10)
        }
    }
}

/// For each column, the rows it appears in (the transpose of the model's row storage).
struct ColumnRows {
    private let start: [Int]
    private let rows: [Int32]
    private let model: LinearModel

    init(_ model: LinearModel) {
        self.model = model
        var count = Array(repeating: 0, count: model.variableCount + 1)
        for k in 0..<model.nonzeroCount { count[Int(model.entryColumns[k]) + 1] += 1 }
        for j in 0..<model.variableCount { count[j + 1] += count[j] }
        var fill = count, rows = Array(repeating: Int32(0), count: model.nonzeroCount)
        for i in 0..<model.constraintCount {
            for k in model.rowStart[i]..<model.rowStart[i + 1] {
                let j = Int(model.entryColumns[k])
                rows[fill[j]] = Int32(i); fill[j] += 1
            }
        }
        start = count; self.rows = rows
    }

    func rows(of column: Int) -> ArraySlice<Int32> { rows[start[column]..<start[column + 1]] }

    /// Up to `limit` integer columns reached breadth-first from the first seed through shared rows
    /// (only integer columns are followed: a continuous column such as a site's equity share would
    /// join everything to everything), then from the next seed not reached yet when the first one's
    /// component is exhausted, and so on. Sorted.
    func neighbourhood(from seeds: [Int], integerColumns limit: Int, kinds: [VariableKind]) -> [Int] {
        var seen = Set<Int>(), rowSeen = Set<Int32>()
        var order: [Int] = []
        for seed in seeds where order.count < limit && seen.insert(seed).inserted {
            var head = order.count
            order.append(seed)
            while head < order.count, order.count < limit {
                let j = order[head]; head += 1
                for i in rows(of: j) where rowSeen.insert(i).inserted {
                    for k in model.rowStart[Int(i)]..<model.rowStart[Int(i) + 1] where order.count < limit {
                        let c = Int(model.entryColumns[k])
                        if kinds[c] != .continuous, seen.insert(c).inserted { order.append(c) }
                    }
                    if order.count >= limit { break }
                }
            }
        }
        return order.sorted()
    }
}

/// The model with every integer column outside `freeIntegers` fixed at a point and substituted
/// out. Continuous columns stay free when they share a row with a free column (repeatedly: an
/// equity share freed by one site's uncovered count frees the other sites' counts); the others are
/// fixed too. Rows left without a free column are dropped — the point satisfies them.
struct RestrictedModel {
    /// Columns of the full model, in the order of the restricted model's columns.
    let columns: [Int]
    let model: LinearModel

    init(_ full: LinearModel, freeIntegers: [Int], at point: [Double], graph: ColumnRows) {
        var isFree = Array(repeating: false, count: full.variableCount)
        var queue = freeIntegers
        for j in freeIntegers { isFree[j] = true }
        var rowKept = Array(repeating: false, count: full.constraintCount)
        var head = 0
        while head < queue.count {
            let j = queue[head]; head += 1
            for i32 in graph.rows(of: j) {
                let i = Int(i32)
                guard !rowKept[i] else { continue }
                rowKept[i] = true
                for k in full.rowStart[i]..<full.rowStart[i + 1] {
                    let c = Int(full.entryColumns[k])
                    if full.kinds[c] == .continuous, !isFree[c] { isFree[c] = true; queue.append(c) }
                }
            }
        }
        let columns = full.kinds.indices.filter { isFree[$0] }
        var local = Array(repeating: -1, count: full.variableCount)
        let m = LinearModel(name: full.name + " neighbourhood")
        var vars: [Variable] = []
        for (k, j) in columns.enumerated() {
            local[j] = k
            vars.append(m.addVariable(full.variableNames[j], full.kinds[j], lower: full.lowerBounds[j],
                                      upper: full.upperBounds[j], objective: full.objectiveCoefficients[j]))
        }
        var constant = full.objectiveConstant
        for j in full.kinds.indices where !isFree[j] { constant += full.objectiveCoefficients[j] * point[j] }
        m.objectiveConstant = constant
        m.direction = full.direction
        for i in 0..<full.constraintCount where rowKept[i] {
            var e = LinearExpression()
            var fixed = 0.0
            for k in full.rowStart[i]..<full.rowStart[i + 1] {
                let c = Int(full.entryColumns[k])
                if local[c] >= 0 { e.add(full.entryValues[k], vars[local[c]]) } else { fixed += full.entryValues[k] * point[c] }
            }
            m.add(full.constraintNames[i], LinearConstraint(e, full.senses[i], full.rightHandSides[i] - fixed))
        }
        self.columns = columns; model = m
    }

    /// A point of the whole model cut down to the restricted model's columns.
    func restrict(_ point: [Double]) -> [Double] { columns.map { point[$0] } }

    /// A point of the restricted model put back into `point` (the fixed columns keep its values).
    func expand(_ values: [Double], around point: [Double]) -> [Double] {
        var p = point
        for (k, j) in columns.enumerated() { p[j] = values[k] }
        return p
    }
}
