/// PRODUCT §3.6 (second half) — stays: a clinician who accepts stays may work on site beyond their
/// commute limit as a stay: travel there once, lodging for the nights in between, per-diem per day.
/// Stays are offered only beyond the daily commute range (within it the clinician commutes).
///
/// Model, per clinician c, site s and date d with stay candidates, stayDay(c,s,d) = Σ stay x there:
/// - trip(c,s,d) ≥ stayDay(d) − stayDay(d−1): a new trip when the previous date was not a stay day
///   at s (row `stayTrip`; when d−1 has no stay candidate the trip is just stayDay(d), no variable);
/// - lodging(c,s,d) ≥ stayDay(d) + stayDay(d+1) − 1: a night between two consecutive stay days
///   (row `stayNight`).
/// Both are continuous ≥ 0 with positive costs, so they take the least value the rows allow.
/// A trip costs a round trip (km allowance and paid travel time) and counts as working time once.
public enum Stays {
    static func allowed(_ ctx: AllocationContext, _ c: Clinician, _ row: DemandRow, leg: TravelLeg) -> Bool {
        guard row.mode.allowsOnsite, ctx.isEnabled(.commuteLimit), !CommuteLimit.withinLimit(ctx, c, leg: leg) else {
            return false
        }
        if let hours = ctx.rules.maxStayTravelHours, ctx.isEnabled(.stays), leg.minutes > hours * 60 { return false }
        return c.acceptsStays || !ctx.isEnabled(.stays)
    }

    static func addRows(_ b: ModelBuilding) {
        for (c, list) in b.candidates.byClinician.enumerated() where !list.isEmpty {
            // stayDay expressions keyed by (site, date), built in candidate order (deterministic).
            var keys: [SiteDate] = []
            var days: [SiteDate: LinearExpression] = [:]
            for k in list where b.candidates.all[k].mode == .stay {
                let cand = b.candidates.all[k]
                let key = SiteDate(site: cand.site, date: cand.dateIndex)
                if days[key] == nil { keys.append(key) }
                days[key, default: LinearExpression()].add(1, b.x[k])
            }
            keys.sort()
            let who = b.names.clinician(c)
            for key in keys {
                guard let today = days[key] else { continue }
                let tag = "\(who),\(b.names.site(key.site)),\(b.names.date(key.date))"
                if let yesterday = days[SiteDate(site: key.site, date: key.date - 1)] {
                    let t = b.model.addVariable("trip[\(tag)]", .continuous, lower: 0, upper: .infinity)
                    b.add(.stays, "stayTrip[\(tag)]", LinearExpression(t) >= today - yesterday)
                    b.trips[c].append(StayTrip(clinician: c, site: key.site, date: key.date, expression: LinearExpression(t), variable: t))
                } else {
                    b.trips[c].append(StayTrip(clinician: c, site: key.site, date: key.date, expression: today, variable: nil))
                }
                if let tomorrow = days[SiteDate(site: key.site, date: key.date + 1)] {
                    let n = b.model.addVariable("lodging[\(tag)]", .continuous, lower: 0, upper: .infinity)
                    b.add(.stays, "stayNight[\(tag)]", LinearExpression(n) >= today + tomorrow - 1)
                    b.lodgings[c].append(StayLodging(clinician: c, site: key.site, date: key.date, variable: n))
                }
            }
        }
    }
}

/// A (possible) journey to a stay site starting on `date`: `expression` is 1 when it happens.
struct StayTrip {
    let clinician: Int
    let site: Int
    let date: Int
    let expression: LinearExpression
    /// The trip variable, when the trip needed one (nil: `expression` is the day's stay sum itself).
    let variable: Variable?
}

/// A night of lodging after `date` at `site`.
struct StayLodging {
    let clinician: Int
    let site: Int
    let date: Int
    let variable: Variable
}

struct SiteDate: Hashable, Comparable {
    let site: Int
    let date: Int
    static func < (a: SiteDate, b: SiteDate) -> Bool { (a.site, a.date) < (b.site, b.date) }
}
