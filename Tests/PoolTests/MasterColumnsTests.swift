import Foundation
import Testing
@testable import Pool

/// The master's own tests: its LPs from the last basis, resting columns and the dive (the suite's
/// small models are in ColumnGenerationTests.swift).
extension ColumnGenerationTests {
    /// A master over the all-uncovered plan's weeks, as price-and-branch starts it.
    func seededMaster(_ m: LinearModel, _ generation: ColumnGeneration, _ seed: [Double]) -> MasterColumns {
        var master = MasterColumns(m, relaxation: generation.relaxation, priced: generation.priced, kept: generation.kept)
        master.add(seeds: seed)
        return master
    }

    /// Each worker's best week at the given duals (one pricing round).
    func pricedWeeks(_ m: LinearModel, _ generation: ColumnGeneration, _ duals: [Double]) throws -> [BlockOptimum] {
        let (costs, _) = ColumnGeneration.pricedCosts(m, generation.relaxation.relaxedRows, duals)
        return try #require(try generation.relaxation.solveBlocks(generation.priced, m, costs: costs, solver: glpk, lanes: 1,
                                                                  timeLimitSeconds: nil, isStopRequested: { false }))
    }

    /// After new columns the master LP restarts from the last basis (the new columns non-basic at
    /// zero); it must reach the same optimum as a master built afresh with the same columns.
    @Test func theMasterLPFromTheLastBasisMatchesAColdStart() throws {
        let (m, cover, duals, uncovered) = try twoWorkers()
        let generation = ColumnGeneration(m, relaxing: cover)
        var warm = seededMaster(m, generation, uncovered)
        let first = try #require(try warm.solveLP(glpk, timeLimit: nil))
        #expect(abs(first.objective - 30) < 1e-9)
        let optima = try pricedWeeks(m, generation, duals)
        var cold = seededMaster(m, generation, uncovered)
        var added = 0
        for (i, o) in optima.enumerated() where warm.add(block: i, point: o.point) { cold.add(block: i, point: o.point); added += 1 }
        #expect(added > 0)
        let again = try #require(try warm.solveLP(glpk, timeLimit: nil))
        let fresh = try #require(try cold.solveLP(glpk, timeLimit: nil))
        #expect(abs(again.objective - fresh.objective) < 1e-9 && again.objective < first.objective)
        #expect(SolverBasis(rowStatus: [1], columnStatus: [1, 2]).appendingColumns(2).columnStatus == [1, 2, 2, 2])
    }

    /// Every week of the two workers (each works at most one of the three days) as a column.
    func addEveryWeek(_ master: inout MasterColumns) {
        for worker in 0..<2 {
            master.add(block: worker, point: [0, 0, 0])
            for day in 0..<3 { master.add(block: worker, point: (0..<3).map { $0 == day ? 1 : 0 }) }
        }
    }

    /// Columns out of the basis with a positive reduced cost for `restAfter` LPs rest: the next
    /// master LP is built without them, from the last basis, and reaches the optimum over every
    /// column. A resting column that pricing finds again, or that prices out, comes back.
    @Test func restingColumnsLeaveTheMasterLPAndComeBackWhenTheyPriceOut() throws {
        let (m, cover, _, uncovered) = try twoWorkers()
        let generation = ColumnGeneration(m, relaxing: cover)
        var master = seededMaster(m, generation, uncovered)
        master.restAfter = 1
        addEveryWeek(&master)
        #expect(master.count == 8)
        let lp = try #require(try master.solveLP(glpk, timeLimit: nil))
        #expect(abs(lp.objective - 13) < 1e-9)
        // The idle weeks (the seed's) price at 8 € or more: a day's uncovered cost less the week's.
        let resting = master.columns.indices.filter { master.reducedCost($0, pi: lp.relaxedDuals, sigma: lp.convexityDuals) > 1e-6 }
        #expect(resting.count >= 2)
        #expect(master.lpColumnCount == master.count - resting.count)
        // Without them, from the basis over every column: the same optimum.
        let again = try #require(try master.solveLP(glpk, timeLimit: nil))
        #expect(abs(again.objective - 13) < 1e-9)
        let restingNow = master.count - master.lpColumnCount
        #expect(restingNow >= resting.count)
        // Pricing finds a resting week again: it is back, as a new column would be.
        let k = try #require(resting.first)
        let back = master.add(block: master.columns[k].block, point: master.columns[k].point)
        #expect(back)
        #expect(master.lpColumnCount == master.count - restingNow + 1)
        let twice = master.add(block: master.columns[k].block, point: master.columns[k].point)
        #expect(!twice, "in the LP already")
        // Duals at which every resting week prices out wake them all.
        let woken = master.wake(pi: lp.relaxedDuals, sigma: lp.convexityDuals.map { $0 + 1_000 })
        #expect(woken == restingNow - 1)
        #expect(master.lpColumnCount == master.count)
        // The dive, over every column now.
        let dived = try #require(try master.dive(glpk, timeLimit: 10, lastMasterLP: 0.01, isStopRequested: { false }))
        #expect(m.violations(dived).isEmpty && abs(m.objectiveValue(dived) - 13) < 1e-6)
    }

    /// The dive is built over the master LPs' columns and the seeds', not the resting ones: here
    /// the optimum is the seed, and the idle weeks rest.
    @Test func theDiveLeavesRestingColumnsOut() throws {
        let (m, cover, _, _) = try twoWorkers()
        let generation = ColumnGeneration(m, relaxing: cover)
        // u0…u2, then worker 0's days, then worker 1's: worker 0 on day 0, worker 1 on day 1.
        var optimum = Array(repeating: 0.0, count: m.variableCount)
        for j in [2, 3, 7] { optimum[j] = 1 }
        #expect(m.violations(optimum).isEmpty && m.objectiveValue(optimum) == 13)
        var master = seededMaster(m, generation, optimum)
        master.restAfter = 1
        addEveryWeek(&master)
        _ = try #require(try master.solveLP(glpk, timeLimit: nil))
        let lp = try #require(try master.solveLP(glpk, timeLimit: nil))
        #expect(abs(lp.objective - 13) < 1e-9)
        let inLP = master.lpColumnCount
        #expect(inLP < master.count)
        let dived = try #require(try master.dive(glpk, timeLimit: 10, lastMasterLP: 0.01, isStopRequested: { false }))
        #expect(m.violations(dived).isEmpty && abs(m.objectiveValue(dived) - 13) < 1e-6)
        #expect(master.diveSummary.contains("LPs over \(inLP) of \(master.count) columns"), "\(master.diveSummary)")
        // The master MIP from the dive's basis, over every column.
        let r = try master.solveMIP(glpk, timeLimit: 10, isStopRequested: { false })
        let point = try #require(r.point)
        #expect(m.violations(point).isEmpty && abs(m.objectiveValue(point) - 13) < 1e-6)
    }

    /// With columns resting after every LP, the rounds still converge to the Dantzig–Wolfe bound:
    /// a block optimum that is resting is a new column for the master LP.
    @Test func roundsWithRestingColumnsConvergeToTheSameBound() throws {
        let (m, cover, duals, uncovered) = try twoGroups()
        for rest in [nil, 1, 2] as [Int?] {
            var generation = ColumnGeneration(m, relaxing: cover)
            generation.restAfter = rest
            let r = try generation.run(m, startDuals: duals, seeds: [uncovered], solver: glpk, timeLimitSeconds: nil)
            #expect(r.converged && abs((r.bound ?? 0) - 26) < 1e-6, "rest after \(rest.map(String.init) ?? "never"): \(r.bound ?? .nan)")
            let point = try #require(r.point)
            #expect(m.violations(point).isEmpty && abs(m.objectiveValue(point) - 26) < 1e-6)
        }
    }

    /// The dive fixes weeks until every worker has one: its plan is feasible, no better than the
    /// master LP, and here (one week per worker covers every shift) the optimum.
    @Test func aDiveOnTheMasterLPEndsWithAFeasiblePlan() throws {
        let (m, cover, duals, uncovered) = try twoWorkers()
        let generation = ColumnGeneration(m, relaxing: cover)
        var master = seededMaster(m, generation, uncovered)
        for (i, o) in try pricedWeeks(m, generation, duals).enumerated() { master.add(block: i, point: o.point) }
        let lp = try #require(try master.solveLP(glpk, timeLimit: nil))
        let dived = try #require(try master.dive(glpk, timeLimit: 10, lastMasterLP: 0.01, isStopRequested: { false }))
        #expect(m.violations(dived).isEmpty)
        #expect(m.objectiveValue(dived) >= lp.objective - 1e-6 && m.objectiveValue(dived) <= 30)
        #expect(try master.dive(glpk, timeLimit: 10, lastMasterLP: 0.01, isStopRequested: { true }) == nil)
    }

    /// A dive whose first LP would, like the rounds' last master LP, take over half its time is
    /// not started; at half, it is.
    @Test func aDiveIsNotStartedWhenTheMasterLPTakesOverHalfItsTime() throws {
        let (m, cover, duals, uncovered) = try twoWorkers()
        let generation = ColumnGeneration(m, relaxing: cover)
        var master = seededMaster(m, generation, uncovered)
        for (i, o) in try pricedWeeks(m, generation, duals).enumerated() { master.add(block: i, point: o.point) }
        _ = try #require(try master.solveLP(glpk, timeLimit: nil))
        #expect(try master.dive(glpk, timeLimit: 10, lastMasterLP: 5.01, isStopRequested: { false }) == nil)
        #expect(master.diveSummary.hasPrefix("not started"))
        #expect(try master.dive(glpk, timeLimit: 10, lastMasterLP: 5, isStopRequested: { false }) != nil)
    }

    /// A dive is given up once, at its pace since its first LP, the blocks left would not all be
    /// fixed by its limit; a dive on pace, or with no pace measured yet, goes on.
    @Test func aDiveThatWouldNotFinishIsGivenUp() {
        // 5× the region: 600 of 1 508 fixed by the first LP at 3 s, 900 at 6 s of 9.2: 608 left
        // at 100 a second take 6 s more.
        #expect(!MasterColumns.diveMayFinish(fixed: 900, of: 1508, since: (600, 3), now: 6, limit: 9.2))
        // The same pace with twice the time: it fits (6 + 6.08 ≤ 14).
        #expect(MasterColumns.diveMayFinish(fixed: 900, of: 1508, since: (600, 3), now: 6, limit: 14))
        // Nothing fixed since the first LP (the fixed weeks turned the LP infeasible, undone): no pace yet.
        #expect(MasterColumns.diveMayFinish(fixed: 600, of: 1508, since: (600, 3), now: 6, limit: 9.2))
        #expect(!MasterColumns.diveMayFinish(fixed: 600, of: 1508, since: (600, 3), now: 9.5, limit: 9.2))
        // Region week: 312 blocks, LPs of 0.02 s.
        #expect(MasterColumns.diveMayFinish(fixed: 150, of: 312, since: (120, 0.05), now: 0.09, limit: 2.6))
    }
}
