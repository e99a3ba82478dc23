import Foundation
import Testing
@testable import Pool

/// The rule that ends a search once it stops finding better plans (`StallRule`), as the equity
/// branching's nodes' plans use it, and the neighbourhood search that follows it.
@Suite struct StallRuleTests {
    let glpk = GLPKSolver()

    @Test func aSearchHasStalledAfterTheLongerOfTheMinimumAndTheTimeItTookToImprove() {
        let rule = StallRule(minimumSeconds: 0.5, factor: 1, budgetShare: 0.25)
        // no better plan yet: the minimum alone (a quarter of a 1 s budget is less)
        #expect(!rule.stalled(elapsed: 0.49, lastImprovement: 0, budget: 1))
        #expect(rule.stalled(elapsed: 0.5, lastImprovement: 0, budget: 1))
        // the last better plan after 1.2 s: another 1.2 s
        #expect(!rule.stalled(elapsed: 2.3, lastImprovement: 1.2, budget: 1))
        #expect(rule.stalled(elapsed: 2.4, lastImprovement: 1.2, budget: 1))
        // an early one: the minimum again
        #expect(!rule.stalled(elapsed: 0.5, lastImprovement: 0.1, budget: 1))
        #expect(rule.stalled(elapsed: 0.6, lastImprovement: 0.1, budget: 1))
        // a 40 s budget: a quarter of it, 10 s
        #expect(!rule.stalled(elapsed: 11.9, lastImprovement: 2, budget: 40))
        #expect(rule.stalled(elapsed: 12, lastImprovement: 2, budget: 40))
    }

    /// Branch-and-cut after a search that reached the whole model gets the rule's least wait:
    /// the minimum, or the budget's share where that is longer.
    @Test func branchAndCutAfterTheSearchGetsTheRulesLeastWait() {
        let rule = StallRule(minimumSeconds: 0.5, factor: 1, budgetShare: 0.25)
        #expect(rule.treeSeconds(searchBudget: 1) == 0.5)
        #expect(rule.treeSeconds(searchBudget: 40) == 10)
    }

    /// A better plan offered to the lanes' shared incumbent starts the wait again; a plan no
    /// better does not.
    @Test func aBetterPlanStartsTheWaitAgain() throws {
        let (m, start) = NeighbourhoodSearchTests.pairs(2)
        let shared = SharedIncumbent(m, Incumbent(m, start))
        let rule = StallRule(minimumSeconds: 0.2, factor: 0)
        #expect(!shared.stalled(rule, budget: 0))
        Thread.sleep(forTimeInterval: 0.25)
        #expect(shared.stalled(rule, budget: 0))
        // a budget whose share is longer than the wait so far
        #expect(!shared.stalled(StallRule(minimumSeconds: 0.2, factor: 0, budgetShare: 0.5), budget: 60))
        #expect(!shared.offer(start, around: start))
        #expect(shared.stalled(rule, budget: 0))
        #expect(shared.offer([1, 0, 0, 1], around: start))
        #expect(!shared.stalled(rule, budget: 0))
    }

    /// A search that has stalled ends at once, its plan as it was and the rest of its budget
    /// unused; the same search under a rule it does not reach improves the plan.
    @Test func aStalledSearchEndsBeforeItsBudget() throws {
        let (m, start) = NeighbourhoodSearchTests.pairs(400)
        var stalled = Incumbent(m, start)
        var first = NeighbourhoodSearch(m, initialSize: 4)
        // no minimum and no better plan yet: stalled from the start
        let ended = try first.improve(&stalled, base: glpk, options: SolveOptions(), budgetSeconds: 60, roundSeconds: 10,
                                      isStopRequested: { false }, stall: StallRule(minimumSeconds: 0, factor: 1))
        #expect(ended.stalled && ended.rounds == 0 && ended.seconds < 5)
        #expect(stalled.objective == -400)
        #expect(ended.log.contains("stalled"))

        // the same rule with half of a 60 s budget to wait: the search improves
        var waiting = Incumbent(m, start)
        var patient = NeighbourhoodSearch(m, initialSize: 4)
        let waited = try patient.improve(&waiting, base: glpk, options: SolveOptions(), budgetSeconds: 60, roundSeconds: 10,
                                         isStopRequested: { false }, stall: StallRule(minimumSeconds: 0, factor: 1, budgetShare: 0.5))
        #expect(!waited.stalled && waited.rounds > 0 && (waiting.objective ?? 0) < -400)

        var going = Incumbent(m, start)
        var second = NeighbourhoodSearch(m, initialSize: 4)
        let searched = try second.improve(&going, base: glpk, options: SolveOptions(), budgetSeconds: 60, roundSeconds: 10,
                                          isStopRequested: { false }, stall: StallRule(minimumSeconds: 30, factor: 1))
        #expect(!searched.stalled && searched.rounds > 0)
        #expect((going.objective ?? 0) < -400)
    }

    /// On lanes, the same: the shared plan's wait ends every lane.
    @Test func stalledLanesEndTogether() throws {
        let (m, start) = NeighbourhoodSearchTests.pairs(400)
        var best = Incumbent(m, start)
        let summary = try ParallelNeighbourhoodSearch.improve(&best, model: m, graph: ColumnRows(m), lanes: 2, base: glpk,
                                                              options: SolveOptions(), budgetSeconds: 60, roundSeconds: 10,
                                                              isStopRequested: { false }, isGoodEnough: { _ in false },
                                                              stall: StallRule(minimumSeconds: 0, factor: 1))
        #expect(summary.stalled && summary.rounds == 0 && summary.seconds < 5)
        #expect(best.objective == -400)
    }

    /// n pairs, 2x + 2y ≤ 3 each (at most one of the two in whole numbers), y worth more: the LP
    /// takes y and half of x, so its bound stays under the optimum (y alone) until branch-and-cut
    /// proves it. The start takes x.
    static func oddPairs(_ n: Int) -> (LinearModel, [Double]) {
        let m = LinearModel(name: "odd pairs")
        var start: [Double] = []
        for i in 0..<n {
            let x = m.binary("x[\(i)]", objective: -1), y = m.binary("y[\(i)]", objective: -2)
            m.add("pair[\(i)]", 2 * x + 2 * y <= 3)
            start += [1, 0]
        }
        m.direction = .minimize
        return (m, start)
    }

    /// The solver whose search has stalled returns its plan as stopped by its time limit, without
    /// going on to branch-and-cut (whose proof the search's time would otherwise go to). Where the
    /// search reaches the whole model before the rule's wait has passed, branch-and-cut runs for
    /// that wait, not for the rest of the solve's time: on the region's GPs' presence master it
    /// ran 4 s for nothing and the nurses' node got no time for its plan (docs/performance.md,
    /// "Branch-and-cut that waits no longer than the search").
    @Test func aStallRuleSkipsBranchAndCutOrCutsItToItsWait() throws {
        // 100 binaries: the first neighbourhood (600) is the whole model.
        let (m, start) = Self.oddPairs(50)
        var options = SolveOptions(timeLimitSeconds: 60, relativeGap: 0)
        options.warmStart = start
        var solver = RelaxationGuidedSolver(base: glpk)
        let proven = try solver.solve(m, options: options)
        #expect(proven.status == .optimal && proven.objective == -100)
        #expect(proven.log.contains("=== branch-and-cut ===") && !proven.log.contains("the stall rule's wait"))

        solver.stall = StallRule(minimumSeconds: 0, factor: 1)
        let stalled = try solver.solve(m, options: options)
        #expect(stalled.status == .feasible && stalled.stopReason == .timeLimit && stalled.objective == -100)
        #expect(stalled.log.contains("stalled") && !stalled.log.contains("branch-and-cut"))
        #expect(m.violations(stalled.values).isEmpty)

        // A wait the search does not reach: branch-and-cut for 0.3 s, enough to prove this one.
        solver.stall = StallRule(minimumSeconds: 0.3, factor: 1)
        let capped = try solver.solve(m, options: options)
        #expect(capped.log.contains("=== branch-and-cut ===\nPool: at most 0.30 s, the stall rule's wait\n"))
        #expect(!capped.log.contains("stalled"))
        #expect(capped.status == .optimal && capped.objective == -100)
        #expect(m.violations(capped.values).isEmpty)
    }
}
