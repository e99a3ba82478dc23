import Foundation

/// The dive on the master LP: price-and-branch's fast plan before the master MIP.
extension MasterColumns {
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
        // Without the resting columns, which would slow every LP and are seldom taken.
        let included = diveColumns(), order = included ?? Array(columns.indices)
        var slot = Array(repeating: -1, count: columns.count)
        for (v, k) in order.enumerated() { slot[k] = v }
        let m = build(integral: false, including: included)
        let offset = m.variableCount - order.count
        var fixed = Array(repeating: false, count: priced.count), fixedCount = 0
        var basis = startingBasis(over: included)
        // The fractional columns fixed last: undone if the LP turns infeasible — all of them, then
        // one at a time, and a single one that still fails is excluded.
        var tried: [Int] = [], oneAtATime = false
        var lps = 0, firstLP = 0.0
        // Blocks fixed by the end of the first LP, and when: the dive's pace is measured from there.
        var afterFirst: (fixed: Int, at: Double)?
        func summary(_ end: String) { diveSummary = String(format: "%d LPs over %d of %d columns (the first %.2f s), %d of %d blocks fixed, %@", lps, order.count, columns.count, firstLP, fixedCount, priced.count, end) }
        defer { if diveSummary.isEmpty { summary(isStopRequested() ? "stopped" : "out of time") } }
        diveSummary = ""
        func fix(_ k: Int) {
            m.setBounds(Variable(index: offset + slot[k]), lower: 1, upper: 1)
            fixed[columns[k].block] = true; fixedCount += 1
        }
        func unfix(_ k: Int, excluding: Bool) {
            m.setBounds(Variable(index: offset + slot[k]), lower: 0, upper: excluding ? 0 : 1)
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
            // Before any fixing this is the master LP (resting columns non-basic at zero): the
            // master MIP's relaxation starts from its basis (5× the region: when the rounds' last master
            // LP was cut off by the time limit, finishing it took the dive's first 10 s).
            if fixedCount == 0, let b = r.basis { remember(b, over: included) }
            var fractional: [(value: Double, k: Int)] = []
            for k in order where !fixed[columns[k].block] {
                let v = r.values[offset + slot[k]]
                if v > 1 - 1e-6 { fix(k) } else if v > 1e-6 { fractional.append((v, k)) }
            }
            if fixedCount == priced.count { summary("a plan"); return point(r.values, threshold: 0.5, over: included) }
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
}
