import Foundation
import Testing
@testable import Pool

/// The greedy warm start and the model's encoding of a plan, checked without any solver: the
/// independent checker must accept every greedy plan, and the model's objective at the encoded
/// point must equal the checker's recomputation.
@Suite struct AllocationGreedyTests {
    static func greedyOutcome() -> SolverOutcome {
        SolverOutcome(solverName: "greedy", statusText: "greedy", status: .feasible, stopReason: .completed,
                      objective: nil, bestBound: nil, gap: nil)
    }

    @Test(arguments: Array(UInt64(1)...UInt64(12)))
    func greedyPlansObeyEveryRuleAndPriceLikeTheChecker(seed: UInt64) throws {
        let sc = TestScenarios.random(seed: seed)
        let model = try AllocationModel.build(AllocationContext(scenario: sc))
        let chosen = try #require(Greedy.plan(model.context, model.candidates))
        #expect(!chosen.isEmpty)
        let point = model.point(chosen: chosen)
        let rows = model.model.violations(point)
        #expect(rows.isEmpty, "model rows violated by the greedy point: \(rows.prefix(5))")
        let plan = PlanDecoder(model: model).decode(chosen: chosen, solver: Self.greedyOutcome())
        let csv = String(decoding: try PlanFiles.assignmentsCSV(plan), as: UTF8.self)
        let report = PlanChecker(sc).check(PlanChecker.items(csv: csv))
        #expect(report.violations.isEmpty, "\(report.violations.prefix(5))")
        #expect(abs(report.objective - plan.costs.objective) < 0.05 + 1e-6 * abs(plan.costs.objective),
                "checker \(report.terms) vs plan \(plan.costs)")
        #expect(abs(model.model.objectiveValue(point) - plan.costs.objective) < 0.01)
    }

    @Test func greedyCoversWhatIsCheapToCoverAndLeavesTheRest() throws {
        // One GP nearby (cheap) covers Monday; demand nobody can do stays uncovered with its reason.
        let sc = TestScenarios.make(sites: [TestScenarios.site("a")], clinicians: [TestScenarios.clinician("g")],
                                    demand: [TestScenarios.demand("a", day: 0), TestScenarios.demand("a", day: 0, "day", "dentist")])
        let model = try AllocationModel.build(AllocationContext(scenario: sc))
        let chosen = try #require(Greedy.plan(model.context, model.candidates))
        let plan = PlanDecoder(model: model).decode(chosen: chosen, solver: Self.greedyOutcome())
        #expect(plan.assignments.map(\.clinician) == ["g"])
        #expect(plan.uncovered.map(\.reason) == [.nobodyQualified])
    }

    /// The pins-only plan (price-and-branch's idle weeks) places every pin and nothing else, and
    /// obeys every rule.
    @Test func thePinsOnlyPlanHoldsThePinsAndNothingElse() throws {
        var sc = TestScenarios.random(seed: 4)
        let model0 = try AllocationModel.build(AllocationContext(scenario: sc))
        let taken = try #require(Greedy.plan(model0.context, model0.candidates)).prefix(2).map { model0.candidates.all[$0] }
        #expect(taken.count == 2)
        sc.pins = taken.map { c in
            let row = sc.demand[c.row]
            return Pin(clinician: sc.clinicians[c.clinician].id, date: row.date, shift: row.shift, site: row.site, mode: c.mode)
        }
        let model = try AllocationModel.build(AllocationContext(scenario: sc))
        let chosen = try #require(Greedy.pinsOnly(model.context, model.candidates))
        #expect(chosen.count == 2)
        #expect(model.model.violations(model.point(chosen: chosen)).isEmpty)
        let plan = PlanDecoder(model: model).decode(chosen: chosen, solver: Self.greedyOutcome())
        #expect(PlanChecker(sc).check(PlanChecker.items(plan)).violations.isEmpty)
        #expect(Set(plan.assignments.map(\.clinician)) == Set(sc.pins.map(\.clinician)))
    }

    /// The LP rounding must obey every rule whatever the LP says: fed arbitrary fractional values,
    /// its plans pass the independent checker and the model's rows.
    @Test(arguments: Array(UInt64(1)...UInt64(6)))
    func lpRoundingPlansObeyEveryRule(seed: UInt64) throws {
        let sc = TestScenarios.random(seed: seed)
        let model = try AllocationModel.build(AllocationContext(scenario: sc))
        var rng = SplitMix64(seed: seed &+ 99)
        let lpValue = model.x.map { _ in rng.unit() }
        let chosen = try #require(Greedy.lpRounding(model.context, model.candidates, lpValue: lpValue))
        #expect(model.model.violations(model.point(chosen: chosen)).isEmpty)
        let plan = PlanDecoder(model: model).decode(chosen: chosen, solver: Self.greedyOutcome())
        #expect(PlanChecker(sc).check(PlanChecker.items(plan)).violations.isEmpty)
    }

    /// Rounding an integral optimum gives it back: the seed is taken first (a rounding that
    /// ignored its guide would fall back to the plain greedy, which is worse on these weeks).
    @Test(arguments: [UInt64(2), 3, 5])
    func lpRoundingOfAnOptimumReproducesIt(seed: UInt64) throws {
        var sc = TestScenarios.random(seed: seed)
        sc.costs.equityWeightEUR = 0  // equity can make covering a row worth more than its price
        let model = try AllocationModel.build(AllocationContext(scenario: sc))
        let optimum = try GLPKSolver().solve(model.model, options: SolveOptions(timeLimitSeconds: 60, relativeGap: 0))
        #expect(optimum.status == .optimal)
        let best = try #require(optimum.objective)
        let rounded = try #require(Greedy.lpRounding(model.context, model.candidates, lpValue: model.x.map { optimum.values[$0.index] }))
        #expect(abs(model.model.objectiveValue(model.point(chosen: rounded)) - best) < 1e-6)
        let greedy = try #require(Greedy.plan(model.context, model.candidates))
        #expect(model.model.objectiveValue(model.point(chosen: greedy)) > best + 1e-6, "seed \(seed) no longer tells the two apart")
    }
}
