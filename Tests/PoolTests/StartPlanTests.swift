import Foundation
import Testing
@testable import Pool

/// `--start-from`: a previous plan as the first incumbent (`StartPlan`, `Greedy.plan(seed:)`).
@Suite struct StartPlanTests {
    typealias T = TestScenarios

    static func assignment(_ clinician: String, day offset: Int, site: String = "a", line: Int = 0) -> Assignment {
        Assignment(clinician: clinician, date: T.monday.adding(days: offset), shift: "day", site: site, mode: .onsite, hours: 8,
                   travelKm: 0, travelMinutes: 0, costEUR: 0, demandLine: line, profession: "gp")
    }

    /// Each assignment matches its clinician's candidates at the same date, shift, site and mode,
    /// the demand row it covered first; what the new week cannot use is counted, not an error.
    @Test func matchesTheRowItCoveredFirstAndCountsWhatNoLongerFits() throws {
        let sc = T.make(sites: [T.site("a")], clinicians: [T.clinician("g"), T.clinician("h")],
                        demand: [T.demand("a", day: 0), T.demand("a", day: 0)])  // lines 2 and 3
        let ctx = AllocationContext(scenario: sc)
        let candidates = CandidateSet(ctx)
        let previous = [Self.assignment("g", day: 0, line: 3), Self.assignment("nobody", day: 0, line: 2),
                        Self.assignment("h", day: 9, line: 2), Self.assignment("h", day: 0, site: "b", line: 2)]
        let start = StartPlan(ctx, candidates, previous: previous)
        #expect(start.matched == 1 && start.unmatched == 3)
        #expect(start.seed.map { sc.demand[candidates.all[$0].row].line } == [3, 2])
        #expect(start.seed.allSatisfy { candidates.all[$0].clinician == 0 })
    }

    /// Solving the same week again from its optimal plan starts from that plan's cost, where the
    /// greedy alone starts higher; with no time to search the plan is the previous one's cost.
    @Test func theSameWeekStartsFromThePreviousPlansCost() throws {
        let sc = T.random(seed: 3, clinicians: 12, sites: 5)
        let optimal = try Harness.run(sc).plan
        #expect(optimal.solver.status == .optimal)
        let greedyOnly = try Harness.run(sc, timeLimit: 0).plan
        let started = try Harness.run(sc, timeLimit: 0, startFrom: optimal.assignments)
        let greedyStart = try #require(greedyOnly.solver.warmStartObjective)
        let previousStart = try #require(started.plan.solver.warmStartObjective)
        #expect(greedyStart > optimal.costs.objective + 1, "the test needs a week whose greedy plan is not optimal")
        #expect(abs(previousStart - optimal.costs.objective) < 0.01)
        #expect(started.plan.costs.objective <= optimal.costs.objective + 0.01)
        #expect(started.startPlan == StartPlan(AllocationContext(scenario: sc), CandidateSet(AllocationContext(scenario: sc)), previous: optimal.assignments))
        #expect(started.startPlan?.unmatched == 0)
        let n = optimal.assignments.count
        #expect(started.plan.solver.startPlan == StartPlanUse(previousAssignments: n, stillPossible: n))
        #expect(PlanSummary.text(started.plan).contains("started from a previous plan: \(n) of its \(n) assignments still possible this week"))
        let plainJSON = String(decoding: try PlanFiles.json(greedyOnly), as: UTF8.self)
        #expect(greedyOnly.solver.startPlan == nil && !plainJSON.contains("startPlan"))
        #expect(String(decoding: try PlanFiles.json(started.plan), as: UTF8.self).contains("\"stillPossible\" : \(n)"))
    }

    /// After an absence the previous plan's assignments of that day are left out, the rest kept,
    /// and the new plan obeys every rule (independent checker).
    @Test func anAbsenceDropsThatDaysAssignments() throws {
        var sc = T.random(seed: 3, clinicians: 12, sites: 5)
        let previous = try Harness.run(sc).plan
        let first = try #require(previous.assignments.first)
        sc.absences.append(Absence(clinician: first.clinician, date: first.date))
        let run = try Harness.run(sc, timeLimit: 0, startFrom: previous.assignments)
        let start = try #require(run.startPlan)
        let lost = previous.assignments.filter { $0.clinician == first.clinician && $0.date == first.date }.count
        #expect(start.unmatched == lost && start.matched == previous.assignments.count - lost)
        #expect(!run.plan.assignments.contains { $0.clinician == first.clinician && $0.date == first.date })
        let report = PlanChecker(sc).check(PlanChecker.items(run.plan))
        #expect(report.violations.isEmpty, "checker: \(report.violations.prefix(5))")
    }

    /// A previous plan is taken whole: the first day of a stay costs more than its place alone
    /// (trip 400 € + per-diem 50 € against 8 h × 50 €), which the greedy never pays, while the
    /// two-day stay (600 €) beats buying both places (800 €).
    @Test func aStayIsTakenWholeFromThePreviousPlan() throws {
        let sc = T.make(sites: [T.site("a")], clinicians: [T.clinician("g", commute: 60, stays: true)],
                        demand: [T.demand("a", day: 0, price: 50), T.demand("a", day: 1, price: 50)],
                        legs: ["g": ["a": (400, 200)]])
        let optimal = try Harness.solveChecked(sc)
        #expect(optimal.assignments.map(\.mode) == [.stay, .stay] && abs(optimal.costs.objective - 600) < 0.01)
        #expect(try Harness.run(sc, timeLimit: 0).plan.solver.warmStartObjective == 800)
        let started = try Harness.run(sc, timeLimit: 0, startFrom: optimal.assignments).plan
        #expect(started.solver.warmStartObjective == 600)
    }

    /// Last week's plan starts this week: its dates are moved by the difference of the first
    /// dates, so Monday's assignments fall on this Monday.
    @Test func lastWeeksPlanIsMovedOntoThisWeek() throws {
        let sc = T.random(seed: 3, clinicians: 12, sites: 5)
        let plan = try Harness.run(sc).plan
        var lastWeek = plan.assignments
        for i in lastWeek.indices { lastWeek[i].date = lastWeek[i].date.adding(days: -7) }
        let ctx = AllocationContext(scenario: sc), candidates = CandidateSet(ctx)
        let moved = StartPlan(ctx, candidates, previous: lastWeek, previousFirstDate: T.monday.adding(days: -7))
        #expect(moved.movedByDays == 7 && moved.matched == plan.assignments.count && moved.unmatched == 0)
        #expect(moved.seed == StartPlan(ctx, candidates, previous: plan.assignments, previousFirstDate: T.monday).seed)
        let asIs = StartPlan(ctx, candidates, previous: lastWeek)
        #expect(asIs.movedByDays == 0 && asIs.matched == 0)
    }
}
