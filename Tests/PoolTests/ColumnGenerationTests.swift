import Foundation
import Testing
@testable import Pool

/// Price-and-branch over the blocks of the Lagrangian relaxation: its bound is valid, it converges
/// to the Dantzig–Wolfe bound, and its master MIP returns a plan of the whole model.
@Suite struct ColumnGenerationTests {
    let glpk = GLPKSolver()

    /// The two-worker model of `LagrangianBoundTests`, with its LP duals and the all-uncovered plan.
    func twoWorkers() throws -> (model: LinearModel, cover: [Int], duals: [Double], uncovered: [Double]) {
        let (m, cover) = LagrangianBoundTests.twoWorkers()
        var lpOptions = SolveOptions(verbosity: .quiet)
        lpOptions.relaxIntegrality = true
        let duals = try #require(try glpk.solve(m, options: lpOptions).rowDuals)
        var uncovered = Array(repeating: 0.0, count: m.variableCount)
        for j in 0..<3 { uncovered[j] = 1 }  // u0…u2 are the first three columns
        #expect(m.violations(uncovered).isEmpty && m.objectiveValue(uncovered) == 30)
        return (m, cover, duals, uncovered)
    }

    @Test func convergesToTheOptimumOfTheTwoWorkers() throws {
        let (m, cover, duals, uncovered) = try twoWorkers()
        let generation = ColumnGeneration(m, relaxing: cover)
        let r = try generation.run(m, startDuals: duals, seeds: [uncovered], solver: glpk, timeLimitSeconds: nil)
        #expect(r.converged)
        let bound = try #require(r.bound)
        #expect(abs(bound - 13) < 1e-6, "the convex hull of each worker's weeks is exact here: \(bound)")
        let point = try #require(r.point)
        #expect(m.violations(point).isEmpty)
        #expect(abs(m.objectiveValue(point) - 13) < 1e-6)
        #expect(r.columns >= 4 && r.rounds >= 2)
    }

    /// Two copies of the two workers side by side, no row linking them (two profession groups):
    /// the optimum is 26.
    func twoGroups() throws -> (model: LinearModel, cover: [Int], duals: [Double], uncovered: [Double]) {
        let (one, cover) = LagrangianBoundTests.twoWorkers()
        let m = LinearModel(name: "two groups")
        var relaxed: [Int] = []
        for copy in 0..<2 {
            let vars = (0..<one.variableCount).map { j in
                m.addVariable(one.variableNames[j] + "'\(copy)", one.kinds[j], lower: one.lowerBounds[j], upper: one.upperBounds[j],
                              objective: one.objectiveCoefficients[j])
            }
            for r in 0..<one.constraintCount {
                var e = LinearExpression()
                for k in one.rowStart[r]..<one.rowStart[r + 1] { e.add(one.entryValues[k], vars[Int(one.entryColumns[k])]) }
                let row = m.add(one.constraintNames[r] + "'\(copy)", LinearConstraint(e, one.senses[r], one.rightHandSides[r]))
                if cover.contains(r) { relaxed.append(row.index) }
            }
        }
        m.direction = .minimize
        var lpOptions = SolveOptions(verbosity: .quiet)
        lpOptions.relaxIntegrality = true
        let duals = try #require(try glpk.solve(m, options: lpOptions).rowDuals)
        var uncovered = Array(repeating: 0.0, count: m.variableCount)
        for copy in 0..<2 { for j in 0..<3 { uncovered[copy * one.variableCount + j] = 1 } }
        #expect(m.violations(uncovered).isEmpty && m.objectiveValue(uncovered) == 60)
        return (m, relaxed, duals, uncovered)
    }

    /// A master in independent parts (Pool: profession groups) has its LPs solved part by part on
    /// every lane: the parts' duals together price the weeks as the whole master's would, so the
    /// rounds converge to the optimum. Under a time limit a lane done with its parts takes the
    /// ascent on: the bound stays valid.
    @Test func aMasterInIndependentPartsIsSolvedPartByPart() throws {
        let (m, cover, duals, uncovered) = try twoGroups()
        let generation = ColumnGeneration(m, relaxing: cover)
        #expect(IndependentGroups(m, generation.relaxation).parts(smallerThan: MasterColumns.smallPartShare) == 2)
        let (one, oneCover) = LagrangianBoundTests.twoWorkers()
        #expect(IndependentGroups(one, ColumnGeneration(one, relaxing: oneCover).relaxation).parts(smallerThan: MasterColumns.smallPartShare) == 1)
        for lanes in [1, 2] {
            let r = try generation.run(m, startDuals: duals, seeds: [uncovered], solver: glpk, lanes: lanes, timeLimitSeconds: nil)
            #expect(r.converged, "lanes \(lanes)")
            #expect(abs((r.bound ?? 0) - 26) < 1e-6, "lanes \(lanes): \(r.bound ?? .nan)")
            let point = try #require(r.point)
            #expect(m.violations(point).isEmpty && abs(m.objectiveValue(point) - 26) < 1e-6)
            #expect(r.roundLog.contains("the master falls into 2 independent parts: its LPs solved part by part on \(lanes) lane(s)"))
        }
        let relaxation = LagrangianBound(m, relaxing: cover)
        let ascent = try relaxation.ascent(m, from: Array(repeating: 0, count: m.constraintCount), target: 60, solver: glpk,
                                           timeLimitSeconds: nil, maxSteps: 2)
        let side = SideAscent(ascent, relaxation: relaxation, model: m, solver: glpk)
        let timed = try generation.run(m, startDuals: duals, seeds: [uncovered], solver: glpk, lanes: 2, timeLimitSeconds: 20, side: side)
        #expect((timed.bound ?? .infinity) <= 26 + 1e-6 && (side.bound ?? -.infinity) <= 26 + 1e-6)
        #expect(timed.point.map { m.objectiveValue($0) } == 26)
    }

    /// Each group's part of L depends only on its own multipliers: the best part of each, met at
    /// different multipliers, adds up to L at multipliers made of both — here 13 + 13, the
    /// optimum, where each evaluation alone gave 13.
    @Test func eachGroupsBestPartAddsUpToABoundAtTheirMultipliers() throws {
        let (m, cover, _, _) = try twoGroups()
        let relaxation = LagrangianBound(m, relaxing: cover)
        let groups = IndependentGroups(m, relaxation)
        #expect(groups.count == 3 && groups.rows[2].isEmpty, "two groups and the (empty) group of rows without entries")
        #expect(groups.rows[0] == Array(cover.prefix(3)) && groups.rows[1] == Array(cover.suffix(3)))
        #expect(groups.parts(smallerThan: 0.02) == 2 && groups.parts(smallerThan: 0.6) == 1)
        var best = BestGroupParts(groups: groups, start: Array(repeating: 0, count: m.constraintCount), constant: m.objectiveConstant)
        for g in 0..<2 {
            var lambda = Array(repeating: 0.0, count: m.constraintCount)
            for r in groups.rows[g] { lambda[r] = 10 }
            let value = try #require(try relaxation.evaluate(m, rowDuals: lambda, solver: glpk, timeLimitSeconds: nil))
            #expect(abs(value.bound - 13) < 1e-9)
            let parts = groups.parts(of: m, multipliers: lambda, blocks: Array(0..<relaxation.blockCount), values: value.blockValues)
            #expect(abs(parts.reduce(m.objectiveConstant, +) - value.bound) < 1e-9, "the parts add up to L")
            #expect(best.offer(groups, parts: parts, at: lambda) == (g == 0 ? 3 : 1))
        }
        #expect(abs((best.bound ?? 0) - 26) < 1e-9)
        let together = try #require(try relaxation.evaluate(m, rowDuals: best.multipliers, solver: glpk, timeLimitSeconds: nil))
        #expect(abs(together.bound - 26) < 1e-9)
        // The ascent keeps each group's best part the same way: its best is L at its multipliers,
        // whether all groups take one step or (given the plan behind the target) each its own.
        let (_, _, _, uncovered) = try twoGroups()
        for plan in [nil, uncovered] {
            let ascent = try relaxation.ascent(m, from: Array(repeating: 0, count: m.constraintCount), target: 60, targetPlan: plan,
                                               solver: glpk, timeLimitSeconds: nil, maxSteps: 12)
            let climbed = try #require(ascent.best)
            let again = try #require(try relaxation.evaluate(m, rowDuals: climbed.multipliers, solver: glpk, timeLimitSeconds: nil))
            #expect(abs(again.bound - climbed.bound) < 1e-9 && climbed.bound <= 26 + 1e-9, "\(climbed.bound) against \(again.bound)")
            #expect(climbed.bound > 13, "both groups climbed: \(climbed.bound)")
        }
    }

    /// With the plan behind the target, each group steps towards its own part of the plan: a
    /// group whose part is already at its optimum stays put while the other climbs.
    @Test func eachGroupStepsTowardsItsOwnPartOfThePlan() throws {
        let (m, cover, _, uncovered) = try twoGroups()
        let relaxation = LagrangianBound(m, relaxing: cover)
        let groups = IndependentGroups(m, relaxation)
        // Group 0 already at its best multipliers (10 a day: L = 13, its optimum), group 1 at zero.
        var start = Array(repeating: 0.0, count: m.constraintCount)
        for r in groups.rows[0] { start[r] = 10 }
        // The plan: group 0 at its optimum (13), group 1 all uncovered (30).
        let optimum = try glpk.solve(m, options: SolveOptions(relativeGap: 0, verbosity: .quiet)).values
        #expect(m.objectiveValue(optimum) == 26)
        var plan = uncovered
        for b in relaxation.shapes.indices where groups.groupOfBlock[b] == 0 {
            for j in relaxation.shapes[b].columns { plan[j] = optimum[j] }
        }
        #expect(m.violations(plan).isEmpty && abs(m.objectiveValue(plan) - 43) < 1e-9)
        var ascent = SubgradientAscent(m, relaxedRows: relaxation.relaxedRows, from: start, target: 43, patience: 2,
                                       groups: groups, shapes: relaxation.shapes, targetPlan: plan)
        #expect(try ascent.step(relaxation, m, solver: glpk, lanes: 1, timeLimitSeconds: nil, isStopRequested: { false }))
        for r in groups.rows[0] { #expect(ascent.lambda[r] == 10, "group 0 reached its part of the plan: no step") }
        #expect(groups.rows[1].contains { ascent.lambda[$0] > 0 }, "group 1 climbs")
    }

    /// A group's first step is its Polyak step times `firstGroupTheta` (half of it before rounds
    /// priced by the DP only, `Allocator.dpPricedFirstGroupTheta`): the same direction, half as far.
    @Test func aGroupsFirstStepScalesWithItsFirstTheta() throws {
        let (m, cover, _, uncovered) = try twoGroups()
        let relaxation = LagrangianBound(m, relaxing: cover)
        let groups = IndependentGroups(m, relaxation)
        let start = Array(repeating: 0.0, count: m.constraintCount)
        func firstStep(_ theta: Double) throws -> [Double] {
            var ascent = SubgradientAscent(m, relaxedRows: relaxation.relaxedRows, from: start, target: 60, patience: 2,
                                           groups: groups, shapes: relaxation.shapes, targetPlan: uncovered, firstGroupTheta: theta)
            #expect(try ascent.step(relaxation, m, solver: glpk, lanes: 1, timeLimitSeconds: nil, isStopRequested: { false }))
            return ascent.lambda
        }
        let whole = try firstStep(1), half = try firstStep(Allocator.dpPricedFirstGroupTheta)
        #expect(Allocator.dpPricedFirstGroupTheta == 0.5)
        // Half a step only before rounds priced by the DP (5×, national); before exact rounds a whole one.
        #expect(Allocator.firstGroupTheta(exactRoundsFit: false) == 0.5 && Allocator.firstGroupTheta(exactRoundsFit: true) == 1)
        let moved = relaxation.relaxedRows.filter { whole[$0] != 0 }
        #expect(!moved.isEmpty, "the first step moves some multipliers")
        for r in relaxation.relaxedRows { #expect(abs(half[r] - 0.5 * whole[r]) < 1e-9, "row \(r): \(half[r]) against \(whole[r])") }
    }

    /// The deflection (`SubgradientAscent.deflected`) adds β = −η g·d / |d|² of the last direction
    /// d to a group's subgradient g only where g points against d, group by group.
    @Test func aGroupsDirectionIsDeflectedOnlyWhereItTurnsBack() {
        let step = [1.0, -1, 2, 0], last = [-1.0, 0, 1, 1]
        let deflected = SubgradientAscent.deflected(step, by: last, groups: [[0, 1], [2, 3]], eta: 1.5)
        // Group 0: g·d = −1, |d|² = 1, β = 1.5; group 1: g·d = 2, unchanged.
        #expect(deflected == [-0.5, -1, 2, 0])
        #expect(deflected[0] * last[0] + deflected[1] * last[1] >= 0, "at most a right angle from the last direction")
        #expect(SubgradientAscent.deflected(step, by: last, groups: [[0, 1], [2, 3]], eta: 0) == step)
        #expect(SubgradientAscent.allocationDeflection == 1.5)
    }

    /// The ascent steps along the deflected direction: from the same start, with and without the
    /// deflection its multipliers part once a group's subgradient turns back, and the deflected
    /// ascent's best is still a valid bound (the optimum is 26).
    @Test func theAscentStepsAlongTheDeflectedDirection() throws {
        let (m, cover, _, uncovered) = try twoGroups()
        let relaxation = LagrangianBound(m, relaxing: cover)
        let groups = IndependentGroups(m, relaxation)
        let start = Array(repeating: 0.0, count: m.constraintCount)
        func steps(_ eta: Double) throws -> (lambdas: [[Double]], best: Double) {
            var ascent = SubgradientAscent(m, relaxedRows: relaxation.relaxedRows, from: start, target: 60, patience: 2,
                                           groups: groups, shapes: relaxation.shapes, targetPlan: uncovered, deflection: eta)
            var lambdas: [[Double]] = []
            for _ in 0..<8 {
                guard try ascent.step(relaxation, m, solver: glpk, lanes: 1, timeLimitSeconds: nil, isStopRequested: { false }) else { break }
                lambdas.append(ascent.lambda)
            }
            return (lambdas, try #require(ascent.best).bound)
        }
        let plain = try steps(0), deflected = try steps(1.5)
        #expect(plain.lambdas.first == deflected.lambdas.first, "the first step has nothing to deflect by")
        #expect(zip(plain.lambdas, deflected.lambdas).contains { $0 != $1 }, "a later step is deflected")
        #expect(deflected.best <= 26 + 1e-9 && plain.best <= 26 + 1e-9)
    }

    /// Under a time limit on two lanes the ascent goes on beside the master's LPs (`SideAscent`):
    /// whatever it adds, the bound stays valid (the optimum is 13) and the plan is the optimum.
    @Test func theAscentBesideTheMasterLPsKeepsTheBoundValid() throws {
        let (m, cover, duals, uncovered) = try twoWorkers()
        let generation = ColumnGeneration(m, relaxing: cover)
        let relaxation = LagrangianBound(m, relaxing: cover)
        let ascent = try relaxation.ascent(m, from: Array(repeating: 0, count: m.constraintCount), target: 30, solver: glpk,
                                           timeLimitSeconds: nil, maxSteps: 2)
        let side = SideAscent(ascent, relaxation: relaxation, model: m, solver: glpk)
        let r = try generation.run(m, startDuals: duals, seeds: [uncovered], solver: glpk, lanes: 2, timeLimitSeconds: 20, side: side)
        let bound = try #require(r.bound)
        #expect(bound <= 13 + 1e-6)
        #expect((side.bound ?? -.infinity) <= 13 + 1e-6)
        let point = try #require(r.point)
        #expect(m.violations(point).isEmpty && abs(m.objectiveValue(point) - 13) < 1e-6)
    }

    /// With the master LP within the tolerance of the bound, the rounds stop before converging;
    /// the bound is still valid and the master MIP still runs.
    @Test func theRoundsStopOnceTheMasterLPIsWithinTheToleranceOfTheBound() throws {
        let (m, cover, duals, uncovered) = try twoWorkers()
        var generation = ColumnGeneration(m, relaxing: cover)
        generation.boundTolerance = 1  // the master LP (at most 30) is within 100 % of any bound above 0
        let r = try generation.run(m, startDuals: duals, seeds: [uncovered], solver: glpk, timeLimitSeconds: nil)
        #expect(r.closeEnough && !r.converged)
        let bound = try #require(r.bound)
        #expect(bound <= 13 + 1e-6)
        let point = try #require(r.point)
        #expect(m.violations(point).isEmpty && m.objectiveValue(point) <= 30)
        #expect(r.rounds < (try ColumnGeneration(m, relaxing: cover).run(m, startDuals: duals, seeds: [uncovered], solver: glpk,
                                                                           timeLimitSeconds: nil)).rounds)
    }

    /// Rounds priced by a relaxation go exact once the master LP stalls.
    @Test func theMasterLPHasStalledWhenItImprovedByLessThanTheToleranceOverTheRounds() {
        let flat = [100.0, 90, 80, 79.999, 79.998, 79.997]
        #expect(ColumnGeneration.stalled(flat, since: 0, rounds: 3, tolerance: 1e-4))
        #expect(!ColumnGeneration.stalled(flat, since: 0, rounds: 4, tolerance: 1e-4), "80 → 79.997 is within, 90 → 79.997 is not")
        #expect(!ColumnGeneration.stalled(flat, since: 3, rounds: 3, tolerance: 1e-4), "three rounds since the last exact one are not more than three")
        #expect(!ColumnGeneration.stalled(Array(flat.prefix(3)), since: 0, rounds: 3, tolerance: 1e-4))
        #expect(!ColumnGeneration.stalled(flat, since: 0, rounds: 0, tolerance: 1e-4))
    }

    @Test func theMasterMIPStartsFromTheSeedAndNeverEndsWorse() throws {
        // No time for rounds: the master holds the seed's columns and the first pricing's.
        let (m, cover, duals, uncovered) = try twoWorkers()
        let r = try ColumnGeneration(m, relaxing: cover).run(m, startDuals: duals, seeds: [uncovered], solver: glpk,
                                                              timeLimitSeconds: 5, mipShare: 0.999)
        let point = try #require(r.point)
        #expect(m.violations(point).isEmpty)
        #expect(m.objectiveValue(point) <= 30)
    }

    @Test func theLastMasterLPIsRoundedIntoOneMoreSeed() throws {
        let (m, cover, duals, uncovered) = try twoWorkers()
        final class Seen: @unchecked Sendable { var points: [[Double]] = [] }
        let seen = Seen()
        let r = try ColumnGeneration(m, relaxing: cover).run(m, startDuals: duals, seeds: [uncovered], solver: glpk,
                                                              timeLimitSeconds: nil, rounding: { point in
                                                                  seen.points.append(point)
                                                                  return uncovered })
        #expect(seen.points.count == 1 && seen.points[0].count == m.variableCount)
        // The master LP's point satisfies the relaxed rows (it is a convex combination of weeks).
        for row in cover { #expect(abs(m.activity(ofRow: row, seen.points[0]) - 1) < 1e-6) }
        #expect(r.point.map { m.objectiveValue($0) } == 13)
    }

    /// Rounds go on past their share of the time only after a round that lowered the master LP
    /// by at least the steep share; the first round (nothing to compare) and a rising LP do not.
    @Test func roundsGoOnOnlyWhileTheMasterLPFallsSteeply() {
        // 5× the region, rounds 4 and 6 at 120 s: −2.2 % and −0.74 %.
        #expect(ColumnGeneration.fellSteeply(1_512_120, 1_478_432, share: 0.01))
        #expect(!ColumnGeneration.fellSteeply(1_461_226, 1_450_381, share: 0.01))
        // The region week after its first rounds: −0.1 %.
        #expect(!ColumnGeneration.fellSteeply(328_686, 328_181, share: 0.01))
        #expect(!ColumnGeneration.fellSteeply(nil, 1_000, share: 0.01))
        #expect(!ColumnGeneration.fellSteeply(1_000, 1_020, share: 0.01))
        #expect(ColumnGeneration.fellSteeply(1_000, 990, share: 0.01))
    }

    /// Columns given before the rounds (the ascent's weeks): each block's cheapest at the start
    /// duals join the master, at most `columnsPerBlock`; given the optimal weeks, the rounds
    /// converge to the same bound in no more rounds than without them.
    @Test func givenColumnsJoinTheMasterBeforeTheRounds() throws {
        let (m, cover, duals, uncovered) = try twoWorkers()
        var generation = ColumnGeneration(m, relaxing: cover)
        generation.columnsPerBlock = 1
        let optima = try pricedWeeks(m, generation, duals)
        // Asked on the lanes: what each block was asked for, by block.
        final class Asked: @unchecked Sendable {
            let lock = NSLock()
            var most: [Int: Int] = [:]
        }
        let asked = Asked(), (priced, shapes) = (generation.priced, generation.relaxation.shapes)
        let given = { @Sendable (shape: BlockShape, _: [Double], most: Int) -> [[Double]] in
            guard let i = priced.firstIndex(where: { shapes[$0].columns == shape.columns }) else { return [] }
            asked.lock.withLock { asked.most[i] = most }
            // The idle week first, then the week priced at the duals.
            return [Array(repeating: 0, count: shape.columns.count), optima[i].point]
        }
        let with = try generation.run(m, startDuals: duals, seeds: [uncovered], columns: given, solver: glpk, lanes: 2, timeLimitSeconds: nil)
        #expect(asked.most == Dictionary(uniqueKeysWithValues: priced.indices.map { ($0, 2) }))
        #expect(with.roundLog.hasPrefix("\(generation.priced.count) columns given before the rounds"), "\(with.roundLog)")
        let without = try generation.run(m, startDuals: duals, seeds: [uncovered], solver: glpk, timeLimitSeconds: nil)
        #expect(with.converged && abs((with.bound ?? 0) - 13) < 1e-6)
        #expect(with.rounds <= without.rounds)
        let point = try #require(with.point)
        #expect(m.violations(point).isEmpty && abs(m.objectiveValue(point) - 13) < 1e-6)
    }

    /// The ascent gets a tenth before exact rounds, 30 % before rounds priced by the DP only, a
    /// quarter without price-and-branch.
    @Test func theAscentsShareFollowsWhatComesAfterIt() {
        #expect(Allocator.ascentShare(exactRoundsFit: true, priceAndBranch: true) == 0.1)
        #expect(Allocator.ascentShare(exactRoundsFit: false, priceAndBranch: true) == 0.3)
        #expect(Allocator.ascentShare(exactRoundsFit: false, priceAndBranch: false) == 0.25)
    }

    @Test func theCheapestGivenColumnsAreKept() {
        let points: [[Double]] = [[1, 0], [0, 1], [1, 1], [0, 0]]
        let costs = [5.0, -2, 0, 7]  // over model columns 0…3; the block's columns are 3 and 1
        #expect(ColumnGeneration.cheapest(points, of: [3, 1], costs: costs, most: 2) == [[0, 1], [0, 0]])
        #expect(ColumnGeneration.cheapest(points, of: [3, 1], costs: costs, most: 0).isEmpty)
        #expect(ColumnGeneration.cheapest(points, of: [3, 1], costs: costs, most: 9).count == 4)
        #expect([1, 312, 1_508, 5_058].map { ColumnGeneration.givenColumnsPerBlock(blocks: $0) } == [30, 30, 6, 3])
    }

    @Test func aStopEndsItAndSaysSo() throws {
        let (m, cover, duals, uncovered) = try twoWorkers()
        let r = try ColumnGeneration(m, relaxing: cover).run(m, startDuals: duals, seeds: [uncovered], solver: glpk,
                                                              timeLimitSeconds: 10, isStopRequested: { true })
        #expect(r.interrupted && r.rounds == 0 && r.point == nil && r.bound == nil)
    }

    @Test func aStopLatchRemembersWhatItSaw() {
        final class Flag: @unchecked Sendable { var on = false }
        let flag = Flag()
        let latch = StopLatch { flag.on }
        #expect(!latch.isSet)
        flag.on = true
        #expect(latch.isSet)
        flag.on = false  // GLPK clears its flag when the next solve begins
        #expect(latch.isSet)
    }

    /// Weekly allocations: price-and-branch's bound is valid, its plans pass the independent checker.
    @Test func onGeneratedWeeksTheBoundIsValidAndThePlansCheck() throws {
        for seed in UInt64(7)...9 {
            let sc = TestScenarios.random(seed: seed, clinicians: 14, sites: 5)
            let run = try Harness.run(sc)
            #expect(run.solverLog.contains("=== price-and-branch ==="), "seed \(seed)")
            let plan = run.plan
            let bound = try #require(plan.solver.lagrangianBound)
            if plan.solver.status == .optimal { #expect(bound <= plan.costs.objective + 0.02, "seed \(seed)") }
            let report = PlanChecker(sc).check(PlanChecker.items(plan))
            #expect(report.violations.isEmpty, "seed \(seed): \(report.violations.prefix(3))")
        }
    }
}
