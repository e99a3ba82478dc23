/// A plan under construction, with the question every heuristic asks: may this candidate be added
/// without breaking a hard rule? Checks pairwise rest (with travel), the weekly-rest block and
/// weekly hours exactly — the same rules the model states as rows — directly on the assignments.
struct ScheduleState {
    let ctx: AllocationContext
    let candidates: CandidateSet
    /// Chosen candidate indices per clinician.
    private(set) var chosen: [[Int]]
    /// Clinicians assigned per demand row.
    private(set) var covered: [Int]
    /// Dates touched by each clinician's history (blocks the weekly-rest block).
    private let historyDates: [Set<Int>]

    init(_ ctx: AllocationContext, _ candidates: CandidateSet) {
        self.ctx = ctx; self.candidates = candidates
        chosen = Array(repeating: [], count: ctx.scenario.clinicians.count)
        covered = Array(repeating: 0, count: ctx.scenario.demand.count)
        historyDates = ctx.scenario.clinicians.indices.map { WeeklyRest.historyTouched(ctx, clinician: $0) }
    }

    /// All chosen candidate indices, sorted.
    var allChosen: [Int] { chosen.flatMap { $0 }.sorted() }

    func canAdd(_ k: Int) -> Bool {
        let cand = candidates.all[k]
        let row = ctx.scenario.demand[cand.row]
        guard covered[cand.row] < row.count else { return false }
        let mine = chosen[cand.clinician]
        for j in mine where j == k || MinimumRest.conflict(ctx, candidates.all[j].visit, cand.visit) { return false }
        // One clinician fills one place of a row at most, even without the conflict rules.
        if mine.contains(where: { candidates.all[$0].row == cand.row }) { return false }
        let after = mine + [k]
        if !weeklyRestHolds(cand.clinician, after) { return false }
        if ctx.isEnabled(.weeklyHours) {
            let week = ClinicianWeek(ctx, candidates, clinician: cand.clinician, chosen: after)
            let limit = ctx.regularHours(cand.clinician) + ctx.scenario.clinicians[cand.clinician].maxOvertimeHours
            if week.workingHours > limit + 1e-9 { return false }
        }
        return true
    }

    mutating func add(_ k: Int) {
        let cand = candidates.all[k]
        chosen[cand.clinician].append(k)
        covered[cand.row] += 1
    }

    /// Whether some block of N consecutive dates is untouched by the assignments and the history.
    func weeklyRestHolds(_ c: Int, _ list: [Int]) -> Bool {
        let n = ctx.rules.weeklyRestDays
        guard ctx.isEnabled(.weeklyRest), n > 0, n <= ctx.dates.count else { return true }
        var busy = historyDates[c]
        for k in list {
            if let r = WeeklyRest.touched(ctx, ctx.instances[candidates.all[k].instance]) { busy.formUnion(r) }
        }
        return firstFreeBlock(busy: busy) != nil
    }

    /// First date index starting N consecutive dates outside `busy`.
    func firstFreeBlock(busy: Set<Int>) -> Int? {
        let n = ctx.rules.weeklyRestDays, h = ctx.dates.count
        guard n > 0, n <= h else { return nil }
        return (0...(h - n)).first { s in (s..<(s + n)).allSatisfy { !busy.contains($0) } }
    }

    /// Busy dates of a clinician (assignments and history).
    func busyDates(_ c: Int) -> Set<Int> {
        var busy = historyDates[c]
        for k in chosen[c] {
            if let r = WeeklyRest.touched(ctx, ctx.instances[candidates.all[k].instance]) { busy.formUnion(r) }
        }
        return busy
    }
}
