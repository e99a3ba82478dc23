import Testing
@testable import Pool

/// Instances whose optimum is known by hand (each objective term) or by exhaustive enumeration.
@Suite struct AllocationOptimumTests {
    typealias T = TestScenarios
    let a = T.site("a"), b = T.site("b")

    @Test func consecutiveStayDaysTravelOnceAndPayLodgingBetween() throws {
        // 100 km / 80 min away (beyond the 60 min limit): Mon–Wed as one stay.
        let sc = T.make(sites: [a], clinicians: [T.clinician("g", stays: true)],
                        demand: (0..<3).map { T.demand("a", day: $0) }, legs: ["g": ["a": (100, 80)]])
        let plan = try Harness.solveChecked(sc)
        #expect(plan.assignments.map(\.mode) == [.stay, .stay, .stay])
        #expect(plan.costs.travelKm == 100)      // one round trip: 200 km × 0.5 €
        #expect(plan.costs.lodging == 200)       // nights Mon→Tue, Tue→Wed
        #expect(plan.costs.perDiem == 150)
        #expect(plan.costs.objective == 450)
        #expect(plan.assignments.map(\.costEUR) == [250, 150, 50])
        #expect(plan.assignments.map(\.travelKm) == [200, 0, 0])
        #expect(plan.kpis.clinicians.first?.stayNights == 2)
    }

    @Test func staysWithAGapTravelTwice() throws {
        let sc = T.make(sites: [a], clinicians: [T.clinician("g", stays: true)],
                        demand: [T.demand("a", day: 0), T.demand("a", day: 2)], legs: ["g": ["a": (100, 80)]])
        let plan = try Harness.solveChecked(sc)
        #expect(plan.costs.travelKm == 200 && plan.costs.lodging == 0 && plan.costs.perDiem == 100)
    }

    @Test func overtimeCostsTheFullHourPlusPremium() throws {
        let demand = [T.demand("a", day: 0), T.demand("a", day: 2), T.demand("a", day: 4)]
        let legs = ["g": ["a": (0.0, 0.0)]]
        // 8 h of overtime at 50 €/h × 1.5 = 600 € < 800 € of purchased service: worth it.
        let cheap = T.make(sites: [a], clinicians: [T.clinician("g", weeklyHours: 16, maxOvertime: 8, hourly: 50)], demand: demand, legs: legs)
        let p1 = try Harness.solveChecked(cheap)
        #expect(p1.assignments.count == 3 && p1.costs.overtime == 600 && p1.costs.objective == 600)
        #expect(p1.kpis.overtimeHours == 8)
        // At 80 €/h the overtime would cost 960 € > 800 €: leave it to purchased services.
        let dear = T.make(sites: [a], clinicians: [T.clinician("g", weeklyHours: 16, maxOvertime: 8, hourly: 80)], demand: demand, legs: legs)
        let p2 = try Harness.solveChecked(dear)
        #expect(p2.assignments.count == 2 && p2.costs.objective == 800)
        #expect(p2.uncovered.map(\.reason) == [.cheaperAsPurchasedService])
    }

    @Test func continuityPrefersTheSiteFromLastWeek() throws {
        var costs = T.plainCosts; costs.continuityBonusEUR = 30
        let sc = T.make(costs: costs, sites: [a, b], clinicians: [T.clinician("g")], demand: [T.demand("a", day: 0), T.demand("b", day: 0)],
                        history: [HistoryEntry(clinician: "g", date: T.monday.adding(days: -3), shift: "day", site: "b")])
        let plan = try Harness.solveChecked(sc)
        #expect(plan.assignments.map(\.site) == ["b"])
        #expect(plan.costs.continuity == -30 && plan.costs.objective == 780)
        #expect(plan.kpis.continuityShare == 1)
    }

    @Test func continuityKeepsEachClinicianAtOneSite() throws {
        var costs = T.plainCosts; costs.continuityBonusEUR = 30
        let sc = T.make(costs: costs, sites: [a, b], clinicians: [T.clinician("g"), T.clinician("h")],
                        demand: [T.demand("a", day: 0), T.demand("b", day: 0), T.demand("a", day: 1), T.demand("b", day: 1)])
        let plan = try Harness.solveChecked(sc)
        #expect(plan.costs.continuity == -60 && plan.costs.objective == -20)
        #expect(plan.kpis.clinicians.map(\.differentSites) == [1, 1])
    }

    @Test func equityCoversTheWorstCoveredSite() throws {
        var costs = T.plainCosts; costs.equityWeightEUR = 50
        let demand = [T.demand("a", day: 0), T.demand("a", day: 1), T.demand("b", day: 0, price: 90)]
        let fair = T.make(costs: costs, sites: [a, b], clinicians: [T.clinician("g")], demand: demand)
        let p1 = try Harness.solveChecked(fair)
        // Monday at b, Tuesday at a: a is 50 % uncovered → 2 500 €; plus 800 € purchased, 20 € travel.
        #expect(p1.assignments.map(\.site) == ["b", "a"])
        #expect(p1.costs.equity == 2500 && p1.costs.objective == 3320)
        #expect(p1.kpis.worstSite == SiteShare(site: "a", uncoveredShare: 0.5))
        costs.equityWeightEUR = 0
        let cheap = T.make(costs: costs, sites: [a, b], clinicians: [T.clinician("g")], demand: demand)
        let p2 = try Harness.solveChecked(cheap)
        #expect(p2.assignments.map(\.site) == ["a", "a"] && p2.costs.objective == 740)
    }

    @Test func preferencesSteerBetweenEqualOptions() throws {
        let demand = [T.demand("a", day: 0), T.demand("b", day: 0)]
        let avoid = T.make(sites: [a, b], clinicians: [T.clinician("g")], demand: demand,
                           preferences: [Preference(clinician: "g", site: "a", weightEUR: 40)])
        #expect(try Harness.solveChecked(avoid).assignments.map(\.site) == ["b"])
        let wish = T.make(sites: [a, b], clinicians: [T.clinician("g")], demand: demand,
                          preferences: [Preference(clinician: "g", site: "b", shift: "day", weightEUR: -25)])
        let plan = try Harness.solveChecked(wish)
        #expect(plan.assignments.map(\.site) == ["b"] && plan.costs.preferences == -25 && plan.costs.objective == 785)
    }

    @Test func paidTravelTime() throws {
        var costs = T.plainCosts; costs.travelTimePaid = true
        let sc = T.make(costs: costs, sites: [a], clinicians: [T.clinician("g", hourly: 50)], demand: [T.demand("a", day: 0)],
                        legs: ["g": ["a": (20, 30)]])
        let plan = try Harness.solveChecked(sc)
        #expect(plan.costs.travelTime == 50 && plan.costs.travelKm == 20 && plan.costs.objective == 70)
        #expect(plan.assignments.first?.travelMinutes == 60)
    }

    /// Exhaustive search over every combination of per-clinician schedules, with the independent
    /// checker as the only judge of feasibility and cost.
    @Test(arguments: [UInt64(3), 7, 11, 19, 23])
    func matchesExhaustiveEnumeration(seed: UInt64) throws {
        let sc = Self.micro(seed: seed)
        let plan = try Harness.solveChecked(sc)
        let best = Self.enumerate(sc)
        #expect(abs(plan.costs.objective - best) < 0.02, "GLPK \(plan.costs.objective) vs enumeration \(best)")
    }

    static func micro(seed: UInt64) -> Scenario {
        var sc = TestScenarios.random(seed: seed, clinicians: 2, sites: 2, days: 3)
        sc.shiftTypes = [TestScenarios.day, TestScenarios.evening]
        sc.demand = sc.demand.filter { $0.shift != "night" }
        sc.history = sc.history.filter { $0.shift != "night" }
        return sc
    }

    static func enumerate(_ sc: Scenario) -> Double {
        let checker = PlanChecker(sc)
        var items: [PlanChecker.Item] = []
        for c in sc.clinicians {
            for row in sc.demand {
                for mode in WorkMode.allCases {
                    let it = PlanChecker.Item(clinician: c.id, date: row.date, shift: row.shift, site: row.site, mode: mode)
                    if checker.check([it]).violations.isEmpty { items.append(it) }
                }
            }
        }
        func schedules(_ id: String) -> [[PlanChecker.Item]] {
            let mine = items.filter { $0.clinician == id }
            var out: [[PlanChecker.Item]] = [[]]
            func extend(_ from: Int, _ current: [PlanChecker.Item]) {
                for i in from..<mine.count {
                    let next = current + [mine[i]]
                    if checker.check(next).violations.isEmpty { out.append(next); extend(i + 1, next) }
                }
            }
            extend(0, [])
            return out
        }
        let perClinician = sc.clinicians.map { schedules($0.id) }
        var best = Double.infinity
        func combine(_ c: Int, _ current: [PlanChecker.Item]) {
            if c == perClinician.count {
                let r = checker.check(current)
                if r.violations.isEmpty { best = min(best, r.objective) }
                return
            }
            for s in perClinician[c] { combine(c + 1, current + s) }
        }
        combine(0, [])
        return best
    }
}
