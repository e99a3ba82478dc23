/// The README.md of a generated scenario: how to reproduce it and every assumption behind it.
struct GeneratorReadme {
    let options: GeneratorOptions
    let geo: Geography
    let sites: [PlannedSite]
    let scenario: Scenario
    let rates: [(profession: String, hours: Double)]
    let onCallHours: Double
    let droppedRows: Int
    let preset: GeneratorPreset?

    var text: String {
        var out: [String] = []
        let s = scenario
        out.append("# \(s.name)\n")
        if let preset { out.append(preset.notes + "\n") }
        out.append("This folder was generated, not observed: every number below is an assumption stated here, "
            + "not data from the regional plans (they give no staffing, salaries, prices or distances).\n")
        out.append("Reproduce it byte for byte with:\n\n```sh\n" + command + "\n```\n")
        out.append("## Contents\n")
        out.append("- Horizon: \(s.horizon.firstDate) … \(s.horizon.lastDate) (\(s.horizon.days) days); shifts "
            + s.shiftTypes.map { "\($0.name) \(clock($0.startMinute))–\(clock($0.endMinute))" }.joined(separator: ", ") + ".")
        let kinds = SiteKind.allCases.compactMap { k -> String? in
            let n = s.sites.filter { $0.kind == k }.count
            let name = k.rawValue.replacingOccurrences("_", " ")
            return n == 0 ? nil : "\(n) \(name)" + (n == 1 ? "" : "s")
        }
        out.append("- \(s.sites.count) sites in \(Set(s.sites.map(\.municipality)).count) municipalities: "
            + kinds.joined(separator: ", ") + ".")
        out.append("- \(s.clinicians.count) pool clinicians, \(s.demand.count) demand rows "
            + "(\(formatNumber(demandHours.rounded())) h, of which \(formatNumber(swedishHours.rounded())) h require Swedish "
            + "and \(formatNumber(remoteHours.rounded())) h are remote-only), \(s.absences.count) absences, "
            + "\(s.history.count) history entries, \(s.pins.count) pins, \(s.preferences.count) preferences.")
        let edges = sites.filter(\.edge).map(\.site.municipality)
        out.append("- Edge sites (over \(formatNumber(SitePlanner.edgeKm)) km from every hospital): "
            + (edges.isEmpty ? "none" : orderedUnique(edges).joined(separator: ", ")) + ".\n")
        out += assumptions()
        return out.joined(separator: "\n") + "\n"
    }

    private var command: String {
        if let preset { return "poolctl generate --preset \(preset.name) --out Scenarios/\(preset.name)" }
        return "poolctl generate --region \(options.region) --clinicians \(options.clinicians) --sites \(options.sites) "
            + "--seed \(options.seed) --start-date \(options.startDate) --days \(options.days) --out DIR"
    }

    private func assumptions() -> [String] {
        var out: [String] = ["## Assumptions\n"]
        out.append("- Geography: " + geo.sourceNote)
        out.append("- Sites, in order of importance until \(options.sites) are chosen: hospitals, a health centre in every "
            + "municipality (largest first), dental clinics in towns of 20 000+, branch stations, the other dental "
            + "clinics, mobile dental units for the two remotest municipalities, then extra health stations where "
            + "residents per station are highest. Health stations receive remote work with probability 0.7.")
        out.append("- On call: hospitals, and health centres of municipalities of \(SitePlanner.onCallPopulation)+ "
            + "residents without a hospital, need a GP and a nurse (1.5 nurses at hospitals; 0.6 of each at health "
            + "centres, as an expected count) every night and on weekend days and evenings: "
            + "\(formatNumber(onCallHours.rounded())) h in all.")
        out.append("\n| profession | pool share | hourly cost € | purchased €/h | remote share | demand h per 1 000 residents per week |")
        out.append("|---|---|---|---|---|---|")
        for p in ProfessionProfile.all {
            let rate = rates.first { $0.profession == p.id }?.hours ?? 0
            out.append("| \(p.label) | \(percent(p.poolShare)) | \(formatNumber(p.hourlyCostEUR)) | "
                + "\(formatNumber(p.purchasedEURPerHour)) | \(percent(p.remoteShare)) | \(formatNumber(round2(rate))) |")
        }
        out.append("")
        out.append("- Demand per municipality = rate × residents (2025) / 1 000, with the rates scaled together so that the "
            + "week's demand, on-call included, is \(formatNumber(options.loadFactor)) × the pool's regular hours: "
            + "the pool cannot cover everything, and the rest is bought. A municipality's demand is split over its sites "
            + "(a hospital takes a quarter share of GP work, health stations about a third), weekdays only, "
            + "GPs and nurses 20 % in the evening shift at health centres and hospitals; counts are rounded at random "
            + "in proportion to the fraction.")
        out.append("- Each needed clinician requires Swedish with the municipality's Swedish-speaker share (when some "
            + "clinician who may cover it speaks Swedish); accepts remote work (`either`) with the profession's share "
            + "above at sites that receive it; asks for one competency with probability \(formatNumber(UnitSampler.competencyShare)) "
            + "(night GPs always for `emergency`); has care-guarantee backlog priority "
            + "\(formatNumber(UnitSampler.backlogPriority)) with probability \(formatNumber(UnitSampler.backlogShare)) "
            + "(GPs, dentists, psychologists, psychiatrists). Requirements are drawn only from what the pool holds.")
        out.append("- Edge sites: remote psychiatric consultations on Tuesdays and Thursdays at health centres, a remote "
            + "specialist-dentist consultation on Wednesdays where dental care is given; purchased service there costs "
            + "\(formatNumber(UnitSampler.edgePriceFactor)) × the regional price.")
        if droppedRows > 0 {
            out.append("- \(droppedRows) generated demand rows that no clinician could ever serve were left out, so that the "
                + "scenario validates without warnings.")
        }
        out.append("- Pool: homes in municipalities drawn by population^0.9, within 6 km of the centre; Swedish speakers "
            + "with the home municipality's share (85 % of them also speak Finnish, 12 % of Finnish speakers speak "
            + "Swedish, half speak English); each competency of the profession with probability "
            + "\(formatNumber(ProfessionProfile.competencyShare)); 38.25 h a week (30 h for 12 %); overtime up to 0–12 h "
            + "(doctors and dentists) or 0–8 h; hourly cost ±10 % around the table; overtime premium 50 %; "
            + "longest commute 45, 60, 75 or 90 min; stays accepted by 40 % of doctors and dentists, 25 % of others"
            + (scenario.rules.maxStayTravelHours.map { ", within a one-way trip of \(formatNumber($0)) h (rules.max_stay_travel_hours)" } ?? "")
            + ".")
        out.append("- Hourly cost is the employer's cost of a regular hour (monthly salary × 1.25 for side costs / 163 h). "
            + "Purchased-service prices are typical agency and outsourcing prices in Finland (GP 110–150 €/h, nurse about "
            + "60 €/h); none of them is from the plans.")
        out.append("- Substitutions: " + scenario.rules.substitutions.map { "\($0.clinicianProfession) may cover \($0.demandProfession)" }
            .joined(separator: "; ") + " (each holds the covered role's licence).")
        out.append("- Absences: planned leave of 2–5 days for \(percent(EventGenerator.leaveShare)) of the pool, one absent shift for "
            + "\(percent(EventGenerator.shiftAbsenceShare)), sudden illness from mid-week for 1–3 days for "
            + "\(percent(options.suddenAbsenceRate)).")
        out.append("- History: last week 3–5 weekday day shifts at the nearest site offering the profession (the second "
            + "nearest with probability 0.2); \(percent(EventGenerator.lateLastShiftShare)) worked the last evening or night "
            + "before the week. Pins: about \(percent(EventGenerator.pinShare)) of the pool on the second day at their usual "
            + "site; preferences: \(percent(EventGenerator.preferenceShare)) avoid nights, favour their usual site or want "
            + "the fifth day off.")
        out.append("- Costs: kilometre allowance \(formatNumber(scenario.costs.kmAllowanceEURPerKm)) €/km (the Tax "
            + "Administration's tax-free allowance), travel time paid, lodging \(formatNumber(scenario.costs.lodgingEURPerNight)) "
            + "€/night, per diem \(formatNumber(scenario.costs.perDiemEURPerDay)) €/day, continuity bonus "
            + "\(formatNumber(scenario.costs.continuityBonusEUR)) € per assignment at a site served last week, equity weight "
            + "\(formatNumber(scenario.costs.equityWeightEUR)) € per percentage point.")
        out.append("- Travel: no road data; great-circle distance × \(formatNumber(scenario.travel.detourFactor)) at "
            + "\(formatNumber(scenario.travel.averageSpeedKmh)) km/h. Working-time rules: 11 h daily rest, two consecutive "
            + "free days in the week (Working Hours Act 872/2019).")
        return out
    }

    private var demandHours: Double { hours { _ in true } }
    private var swedishHours: Double { hours { $0.language == "sv" } }
    private var remoteHours: Double { hours { $0.mode == .remote } }

    private func hours(_ include: (DemandRow) -> Bool) -> Double {
        scenario.demand.filter(include).reduce(0) { $0 + Double($1.count) * (scenario.shiftType(named: $1.shift)?.hours ?? 0) }
    }

    private func percent(_ x: Double) -> String { formatNumber(round2(x * 100)) + " %" }
    private func clock(_ minute: Int) -> String { pad2(minute / 60) + ":" + pad2(minute % 60) }
    private func orderedUnique(_ xs: [String]) -> [String] {
        var seen: [String] = []
        for x in xs where !seen.contains(x) { seen.append(x) }
        return seen
    }
}
