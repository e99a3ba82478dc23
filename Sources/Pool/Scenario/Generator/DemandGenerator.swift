/// Demand from population: each municipality's need per profession is a stated rate per 1 000
/// residents, spread over its sites, weekdays and shifts; on-call sites add nights and weekends;
/// edge sites add remote consultations. Rates are scaled once so that the week's demand is
/// `loadFactor` × the pool's regular hours: some demand is always left for purchased services.
struct DemandGenerator {
    let geo: Geography
    let sites: [PlannedSite]
    let clinicians: [Clinician]
    let horizon: Horizon
    let rules: Rules
    let loadFactor: Double

    /// Hours per 1 000 residents per week, per profession, after scaling (for the README).
    private(set) var ratesPer1000: [(profession: String, hours: Double)] = []
    private(set) var onCallHours = 0.0

    static let shiftHours = ["day": 8.0, "evening": 8.0, "night": 10.0]

    /// Expected on-call units per shift: (profession, shift, weekend only, hospital, health centre).
    private static let onCall: [(String, String, Bool, Double, Double)] = [
        ("gp", "night", false, 1.0, 0.6), ("nurse", "night", false, 1.5, 0.6),
        ("gp", "day", true, 1.0, 0.6), ("nurse", "day", true, 1.0, 0.6),
        ("gp", "evening", true, 1.0, 0.6), ("nurse", "evening", true, 1.0, 0.6)]

    /// Weight of a site kind in its municipality's need for a profession (0: not offered there).
    static func weight(_ kind: SiteKind, _ profession: ProfessionProfile, dentalElsewhere: Bool) -> Double {
        let dental = ["dentist", "dental_hygienist", "specialist_dentist"].contains(profession.id)
        if dental && kind == .healthCentre && !dentalElsewhere { return 1 }  // dental care inside the health centre
        guard profession.siteKinds.contains(kind) else { return 0 }
        switch (kind, profession.id) {
        case (.hospital, "gp"): return 0.25
        case (.hospital, "nurse"), (.hospital, "psychiatric_nurse"): return 0.5
        case (.healthStation, "public_health_nurse"): return 0.6
        case (.healthStation, _): return 0.35
        case (.healthCentre, "psychiatrist"): return 0.5
        case (.mobileUnit, _): return 0.3
        default: return 1
        }
    }

    /// Share of weekday hours in the evening shift.
    static func eveningShare(_ profession: String, _ kind: SiteKind) -> Double {
        switch (profession, kind) {
        case ("gp", .healthCentre), ("gp", .hospital), ("nurse", .healthCentre), ("nurse", .hospital): return 0.2
        case ("psychiatric_nurse", .hospital): return 0.15
        default: return 0
        }
    }

    mutating func generate(rng: inout SplitMix64) -> [DemandRow] {
        let profiles = ProfessionProfile.all
        let dates = horizon.dates
        let poolHours = clinicians.reduce(0) { $0 + $1.weeklyHours } * Double(horizon.days) / 7
        onCallHours = sites.filter(\.onCall).reduce(0) { sum, s in
            sum + Self.onCall.reduce(0) { inner, c in
                let days = dates.filter { !c.2 || $0.isoWeekday >= 6 }.count
                return inner + Double(days) * (s.site.kind == .hospital ? c.3 : c.4) * (Self.shiftHours[c.1] ?? 8)
            }
        }
        let population = Double(geo.municipalities.reduce(0) { $0 + $1.population })
        let rawTotal = profiles.reduce(0) { $0 + $1.needWeight } * population
        let scale = max(0, loadFactor * poolHours - onCallHours) / max(1, rawTotal)
        ratesPer1000 = profiles.map { ($0.id, $0.needWeight * scale * 1000 * 7 / Double(horizon.days)) }

        // Weekly hours per site and profession.
        var hours = [[Double]](repeating: [Double](repeating: 0, count: profiles.count), count: sites.count)
        for (m, town) in geo.municipalities.enumerated() {
            let local = sites.indices.filter { sites[$0].municipality == m }
            let dentalElsewhere = local.contains { [.dentalClinic, .mobileUnit].contains(sites[$0].site.kind) }
            for (p, profile) in profiles.enumerated() {
                let need = profile.needWeight * Double(town.population) * scale
                var weights = local.map { Self.weight(sites[$0].site.kind, profile, dentalElsewhere: dentalElsewhere) }
                var targets = local
                if weights.reduce(0, +) == 0, let nearest = nearestOffering(profile, to: town.location) {
                    targets = [nearest]; weights = [1]
                }
                let total = weights.reduce(0, +)
                guard total > 0 else { continue }
                for (k, s) in targets.enumerated() { hours[s][p] += need * weights[k] / total }
            }
        }

        let units = UnitSampler(clinicians: clinicians, rules: rules)
        var rows: [DemandRow] = []
        for (s, planned) in sites.enumerated() {
            let swedish = geo.municipalities[planned.municipality].swedishShare
            for date in dates {
                for shift in ["day", "evening", "night"] {
                    for (p, profile) in profiles.enumerated() {
                        var expected = 0.0
                        let weekdays = Double(dates.filter { $0.isoWeekday <= 5 }.count)
                        if date.isoWeekday <= 5 && shift != "night" && weekdays > 0 {
                            let evening = Self.eveningShare(profile.id, planned.site.kind)
                            expected += hours[s][p] * (shift == "day" ? 1 - evening : evening) / weekdays / 8
                        }
                        if planned.onCall {
                            for c in Self.onCall where c.0 == profile.id && c.1 == shift && (!c.2 || date.isoWeekday >= 6) {
                                expected += planned.site.kind == .hospital ? c.3 : c.4
                            }
                        }
                        let count = rng.stochasticRound(expected)
                        guard count > 0 else { continue }
                        rows += units.rows(count: count, profile: profile, site: planned, date: date, shift: shift,
                                           swedishShare: swedish, rng: &rng)
                    }
                }
                rows += remoteConsultations(planned, date, units)
            }
        }
        return rows
    }

    /// Edge sites get remote psychiatric consultations on Tuesdays and Thursdays and a remote
    /// specialist-dentist consultation on Wednesdays (PRODUCT §2, remote work for edge areas).
    private func remoteConsultations(_ planned: PlannedSite, _ date: Day, _ units: UnitSampler) -> [DemandRow] {
        guard planned.edge, planned.site.remoteOK else { return [] }
        var out: [DemandRow] = []
        let dentalHere = planned.site.kind == .dentalClinic
            || (planned.site.kind == .healthCentre
                && !sites.contains { $0.municipality == planned.municipality && $0.site.kind == .dentalClinic })
        if planned.site.kind == .healthCentre && [2, 4].contains(date.isoWeekday) {
            out += units.remoteRow(profession: "psychiatrist", site: planned, date: date)
        }
        if dentalHere && date.isoWeekday == 3 {
            out += units.remoteRow(profession: "specialist_dentist", site: planned, date: date)
        }
        return out
    }

    private func nearestOffering(_ profile: ProfessionProfile, to point: Coordinate) -> Int? {
        sites.indices.filter { profile.siteKinds.contains(sites[$0].site.kind) }
            .min { TravelEstimator.greatCircleKm(sites[$0].site.location, point) < TravelEstimator.greatCircleKm(sites[$1].site.location, point) }
    }
}
