/// PRODUCT §4 — the objective, in euros, as separate terms so each is reported on its own
/// (`CostBreakdown`). The model minimises their sum.
///
/// - uncovered: u(r) × shift hours × purchased-service €/h × priority (the counterfactual cost);
/// - travelKm: km allowance × (daily round trips on site + one round trip per stay trip);
/// - travelTime: the same journeys' minutes × hourly cost, when `costs.travelTimePaid`;
/// - lodging: nights between consecutive stay days × lodging price;
/// - perDiem: stay days × per-diem;
/// - overtime: overtime hours × hourly cost × (1 + premium). Regular hours are paid anyway, so
///   an hour beyond the contract costs its whole price plus the premium — not just the premium;
/// - continuity (a saving, ≤ 0): −bonus per assignment at a site the clinician served in the
///   history, and −bonus per pair of consecutive dates at the same site;
/// - preferences: Σ weight × `preferenceWeight` over assignments a preference matches;
/// - equity: `equityWeightEUR` × 100 × the largest uncovered share (hours) among sites with demand,
///   i.e. per percentage point of the worst-covered site.
public enum ObjectiveTerm: String, CaseIterable, Sendable {
    case uncovered, travelKm, travelTime, lodging, perDiem, overtime, continuity, preferences, equity
}

enum Objective {
    /// € per uncovered clinician of row r (shift hours × price × priority, or the pricing override).
    static func uncoveredUnitCost(_ ctx: AllocationContext, row r: Int) -> Double {
        if let o = ctx.options.uncoveredUnitCostOverride, r < o.count { return o[r] }
        let row = ctx.scenario.demand[r]
        let hours = ctx.rowInstance[r].map { ctx.instances[$0].hours } ?? 0
        return hours * row.purchasedEURPerHour * row.priority
    }

    /// € of a daily on-site commute (round trip): km allowance and paid time.
    static func commuteKmCost(_ ctx: AllocationContext, _ cand: Candidate) -> Double {
        cand.dailyKm * ctx.costs.kmAllowanceEURPerKm
    }

    static func commuteTimeCost(_ ctx: AllocationContext, _ cand: Candidate) -> Double {
        ctx.costs.travelTimePaid ? cand.dailyTravelMinutes / 60 * ctx.scenario.clinicians[cand.clinician].hourlyCostEUR : 0
    }

    static func tripKmCost(_ ctx: AllocationContext, leg: TravelLeg) -> Double { 2 * leg.km * ctx.costs.kmAllowanceEURPerKm }

    static func tripTimeCost(_ ctx: AllocationContext, clinician c: Int, leg: TravelLeg) -> Double {
        ctx.costs.travelTimePaid ? 2 * leg.minutes / 60 * ctx.scenario.clinicians[c].hourlyCostEUR : 0
    }

    static func overtimeHourCost(_ c: Clinician) -> Double { c.hourlyCostEUR * (1 + c.overtimePremium) }

    /// Σ weight × preferenceWeight of the preferences matching a candidate.
    static func preferenceCost(_ ctx: AllocationContext, _ cand: Candidate) -> Double {
        let preferences = ctx.preferencesOf[cand.clinician]
        guard !preferences.isEmpty else { return 0 }
        let inst = ctx.instances[cand.instance], site = ctx.scenario.sites[cand.site].id
        var total = 0.0
        for p in preferences where
            (p.site == nil || p.site == site) && (p.shift == nil || p.shift == inst.shift) && (p.date == nil || p.date == inst.date) {
            total += p.weightEUR * ctx.costs.preferenceWeight
        }
        return total
    }

    static func historyBonus(_ ctx: AllocationContext, _ cand: Candidate) -> Double {
        ctx.historyServed(clinician: cand.clinician, site: cand.site) ? ctx.costs.continuityBonusEUR : 0
    }

    /// Builds every term (and the auxiliary variables and rows of continuity and equity), sets the
    /// model's objective to their sum and returns the terms for reporting.
    static func build(_ b: ModelBuilding) -> [ObjectiveTerm: LinearExpression] {
        let ctx = b.ctx
        var terms: [ObjectiveTerm: LinearExpression] = [:]
        for t in ObjectiveTerm.allCases { terms[t] = LinearExpression() }

        for r in ctx.scenario.demand.indices {
            let unit = uncoveredUnitCost(ctx, row: r)
            if let u = b.u[r] { terms[.uncovered]?.add(unit, u) }
            else if ctx.rowInstance[r] != nil, ctx.rowSite[r] != nil {
                terms[.uncovered]?.constant += unit * Double(max(0, ctx.scenario.demand[r].count))
            }
        }
        // Per candidate, into local expressions: through the dictionary each term cost a lookup
        // and a uniqueness check per candidate.
        var km = LinearExpression(), time = LinearExpression(), perDiem = LinearExpression()
        var continuity = LinearExpression(), preferences = LinearExpression()
        let xs = b.x, perDiemEUR = ctx.costs.perDiemEURPerDay
        for (k, cand) in b.candidates.all.enumerated() {
            let x = xs[k]
            switch cand.mode {
            case .onsite:
                km.add(commuteKmCost(ctx, cand), x)
                time.add(commuteTimeCost(ctx, cand), x)
            case .stay:
                perDiem.add(perDiemEUR, x)
            case .remote:
                break
            }
            let bonus = historyBonus(ctx, cand)
            if bonus != 0 { continuity.add(-bonus, x) }
            let pref = preferenceCost(ctx, cand)
            if pref != 0 { preferences.add(pref, x) }
        }
        terms[.travelKm]?.add(km); terms[.travelTime]?.add(time); terms[.perDiem]?.add(perDiem)
        terms[.continuity]?.add(continuity); terms[.preferences]?.add(preferences)
        for c in b.trips.indices {
            for trip in b.trips[c] {
                let leg = ctx.legs[c][trip.site]
                terms[.travelKm]?.add(trip.expression, times: tripKmCost(ctx, leg: leg))
                terms[.travelTime]?.add(trip.expression, times: tripTimeCost(ctx, clinician: c, leg: leg))
            }
            for night in b.lodgings[c] { terms[.lodging]?.add(ctx.costs.lodgingEURPerNight, night.variable) }
        }
        for c in ctx.scenario.clinicians.indices {
            if let o = b.overtime[c] { terms[.overtime]?.add(overtimeHourCost(ctx.scenario.clinicians[c]), o) }
        }
        addConsecutiveDays(b, into: &terms)
        addEquity(b, into: &terms)
        var objective = LinearExpression()
        for t in ObjectiveTerm.allCases { if let e = terms[t] { objective.add(e) } }
        b.model.setObjective(.minimize, objective)
        return terms
    }

    /// Continuity across days: same(c,s,d) ∈ [0,1], same ≤ Σ x at (s, d) and same ≤ Σ x at (s, d+1),
    /// worth −bonus. Tight (the max form of the product of two day indicators).
    static func addConsecutiveDays(_ b: ModelBuilding, into terms: inout [ObjectiveTerm: LinearExpression]) {
        let ctx = b.ctx, bonus = ctx.costs.continuityBonusEUR
        guard bonus > 0 else { return }
        // Locals rather than the builder's properties and a dictionary of expressions per
        // (site, date): these rows are two thirds of 5× the region's, and the lookups, copies and
        // growing dictionaries were most of their time.
        let all = b.candidates.all, x = b.x
        var continuity = terms[.continuity] ?? LinearExpression()
        var consecutive: [ConsecutiveDays] = []
        for (c, list) in b.candidates.byClinician.enumerated() where !list.isEmpty {
            // The clinician's (site, date) pairs in candidate order, each with its x columns.
            var slot: [SiteDate: Int] = [:], keys: [SiteDate] = [], days: [LinearExpression] = []
            slot.reserveCapacity(list.count)
            for k in list {
                let key = SiteDate(site: all[k].site, date: all[k].dateIndex)
                if let i = slot[key] { days[i].add(1, x[k]); continue }
                slot[key] = keys.count; keys.append(key); days.append(LinearExpression(x[k]))
            }
            let who = b.names.clinician(c)
            for i in keys.indices.sorted(by: { keys[$0] < keys[$1] }) {
                let key = keys[i]
                guard let t = slot[SiteDate(site: key.site, date: key.date + 1)] else { continue }
                let tag = "\(who),\(b.names.site(key.site)),\(b.names.date(key.date))"
                let same = b.model.addVariable("sameSite[\(tag)]", .continuous, lower: 0, upper: 1)
                b.add(.continuity, "sameSiteToday[\(tag)]", LinearExpression(same) <= days[i])
                b.add(.continuity, "sameSiteTomorrow[\(tag)]", LinearExpression(same) <= days[t])
                continuity.add(-bonus, same)
                consecutive.append(ConsecutiveDays(clinician: c, site: key.site, date: key.date, variable: same))
            }
        }
        terms[.continuity] = continuity
        b.consecutive += consecutive
    }

    /// Equity, per profession group (professions linked by substitutions some pool clinician can use):
    /// worst(g) ≥ uncovered hours(s, g) / demand hours(s, g) for every site with demand of the group
    /// (row `equity`), priced at equityWeightEUR per percentage point × the group's share of all
    /// demand hours. With one group this is exactly "the worst-covered site's uncovered share".
    /// Per group because a site's overall share hides a service left empty (full nurses, no GP),
    /// and because the model then splits into independent groups that GLPK solves far faster
    /// (docs/allocation-model.md).
    static func addEquity(_ b: ModelBuilding, into terms: inout [ObjectiveTerm: LinearExpression]) {
        let ctx = b.ctx, weight = ctx.costs.equityWeightEUR
        guard weight > 0, !ctx.options.withoutEquity else { return }
        let groups = ProfessionGroups(ctx)
        b.equityGroups = groups
        var uncoveredHours: [SiteGroup: LinearExpression] = [:], demandHours: [SiteGroup: Double] = [:]
        var groupHours = Array(repeating: 0.0, count: groups.count), total = 0.0
        for (r, row) in ctx.scenario.demand.enumerated() {
            guard let s = ctx.rowSite[r], let i = ctx.rowInstance[r], row.count > 0 else { continue }
            let h = ctx.instances[i].hours, g = groups.group(ofRow: r), key = SiteGroup(site: s, group: g)
            demandHours[key, default: 0] += h * Double(row.count)
            groupHours[g] += h * Double(row.count); total += h * Double(row.count)
            if let u = b.u[r] { uncoveredHours[key, default: LinearExpression()].add(h, u) }
            else { uncoveredHours[key, default: LinearExpression()].constant += h * Double(row.count) }
        }
        guard total > 0 else { return }
        for g in 0..<groups.count where groupHours[g] > 0 {
            let worst = b.model.addVariable("worstUncoveredShare[\(groups.name(g))]", .continuous, lower: 0, upper: 1)
            b.equityVariables.append((group: g, variable: worst))
            for key in demandHours.keys.filter({ $0.group == g }).sorted() {
                guard let d = demandHours[key], d > 0, let open = uncoveredHours[key] else { continue }
                b.add(.equity, "equity[\(b.names.site(key.site)),\(groups.name(g))]", LinearExpression(worst) >= (1 / d) * open)
            }
            terms[.equity]?.add(weight * 100 * groupHours[g] / total, worst)
        }
    }
}

struct SiteGroup: Hashable, Comparable {
    let site: Int
    let group: Int
    static func < (a: SiteGroup, b: SiteGroup) -> Bool { (a.group, a.site) < (b.group, b.site) }
}

/// Professions joined when some pool clinician of one may cover demand of the other (the
/// scenario's substitutions): the independent blocks of the model.
struct ProfessionGroups {
    private var groupOf: [String: Int] = [:]
    private var names: [String] = []
    private let rowProfession: [String]

    init(_ ctx: AllocationContext) {
        let professions = Array(Set(ctx.scenario.demand.map(\.profession) + ctx.scenario.clinicians.map(\.profession))).sorted()
        var parent = Dictionary(uniqueKeysWithValues: professions.map { ($0, $0) })
        func find(_ p: String) -> String {
            var p = p
            while let q = parent[p], q != p { p = q }
            return p
        }
        let staffed = Set(ctx.scenario.clinicians.map(\.profession))
        for sub in ctx.rules.substitutions where staffed.contains(sub.clinicianProfession) {
            let a = find(sub.clinicianProfession), b = find(sub.demandProfession)
            if a != b, parent[a] != nil, parent[b] != nil { parent[max(a, b)] = min(a, b) }
        }
        var members: [String: [String]] = [:]
        for p in professions { members[find(p), default: []].append(p) }
        for root in members.keys.sorted() {
            groupOf[root] = names.count
            names.append((members[root] ?? [root]).joined(separator: "+"))
        }
        rowProfession = ctx.scenario.demand.map(\.profession)
        for p in professions { groupOf[p] = groupOf[find(p)] }
    }

    var count: Int { names.count }
    func name(_ g: Int) -> String { names[g] }
    func group(ofRow r: Int) -> Int { groupOf[rowProfession[r]] ?? 0 }
}
