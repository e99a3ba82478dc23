/// Absences, last week's history, a few pins and preferences, with stated probabilities.
struct EventGenerator {
    let clinicians: [Clinician]
    let sites: [PlannedSite]
    let geo: Geography
    let horizon: Horizon
    let shiftNames: [String]
    let rules: Rules
    let travel: TravelSettings

    /// Probability that a clinician has planned leave of 2–5 days in the week.
    static let leaveShare = 0.06
    /// Probability of one absent shift (training, a doctor's appointment).
    static let shiftAbsenceShare = 0.04
    /// Probability that someone worked the last evening before the week (rest across the boundary).
    static let lateLastShiftShare = 0.1
    /// Shares of the pool with a pin and with a preference (at least one pin and two preferences).
    static let pinShare = 0.01
    static let preferenceShare = 0.05

    func absences(suddenRate: Double, rng: inout SplitMix64) -> [Absence] {
        var out: [Absence] = []
        let dates = horizon.dates
        for c in clinicians {
            var days: Set<Int> = []
            if rng.chance(Self.leaveShare) {
                let length = rng.int(2...5), start = rng.int(0...max(0, dates.count - 1))
                for d in start..<min(dates.count, start + length) { days.insert(d) }
            }
            // Sudden absences (äkilliset poissaolot): sick from mid-week, after the plan was published.
            if rng.chance(suddenRate) && dates.count > 2 {
                let start = dates.count / 2 - 1
                for d in start..<min(dates.count, start + rng.int(1...3)) { days.insert(d) }
            }
            for d in days.sorted() { out.append(Absence(clinician: c.id, date: dates[d])) }
            if rng.chance(Self.shiftAbsenceShare) {
                let d = rng.int(0...dates.count - 1)
                if !days.contains(d) {
                    out.append(Absence(clinician: c.id, date: dates[d], shift: shiftNames[rng.int(0...shiftNames.count - 1)]))
                }
            }
        }
        return out
    }

    /// Sites offering each profession (the list `usualSites` scans), computed once.
    func sitesByProfession() -> [String: [Site]] {
        var out: [String: [Site]] = [:]
        for profile in ProfessionProfile.all {
            let offering = sites.filter { DemandGenerator.weight($0.site.kind, profile, dentalElsewhere: false) > 0 }
            out[profile.id] = (offering.isEmpty ? sites : offering).map(\.site)
        }
        return out
    }

    /// Each clinician's two nearest sites that offer their profession, nearest first (a linear scan:
    /// sorting every site for every clinician is too slow at national scale).
    func usualSites(of c: Clinician, offering: [String: [Site]]) -> [Site] {
        var best: [(km: Double, site: Site)] = []
        for site in offering[c.profession] ?? sites.map(\.site) {
            let km = TravelEstimator.greatCircleKm(c.home, site.location)
            if best.count < 2 || (km, site.id) < (best[best.count - 1].km, best[best.count - 1].site.id) {
                best.append((km, site))
                best.sort { ($0.km, $0.site.id) < ($1.km, $1.site.id) }
                if best.count > 2 { best.removeLast() }
            }
        }
        return best.map(\.site)
    }

    /// Last week: 3–5 weekday day shifts at the usual site (sometimes the second one), and for some a
    /// late shift on the last evening, so that the rest rule reaches into the new week.
    func history(usual: [String: [Site]], rng: inout SplitMix64) -> [HistoryEntry] {
        var out: [HistoryEntry] = []
        let lastWeek = (1...7).map { horizon.firstDate.adding(days: -8 + $0) }
        for c in clinicians {
            guard let sitesOfC = usual[c.id], let home = sitesOfC.first else { continue }
            let weekdays = lastWeek.filter { $0.isoWeekday <= 5 }
            for date in weekdays.prefix(rng.int(3...5)) {
                let site = sitesOfC.count > 1 && rng.chance(0.2) ? sitesOfC[1] : home
                out.append(HistoryEntry(clinician: c.id, date: date, shift: "day", site: site.id))
            }
            if rng.chance(Self.lateLastShiftShare), let last = lastWeek.last {
                let late = ["gp", "nurse"].contains(c.profession) && rng.chance(0.4) ? "night" : "evening"
                out.append(HistoryEntry(clinician: c.id, date: last, shift: late, site: home.id))
            }
        }
        return out.sorted { ($0.clinician, $0.date) < ($1.clinician, $1.date) }
    }

    /// A few assignments agreed in advance: on the second day, at the clinician's usual site, on a
    /// demand row they qualify for and can reach, never more pins than the row's count.
    func pins(demand: [DemandRow], usual: [String: [Site]], absences: [Absence], rng: inout SplitMix64) -> [Pin] {
        guard horizon.days >= 2 else { return [] }
        let day = horizon.firstDate.adding(days: 1)
        let absent = Set(absences.filter { $0.date == day && ($0.shift == nil || $0.shift == "day") }.map(\.clinician))
        let travel = TravelEstimator(settings: travel, matrix: [:])
        var used = [Int](repeating: 0, count: demand.count)
        var out: [Pin] = []
        let target = max(1, Int((Self.pinShare * Double(clinicians.count)).rounded()))
        for c in shuffled(clinicians, rng: &rng) where out.count < target && !absent.contains(c.id) {
            guard let site = usual[c.id]?.first else { continue }
            let fits = demand.indices.first { i in
                let row = demand[i]
                return row.site == site.id && row.date == day && row.shift == "day" && row.profession == c.profession
                    && used[i] < row.count && row.mode.allowsOnsite
                    && row.competencies.allSatisfy(c.competencies.contains)
                    && (row.language.map(c.languages.contains) ?? true)
            }
            guard let i = fits,
                  c.acceptsStays || travel.leg(from: c, to: site).minutes <= c.maxCommuteMinutes * 0.8 else { continue }
            used[i] += 1
            out.append(Pin(clinician: c.id, date: day, shift: "day", site: site.id))
        }
        return out
    }

    func preferences(usual: [String: [Site]], rng: inout SplitMix64) -> [Preference] {
        var out: [Preference] = []
        let target = max(2, Int((Self.preferenceShare * Double(clinicians.count)).rounded()))
        for c in shuffled(clinicians, rng: &rng).prefix(target) {
            switch rng.int(0...2) {
            case 0 where shiftNames.contains("night"):
                out.append(Preference(clinician: c.id, shift: "night", weightEUR: 40))
            case 1:
                if let site = usual[c.id]?.first { out.append(Preference(clinician: c.id, site: site.id, weightEUR: -15)) }
            default:
                if horizon.days >= 5 { out.append(Preference(clinician: c.id, date: horizon.firstDate.adding(days: 4), weightEUR: 60)) }
            }
        }
        return out
    }

    /// Fisher–Yates with the scenario's generator.
    private func shuffled(_ xs: [Clinician], rng: inout SplitMix64) -> [Clinician] {
        var xs = xs
        for i in stride(from: xs.count - 1, to: 0, by: -1) { xs.swapAt(i, rng.int(0...i)) }
        return xs
    }
}
