/// PRODUCT §3.5 (first half) — no assignment during an absence. An absence without a shift covers
/// every shift *starting* on that date (a night shift belongs to its start date; see
/// `AllocationContext`). Enforced by not creating candidates.
enum AbsenceRule {
    static func isAbsent(_ ctx: AllocationContext, clinician c: Int, date: Day, shift: String) -> Bool {
        let absences = ctx.absencesOf[c]
        guard !absences.isEmpty, ctx.isEnabled(.absence) else { return false }
        return absences.contains { $0.date == date && ($0.shift == nil || $0.shift == shift) }
    }
}
