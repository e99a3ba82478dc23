/// PRODUCT §3.3 — weekly rest: every clinician has at least one block of N = `rules.weeklyRestDays`
/// consecutive free days in the horizon (default 2, which guarantees the 35-hour weekly rest for
/// ordinary shifts). A date is free when no assignment touches it: a night shift starting the day
/// before and ending in the morning makes the date not free, and so does such a shift in the history
/// (last week's Sunday night shift blocks this Monday).
///
/// Model: block-start binaries z(c,b), b = 0 … H−N, Σ_b z(c,b) = 1 (row `restBlock`); for each date
/// d and each maximal clique K of the clinician's instances touching d (see `OnePlaceAtATime`):
/// Σ_{i∈K} y(c,i) + Σ_{b ∋ d} z(c,b) ≤ 1 (rows `restDay`). A clinician who already has N
/// consecutive dates without any candidate gets no rows: the rule holds whatever the plan.
public enum WeeklyRest {
    /// Dates (indices) of the horizon that the clinician's history touches.
    static func historyTouched(_ ctx: AllocationContext, clinician c: Int) -> Set<Int> {
        var touched = Set<Int>()
        for h in ctx.historyIntervals[c] {
            if let r = ctx.touchedDates(start: h.start, end: h.end) { touched.formUnion(r) }
        }
        return touched
    }

    /// Block starts that are not blocked by the history.
    static func allowedBlocks(_ ctx: AllocationContext, clinician c: Int) -> [Int] {
        let n = ctx.rules.weeklyRestDays, h = ctx.dates.count
        guard n > 0, n <= h else { return [] }
        let touched = historyTouched(ctx, clinician: c)
        return (0...(h - n)).filter { b in (b..<(b + n)).allSatisfy { !touched.contains($0) } }
    }

    /// Dates (indices) touched by a candidate's shift.
    static func touched(_ ctx: AllocationContext, _ i: ShiftInstance) -> ClosedRange<Int>? {
        ctx.touchedDates(start: i.start, end: i.end)
    }

    static func addRows(_ b: ModelBuilding) {
        let ctx = b.ctx, n = ctx.rules.weeklyRestDays
        guard ctx.isEnabled(.weeklyRest), n > 0 else { return }
        for (c, list) in b.candidates.byClinician.enumerated() where !list.isEmpty {
            let groups = b.candidatesByInstance(of: c)
            var busyDates = Set<Int>()
            for i in groups.keys { if let r = touched(ctx, ctx.instances[i]) { busyDates.formUnion(r) } }
            let blocks = allowedBlocks(ctx, clinician: c)
            // Already satisfied whatever the plan: some allowed block has no candidate at all.
            if blocks.contains(where: { s in (s..<(s + n)).allSatisfy { !busyDates.contains($0) } }) { continue }
            // No allowed block: rejected before solving (AllocationPreflight); nothing to build.
            guard !blocks.isEmpty else { continue }
            let who = b.names.clinician(c)
            let z = blocks.map { b.model.binary("z[\(who),\(b.names.date($0))]") }
            b.restBlocks += zip(blocks, z).map { RestBlock(clinician: c, start: $0, variable: $1) }
            b.add(.weeklyRest, "restBlock[\(who)]", sum(z) == 1)
            let widen = OnePlaceAtATime.widening(ctx)
            for d in ctx.dates.indices {
                let covering = blocks.indices.filter { blocks[$0] <= d && d < blocks[$0] + n }.map { z[$0] }
                let touching = groups.keys.filter { touched(ctx, ctx.instances[$0])?.contains(d) ?? false }
                guard !touching.isEmpty else { continue }
                // Without either conflict rule, instances are not cliques: one row per candidate.
                let sets: [[Int]] = widen.map { w in
                    OnePlaceAtATime.cliques(ctx, instances: touching, widen: w).map { $0.flatMap { groups[$0] } }
                } ?? touching.flatMap { groups[$0] }.map { [$0] }
                for (q, set) in sets.enumerated() {
                    let terms = set.map { b.x[$0] } + covering
                    b.add(.weeklyRest, "restDay[\(who),\(b.names.date(d)),\(q)]", sum(terms) <= 1)
                }
            }
        }
    }
}
