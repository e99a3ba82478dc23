import Foundation
import Testing
@testable import Pool

/// The Lagrangian bound: valid (never above the optimum), at least the LP bound at the LP's
/// duals, and stronger where blocks keep an integrality the LP gives up.
@Suite struct LagrangianBoundTests {
    let glpk = GLPKSolver()

    /// Two workers who may each work one of three days (2 h a day, 3 h a week: the LP lets each
    /// work 1.5 days), three days to cover, each uncovered day 10 €. Optimum 13 € (one day each,
    /// one uncovered); the LP says 4.5 €.
    static func twoWorkers() -> (model: LinearModel, cover: [Int]) {
        let m = LinearModel(name: "two workers")
        let u = (0..<3).map { m.addVariable("u\($0)", .continuous, lower: 0, upper: 1) }
        let x = (0..<2).map { w in (0..<3).map { d in m.binary("x\(w)\(d)") } }
        var cover: [Int] = []
        for d in 0..<3 { cover.append(m.add("cover\(d)", LinearExpression(u[d]) + x[0][d] + x[1][d] >= 1).index) }
        for w in 0..<2 { m.add("hours\(w)", sum(x[w].map { 2 * $0 }) <= 3) }
        m.setObjective(.minimize, sum(u.map { 10 * $0 }) + sum(x[0]) + sum(x[1].map { 2 * $0 }))
        return (m, cover)
    }

    @Test func atTheLPDualsItLiesBetweenTheLPBoundAndTheOptimum() throws {
        let (m, cover) = Self.twoWorkers()
        var lpOptions = SolveOptions(verbosity: .quiet)
        lpOptions.relaxIntegrality = true
        let lp = try glpk.solve(m, options: lpOptions)
        #expect(abs((lp.objective ?? 0) - 4.5) < 1e-9)
        let mip = try glpk.solve(m, options: SolveOptions(relativeGap: 0, verbosity: .quiet))
        #expect(mip.objective == 13)
        let relaxation = LagrangianBound(m, relaxing: cover)
        #expect(relaxation.blockCount == 5)  // two workers and each day's uncovered variable
        let duals = try #require(lp.rowDuals)
        let value = try #require(try relaxation.evaluate(m, rowDuals: duals, solver: glpk, timeLimitSeconds: nil))
        #expect(value.bound >= 4.5 - 1e-9 && value.bound <= 13 + 1e-9)
    }

    @Test func atTheBestMultipliersItReachesTheOptimumHere() throws {
        // λ = 10 per day: each worker's best week is one day (−9 €, −8 €), the uncovered days
        // cost nothing, 30 € − 17 € = 13 €: the convex hull of each worker's weeks is exact here.
        let (m, cover) = Self.twoWorkers()
        var duals = Array(repeating: 0.0, count: m.constraintCount)
        for r in cover { duals[r] = 10 }
        duals[m.constraintCount - 1] = -123  // a row that is not relaxed: its dual is ignored
        let value = try #require(try LagrangianBound(m, relaxing: cover).evaluate(m, rowDuals: duals, solver: glpk, timeLimitSeconds: nil))
        #expect(abs(value.bound - 13) < 1e-9)
        #expect(value.blocks == 5)
    }

    @Test func aMultiplierOfTheWrongSignIsClampedToZero() throws {
        // min −x, x ≤ 2 integer, relaxed row x ≥ 1 (slack at the optimum x = 2, −2 €). With λ = −1
        // taken as it is, L = −1 + min 0·x = −1: above the optimum. Clamped to 0: L = −2.
        let m = LinearModel(name: "clamp")
        let x = m.addVariable("x", .integer, lower: 0, upper: 2)
        let row = m.add("atLeastOne", LinearExpression(x) >= 1).index
        m.add("atMostTwo", LinearExpression(x) <= 2)
        m.setObjective(.minimize, -1 * x)
        let value = try #require(try LagrangianBound(m, relaxing: [row]).evaluate(m, rowDuals: [-1, 0], solver: glpk, timeLimitSeconds: nil))
        #expect(value.bound == -2)
        #expect(LagrangianBound.clamped(-1, .greaterOrEqual) == 0 && LagrangianBound.clamped(1, .lessOrEqual) == 0)
        #expect(LagrangianBound.clamped(-1, .equal) == -1)
    }

    @Test func noTimeOrAMaximisationGivesNoBound() throws {
        let (m, cover) = Self.twoWorkers()
        let duals = Array(repeating: 1.0, count: m.constraintCount)
        let relaxation = LagrangianBound(m, relaxing: cover)
        #expect(try relaxation.evaluate(m, rowDuals: duals, solver: glpk, timeLimitSeconds: 0) == nil)
        #expect(try relaxation.evaluate(m, rowDuals: [1], solver: glpk, timeLimitSeconds: nil) == nil)  // wrong length
        m.direction = .maximize
        #expect(try relaxation.evaluate(m, rowDuals: duals, solver: glpk, timeLimitSeconds: nil) == nil)
    }

    @Test func twoLanesGiveTheSameBound() throws {
        let (m, cover) = Self.twoWorkers()
        var duals = Array(repeating: 0.0, count: m.constraintCount)
        for r in cover { duals[r] = 7 }
        let relaxation = LagrangianBound(m, relaxing: cover)
        let one = try #require(try relaxation.evaluate(m, rowDuals: duals, solver: glpk, lanes: 1, timeLimitSeconds: nil))
        let two = try #require(try relaxation.evaluate(m, rowDuals: duals, solver: glpk, lanes: 2, timeLimitSeconds: nil))
        #expect(one.bound == two.bound)
    }

    @Test func subgradientAscentClimbsFromZeroPricesAndStaysValid() throws {
        let (m, cover) = Self.twoWorkers()
        let relaxation = LagrangianBound(m, relaxing: cover)
        let zero = Array(repeating: 0.0, count: m.constraintCount)
        let start = try #require(try relaxation.evaluate(m, rowDuals: zero, solver: glpk, timeLimitSeconds: nil))
        #expect(start.bound == 0)
        let climbed = try #require(try relaxation.ascend(m, from: zero, target: 14, solver: glpk, timeLimitSeconds: nil, maxSteps: 40))
        #expect(climbed.bound > 4.5, "above the LP bound: \(climbed.bound)")
        #expect(climbed.bound <= 13 + 1e-9)
        #expect(climbed.evaluations > 1 && climbed.evaluations <= 40)
    }

    /// An ascent stopped after some steps and taken on (`SubgradientAscent`, as `SideAscent` does
    /// on the idle lane) is the same ascent: the same bound after as many steps in all.
    @Test func anAscentGoesOnWhereItStopped() throws {
        let (m, cover) = Self.twoWorkers()
        let relaxation = LagrangianBound(m, relaxing: cover)
        let zero = Array(repeating: 0.0, count: m.constraintCount)
        let whole = try relaxation.ascent(m, from: zero, target: 14, solver: glpk, timeLimitSeconds: nil, maxSteps: 8)
        let first = try relaxation.ascent(m, from: zero, target: 14, solver: glpk, timeLimitSeconds: nil, maxSteps: 3)
        #expect(first.evaluations == 3 && whole.evaluations == 8)
        let side = SideAscent(first, relaxation: relaxation, model: m, solver: glpk)
        side.run(until: { side.steps >= 5 })
        #expect(side.steps == 5)
        let climbed = try #require(whole.best?.bound)
        #expect(side.bound == climbed)
        #expect(climbed > (first.best?.bound ?? .infinity), "the later steps climbed")
        // Told to stop before it starts, it takes no step and keeps its bound.
        let idle = SideAscent(first, relaxation: relaxation, model: m, solver: glpk)
        idle.run(until: { true })
        #expect(idle.steps == 0 && idle.bound == first.best?.bound)
    }

    @Test func withoutTheLPTheAllocationStillGetsABound() throws {
        // Twelve clinicians: the ascent has a fifth of the 4 s, and under the whole suite's load
        // one evaluation of a 30-clinician week in a debug build once took longer. (A longer limit
        // is no cure: the search after it holds GLPK's process-wide lock on two lanes, and other
        // tests' clocks run while they wait.)
        let sc = TestScenarios.random(seed: 4, clinicians: 12, sites: 5)
        let run = try Harness.runWithoutRelaxation(sc, timeLimit: 4, priceAndBranch: false)
        #expect(run.plan.solver.statusText.contains("the bound is Lagrangian (subgradient ascent on the week relaxation)"))
        let bound = try #require(run.plan.solver.lagrangianBound)
        #expect(try #require(run.plan.solver.bestBound) >= bound)
        #expect(bound <= run.plan.costs.objective)
        #expect(run.solverLog.contains("=== Lagrangian bound ==="))
        let without = try Harness.runWithoutRelaxation(sc, timeLimit: 4, lagrangianBound: false)
        #expect(without.plan.solver.lagrangianBound == nil)
        #expect(!without.solverLog.contains("=== Lagrangian bound ==="))
    }

    @Test func priceAndBranchWithoutTheLPStartsOnlyWhenFiveRoundsFit() {
        #expect(abs(Allocator.exactRoundSeconds(integerColumns: 33_000, lanes: 2) - 1) < 1e-9)
        #expect(Allocator.exactRoundSeconds(integerColumns: 33_000, lanes: 1) == 2)
        // Price-and-branch without the LP: five exact rounds (every week a MIP) in its rounds'
        // share. 2× the region at 120 s (about 117 s left) starts it, 5× at 120 s and the
        // national week at 600 s do not.
        func exact(_ columns: Int) -> Double { Allocator.exactRoundSeconds(integerColumns: columns, lanes: 2) }
        #expect(Allocator.pricingFits(budget: 117, roundSeconds: exact(157_276)))
        #expect(!Allocator.pricingFits(budget: 117, roundSeconds: exact(991_634)))
        #expect(!Allocator.pricingFits(budget: 530, roundSeconds: exact(2_690_504)))
        #expect(Allocator.pricingFits(budget: nil, roundSeconds: 1e9))
    }

    /// After the ascent, a round priced by the DP is predicted as ten of its evaluations: 5× the
    /// region at 120 s (45 evaluations in 20 s, about 80 s left) starts price-and-branch.
    @Test func afterTheAscentRoundsArePredictedFromItsEvaluations() {
        let fiveX = LagrangianBound.Value(bound: 0, blocks: 1514, seconds: 20.03, evaluations: 45, point: [])
        #expect(abs(Allocator.dpRoundSeconds(ascent: fiveX) - 4.45) < 0.01)
        #expect(Allocator.pricingFits(budget: 80, roundSeconds: Allocator.dpRoundSeconds(ascent: fiveX)))
        let slow = LagrangianBound.Value(bound: 0, blocks: 1514, seconds: 20, evaluations: 10, point: [])
        #expect(!Allocator.pricingFits(budget: 150, roundSeconds: Allocator.dpRoundSeconds(ascent: slow)))
    }

    /// Weekly allocations solved to optimality: the plan's Lagrangian bound never exceeds the
    /// optimum and never falls below the LP bound; on some week it is strictly stronger.
    @Test func onGeneratedWeeksItIsValidAndSometimesStronger() throws {
        var stronger = 0
        for seed in UInt64(1)...6 {
            let plan = try Harness.run(TestScenarios.random(seed: seed, clinicians: 12, sites: 5)).plan
            try #require(plan.solver.status == .optimal, "seed \(seed)")
            let bound = try #require(plan.solver.lagrangianBound, "seed \(seed)")
            let lp = try #require(plan.solver.lpRelaxationObjective)
            #expect(bound <= plan.costs.objective + 0.02, "seed \(seed): Lagrangian \(bound) above the optimum \(plan.costs.objective)")
            #expect(bound >= lp - 0.02, "seed \(seed): Lagrangian \(bound) below the LP \(lp)")
            if bound > lp + 0.5 { stronger += 1 }
        }
        #expect(stronger > 0)
    }
}
