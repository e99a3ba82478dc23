import Testing
@testable import Pool

/// The independent checker must itself be able to fail: each hand-made plan breaks one rule.
@Suite struct AllocationCheckerTests {
    typealias T = TestScenarios
    static let d0 = T.monday, d1 = T.monday.adding(days: 1)

    func violations(_ sc: Scenario, _ items: [PlanChecker.Item]) -> [String] {
        PlanChecker(sc).check(items).violations
    }

    func item(_ c: String, _ day: Day, _ shift: String, _ site: String, _ mode: WorkMode = .onsite) -> PlanChecker.Item {
        PlanChecker.Item(clinician: c, date: day, shift: shift, site: site, mode: mode)
    }

    @Test func acceptsAValidPlanAndPricesIt() {
        let sc = T.make(sites: [T.site("a")], clinicians: [T.clinician("g")],
                        demand: [T.demand("a", day: 0), T.demand("a", day: 1)], legs: ["g": ["a": (20, 15)]])
        let r = PlanChecker(sc).check([item("g", Self.d0, "day", "a")])
        #expect(r.violations.isEmpty)
        // one uncovered 8 h shift at 100 €/h, one commute of 2 × 20 km at 0.5 €/km
        #expect(abs(r.objective - (800 + 20)) < 1e-9)
    }

    @Test func catchesQualificationCompetencyAndLanguage() {
        let sc = T.make(sites: [T.site("a")], clinicians: [T.clinician("g"), T.clinician("n", "nurse")],
                        demand: [T.demand("a", day: 0, "day", "gp", competencies: ["ipc"]), T.demand("a", day: 1, "day", "gp", language: "sv"),
                                 T.demand("a", day: 2)])
        #expect(violations(sc, [item("g", Self.d0, "day", "a")]).contains { $0.hasPrefix("§3.1") })
        #expect(violations(sc, [item("g", Self.d1, "day", "a")]).contains { $0.hasPrefix("§3.1") })
        #expect(violations(sc, [item("n", Self.d0.adding(days: 2), "day", "a")]).contains { $0.hasPrefix("§3.1") })
        #expect(violations(sc, [item("g", Self.d0.adding(days: 2), "day", "a")]).isEmpty)
    }

    @Test func catchesTwoPlacesRestAndHistory() {
        let sc = T.make(sites: [T.site("a"), T.site("b")], clinicians: [T.clinician("g")],
                        demand: [T.demand("a", day: 0), T.demand("b", day: 0), T.demand("a", day: 0, "evening"), T.demand("a", day: 1)],
                        history: [HistoryEntry(clinician: "g", date: Self.d0.adding(days: -1), shift: "evening", site: "a")])
        #expect(violations(sc, [item("g", Self.d0, "day", "a"), item("g", Self.d0, "day", "b")]).contains { $0.contains("two places") })
        #expect(violations(sc, [item("g", Self.d0, "evening", "a"), item("g", Self.d1, "day", "a")]).contains { $0.contains("rests") })
        // Sunday evening in the history, Monday day shift: 10 h rest
        #expect(violations(sc, [item("g", Self.d0, "day", "a")]).contains { $0.contains("rests") })
    }

    @Test func catchesWeeklyRestHoursAbsencePinsAndModes() {
        let days = (0..<7).map { T.demand("a", day: $0) }
        var sc = T.make(sites: [T.site("a"), T.site("far", remoteOK: false)], clinicians: [T.clinician("g", weeklyHours: 60)],
                        demand: days + [T.demand("far", day: 0, mode: .either)], legs: ["g": ["far": (200, 150)]])
        let week = (0..<7).map { item("g", Self.d0.adding(days: $0), "day", "a") }
        #expect(violations(sc, week).contains { $0.hasPrefix("§3.3") })
        #expect(violations(sc, Array(week.prefix(5))).isEmpty)
        sc.clinicians[0].weeklyHours = 30
        #expect(violations(sc, Array(week.prefix(4))).contains { $0.hasPrefix("§3.4") })
        sc.absences = [Absence(clinician: "g", date: Self.d0)]
        #expect(violations(sc, [week[0]]).contains { $0.hasPrefix("§3.5") })
        sc.absences = []
        sc.pins = [Pin(clinician: "g", date: Self.d1, shift: "day", site: "a")]
        #expect(violations(sc, [week[0]]).contains { $0.hasPrefix("§3.5 pin") })
        sc.pins = []
        #expect(violations(sc, [item("g", Self.d0, "day", "far")]).contains { $0.hasPrefix("§3.6") })
        #expect(violations(sc, [item("g", Self.d0, "day", "far", .stay)]).contains { $0.hasPrefix("§3.6") })
        #expect(violations(sc, [item("g", Self.d0, "day", "far", .remote)]).contains { $0.hasPrefix("§3.7") })
    }
}
