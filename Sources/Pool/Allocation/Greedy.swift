/// A fast, deterministic construction heuristic that respects every hard rule: the MIP's first
/// incumbent (`SolveOptions.warmStart`) and the fallback plan when no solver result exists.
///
/// Pins first; then demand rows from the most expensive uncovered clinician-shift down (ties: the
/// row with fewer candidates, then file order); each place goes to the candidate with the least
/// marginal cost (travel, stays, overtime, preferences, continuity) that `ScheduleState` allows —
/// but only when that costs less than leaving the place to purchased services.
public enum Greedy {
    /// Chosen candidate indices, or nil when the pins cannot all be placed by this heuristic.
    ///
    /// `seed`: candidates tried first, in order, after the pins (each taken when the rules allow
    /// it, its row still has room and — unless `seedAtAnyCost` — it costs less than the purchased
    /// service) — the rounding of an LP relaxation (`lpRounding`) or a previous plan (`StartPlan`,
    /// taken whole: a stay's first day or a week's overtime shift may cost more than the place
    /// alone, and the plan chose them for the week); the usual greedy then fills what is left.
    public static func plan(_ ctx: AllocationContext, _ candidates: CandidateSet, seed: [Int] = [],
                            seedAtAnyCost: Bool = false) -> [Int]? {
        plan(ctx, candidates, seed: seed, seedAtAnyCost: seedAtAnyCost, pinsOnly: false)
    }

    /// The pins alone, every other shift left uncovered: each clinician's idle (or pinned-only)
    /// week, a column price-and-branch's master always has, so fixing weeks in its dive never
    /// leaves a clinician without one (region week: the dive found no plan in one run of two).
    public static func pinsOnly(_ ctx: AllocationContext, _ candidates: CandidateSet) -> [Int]? {
        plan(ctx, candidates, seed: [], seedAtAnyCost: false, pinsOnly: true)
    }

    private static func plan(_ ctx: AllocationContext, _ candidates: CandidateSet, seed: [Int], seedAtAnyCost: Bool,
                             pinsOnly: Bool) -> [Int]? {
        var state = ScheduleState(ctx, candidates)
        var cost = ctx.scenario.clinicians.indices.map { _ in 0.0 }
        func weekCost(_ c: Int, _ list: [Int]) -> Double {
            ClinicianWeek(ctx, candidates, clinician: c, chosen: list).terms.values.reduce(0, +)
        }
        func best(_ options: [Int]) -> (k: Int, marginal: Double)? {
            var found: (k: Int, marginal: Double)?
            for k in options where state.canAdd(k) {
                let c = candidates.all[k].clinician
                let m = weekCost(c, state.chosen[c] + [k]) - cost[c]
                if found == nil || m < found!.marginal - 1e-9 { found = (k, m) }
            }
            return found
        }
        if ctx.isEnabled(.pins) {
            for pin in ctx.scenario.pins {
                guard let pick = best(Pins.matching(ctx, candidates, pin)) else { return nil }
                let c = candidates.all[pick.k].clinician
                state.add(pick.k); cost[c] += pick.marginal
            }
        }
        if pinsOnly { return state.allChosen }
        for k in seed where state.canAdd(k) {
            let r = candidates.all[k].row, c = candidates.all[k].clinician
            guard state.covered[r] < ctx.scenario.demand[r].count else { continue }
            let marginal = weekCost(c, state.chosen[c] + [k]) - cost[c]
            guard seedAtAnyCost || marginal < Objective.uncoveredUnitCost(ctx, row: r) else { continue }
            state.add(k); cost[c] += marginal
        }
        let rows = ctx.scenario.demand.indices.filter { !candidates.byRow[$0].isEmpty }.sorted { a, b in
            let va = Objective.uncoveredUnitCost(ctx, row: a), vb = Objective.uncoveredUnitCost(ctx, row: b)
            if va != vb { return va > vb }
            if candidates.byRow[a].count != candidates.byRow[b].count { return candidates.byRow[a].count < candidates.byRow[b].count }
            return a < b
        }
        for r in rows {
            let value = Objective.uncoveredUnitCost(ctx, row: r)
            while state.covered[r] < ctx.scenario.demand[r].count {
                guard let pick = best(candidates.byRow[r]), pick.marginal < value else { break }
                let c = candidates.all[pick.k].clinician
                state.add(pick.k); cost[c] += pick.marginal
            }
        }
        return state.allChosen
    }

    /// Rounds an LP relaxation (`lpValue[k]` per candidate): candidates at ≥ ½ in decreasing value
    /// (ties in candidate order) seed the greedy. The greedy alone ignores what the LP knows about
    /// the whole week (measured on pohjois-pohjanmaa: greedy 490 888 €, this rounding 360 060 €,
    /// LP bound 319 296 €, although 1 805 candidates are fractional in the LP and only 615 at 1).
    public static func lpRounding(_ ctx: AllocationContext, _ candidates: CandidateSet, lpValue: [Double]) -> [Int]? {
        let seed = candidates.all.indices.filter { lpValue[$0] >= 0.5 }
            .sorted { (-lpValue[$0], $0) < (-lpValue[$1], $1) }
        return plan(ctx, candidates, seed: seed)
    }
}

extension AllocationModel {
    /// A complete point of the model for a set of chosen candidates: every auxiliary variable at
    /// the least value its rows allow (overtime, trips, nights, worst share) or the greatest
    /// (continuity), a feasible weekly-rest block. Feasible whenever the assignments obey the rules.
    public func point(chosen: [Int]) -> [Double] {
        let ctx = context
        var v = Array(repeating: 0.0, count: model.variableCount)
        var perClinician = Array(repeating: [Int](), count: ctx.scenario.clinicians.count)
        var covered = Array(repeating: 0, count: ctx.scenario.demand.count)
        for k in chosen {
            v[x[k].index] = 1
            perClinician[candidates.all[k].clinician].append(k)
            covered[candidates.all[k].row] += 1
        }
        for (r, u) in u.enumerated() { if let u { v[u.index] = Double(max(0, ctx.scenario.demand[r].count - covered[r])) } }
        var stayDays: [Int: [SiteDate: Double]] = [:], siteDays: [Int: [SiteDate: Double]] = [:]
        for k in chosen {
            let cand = candidates.all[k], key = SiteDate(site: cand.site, date: cand.dateIndex)
            if cand.mode == .stay { stayDays[cand.clinician, default: [:]][key, default: 0] += 1 }
            siteDays[cand.clinician, default: [:]][key, default: 0] += 1
        }
        for c in trips.indices {
            for trip in trips[c] {
                guard let t = trip.variable else { continue }
                let today = stayDays[c]?[SiteDate(site: trip.site, date: trip.date)] ?? 0
                let yesterday = stayDays[c]?[SiteDate(site: trip.site, date: trip.date - 1)] ?? 0
                v[t.index] = max(0, today - yesterday)
            }
            for night in lodgings[c] {
                let today = stayDays[c]?[SiteDate(site: night.site, date: night.date)] ?? 0
                let tomorrow = stayDays[c]?[SiteDate(site: night.site, date: night.date + 1)] ?? 0
                v[night.variable.index] = max(0, today + tomorrow - 1)
            }
        }
        for same in consecutive {
            let today = siteDays[same.clinician]?[SiteDate(site: same.site, date: same.date)] ?? 0
            let tomorrow = siteDays[same.clinician]?[SiteDate(site: same.site, date: same.date + 1)] ?? 0
            v[same.variable.index] = min(1, today, tomorrow)
        }
        for (c, o) in overtime.sorted(by: { $0.key < $1.key }) {
            // Exactly the hours row's activity beyond regular hours (the row is the reference).
            let week = ClinicianWeek(ctx, candidates, clinician: c, chosen: perClinician[c])
            v[o.index] = min(ctx.scenario.clinicians[c].maxOvertimeHours, week.overtimeHours)
        }
        let state = ScheduleState(ctx, candidates)
        var blocksByClinician: [Int: [RestBlock]] = [:]
        for block in restBlocks { blocksByClinician[block.clinician, default: []].append(block) }
        for c in blocksByClinician.keys.sorted() {
            var busy = state.busyDates(c)
            for k in perClinician[c] {
                if let r = WeeklyRest.touched(ctx, ctx.instances[candidates.all[k].instance]) { busy.formUnion(r) }
            }
            let n = ctx.rules.weeklyRestDays
            let blocks = blocksByClinician[c] ?? []
            if let free = blocks.first(where: { b in (b.start..<(b.start + n)).allSatisfy { !busy.contains($0) } }) {
                v[free.variable.index] = 1
            }
        }
        if let groups = equityGroups {
            let worst = equityWorstShares(covered: covered, groups: groups)
            for (g, w) in equityVariables { v[w.index] = worst[g] }
        }
        return v
    }

    /// Per profession group, the largest uncovered share (hours) among sites with its demand.
    func equityWorstShares(covered: [Int], groups: ProfessionGroups) -> [Double] {
        let ctx = context
        var demand: [SiteGroup: Double] = [:], open: [SiteGroup: Double] = [:]
        for (r, row) in ctx.scenario.demand.enumerated() {
            guard let s = ctx.rowSite[r], let i = ctx.rowInstance[r], row.count > 0 else { continue }
            let h = ctx.instances[i].hours, key = SiteGroup(site: s, group: groups.group(ofRow: r))
            demand[key, default: 0] += h * Double(row.count)
            open[key, default: 0] += h * Double(max(0, row.count - covered[r]))
        }
        var worst = Array(repeating: 0.0, count: groups.count)
        for key in demand.keys.sorted() where (demand[key] ?? 0) > 0 {
            worst[key.group] = max(worst[key.group], (open[key] ?? 0) / (demand[key] ?? 1))
        }
        return worst
    }
}
