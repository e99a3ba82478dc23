/// PRODUCT §3.6 (first half) — on-site work with a daily commute only where the one-way commute is
/// within the clinician's limit, and only for demand that accepts on-site work. Enforced by not
/// creating `onsite` candidates beyond the limit. (Beyond it, `Stays.swift` may offer a stay.)
enum CommuteLimit {
    static func withinLimit(_ ctx: AllocationContext, _ c: Clinician, leg: TravelLeg) -> Bool {
        !ctx.isEnabled(.commuteLimit) || leg.minutes <= c.maxCommuteMinutes
    }

    static func allowsOnsite(_ ctx: AllocationContext, _ c: Clinician, _ row: DemandRow, leg: TravelLeg) -> Bool {
        row.mode.allowsOnsite && withinLimit(ctx, c, leg: leg)
    }
}
