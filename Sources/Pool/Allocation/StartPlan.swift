/// A previous plan as the first incumbent (`poolctl solve --start-from PLAN_DIR`): when a week is
/// solved again after a change — someone falls ill, a unit closes, a pin is added — most of the
/// last plan still holds, and a short solve ends far better from it than from the greedy plan or
/// the LP rounding (measured: docs/allocation-model.md, "Starting from a previous plan").
///
/// Each assignment of the previous plan is matched to the candidates of the new model with the
/// same clinician, date, shift, site and mode: the demand row it covered first, then any other
/// row there (the scenario may have changed). `Greedy.plan` takes them first where the rules still
/// allow them and their row has room, and fills the rest as usual. The result is offered like the
/// greedy plan and the LP rounding: the cheapest of them is the warm start.
public struct StartPlan: Sendable, Equatable {
    /// Candidate indices in the previous plan's order (several per assignment when rows share a
    /// site and shift; the greedy takes the first that fits).
    public let seed: [Int]
    /// Assignments of the previous plan with at least one matching candidate.
    public let matched: Int
    /// Assignments without one: an unknown clinician, site or shift, a date outside the horizon,
    /// or no candidate any more (absent, no longer qualified or in reach, no demand there).
    public let unmatched: Int
    /// Days added to the previous plan's dates: its first date moved onto this horizon's (0 when
    /// they are the same week). Last week's plan thus starts this week on the same weekdays.
    public let movedByDays: Int

    /// `previousFirstDate`: the previous plan's first date (nil: take its dates as they are).
    public init(_ ctx: AllocationContext, _ candidates: CandidateSet, previous: [Assignment], previousFirstDate: Day? = nil) {
        let first = ctx.scenario.horizon.firstDate.ordinal, shifts = ctx.scenario.shiftTypes.count
        let moved = previousFirstDate.map { first - $0.ordinal } ?? 0
        var seed: [Int] = [], matched = 0
        for a in previous {
            guard let c = ctx.clinicianIndex[a.clinician], let s = ctx.siteIndex[a.site], let shift = ctx.shiftIndex[a.shift] else { continue }
            let d = a.date.ordinal + moved - first
            guard d >= 0, d < ctx.dates.count else { continue }
            let instance = d * shifts + shift
            let found = candidates.byClinician[c].filter { k in
                let cand = candidates.all[k]
                return cand.instance == instance && cand.site == s && cand.mode == a.mode
            }
            if !found.isEmpty { matched += 1 }
            // The row it covered first (same demand line and profession), when the scenario still has it.
            let sameRow = found.filter { k in
                let row = ctx.scenario.demand[candidates.all[k].row]
                return row.line == a.demandLine && row.profession == a.profession
            }
            seed += sameRow + found.filter { !sameRow.contains($0) }
        }
        self.seed = seed
        self.matched = matched
        movedByDays = moved
        unmatched = previous.count - matched
    }
}
