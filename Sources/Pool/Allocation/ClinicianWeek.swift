/// One clinician's week under a set of chosen candidates: hours, overtime, travel, stays and the
/// clinician's share of every objective term — computed from the assignments themselves (not from
/// solver variables), by the same conventions as the model, so a plan's figures follow from its
/// assignments alone. Used by the greedy warm start, the decoder and the uncovered-reason check.
struct ClinicianWeek {
    let clinician: Int
    /// Candidate indices sorted by start.
    let assignments: [Int]
    var shiftHours = 0.0
    /// Travel hours counted as working time (daily commutes and stay trips).
    var countedTravelHours = 0.0
    var overtimeHours = 0.0
    var km = 0.0
    var travelMinutes = 0.0
    /// Stay trips (site, first date of the run) and lodging nights (site, date before the night).
    var trips: [SiteDate] = []
    var nights: [SiteDate] = []
    /// Consecutive dates at one site (site, first date) — continuity.
    var consecutive: [SiteDate] = []
    /// The clinician's part of the objective (no uncovered or equity terms).
    var terms: [ObjectiveTerm: Double] = [:]
    /// Per assignment (same order as `assignments`): km, minutes and money booked on it.
    var perAssignment: [(km: Double, minutes: Double, costEUR: Double)] = []
    /// Assignments that continue a site from the history or the previous date.
    var continuingAssignments = 0

    var workingHours: Double { shiftHours + countedTravelHours }

    init(_ ctx: AllocationContext, _ candidates: CandidateSet, clinician c: Int, chosen: [Int]) {
        clinician = c
        let all = candidates.all
        assignments = chosen.sorted { (all[$0].start, all[$0].row, all[$0].mode) < (all[$1].start, all[$1].row, all[$1].mode) }
        let clin = ctx.scenario.clinicians[c]
        var t: [ObjectiveTerm: Double] = [:]
        func book(_ term: ObjectiveTerm, _ v: Double) { t[term, default: 0] += v }
        let staySet = Set(assignments.filter { all[$0].mode == .stay }.map { SiteDate(site: all[$0].site, date: all[$0].dateIndex) })
        let siteDays = Set(assignments.map { SiteDate(site: all[$0].site, date: all[$0].dateIndex) })
        var tripBooked = Set<SiteDate>(), nightBooked = Set<SiteDate>()
        for k in assignments {
            let a = all[k]
            var km = 0.0, minutes = 0.0, cost = 0.0
            shiftHours += a.hours
            let key = SiteDate(site: a.site, date: a.dateIndex)
            switch a.mode {
            case .onsite:
                km = a.dailyKm; minutes = a.dailyTravelMinutes
                let kc = Objective.commuteKmCost(ctx, a), tc = Objective.commuteTimeCost(ctx, a)
                book(.travelKm, kc); book(.travelTime, tc); cost += kc + tc
                countedTravelHours += ctx.rules.travelCountsAsWorkingTime ? a.dailyTravelMinutes / 60 : 0
            case .stay:
                book(.perDiem, ctx.costs.perDiemEURPerDay); cost += ctx.costs.perDiemEURPerDay
                if !staySet.contains(SiteDate(site: a.site, date: a.dateIndex - 1)), !tripBooked.contains(key) {
                    tripBooked.insert(key); trips.append(key)
                    km = 2 * a.leg.km; minutes = 2 * a.leg.minutes
                    let kc = Objective.tripKmCost(ctx, leg: a.leg), tc = Objective.tripTimeCost(ctx, clinician: c, leg: a.leg)
                    book(.travelKm, kc); book(.travelTime, tc); cost += kc + tc
                    countedTravelHours += WeeklyHours.tripHours(ctx, leg: a.leg)
                }
                if staySet.contains(SiteDate(site: a.site, date: a.dateIndex + 1)), !nightBooked.contains(key) {
                    nightBooked.insert(key); nights.append(key)
                    book(.lodging, ctx.costs.lodgingEURPerNight); cost += ctx.costs.lodgingEURPerNight
                }
            case .remote:
                break
            }
            let bonus = Objective.historyBonus(ctx, a)
            if bonus != 0 { book(.continuity, -bonus) }
            book(.preferences, Objective.preferenceCost(ctx, a))
            if ctx.historyServed(clinician: c, site: a.site) || siteDays.contains(SiteDate(site: a.site, date: a.dateIndex - 1)) {
                continuingAssignments += 1
            }
            self.km += km; travelMinutes += minutes
            perAssignment.append((km, minutes, cost))
        }
        if ctx.costs.continuityBonusEUR > 0 {
            consecutive = siteDays.filter { siteDays.contains(SiteDate(site: $0.site, date: $0.date + 1)) }.sorted()
            book(.continuity, -ctx.costs.continuityBonusEUR * Double(consecutive.count))
        }
        overtimeHours = max(0, shiftHours + countedTravelHours - ctx.regularHours(c))
        if ctx.isEnabled(.weeklyHours) { book(.overtime, overtimeHours * Objective.overtimeHourCost(clin)) }
        terms = t
    }
}
