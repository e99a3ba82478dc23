/// KPIs of PRODUCT §5: coverage per site, municipality and profession (coverage %, uncovered
/// hours, remote share, Swedish-language coverage), per clinician figures, totals, continuity
/// share and equity (worst- and best-covered site).
struct PlanKPIBuilder {
    let ctx: AllocationContext
    let candidates: CandidateSet

    private struct Tally {
        var demand = 0.0, covered = 0.0, remote = 0.0, svDemand = 0.0, svCovered = 0.0
        mutating func add(_ o: Tally) {
            demand += o.demand; covered += o.covered; remote += o.remote; svDemand += o.svDemand; svCovered += o.svCovered
        }
        func kpi(_ key: String, _ name: String) -> CoverageKPI {
            CoverageKPI(key: key, name: name, demandHours: roundMilli(demand), coveredHours: roundMilli(covered), remoteHours: roundMilli(remote),
                        swedishDemandHours: roundMilli(svDemand), swedishCoveredHours: roundMilli(svCovered)).rounded()
        }
    }

    func kpis(chosen: [Int], covered: [Int], weeks: [ClinicianWeek]) -> PlanKPIs {
        let sc = ctx.scenario
        var remoteByRow = Array(repeating: 0, count: sc.demand.count)
        for k in chosen where candidates.all[k].mode == .remote { remoteByRow[candidates.all[k].row] += 1 }
        var bySite = Array(repeating: Tally(), count: sc.sites.count)
        var byProfession: [String: Tally] = [:]
        for (r, row) in sc.demand.enumerated() {
            guard let s = ctx.rowSite[r], let i = ctx.rowInstance[r], row.count > 0 else { continue }
            let h = ctx.instances[i].hours
            var t = Tally()
            t.demand = h * Double(row.count)
            t.covered = h * Double(min(covered[r], row.count))
            t.remote = h * Double(remoteByRow[r])
            if row.language == "sv" { t.svDemand = t.demand; t.svCovered = t.covered }
            bySite[s].add(t)
            byProfession[row.profession, default: Tally()].add(t)
        }
        var byMunicipality: [String: Tally] = [:], total = Tally()
        for (s, site) in sc.sites.enumerated() {
            byMunicipality[site.municipality, default: Tally()].add(bySite[s]); total.add(bySite[s])
        }
        let siteOrder = sc.sites.indices.sorted { sc.sites[$0].id < sc.sites[$1].id }
        let siteKPIs = siteOrder.filter { bySite[$0].demand > 0 }.map { bySite[$0].kpi(sc.sites[$0].id, sc.sites[$0].name) }
        let shares = siteOrder.filter { bySite[$0].demand > 0 }.map {
            SiteShare(site: sc.sites[$0].id, uncoveredShare: roundMicro(1 - bySite[$0].covered / bySite[$0].demand))
        }
        let worst = shares.reduce(nil as SiteShare?) { best, s in best == nil || s.uncoveredShare > best!.uncoveredShare ? s : best }
        let bestSite = shares.reduce(nil as SiteShare?) { best, s in best == nil || s.uncoveredShare < best!.uncoveredShare ? s : best }

        let clinicianKPIs = weeks.sorted { sc.clinicians[$0.clinician].id < sc.clinicians[$1.clinician].id }.map { w in
            let clin = sc.clinicians[w.clinician]
            let extra = [ObjectiveTerm.travelKm, .travelTime, .lodging, .perDiem, .overtime].reduce(0.0) { $0 + (w.terms[$1] ?? 0) }
            return ClinicianKPI(clinician: clin.id, profession: clin.profession, homeMunicipality: clin.homeMunicipality,
                                hours: roundMilli(w.shiftHours), travelHours: roundMilli(w.countedTravelHours),
                                regularHours: roundMilli(ctx.regularHours(w.clinician)), overtimeHours: roundMilli(w.overtimeHours),
                                travelKm: roundMilli(w.km), assignments: w.assignments.count,
                                differentSites: Set(w.assignments.map { candidates.all[$0].site }).count,
                                stayNights: w.nights.count, extraCostEUR: roundCents(extra))
        }
        let assignmentCount = weeks.reduce(0) { $0 + $1.assignments.count }
        let continuing = weeks.reduce(0) { $0 + $1.continuingAssignments }
        return PlanKPIs(
            sites: siteKPIs,
            municipalities: byMunicipality.keys.sorted().map { byMunicipality[$0]!.kpi($0, $0) }.filter { $0.demandHours > 0 },
            professions: byProfession.keys.sorted().map { byProfession[$0]!.kpi($0, $0) },
            clinicians: clinicianKPIs, total: total.kpi("total", "total"),
            travelKm: roundMilli(weeks.reduce(0) { $0 + $1.km }), overtimeHours: roundMilli(weeks.reduce(0) { $0 + $1.overtimeHours }),
            continuityShare: assignmentCount > 0 ? roundMicro(Double(continuing) / Double(assignmentCount)) : 0,
            worstSite: worst, bestSite: bestSite)
    }
}

extension CoverageKPI {
    /// Percentages and shares to 6 decimals (stable text, no float noise).
    func rounded() -> CoverageKPI {
        var k = self
        k.uncoveredHours = roundMilli(k.uncoveredHours)
        k.coveragePercent = roundMicro(k.coveragePercent)
        k.remoteShare = roundMicro(k.remoteShare)
        k.swedishCoveragePercent = k.swedishCoveragePercent.map(roundMicro)
        return k
    }
}
