@testable import Pool

/// Scenarios built in code for the allocation tests: tiny ones where every figure can be worked
/// out by hand (travel from an explicit distance matrix), and seeded random ones.
enum TestScenarios {
    static let monday = Day(year: 2026, month: 3, day: 2)!   // an ISO Monday
    static let day = ShiftType(name: "day", startMinute: 8 * 60, endMinute: 16 * 60)
    static let evening = ShiftType(name: "evening", startMinute: 14 * 60, endMinute: 22 * 60)
    static let night = ShiftType(name: "night", startMinute: 22 * 60, endMinute: 8 * 60)
    static let early = ShiftType(name: "early", startMinute: 7 * 60, endMinute: 15 * 60)
    static let late = ShiftType(name: "late", startMinute: 15 * 60, endMinute: 23 * 60)

    static func site(_ id: String, municipality: String = "Oulu", remoteOK: Bool = true) -> Site {
        Site(id: id, name: "Site " + id, municipality: municipality, location: Coordinate(lat: 65, lon: 25.5),
             kind: .healthCentre, remoteOK: remoteOK)
    }

    static func clinician(_ id: String, _ profession: String = "gp", competencies: [String] = [], languages: [String] = ["fi"],
                          weeklyHours: Double = 40, maxOvertime: Double = 0, hourly: Double = 50, premium: Double = 0.5,
                          remote: Bool = false, commute: Double = 60, stays: Bool = false) -> Clinician {
        Clinician(id: id, name: "Clinician " + id, profession: profession, competencies: competencies, languages: languages,
                  home: Coordinate(lat: 65, lon: 25.5), homeMunicipality: "Oulu", weeklyHours: weeklyHours,
                  maxOvertimeHours: maxOvertime, hourlyCostEUR: hourly, overtimePremium: premium, remote: remote,
                  maxCommuteMinutes: commute, acceptsStays: stays)
    }

    static func demand(_ site: String, day offset: Int, _ shift: String = "day", _ profession: String = "gp", count: Int = 1,
                       competencies: [String] = [], language: String? = nil, mode: DemandMode = .onsite,
                       priority: Double = 1, price: Double = 100) -> DemandRow {
        DemandRow(site: site, date: monday.adding(days: offset), shift: shift, profession: profession, count: count,
                  competencies: competencies, language: language, mode: mode, priority: priority, purchasedEURPerHour: price)
    }

    /// Costs with every soft term off except what a test turns on: only uncovered demand and travel.
    static var plainCosts: Costs {
        var c = Costs()
        c.kmAllowanceEURPerKm = 0.5; c.travelTimePaid = false; c.lodgingEURPerNight = 100; c.perDiemEURPerDay = 50
        c.continuityBonusEUR = 0; c.equityWeightEUR = 0; c.preferenceWeight = 1
        return c
    }

    /// A scenario with the given legs: `legs[clinician][site] = (km, minutes)`; missing pairs are far.
    static func make(days: Int = 7, shifts: [ShiftType] = [day, evening, night], rules: Rules = Rules(),
                     costs: Costs = plainCosts, sites: [Site], clinicians: [Clinician], demand: [DemandRow],
                     legs: [String: [String: (Double, Double)]] = [:], absences: [Absence] = [], history: [HistoryEntry] = [],
                     pins: [Pin] = [], preferences: [Preference] = []) -> Scenario {
        var distances: [String: TravelLeg] = [:]
        for c in clinicians {
            for s in sites {
                let l = legs[c.id]?[s.id] ?? (10, 10)
                distances[TravelEstimator.matrixKey(from: c.id, to: s.id)] = TravelLeg(km: l.0, minutes: l.1)
            }
        }
        var numbered = demand
        for i in numbered.indices { numbered[i].line = i + 2 }
        return Scenario(name: "tiny", horizon: Horizon(firstDate: monday, days: days), shiftTypes: shifts, rules: rules,
                        costs: costs, sites: sites, clinicians: clinicians, demand: numbered, absences: absences,
                        history: history, pins: pins, preferences: preferences, distances: distances)
    }

    /// A seeded random scenario with every feature in play (stays, remote, substitutions, history,
    /// absences, preferences, Swedish demand, overtime).
    static func random(seed: UInt64, clinicians nc: Int = 8, sites ns: Int = 4, days: Int = 7) -> Scenario {
        var rng = SplitMix64(seed: seed)
        let professions = ["gp", "nurse"]
        let sites = (0..<ns).map { i in
            Site(id: "s\(i)", name: "Site \(i)", municipality: i % 2 == 0 ? "Oulu" : "Raahe",
                 location: Coordinate(lat: 64.5 + rng.unit() * 1.5, lon: 24.5 + rng.unit() * 3),
                 kind: .healthCentre, remoteOK: rng.unit() < 0.6)
        }
        let clinicians = (0..<nc).map { i in
            Clinician(id: "c\(i)", name: "C \(i)", profession: professions[rng.int(0...professions.count - 1)],
                      competencies: rng.unit() < 0.5 ? ["ipc"] : [], languages: rng.unit() < 0.3 ? ["fi", "sv"] : ["fi"],
                      home: Coordinate(lat: 64.5 + rng.unit() * 1.5, lon: 24.5 + rng.unit() * 3),
                      homeMunicipality: rng.unit() < 0.5 ? "Oulu" : "Raahe",
                      weeklyHours: [24.0, 32, 38.25][rng.int(0...3 - 1)], maxOvertimeHours: [0.0, 4, 8][rng.int(0...3 - 1)],
                      hourlyCostEUR: 40 + rng.unit() * 40, overtimePremium: 0.5, remote: rng.unit() < 0.4,
                      maxCommuteMinutes: [45.0, 60, 90][rng.int(0...3 - 1)], acceptsStays: rng.unit() < 0.4)
        }
        let shifts = [day, evening, night]
        var demand: [DemandRow] = []
        for d in 0..<days {
            for s in sites where rng.unit() < 0.8 {
                for shift in shifts where rng.unit() < (shift.name == "day" ? 0.7 : 0.25) {
                    let p = professions[rng.int(0...2 - 1)]
                    demand.append(DemandRow(line: demand.count + 2, site: s.id, date: monday.adding(days: d), shift: shift.name,
                                            profession: p, count: 1 + rng.int(0...2 - 1), competencies: rng.unit() < 0.2 ? ["ipc"] : [],
                                            language: rng.unit() < 0.15 ? "sv" : nil,
                                            mode: [DemandMode.onsite, .either, .remote][rng.int(0...3 - 1)],
                                            priority: rng.unit() < 0.2 ? 2 : 1, purchasedEURPerHour: 90 + rng.unit() * 60))
                }
            }
        }
        var history: [HistoryEntry] = []
        var absences: [Absence] = []
        var preferences: [Preference] = []
        for c in clinicians {
            if rng.unit() < 0.4 {
                history.append(HistoryEntry(clinician: c.id, date: monday.adding(days: -1), shift: shifts[rng.int(0...3 - 1)].name,
                                            site: sites[rng.int(0...ns - 1)].id))
            }
            if rng.unit() < 0.3 { absences.append(Absence(clinician: c.id, date: monday.adding(days: rng.int(0...days - 1)))) }
            if rng.unit() < 0.3 {
                preferences.append(Preference(clinician: c.id, site: sites[rng.int(0...ns - 1)].id, weightEUR: rng.unit() < 0.5 ? 40 : -20))
            }
        }
        var rules = Rules()
        // Odd seeds link the two professions (one group, one block); even seeds keep them apart.
        if seed % 2 == 1 { rules.substitutions = [Substitution(clinicianProfession: "gp", demandProfession: "nurse")] }
        var costs = Costs()
        costs.continuityBonusEUR = 20; costs.equityWeightEUR = 10
        return Scenario(name: "random-\(seed)", horizon: Horizon(firstDate: monday, days: days), shiftTypes: shifts, rules: rules,
                        costs: costs, sites: sites, clinicians: clinicians, demand: demand, absences: absences,
                        history: history, preferences: preferences)
    }
}

