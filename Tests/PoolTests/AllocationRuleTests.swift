import Testing
@testable import Pool

/// For every hard rule of PRODUCT §3 a tiny scenario where it binds: the optimal plan with the rule
/// differs from the optimal plan without it, and the checker flags the latter.
@Suite struct AllocationRuleTests {
    typealias T = TestScenarios
    let a = T.site("a"), b = T.site("b")

    @Test func qualificationProfession() throws {
        let sc = T.make(sites: [a], clinicians: [T.clinician("g")], demand: [T.demand("a", day: 0, "day", "nurse")])
        let (with, _) = try Harness.expectBinds(.qualification, section: "§3.1", sc)
        #expect(with.uncovered.map(\.reason) == [.nobodyQualified])
    }

    @Test func substitutionLetsASpecialistCoverGPDemand() throws {
        var rules = Rules()
        let sc0 = T.make(rules: rules, sites: [a], clinicians: [T.clinician("s", "specialist")], demand: [T.demand("a", day: 0)])
        #expect(try Harness.solveChecked(sc0).assignments.isEmpty)
        rules.substitutions = [Substitution(clinicianProfession: "specialist", demandProfession: "gp")]
        let sc1 = T.make(rules: rules, sites: [a], clinicians: [T.clinician("s", "specialist")], demand: [T.demand("a", day: 0)])
        let plan = try Harness.solveChecked(sc1)
        #expect(plan.assignments.map(\.clinician) == ["s"])
        #expect(plan.assignments.first?.profession == "gp")
    }

    @Test func competencies() throws {
        let sc = T.make(sites: [a], clinicians: [T.clinician("g", competencies: ["rai"])],
                        demand: [T.demand("a", day: 0, competencies: ["ipc"])])
        let (with, _) = try Harness.expectBinds(.competencies, section: "§3.1", sc)
        #expect(with.uncovered.map(\.reason) == [.nobodyWithCompetencies])
    }

    @Test func language() throws {
        let sc = T.make(sites: [a], clinicians: [T.clinician("g", languages: ["fi"])], demand: [T.demand("a", day: 0, language: "sv")])
        let (with, _) = try Harness.expectBinds(.language, section: "§3.1", sc)
        #expect(with.uncovered.map(\.reason) == [.nobodyWithLanguage])
        #expect(with.kpis.total.swedishCoveragePercent == 0)
    }

    @Test func twoPlacesAtOnce() throws {
        var rules = Rules(); rules.minRestHours = 0
        let sc = T.make(rules: rules, sites: [a, b], clinicians: [T.clinician("g")],
                        demand: [T.demand("a", day: 0), T.demand("b", day: 0)])
        let (with, without) = try Harness.expectBinds(.onePlaceAtATime, section: "§3.2", sc)
        #expect(with.assignments.count == 1 && without.assignments.count == 2)
        #expect(with.uncovered.map(\.reason) == [.busyOrAtHoursLimit])
    }

    @Test func minimumRest() throws {
        // Monday evening 14–22, Tuesday day 08–16: 10 h of rest < 11 h.
        let sc = T.make(sites: [a], clinicians: [T.clinician("g")],
                        demand: [T.demand("a", day: 0, "evening"), T.demand("a", day: 1, "day")])
        let (with, without) = try Harness.expectBinds(.minimumRest, section: "§3.2", sc)
        #expect(with.assignments.count == 1 && without.assignments.count == 2)
    }

    @Test func minimumRestCountsTravelTime() throws {
        // 12–20 then 07–15 next day: exactly 11 h between shifts, but 30 min commute each way.
        let mid = ShiftType(name: "mid", startMinute: 12 * 60, endMinute: 20 * 60)
        let demand = [T.demand("a", day: 0, "mid"), T.demand("a", day: 1, "early")]
        let far = T.make(shifts: [mid, T.early], sites: [a], clinicians: [T.clinician("g")], demand: demand,
                         legs: ["g": ["a": (20, 30)]])
        let (with, _) = try Harness.expectBinds(.minimumRest, section: "§3.2", far)
        #expect(with.assignments.count == 1)
        // The same week with no travel time fits both shifts: travel is what binds.
        let near = T.make(shifts: [mid, T.early], sites: [a], clinicians: [T.clinician("g")], demand: demand,
                          legs: ["g": ["a": (0, 0)]])
        #expect(try Harness.solveChecked(near).assignments.count == 2)
    }

    @Test func minimumRestAcrossTheWeekBoundary() throws {
        // Last week's Sunday evening shift ends at 22:00; Monday's day shift starts at 08:00.
        let sc = T.make(sites: [a], clinicians: [T.clinician("g")], demand: [T.demand("a", day: 0)],
                        history: [HistoryEntry(clinician: "g", date: T.monday.adding(days: -1), shift: "evening", site: "a")])
        let (with, _) = try Harness.expectBinds(.minimumRest, section: "§3.2", sc)
        #expect(with.uncovered.map(\.reason) == [.restAfterPreviousWeek])
    }

    @Test func weeklyRestBlock() throws {
        let sc = T.make(sites: [a], clinicians: [T.clinician("g", weeklyHours: 60)], demand: (0..<7).map { T.demand("a", day: $0) })
        let (with, without) = try Harness.expectBinds(.weeklyRest, section: "§3.3", sc)
        #expect(with.assignments.count == 5 && without.assignments.count == 7)
    }

    @Test func weeklyRestSeesLastWeeksNightShift() throws {
        // 3-day horizon, 2 free days needed. Sunday's night shift ends Monday 08:00, so Monday is not
        // free: the block must be Tuesday–Wednesday and Wednesday's shift cannot be worked.
        let demand = [T.demand("a", day: 2)]
        let plain = T.make(days: 3, sites: [a], clinicians: [T.clinician("g")], demand: demand)
        #expect(try Harness.solveChecked(plain).assignments.count == 1)
        let sc = T.make(days: 3, sites: [a], clinicians: [T.clinician("g")], demand: demand,
                        history: [HistoryEntry(clinician: "g", date: T.monday.adding(days: -1), shift: "night", site: "a")])
        let (with, _) = try Harness.expectBinds(.weeklyRest, section: "§3.3", sc)
        #expect(with.assignments.isEmpty)
    }

    @Test func weeklyHours() throws {
        // 17 h a week: two 8 h shifts plus 40 min of commuting fit, three do not.
        let sc = T.make(sites: [a], clinicians: [T.clinician("g", weeklyHours: 17)],
                        demand: [T.demand("a", day: 0), T.demand("a", day: 2), T.demand("a", day: 4)])
        let (with, without) = try Harness.expectBinds(.weeklyHours, section: "§3.4", sc)
        #expect(with.assignments.count == 2 && without.assignments.count == 3)
        #expect(with.uncovered.map(\.reason) == [.busyOrAtHoursLimit])
    }

    @Test func weeklyHoursCountTravelTime() throws {
        var rules = Rules()
        let demand = [T.demand("a", day: 0), T.demand("a", day: 2)]
        let counted = T.make(rules: rules, sites: [a], clinicians: [T.clinician("g", weeklyHours: 16)], demand: demand)
        #expect(try Harness.solveChecked(counted).assignments.count == 1)
        rules.travelCountsAsWorkingTime = false
        let notCounted = T.make(rules: rules, sites: [a], clinicians: [T.clinician("g", weeklyHours: 16)], demand: demand)
        #expect(try Harness.solveChecked(notCounted).assignments.count == 2)
    }

    @Test func absence() throws {
        let sc = T.make(sites: [a], clinicians: [T.clinician("g")], demand: [T.demand("a", day: 0), T.demand("a", day: 1, "evening")],
                        absences: [Absence(clinician: "g", date: T.monday), Absence(clinician: "g", date: T.monday.adding(days: 1), shift: "day")])
        let (with, _) = try Harness.expectBinds(.absence, section: "§3.5", sc)
        // Whole-day absence blocks Monday; Tuesday's absence covers only the day shift.
        #expect(with.assignments.map(\.date) == [T.monday.adding(days: 1)])
        #expect(with.uncovered.map(\.reason) == [.allAbsent])
    }

    @Test func pins() throws {
        // b is further (dearer) than a; the pin forces b.
        let sc = T.make(sites: [a, b], clinicians: [T.clinician("g")], demand: [T.demand("a", day: 0), T.demand("b", day: 0)],
                        legs: ["g": ["a": (10, 10), "b": (40, 30)]],
                        pins: [Pin(clinician: "g", date: T.monday, shift: "day", site: "b")])
        let (with, without) = try Harness.expectBinds(.pins, section: "§3.5", sc)
        #expect(with.assignments.map(\.site) == ["b"] && without.assignments.map(\.site) == ["a"])
    }

    @Test func impossiblePinIsReportedBeforeSolving() {
        let sc = T.make(sites: [a], clinicians: [T.clinician("g")], demand: [T.demand("a", day: 0, "day", "nurse")],
                        pins: [Pin(clinician: "g", date: T.monday, shift: "day", site: "a")])
        #expect(throws: AllocationInputError.self) { try Harness.run(sc) }
        do { _ = try Harness.run(sc) } catch let e as AllocationInputError {
            #expect(e.problems.first?.contains("profession gp is not demanded there") == true)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func commuteLimit() throws {
        let sc = T.make(sites: [a], clinicians: [T.clinician("g", commute: 60)], demand: [T.demand("a", day: 0)],
                        legs: ["g": ["a": (100, 80)]])
        let (with, _) = try Harness.expectBinds(.commuteLimit, section: "§3.6", sc)
        #expect(with.uncovered.map(\.reason) == [.beyondTravelRange])
    }

    @Test func staysOnlyForClinicansWhoAcceptThem() throws {
        let sc = T.make(sites: [a], clinicians: [T.clinician("g", commute: 60, stays: false)], demand: [T.demand("a", day: 0)],
                        legs: ["g": ["a": (100, 80)]])
        let (with, without) = try Harness.expectBinds(.stays, section: "§3.6", sc)
        #expect(with.assignments.isEmpty && without.assignments.map(\.mode) == [.stay])
    }

    @Test func staysOnlyWithinTheLongestStayTrip() throws {
        var rules = Rules()
        rules.maxStayTravelHours = 4
        let legs = ["g": ["a": (300.0, 200.0), "b": (400.0, 300.0)]]
        let sc = T.make(rules: rules, sites: [a, b], clinicians: [T.clinician("g", commute: 60, stays: true)],
                        demand: [T.demand("a", day: 0), T.demand("b", day: 2)], legs: legs)
        // a is 200 min away (a stay), b 300 min (beyond the 4 h limit)
        let (with, without) = try Harness.expectBinds(.stays, section: "§3.6", sc)
        #expect(with.assignments.map(\.site) == ["a"] && with.assignments.map(\.mode) == [.stay])
        #expect(with.uncovered.map(\.site) == ["b"])
        #expect(without.assignments.map(\.site) == ["a", "b"])
    }

    /// A stay day after a day with a stay candidate there but no stay (g is pinned at b on Monday)
    /// starts a trip, 200 €, not a night of lodging, 100 €: the model's optimum must be the
    /// decoded plan's cost (fails without the row `stayNightAfterStay`, when the model would pay
    /// a night for Monday instead of Tuesday's trip).
    @Test func aStayAfterADayWithoutOneStartsATrip() throws {
        let sc = T.make(sites: [a, b], clinicians: [T.clinician("g", commute: 60, stays: true)],
                        demand: [T.demand("a", day: 0), T.demand("a", day: 1), T.demand("b", day: 0)],
                        legs: ["g": ["a": (200, 150), "b": (10, 10)]],
                        pins: [Pin(clinician: "g", date: T.monday, shift: "day", site: "b")])
        let plan = try Harness.solveChecked(sc)
        #expect(plan.assignments.map(\.site) == ["b", "a"] && plan.assignments.map(\.mode) == [.onsite, .stay])
        #expect(plan.costs.lodging == 0)
        #expect(plan.solver.status == .optimal)
        let bound = try #require(plan.solver.bestBound)
        #expect(abs(bound - plan.costs.objective) < 0.01, "the model priced the plan at \(bound), the plan costs \(plan.costs.objective)")
    }

    @Test func remoteEligibility() throws {
        // Far away, no stays: only remote could cover; the clinician is not remote-capable.
        let sc = T.make(sites: [a], clinicians: [T.clinician("g", remote: false)], demand: [T.demand("a", day: 0, mode: .either)],
                        legs: ["g": ["a": (300, 200)]])
        let (_, without) = try Harness.expectBinds(.remoteEligibility, section: "§3.7", sc)
        #expect(without.assignments.map(\.mode) == [.remote])
        // A remote-capable clinician, but the site cannot receive remote work.
        let closed = T.make(sites: [T.site("a", remoteOK: false)], clinicians: [T.clinician("g", remote: true)],
                            demand: [T.demand("a", day: 0, mode: .either)], legs: ["g": ["a": (300, 200)]])
        #expect(try Harness.solveChecked(closed).assignments.isEmpty)
        let open = T.make(sites: [a], clinicians: [T.clinician("g", remote: true)],
                          demand: [T.demand("a", day: 0, mode: .either)], legs: ["g": ["a": (300, 200)]])
        #expect(try Harness.solveChecked(open).assignments.map(\.mode) == [.remote])
    }
}
