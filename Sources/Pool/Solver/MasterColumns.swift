import Foundation

/// Price-and-branch's master (`ColumnGeneration`): the columns found so far — one block solution
/// each, for Pool one clinician's week — and the master LP and MIP built over them.
struct MasterColumns {
    let model: LinearModel
    let relaxation: LagrangianBound
    let priced: [Int]
    let kept: [Int]
    /// Per column: its block (index into `priced`), block-local point, cost and relaxed-row entries.
    private(set) var columns: [(block: Int, point: [Double], cost: Double, entries: [(row: Int, value: Double)])] = []
    private var seen = Set<ColumnKey>()
    /// Seed columns, per seed, per priced block.
    private var seedColumns: [[Int]] = []
    private var seedKept: [[Double]] = []
    /// The relaxed rows' entries by model column (compressed: column j's are at
    /// relaxedStart[j]..<relaxedStart[j + 1]), so a new column's entries are read from its own
    /// nonzeros rather than by scanning every relaxed row (that scan was 5 % of a region round).
    private let relaxedStart: [Int]
    private let relaxedEntries: [(row: Int, value: Double)]
    /// The last master LP's basis and its column count: the next LP starts from it.
    private var lastBasis: (basis: SolverBasis, columns: Int)?
    /// The last dive's LPs: how many, the first one's seconds, blocks fixed and how it ended.
    private(set) var diveSummary = ""

    init(_ model: LinearModel, relaxation: LagrangianBound, priced: [Int], kept: [Int]) {
        self.model = model; self.relaxation = relaxation; self.priced = priced; self.kept = kept
        var start = Array(repeating: 0, count: model.variableCount + 1)
        for r in relaxation.relaxedRows {
            for k in model.rowStart[r]..<model.rowStart[r + 1] { start[Int(model.entryColumns[k]) + 1] += 1 }
        }
        for j in 0..<model.variableCount { start[j + 1] += start[j] }
        var fill = start, entries = Array(repeating: (row: 0, value: 0.0), count: start[model.variableCount])
        for r in relaxation.relaxedRows {  // ascending rows: each column's entries come out sorted by row
            for k in model.rowStart[r]..<model.rowStart[r + 1] {
                let j = Int(model.entryColumns[k])
                entries[fill[j]] = (r, model.entryValues[k]); fill[j] += 1
            }
        }
        relaxedStart = start; relaxedEntries = entries
    }

    var count: Int { columns.count }

    struct ColumnKey: Hashable {
        let block: Int
        let values: [Double]
    }

    /// Adds block `i`'s solution (a column) unless it is there already; returns whether it was new.
    @discardableResult
    mutating func add(block i: Int, point: [Double]) -> Bool { index(block: i, point: point) != nil }

    private mutating func index(block i: Int, point: [Double]) -> Int? {
        let shape = relaxation.shapes[priced[i]]
        guard point.count == shape.columns.count else { return nil }
        let rounded = zip(shape.columns, point).map { j, v in model.kinds[j] == .continuous ? v : v.rounded() }
        let key = ColumnKey(block: i, values: rounded)
        guard seen.insert(key).inserted else { return nil }
        var cost = 0.0
        var entries: [Int: Double] = [:]
        for (k, j) in shape.columns.enumerated() where rounded[k] != 0 {
            cost += model.objectiveCoefficients[j] * rounded[k]
            for e in relaxedEntries[relaxedStart[j]..<relaxedStart[j + 1]] { entries[e.row, default: 0] += e.value * rounded[k] }
        }
        columns.append((i, rounded, cost, entries.keys.sorted().map { ($0, entries[$0] ?? 0) }))
        return columns.count - 1
    }

    /// A feasible point's block solutions become columns, remembered as a start of the master MIP.
    mutating func add(seeds point: [Double]) {
        var chosen: [Int] = []
        for i in priced.indices {
            let shape = relaxation.shapes[priced[i]]
            let local = shape.columns.map { point[$0] }
            let rounded = zip(shape.columns, local).map { j, v in model.kinds[j] == .continuous ? v : v.rounded() }
            if let k = index(block: i, point: local) ?? columns.firstIndex(where: { $0.block == i && $0.point == rounded }) {
                chosen.append(k)
            } else { return }
        }
        seedColumns.append(chosen)
        seedKept.append(kept.flatMap { relaxation.shapes[$0].columns.map { point[$0] } })
    }

    /// The master over the columns: kept blocks' columns first, then one per column.
    func build(integral: Bool) -> LinearModel {
        let m = LinearModel(name: model.name + " master")
        var keptVariable: [Int: Variable] = [:]
        for b in kept {
            for j in relaxation.shapes[b].columns {
                keptVariable[j] = m.addVariable(model.variableNames[j], model.kinds[j], lower: model.lowerBounds[j],
                                                upper: model.upperBounds[j], objective: model.objectiveCoefficients[j])
            }
        }
        let weeks = columns.enumerated().map { k, c in
            integral ? m.binary("column[\(k)]", objective: c.cost)
                : m.addVariable("column[\(k)]", .continuous, lower: 0, upper: 1, objective: c.cost)
        }
        var byRow: [Int: [(Int, Double)]] = [:]
        for (k, c) in columns.enumerated() { for e in c.entries { byRow[e.row, default: []].append((k, e.value)) } }
        /// Row r of the model over the master's columns: its kept columns as they are, plus the weeks' entries.
        func addRow(_ r: Int, weekEntries: [(Int, Double)]) {
            var e = LinearExpression()
            for k in model.rowStart[r]..<model.rowStart[r + 1] {
                if let v = keptVariable[Int(model.entryColumns[k])] { e.add(model.entryValues[k], v) }
            }
            for (k, value) in weekEntries { e.add(value, weeks[k]) }
            m.add(model.constraintNames[r], LinearConstraint(e, model.senses[r], model.rightHandSides[r]))
        }
        for r in relaxation.relaxedRows { addRow(r, weekEntries: byRow[r] ?? []) }
        for b in kept { for r in relaxation.shapes[b].rows { addRow(r, weekEntries: []) } }
        var perBlock = Array(repeating: [Int](), count: priced.count)
        for (k, c) in columns.enumerated() { perBlock[c.block].append(k) }
        for i in priced.indices { m.add("oneColumn[\(i)]", sum(perBlock[i].map { weeks[$0] }) == 1) }
        m.objectiveConstant = model.objectiveConstant
        m.direction = .minimize
        return m
    }

    /// Parts of the master smaller than this share of its columns are solved together: on 5× the
    /// region the smallest profession group held 5 % of the columns.
    static let smallPartShare = 0.02

    /// The master LP's objective and duals (π per model row, zero off the relaxed rows; σ per
    /// priced block), and its solution as a (fractional) point of the whole model: Σ λ × column.
    typealias LPSolution = (objective: Double, relaxedDuals: [Double], convexityDuals: [Double], point: [Double])

    mutating func solveLP(_ solver: any LinearSolver, timeLimit: Double?) throws -> LPSolution? {
        let m = build(integral: false)
        var options = SolveOptions(timeLimitSeconds: timeLimit, verbosity: .quiet)
        options.relaxIntegrality = true
        // Columns are only ever appended (after the kept blocks' columns, which come first), so the
        // last basis with the new columns non-basic at zero is a primal feasible start.
        options.startingBasis = lastBasis.map { $0.basis.appendingColumns(columns.count - $0.columns) }
        let r = try solver.solve(m, options: options)
        if let b = r.basis { lastBasis = (b, columns.count) }
        guard r.status == .optimal, let objective = r.objective, let duals = r.rowDuals else { return nil }
        var pi = Array(repeating: 0.0, count: model.constraintCount)
        for (i, row) in relaxation.relaxedRows.enumerated() { pi[row] = duals[i] }
        return (objective, pi, Array(duals.suffix(priced.count)), point(r.values, threshold: nil))
    }

    /// A master solution as a point of the whole model: the kept columns as they are, and each
    /// column's block solution weighted by its value (threshold: only columns above it, at weight 1).
    private func point(_ values: [Double], threshold: Double?) -> [Double] {
        var point = Array(repeating: 0.0, count: model.variableCount)
        var v = 0
        for b in kept { for j in relaxation.shapes[b].columns { point[j] = values[v]; v += 1 } }
        for (k, c) in columns.enumerated() where values[v + k] > (threshold ?? 1e-9) {
            let weight = threshold == nil ? values[v + k] : 1
            for (p, j) in relaxation.shapes[priced[c.block]].columns.enumerated() { point[j] += weight * c.point[p] }
        }
        return point
    }

    /// Diving on the master LP, the usual primal heuristic of price-and-branch (Joncour et al.
    /// 2010; Sadykov et al. 2019): fix every block whose column the LP takes whole, then the
    /// largest fractional columns — of up to an eighth of the blocks left, no two sharing a relaxed
    /// row — solve again from the last basis, until every block has its column. Returns that plan
    /// as a point of the whole model; nil when out of time, stopped, or given up because at its
    /// pace it would not finish in time (`diveMayFinish`).
    /// (Region week: the master MIP from the seeds alone ended between 328 857 € and 330 832 €
    /// over three runs with the same bound — the plan, not the bound, set the gap. Fixing one
    /// column per LP, 5× the region's 1 514 weeks did not finish in the dive's 12 s.)
    /// `lastMasterLP`: seconds the rounds' last master LP took. The dive's first LP is about as
    /// long (as many new columns, from the rounding); over half the dive's time, the dive is not
    /// started (national week: master LPs of 22–60 s against a dive of 14 s, whose first LP never
    /// finished).
    mutating func dive(_ solver: any LinearSolver, timeLimit: Double, lastMasterLP: Double,
                       isStopRequested: @Sendable () -> Bool) throws -> [Double]? {
        guard lastMasterLP <= timeLimit / 2 else {
            diveSummary = String(format: "not started: the last master LP took %.1f s, over half the dive's %.1f s", lastMasterLP, timeLimit)
            return nil
        }
        let clock = BlockClock()
        let m = build(integral: false)
        let offset = m.variableCount - columns.count
        var fixed = Array(repeating: false, count: priced.count), fixedCount = 0
        var basis = lastBasis.map { $0.basis.appendingColumns(columns.count - $0.columns) }
        // The fractional columns fixed last: undone if the LP turns infeasible — all of them, then
        // one at a time, and a single one that still fails is excluded.
        var tried: [Int] = [], oneAtATime = false
        var lps = 0, firstLP = 0.0
        // Blocks fixed by the end of the first LP, and when: the dive's pace is measured from there.
        var afterFirst: (fixed: Int, at: Double)?
        func summary(_ end: String) { diveSummary = String(format: "%d LPs (the first %.2f s), %d of %d blocks fixed, %@", lps, firstLP, fixedCount, priced.count, end) }
        defer { if diveSummary.isEmpty { summary(isStopRequested() ? "stopped" : "out of time") } }
        diveSummary = ""
        func fix(_ k: Int) {
            m.setBounds(Variable(index: offset + k), lower: 1, upper: 1)
            fixed[columns[k].block] = true; fixedCount += 1
        }
        func unfix(_ k: Int, excluding: Bool) {
            m.setBounds(Variable(index: offset + k), lower: 0, upper: excluding ? 0 : 1)
            fixed[columns[k].block] = false; fixedCount -= 1
        }
        while clock.elapsed < timeLimit, !isStopRequested() {
            var options = SolveOptions(timeLimitSeconds: timeLimit - clock.elapsed, verbosity: .quiet)
            options.relaxIntegrality = true
            options.startingBasis = basis
            // Fixing columns keeps the last basis dual feasible: the dual simplex goes on from it
            // (5× the region: primal simplex took 5 s for the first LP and the third did not
            // finish). The first LP starts from the rounds' basis with new columns: primal.
            options.dualSimplex = lps > 0
            let r = try solver.solve(m, options: options)
            lps += 1
            if lps == 1 { firstLP = clock.elapsed }
            guard r.status == .optimal else {
                // Fixing weeks can over-cover a shift another fixed week covers (coverage rows are
                // equalities with the uncovered count).
                guard r.status == .infeasible, !tried.isEmpty else { summary("last LP \(r.status) (\(r.stopReason))"); return nil }
                for k in tried { unfix(k, excluding: tried.count == 1) }
                oneAtATime = tried.count > 1
                tried = []
                continue
            }
            basis = r.basis
            // Before any fixing this is the master LP over every column: the master MIP's
            // relaxation starts from its basis (5× the region: when the rounds' last master LP was
            // cut off by the time limit, finishing it took the dive's first 10 s).
            if fixedCount == 0, let b = r.basis { lastBasis = (b, columns.count) }
            var fractional: [(value: Double, k: Int)] = []
            for (k, c) in columns.enumerated() where !fixed[c.block] {
                let v = r.values[offset + k]
                if v > 1 - 1e-6 { fix(k) } else if v > 1e-6 { fractional.append((v, k)) }
            }
            if fixedCount == priced.count { summary("a plan"); return point(r.values, threshold: 0.5) }
            guard !fractional.isEmpty else { return nil }  // cannot happen: an unfixed block's columns sum to 1
            if let first = afterFirst {
                if !Self.diveMayFinish(fixed: fixedCount, of: priced.count, since: first, now: clock.elapsed, limit: timeLimit) {
                    summary("given up: at its pace it would not fix every block in time")
                    return nil
                }
            } else {
                afterFirst = (fixedCount, clock.elapsed)
            }
            fractional.sort { $0.value != $1.value ? $0.value > $1.value : $0.k < $1.k }
            let most = oneAtATime ? 1 : max(1, (priced.count - fixedCount) / 8)
            var rowsTaken = Set<Int>()
            tried = []
            for (_, k) in fractional where tried.count < most && !fixed[columns[k].block] {
                guard columns[k].entries.allSatisfy({ !rowsTaken.contains($0.row) }) else { continue }
                for e in columns[k].entries { rowsTaken.insert(e.row) }
                fix(k); tried.append(k)
            }
            oneAtATime = false
        }
        return nil
    }

    /// Whether a dive may still fix all `blocks` by `limit`: at the pace since the first LP ended
    /// (`since`: blocks fixed then, and when), the blocks left take no longer than the time left.
    /// Later LPs fix fewer blocks than earlier ones, so the pace only slows and a dive given up
    /// would not have finished: its time goes to what follows, the master MIP's search as far as
    /// the master's share of the time allows (5× the region, 120 s: 1 130 of 1 508 blocks fixed
    /// when the limit cut the 7th LP off after 9.2 s, no plan; now given up after 6.1 s and the
    /// search 2.3 s longer; national: 4 173 of 5 058 after 60 s).
    static func diveMayFinish(fixed: Int, of blocks: Int, since first: (fixed: Int, at: Double), now: Double, limit: Double) -> Bool {
        let done = fixed - first.fixed, spent = now - first.at
        guard done > 0, spent > 0 else { return spent <= 0 || now < limit }
        return now + Double(blocks - fixed) * spent / Double(done) <= limit
    }

    /// The master MIP from the best seed; its plan as a point of the whole model.
    /// GLPK's branch-and-cut alone often did not improve on the seed (region week, 60 s: the
    /// seed's 370 284 € in five runs out of seven), so the master goes through Pool's own
    /// pipeline: its LP, RINS from the seed, neighbourhood search, then branch-and-cut. The search
    /// runs on `lanes` lanes around one plan (region week, 60 s: median gap 0.48 % over fifteen runs
    /// against 0.53 % on one lane, the other core idle — docs/performance.md).
    /// `relaxationSolver` solves its LP relaxation (nil: `solver`). In one piece the national
    /// week's took 117 s of the master MIP's 161 s, and on a slower machine did not finish in 127 s;
    /// part by part, as the master LPs are, 45–51 s there.
    func solveMIP(_ solver: any LinearSolver, relaxationSolver: (any LinearSolver)? = nil, timeLimit: Double, lanes: Int = 1,
                  isStopRequested: @escaping @Sendable () -> Bool) throws -> (point: [Double]?, interrupted: Bool, log: String) {
        var solver = RelaxationGuidedSolver(base: solver, isStopRequested: isStopRequested)
        solver.searchLanes = lanes
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
        let m = build(integral: true)
        var options = SolveOptions(relativeGap: 1e-4, verbosity: .quiet)
        // The master MIP is built like the master LP (same columns and rows, in the same order).
        options.startingBasis = lastBasis.map { $0.basis.appendingColumns(columns.count - $0.columns) }
        var best: (Double, [Double])?
        for (s, chosen) in seedColumns.enumerated() {
            var start = seedKept[s] + Array(repeating: 0.0, count: columns.count)
            for k in chosen { start[seedKept[s].count + k] = 1 }
            guard m.violations(start, tolerance: 1e-6).isEmpty else { continue }
            let o = m.objectiveValue(start)
            if best.map({ o < $0.0 }) ?? true { best = (o, start) }
        }
        options.warmStart = best?.1
        // Building the master and checking the seeds count against the limit (2× week: the
        // command ended 0.7–0.9 s past its 120 s).
        options.timeLimitSeconds = max(0, timeLimit - clock.elapsed)
        let r = try solver.solve(m, options: options)
        let clockAfterSolve = clock.elapsed
        let log = String(format: "seeds: best %.2f € of %d; the master MIP's LP relaxation %.2f s, RINS and search %.2f s, built and checked in %.2f s\n",
                         best?.0 ?? .nan, seedColumns.count, r.relaxationSeconds, r.heuristicSeconds,
                         clockAfterSolve - r.elapsedSeconds) + r.log
        guard r.hasSolution else { return (nil, r.stopReason == .interrupted, log) }
        return (point(r.values, threshold: 0.5), r.stopReason == .interrupted, log)
    }
}
