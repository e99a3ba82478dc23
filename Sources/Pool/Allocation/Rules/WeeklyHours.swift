/// PRODUCT §3.4 — weekly working hours: shift hours plus travel time counted as working time
/// (`rules.travelCountsAsWorkingTime`; a daily round trip on site, a stay's round trip once per
/// trip, nothing remote) do not exceed regular hours + allowed overtime.
///
/// Regular hours for a horizon of H days are `weeklyHours × H / 7`. Row `hours(c)`:
/// Σ (h + travel) x + Σ trip hours − o(c) ≤ regular(c), with overtime o(c) ∈ [0, maxOvertimeHours]
/// priced in `Objective.swift`. The row is left out when even the busiest possible week stays within
/// regular hours (an upper bound: the longest candidate of each maximal clique, plus every trip).
public enum WeeklyHours {
    /// Hours one candidate adds (shift plus the daily commute when it counts as working time).
    static func hours(_ ctx: AllocationContext, _ cand: Candidate) -> Double {
        cand.hours + (ctx.rules.travelCountsAsWorkingTime ? cand.dailyTravelMinutes / 60 : 0)
    }

    /// Hours one stay trip adds (round trip).
    static func tripHours(_ ctx: AllocationContext, leg: TravelLeg) -> Double {
        ctx.rules.travelCountsAsWorkingTime ? 2 * leg.minutes / 60 : 0
    }

    static func addRows(_ b: ModelBuilding) {
        let ctx = b.ctx
        guard ctx.isEnabled(.weeklyHours) else { return }
        for (c, list) in b.candidates.byClinician.enumerated() where !list.isEmpty {
            let clin = ctx.scenario.clinicians[c]
            let regular = ctx.regularHours(c)
            var expr = LinearExpression()
            for k in list { expr.add(hours(ctx, b.candidates.all[k]), b.x[k]) }
            for trip in b.trips[c] {
                expr.add(trip.expression, times: tripHours(ctx, leg: ctx.legs[c][trip.site]))
            }
            if upperBound(b, clinician: c) <= regular + 1e-9 { continue }
            let who = b.names.clinician(c)
            if clin.maxOvertimeHours > 0 {
                let o = b.model.addVariable("overtime[\(who)]", .continuous, lower: 0, upper: clin.maxOvertimeHours)
                b.overtime[c] = o
                expr -= LinearExpression(o)
            }
            b.add(.weeklyHours, "hours[\(who)]", expr <= regular)
            addShiftCountRow(b, clinician: c, regular: regular)
        }
    }

    /// A mixed-integer-rounding cut of the hours row, added because the LP relaxation otherwise
    /// "works" a fraction of one more shift for free in every clinician's regular hours (measured:
    /// the main source of the LP–MIP gap). Every candidate takes at least `a` hours, so the
    /// number of shifts N satisfies a·N ≤ R + o, and MIR gives N ≤ ⌊R/a⌋ + o / (a·(1 − f)) with
    /// f = frac(R/a): one shift beyond ⌊R/a⌋ needs a·(1 − f) hours of overtime, exactly.
    static func addShiftCountRow(_ b: ModelBuilding, clinician c: Int, regular: Double) {
        let list = b.candidates.byClinician[c]
        guard let a = list.map({ hours(b.ctx, b.candidates.all[$0]) }).min(), a > 0 else { return }
        let ratio = regular / a, whole = ratio.rounded(.down), f = ratio - whole
        guard f > 1e-6 else { return }  // then the cut is the hours row itself
        var expr = sum(list.map { b.x[$0] })
        if let o = b.overtime[c] { expr.add(-1 / (a * (1 - f)), o) }
        b.add(.weeklyHours, "shiftCount[\(b.names.clinician(c))]", expr <= whole)
    }

    /// Most hours the clinician could possibly work: at most one candidate per maximal clique.
    static func upperBound(_ b: ModelBuilding, clinician c: Int) -> Double {
        let ctx = b.ctx
        let groups = b.candidatesByInstance(of: c)
        let tripBound = b.candidates.byClinician[c].reduce(0.0) { acc, k in
            let cand = b.candidates.all[k]
            return acc + (cand.mode == .stay ? tripHours(ctx, leg: cand.leg) : 0)
        }
        guard let widen = OnePlaceAtATime.widening(ctx) else { return .infinity }
        let cliques = OnePlaceAtATime.cliques(ctx, instances: groups.keys, widen: widen)
        let shifts = cliques.reduce(0.0) { acc, q in
            acc + (q.flatMap { groups[$0] }.map { hours(ctx, b.candidates.all[$0]) }.max() ?? 0)
        }
        return shifts + tripBound
    }
}
