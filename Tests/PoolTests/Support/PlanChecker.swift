import Foundation
@testable import Pool

/// An independent re-check of a plan against PRODUCT §3 and a recomputation of the §4 objective,
/// from the scenario and the assignments alone. Deliberately its own code: it shares no logic with
/// the model builder, the greedy or the decoder (only the domain types and the travel estimate,
/// which are input), so a bug there cannot hide itself here.
struct PlanChecker {
    let scenario: Scenario
    let travel: TravelEstimator

    init(_ scenario: Scenario) {
        self.scenario = scenario
        travel = TravelEstimator(scenario: scenario)
    }

    struct Item {
        var clinician: String, date: Day, shift: String, site: String, mode: WorkMode
    }

    struct Report {
        var violations: [String] = []
        /// Recomputed objective terms, by name.
        var terms: [String: Double] = [:]
        var objective: Double { terms.values.reduce(0, +) }
        var coveredPerRow: [Int] = []
    }

    /// Parses assignments.csv (header `clinician,date,shift,site,mode,...`).
    static func items(csv: String) -> [Item] {
        csv.split(separator: "\n").dropFirst().compactMap { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 5, let d = Day(iso: f[1]), let m = WorkMode(rawValue: f[4]) else { return nil }
            return Item(clinician: f[0], date: d, shift: f[2], site: f[3], mode: m)
        }
    }

    static func items(_ plan: Plan) -> [Item] {
        plan.assignments.map { Item(clinician: $0.clinician, date: $0.date, shift: $0.shift, site: $0.site, mode: $0.mode) }
    }

    func check(_ items: [Item]) -> Report {
        var report = Report()
        func fail(_ s: String) { report.violations.append(s) }
        let sc = scenario
        let rest = sc.rules.minRestHours * 60

        // Structure and §3.5 absences, §3.6/§3.7 modes.
        var valid: [(Item, Clinician, Site, ShiftType)] = []
        for it in items {
            guard let c = sc.clinicians.first(where: { $0.id == it.clinician }) else { fail("unknown clinician \(it.clinician)"); continue }
            guard let s = sc.sites.first(where: { $0.id == it.site }) else { fail("unknown site \(it.site)"); continue }
            guard let st = sc.shiftTypes.first(where: { $0.name == it.shift }) else { fail("unknown shift \(it.shift)"); continue }
            guard sc.horizon.contains(it.date) else { fail("\(it.clinician) assigned outside the horizon \(it.date)"); continue }
            if sc.absences.contains(where: { $0.clinician == c.id && $0.date == it.date && ($0.shift == nil || $0.shift == it.shift) }) {
                fail("§3.5 \(c.id) assigned while absent on \(it.date.iso) \(it.shift)")
            }
            let minutes = travel.leg(from: c, to: s).minutes
            switch it.mode {
            case .onsite:
                if minutes > c.maxCommuteMinutes { fail("§3.6 \(c.id) commutes \(Int(minutes)) min > \(Int(c.maxCommuteMinutes)) to \(s.id)") }
            case .stay:
                if !c.acceptsStays { fail("§3.6 \(c.id) on a stay but does not accept stays") }
                if minutes <= c.maxCommuteMinutes { fail("§3.6 \(c.id) on a stay at \(s.id) within commuting range") }
                if let hours = sc.rules.maxStayTravelHours, minutes > hours * 60 {
                    fail("§3.6 \(c.id) on a stay at \(s.id) \(Int(minutes)) min away, beyond rules.max_stay_travel_hours")
                }
            case .remote:
                if !c.remote { fail("§3.7 \(c.id) works remotely but is not remote-capable") }
                if !s.remoteOK { fail("§3.7 site \(s.id) cannot receive remote work") }
            }
            valid.append((it, c, s, st))
        }

        // §3.1 qualification and row counts: a maximum matching of assignments to demand places.
        let rowsBySlot = Dictionary(grouping: sc.demand.indices, by: { "\(sc.demand[$0].site)|\(sc.demand[$0].date.iso)|\(sc.demand[$0].shift)" })
        var covered = Array(repeating: 0, count: sc.demand.count)
        let slots = Dictionary(grouping: valid.indices, by: { "\(valid[$0].0.site)|\(valid[$0].0.date.iso)|\(valid[$0].0.shift)" })
        for key in slots.keys.sorted() {
            let people = slots[key] ?? []
            let rows = rowsBySlot[key] ?? []
            func fits(_ p: Int, _ r: Int) -> Bool {
                let (it, c, _, _) = valid[p], row = sc.demand[r]
                let profOK = c.profession == row.profession || sc.rules.substitutions.contains {
                    $0.clinicianProfession == c.profession && $0.demandProfession == row.profession }
                let modeOK = it.mode == .remote ? row.mode != .onsite : row.mode != .remote
                return profOK && row.competencies.allSatisfy(c.competencies.contains)
                    && (row.language.map { $0.isEmpty || c.languages.contains($0) } ?? true) && modeOK
            }
            var matchOf = Array(repeating: -1, count: people.count)
            var load = Dictionary(uniqueKeysWithValues: rows.map { ($0, [Int]()) })
            func augment(_ p: Int, _ seen: inout Set<Int>) -> Bool {
                for r in rows where fits(people[p], r) && !seen.contains(r) {
                    seen.insert(r)
                    if (load[r]?.count ?? 0) < sc.demand[r].count {
                        load[r, default: []].append(p); matchOf[p] = r; return true
                    }
                    for q in load[r] ?? [] {
                        if augment(q, &seen) {
                            load[r]?.removeAll { $0 == q }; load[r, default: []].append(p); matchOf[p] = r; return true
                        }
                    }
                }
                return false
            }
            for p in people.indices {
                var seen = Set<Int>()
                if !augment(p, &seen) {
                    let it = valid[people[p]].0
                    fail("§3.1 \(it.clinician) at \(it.site) \(it.date.iso) \(it.shift) (\(it.mode.rawValue)) matches no open qualified demand")
                }
            }
            for (r, list) in load { covered[r] += list.count }
        }
        report.coveredPerRow = covered

        // Per clinician: §3.2, §3.3, §3.4 and the clinician's cost terms.
        var t: [String: Double] = [:]
        let byClinician = Dictionary(grouping: valid, by: { $0.1.id })
        for id in byClinician.keys.sorted() {
            let list = (byClinician[id] ?? []).sorted { $0.3.start(on: $0.0.date) < $1.3.start(on: $1.0.date) }
            guard let c = list.first?.1 else { continue }
            func leg(_ s: Site) -> TravelLeg { travel.leg(from: c, to: s) }
            func isStay(_ site: String, _ d: Day) -> Bool { list.contains { $0.0.site == site && $0.0.date == d && $0.0.mode == .stay } }
            struct Busy { var start: Int; var end: Int; var site: String; var mode: WorkMode; var legMin: Double; var past = false }
            var busy = list.map { Busy(start: $0.3.start(on: $0.0.date), end: $0.3.end(on: $0.0.date), site: $0.2.id, mode: $0.0.mode, legMin: leg($0.2).minutes) }
            var history: [Busy] = []
            for h in sc.history where h.clinician == id {
                guard let st = sc.shiftTypes.first(where: { $0.name == h.shift }) else { continue }
                let legMin = sc.sites.first { $0.id == h.site }.map { leg($0).minutes } ?? 0
                history.append(Busy(start: st.start(on: h.date), end: st.end(on: h.date), site: h.site, mode: .onsite, legMin: legMin, past: true))
            }
            busy += history
            busy.sort { ($0.start, $0.end) < ($1.start, $1.end) }
            for i in busy.indices {
                for j in busy.indices where j > i {
                    let a = busy[i], b = busy[j]
                    if a.past && b.past { continue }
                    if b.start < a.end || a.start == b.start { fail("§3.2 \(id) in two places at once at minute \(b.start)"); continue }
                    let sameStay = a.mode == .stay && b.mode == .stay && a.site == b.site
                    let after = a.mode == .remote || sameStay ? 0 : a.legMin
                    let before = b.mode == .remote || sameStay ? 0 : b.legMin
                    if rest > 0 && Double(b.start - a.end) < rest + after + before {
                        fail("§3.2 \(id) rests \(b.start - a.end) min between \(a.site) and \(b.site), needs \(Int(rest + after + before))")
                    }
                }
            }
            // §3.3: N consecutive dates touched by nothing (assignments and history).
            let n = sc.rules.weeklyRestDays
            if n > 0 {
                let first = sc.horizon.firstDate.ordinal
                var touched = Set<Int>()
                for b in busy {
                    var m = b.start
                    while m < b.end { touched.insert(Int((Double(m) / 1440).rounded(.down)) - first); m = (m / 1440 + 1) * 1440 }
                }
                let ok = (0...max(0, sc.horizon.days - n)).contains { s in (s..<(s + n)).allSatisfy { !touched.contains($0) } }
                if !ok || n > sc.horizon.days { fail("§3.3 \(id) has no \(n) consecutive free days") }
            }
            // Costs and §3.4 hours.
            var hours = 0.0, travelHours = 0.0
            for (it, _, s, st) in list {
                hours += st.hours
                let l = leg(s)
                switch it.mode {
                case .onsite:
                    t["travelKm", default: 0] += 2 * l.km * sc.costs.kmAllowanceEURPerKm
                    if sc.costs.travelTimePaid { t["travelTime", default: 0] += 2 * l.minutes / 60 * c.hourlyCostEUR }
                    travelHours += 2 * l.minutes / 60
                case .stay:
                    t["perDiem", default: 0] += sc.costs.perDiemEURPerDay
                    if !isStay(s.id, it.date.adding(days: -1)) {
                        t["travelKm", default: 0] += 2 * l.km * sc.costs.kmAllowanceEURPerKm
                        if sc.costs.travelTimePaid { t["travelTime", default: 0] += 2 * l.minutes / 60 * c.hourlyCostEUR }
                        travelHours += 2 * l.minutes / 60
                    }
                    if isStay(s.id, it.date.adding(days: 1)) { t["lodging", default: 0] += sc.costs.lodgingEURPerNight }
                case .remote: break
                }
                if sc.history.contains(where: { $0.clinician == id && $0.site == s.id }) {
                    t["continuity", default: 0] -= sc.costs.continuityBonusEUR
                }
                for p in sc.preferences where p.clinician == id && (p.site ?? s.id) == s.id
                    && (p.shift ?? it.shift) == it.shift && (p.date ?? it.date) == it.date {
                    t["preferences", default: 0] += p.weightEUR * sc.costs.preferenceWeight
                }
            }
            let siteDays = Set(list.map { "\($0.2.id)|\($0.0.date.ordinal)" })
            for sd in siteDays {
                let parts = sd.split(separator: "|")
                if let d = Int(parts[1]), siteDays.contains("\(parts[0])|\(d + 1)") { t["continuity", default: 0] -= sc.costs.continuityBonusEUR }
            }
            let worked = hours + (sc.rules.travelCountsAsWorkingTime ? travelHours : 0)
            let regular = c.weeklyHours * Double(sc.horizon.days) / 7
            if worked > regular + c.maxOvertimeHours + 1e-6 {
                fail("§3.4 \(id) works \(worked) h > \(regular) + \(c.maxOvertimeHours)")
            }
            t["overtime", default: 0] += max(0, worked - regular) * c.hourlyCostEUR * (1 + c.overtimePremium)
        }
        // §3.5 pins.
        for pin in sc.pins where !items.contains(where: { $0.clinician == pin.clinician && $0.date == pin.date && $0.shift == pin.shift
                                                        && $0.site == pin.site && (pin.mode == nil || pin.mode == $0.mode) }) {
            fail("§3.5 pin \(pin.clinician) \(pin.date.iso) \(pin.shift) \(pin.site) not kept")
        }
        // Uncovered, and equity per profession group (professions linked by a substitution that a
        // pool clinician can use), each group's worst site weighted by its share of demand hours.
        var group: [String: String] = [:]
        func root(_ p: String) -> String { var p = p; while let q = group[p], q != p { p = q }; return p }
        for row in sc.demand { group[row.profession] = row.profession }
        for c in sc.clinicians { group[c.profession] = group[c.profession] ?? c.profession }
        for s in sc.rules.substitutions where sc.clinicians.contains(where: { $0.profession == s.clinicianProfession }) {
            guard group[s.demandProfession] != nil else { continue }
            let a = root(s.clinicianProfession), b = root(s.demandProfession)
            if a != b { group[max(a, b)] = min(a, b) }
        }
        var demandBy: [String: Double] = [:], openBy: [String: Double] = [:], groupHours: [String: Double] = [:], total = 0.0
        for (r, row) in sc.demand.enumerated() {
            guard let st = sc.shiftTypes.first(where: { $0.name == row.shift }), row.count > 0 else { continue }
            let open = Double(max(0, row.count - covered[r]))
            t["uncovered", default: 0] += open * st.hours * row.purchasedEURPerHour * row.priority
            let g = root(row.profession), key = g + "|" + row.site
            demandBy[key, default: 0] += st.hours * Double(row.count)
            openBy[key, default: 0] += st.hours * open
            groupHours[g, default: 0] += st.hours * Double(row.count); total += st.hours * Double(row.count)
        }
        if sc.costs.equityWeightEUR > 0, total > 0 {
            for (g, hours) in groupHours {
                let worst = demandBy.keys.filter { $0.hasPrefix(g + "|") }.map { (openBy[$0] ?? 0) / (demandBy[$0] ?? 1) }.max() ?? 0
                t["equity", default: 0] += sc.costs.equityWeightEUR * 100 * worst * hours / total
            }
        }
        report.terms = t
        return report
    }
}
