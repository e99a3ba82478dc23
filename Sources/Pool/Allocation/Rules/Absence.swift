/// PRODUCT §3.5 (first half) — no assignment during an absence. An absence without a shift covers
/// every shift *starting* on that date (a night shift belongs to its start date; see
/// `AllocationContext`). Enforced by not creating candidates.
enum AbsenceRule {
    static func isAbsent(_ ctx: AllocationContext, clinician: String, date: Day, shift: String) -> Bool {
        guard ctx.isEnabled(.absence) else { return false }
        return ctx.absenceKeys.contains("\(clinician)|\(date.iso)")
            || ctx.absenceKeys.contains("\(clinician)|\(date.iso)|\(shift)")
    }
}
