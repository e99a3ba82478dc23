/// PRODUCT §3.6 (second half) — stays: a clinician who accepts stays may work on site beyond their
/// commute limit as a stay: travel there once, lodging for the nights in between, per-diem per day.
/// Stays are offered only beyond the daily commute range (within it the clinician commutes).
///
/// Model, per clinician c, site s and date d with stay candidates, stayDay(c,s,d) = Σ stay x there:
/// - trip(c,s,d) + lodging(c,s,d−1) ≥ stayDay(d): every stay day starts a trip or follows a night
///   of lodging (row `stayTrip`; when d−1 has no stay candidate the trip is just stayDay(d), no
///   variable), and lodging(c,s,d−1) ≤ stayDay(d−1): a night there only after a stay day (row
///   `stayNightAfterStay`). Together they imply trip(d) ≥ stayDay(d) − stayDay(d−1), the weaker
///   row used before: in the LP relaxation half a stay on two days in a row then cost neither a
///   trip nor a night, now half a night (LP bound: nurse group +432 €, GP group +974 €,
///   pohjanmaa +647 €);
/// - lodging(c,s,d) ≥ stayDay(d) + stayDay(d+1) − 1: a night between two consecutive stay days
///   (row `stayNight`).
/// Both are continuous ≥ 0 with positive costs, so they take the least value the rows allow; at
/// integer x a trip is exactly a stay day after a day without a stay there.
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
        let all = b.candidates.all, x = b.x
        for (c, list) in b.candidates.byClinician.enumerated() where !list.isEmpty {
            // stayDay expressions keyed by (site, date), built in candidate order (deterministic).
            var keys: [SiteDate] = []
            var days: [SiteDate: LinearExpression] = [:]
            for k in list where all[k].mode == .stay {
                let key = SiteDate(site: all[k].site, date: all[k].dateIndex)
                if days[key] == nil { keys.append(key) }
                days[key, default: LinearExpression()].add(1, x[k])
            }
            keys.sort()
            let who = b.names.clinician(c)
            var nights: [SiteDate: Variable] = [:]  // lodging after (site, date); keys run by date per site
            for key in keys {
                guard let today = days[key] else { continue }
                let tag = "\(who),\(b.names.site(key.site)),\(b.names.date(key.date))"
                let before = SiteDate(site: key.site, date: key.date - 1)
                if let yesterday = days[before], let night = nights[before] {
                    let t = b.model.addVariable("trip[\(tag)]", .continuous, lower: 0, upper: .infinity)
                    b.add(.stays, "stayTrip[\(tag)]", LinearExpression(t) + LinearExpression(night) >= today)
                    let beforeTag = "\(who),\(b.names.site(key.site)),\(b.names.date(before.date))"
                    b.add(.stays, "stayNightAfterStay[\(beforeTag)]", LinearExpression(night) <= yesterday)
                    b.trips[c].append(StayTrip(clinician: c, site: key.site, date: key.date, expression: LinearExpression(t), variable: t))
                } else {
                    b.trips[c].append(StayTrip(clinician: c, site: key.site, date: key.date, expression: today, variable: nil))
                }
                if let tomorrow = days[SiteDate(site: key.site, date: key.date + 1)] {
                    let n = b.model.addVariable("lodging[\(tag)]", .continuous, lower: 0, upper: .infinity)
                    b.add(.stays, "stayNight[\(tag)]", LinearExpression(n) >= today + tomorrow - 1)
                    nights[key] = n
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
