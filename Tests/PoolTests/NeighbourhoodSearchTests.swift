import Foundation
import Testing
@testable import Pool

/// The large-neighbourhood search: the reduced sub-model (fixed columns substituted out), the
/// graph neighbourhoods, the search loop and the search-only solver used when the LP is skipped.
@Suite struct NeighbourhoodSearchTests {
    let glpk = GLPKSolver()

    /// a + b + c ≤ 2 (row "abc"), c + d ≤ 1 ("cd"), d − s ≤ 0 ("ds", s continuous with cost 1),
    /// e ≤ 1 alone ("e"); maximise-like costs as a minimisation.
    static func chain() -> LinearModel {
        let m = LinearModel(name: "chain")
        let a = m.binary("a", objective: -3), b = m.binary("b", objective: -2), c = m.binary("c", objective: -4)
        let d = m.binary("d", objective: -5), e = m.binary("e", objective: -1)
        let s = m.addVariable("s", .continuous, lower: 0, upper: 1, objective: 1)
        m.add("abc", a + b + c <= 2)
        m.add("cd", c + d <= 1)
        m.add("ds", d - s <= 0)
        m.add("e", LinearExpression(e) <= 1)
        m.direction = .minimize
        return m
    }

    @Test func theRestrictedModelSubstitutesFixedColumnsAndDropsRowsWithoutFreeOnes() throws {
        let m = Self.chain()
        // point: a = 1, b = 1, c = 0, d = 1, e = 0, s = 1 (feasible, objective −3 −2 −5 +1 = −9)
        let point: [Double] = [1, 1, 0, 1, 0, 1]
        #expect(m.violations(point).isEmpty)
        let r = RestrictedModel(m, freeIntegers: [2], at: point, graph: ColumnRows(m))
        // c is free; rows abc and cd contain it; no continuous column shares a row with c
        #expect(r.columns == [2])
        #expect(r.model.constraintNames == ["abc", "cd"])
        // abc: c ≤ 2 − (a + b) = 0; cd: c ≤ 1 − d = 0
        #expect(r.model.rightHandSides == [0, 0])
        // the objective keeps the fixed columns' value as its constant: −3 −2 −5 +1 = −9
        #expect(r.model.objectiveConstant == -9)
        #expect(r.model.objectiveValue([0]) == m.objectiveValue(point))
    }

    @Test func continuousColumnsNextToFreeOnesStayFree() throws {
        let m = Self.chain()
        let point: [Double] = [1, 1, 0, 1, 0, 1]
        let r = RestrictedModel(m, freeIntegers: [3], at: point, graph: ColumnRows(m))
        // d is free: rows cd and ds; s shares ds, so it is free too
        #expect(r.columns == [3, 5])
        #expect(r.model.constraintNames == ["cd", "ds"])
        // solving the sub-model may drop d (and s with it) or keep it: the optimum keeps d (−5 + 1)
        let sub = try glpk.solve(r.model, options: SolveOptions())
        #expect(sub.objective == -9)
        // with c worth more than d, freeing c and d together swaps them
        let both = RestrictedModel(m, freeIntegers: [2, 3], at: [1, 0, 0, 1, 0, 1], graph: ColumnRows(m))
        let best = try glpk.solve(both.model, options: SolveOptions())
        #expect(best.objective == -7)  // a + c: −3 −4, d = s = 0
        var full = [1.0, 0, 0, 1, 0, 1]
        for (k, j) in both.columns.enumerated() { full[j] = best.values[k] }
        #expect(m.violations(full).isEmpty && m.objectiveValue(full) == -7)
    }

    @Test func neighbourhoodsGrowBreadthFirstThroughSharedRowsOnly() {
        let m = Self.chain()
        let g = ColumnRows(m)
        #expect(g.rows(of: 2).map { Int($0) } == [0, 1])
        // from a: row abc gives b and c, then c's row cd gives d; e shares no row
        #expect(g.neighbourhood(from: [0], integerColumns: 10, kinds: m.kinds) == [0, 1, 2, 3])
        #expect(g.neighbourhood(from: [0], integerColumns: 2, kinds: m.kinds) == [0, 1])
        #expect(g.neighbourhood(from: [4], integerColumns: 10, kinds: m.kinds) == [4])
        #expect(g.neighbourhood(from: [3], integerColumns: 10, kinds: m.kinds) == [0, 1, 2, 3])
        // a component smaller than the size: the next seed's component joins
        #expect(g.neighbourhood(from: [4, 4, 1], integerColumns: 3, kinds: m.kinds) == [0, 1, 4])
    }

    /// Many independent pairs x[i] + y[i] ≤ 1 where the start takes the worse y[i] everywhere:
    /// every neighbourhood improves, and a budget long enough reaches the optimum.
    static func pairs(_ n: Int) -> (LinearModel, [Double]) {
        let m = LinearModel(name: "pairs")
        var start: [Double] = []
        for i in 0..<n {
            let x = m.binary("x[\(i)]", objective: -2), y = m.binary("y[\(i)]", objective: -1)
            m.add("pair[\(i)]", x + y <= 1)
            start += [0, 1]
        }
        m.direction = .minimize
        return (m, start)
    }

    @Test func theSearchImprovesAndGrowsUntilANeighbourhoodWouldBeTheWholeModel() throws {
        let (m, start) = Self.pairs(400)
        var best = Incumbent(m, start)
        #expect(best.objective == -400)
        var search = NeighbourhoodSearch(m, initialSize: 4)
        // 10 s rounds: under the whole suite's load a 2 s round once ran out of time, and the
        // neighbourhood shrank instead of growing.
        let summary = try search.improve(&best, base: glpk, options: SolveOptions(), budgetSeconds: 60, roundSeconds: 10,
                                         isStopRequested: { false })
        // every round solves at once, so the size grows by half each round until it is all 800 columns
        #expect(search.coversModel)
        #expect(summary.rounds >= 10 && summary.improvements >= 10)
        let objective = try #require(best.objective)
        #expect(objective < -600 && objective >= -800)
        #expect(m.violations(best.values ?? []).isEmpty)
        #expect(summary.log.contains("=== neighbourhood search:"))
    }

    @Test func theSearchStopsWhenThePlanIsGoodEnough() throws {
        let (m, start) = Self.pairs(400)
        var best = Incumbent(m, start)
        var search = NeighbourhoodSearch(m, initialSize: 4)
        let summary = try search.improve(&best, base: glpk, options: SolveOptions(), budgetSeconds: 20, roundSeconds: 2,
                                         isStopRequested: { false }, isGoodEnough: { $0 < -400 })
        #expect(summary.rounds == 1 && (best.objective ?? 0) < -400)
    }

    @Test func aStopRequestEndsTheSearchAtOnce() throws {
        let (m, start) = Self.pairs(50)
        var best = Incumbent(m, start)
        var search = NeighbourhoodSearch(m, initialSize: 4)
        let summary = try search.improve(&best, base: glpk, options: SolveOptions(), budgetSeconds: 20, roundSeconds: 2,
                                         isStopRequested: { true })
        #expect(summary.rounds == 0 && best.objective == -50)
    }

    @Test func theSameSeedGivesTheSameRounds() throws {
        let (m, start) = Self.pairs(300)
        func run() throws -> [Double] {
            var best = Incumbent(m, start)
            var search = NeighbourhoodSearch(m, initialSize: 6)
            for _ in 0..<3 {
                let (round, found) = try search.round(from: best.values ?? start, base: glpk, options: SolveOptions())
                if let found, round.improved { best.offer(m, found) }
            }
            return best.values ?? []
        }
        let first = try run()
        #expect(try run() == first)
        #expect(first != start)
    }

    /// Two lanes share the plan: both run rounds, every round starts from the best plan of
    /// either, and the plan that comes back is feasible and better than the start.
    @Test func onTwoLanesBothSearchAroundTheSharedPlan() throws {
        let (m, start) = Self.pairs(400)
        var best = Incumbent(m, start)
        let summary = try ParallelNeighbourhoodSearch.improve(&best, model: m, graph: ColumnRows(m), lanes: 2, base: glpk,
                                                              options: SolveOptions(), budgetSeconds: 20, roundSeconds: 2, initialSize: 4,
                                                              isStopRequested: { false }, isGoodEnough: { _ in false })
        #expect(summary.log.contains("--- lane 1 of 2 ---") && summary.log.contains("--- lane 2 of 2 ---"))
        for lane in summary.log.components(separatedBy: "--- lane ").dropFirst() {
            #expect(lane.contains("neighbourhood round 1:"), "a lane without rounds: \(lane.prefix(200))")
        }
        let objective = try #require(best.objective)
        #expect(objective < -600 && objective >= -800)
        #expect(m.violations(best.values ?? []).isEmpty)
        #expect(summary.improvements >= 10, "\(summary.log)")
    }

    /// A lane whose neighbourhood grows to the whole model while another lane still searches goes
    /// on with smaller ones until its budget (it would idle otherwise); the last lane to get there
    /// ends the search, as a lone search ends there.
    @Test func aLaneAtTheWholeModelGoesOnWhileAnotherSearches() throws {
        let (m, start) = Self.pairs(400)
        var alone = NeighbourhoodSearch(m, initialSize: 4)
        let single = try alone.improve(SharedIncumbent(m, Incumbent(m, start)), base: glpk, options: SolveOptions(), budgetSeconds: 60,
                                       roundSeconds: 10, isStopRequested: { false })
        #expect(alone.coversModel && single.seconds < 30)

        let waiting = WholeModelLanes(lanes: 2)
        var first = NeighbourhoodSearch(m, initialSize: 4)
        let goingOn = try first.improve(SharedIncumbent(m, Incumbent(m, start)), base: glpk, options: SolveOptions(), budgetSeconds: 4,
                                        roundSeconds: 10, isStopRequested: { false }, wholeModel: (lane: 0, lanes: waiting))
        #expect(goingOn.rounds > single.rounds, "\(goingOn.rounds) rounds against \(single.rounds)")
        #expect(goingOn.seconds > 3, "it stopped at \(goingOn.seconds) s of its 4 s")
        #expect(!waiting.everyLaneReached)

        let lastToArrive = WholeModelLanes(lanes: 2)
        #expect(!lastToArrive.reach(1))
        var second = NeighbourhoodSearch(m, initialSize: 4)
        let ended = try second.improve(SharedIncumbent(m, Incumbent(m, start)), base: glpk, options: SolveOptions(), budgetSeconds: 60,
                                       roundSeconds: 10, isStopRequested: { false }, wholeModel: (lane: 0, lanes: lastToArrive))
        #expect(second.coversModel && lastToArrive.everyLaneReached && ended.seconds < 30)
    }

    /// Two lanes improve different pairs from the same plan: the second's change is applied to the
    /// plan the first left (each alone is worth −3, both −4).
    @Test func aRoundFromAnOlderPlanIsMergedIntoTheNewOne() throws {
        let (m, start) = Self.pairs(2)
        let shared = SharedIncumbent(m, Incumbent(m, start))
        #expect(shared.offer([1, 0, 0, 1], around: start))
        #expect(shared.offer([0, 1, 1, 0], around: start))
        #expect(shared.incumbent.values == [1, 0, 1, 0] && shared.incumbent.objective == -4)
        // a merge that breaks a row is not kept, nor is a plan no better than the incumbent
        #expect(!shared.offer([1, 1, 0, 1], around: start) && !shared.offer([0, 1, 1, 0], around: start))
    }

    @Test func aSmallModelGoesOnToBranchAndCutAndIsProvenOptimal() throws {
        let (m, start) = Self.pairs(20)
        var options = SolveOptions(timeLimitSeconds: 10)
        options.warmStart = start
        let r = try NeighbourhoodSearchSolver(base: glpk).solve(m, options: options)
        #expect(r.status == .optimal && r.objective == -40)
        #expect(r.log.contains("=== branch-and-cut ==="))
    }
}

/// Timed: in the whole suite its 0.15 s budget measured 1.62 s against the 1.5 s it allows, its
/// solves waiting on GLPK's process-wide lock (`TimedTests` says why); alone it takes 0.02 s.
extension TimedTests {
    /// A budget of a fraction of a second (the equity branching's node plans get 0.2–0.6 s) still
    /// runs rounds: with the fixed 0.1 s reserve and 0.1 s to start a round it ran none under 0.2 s.
    @Test func aBudgetUnderASecondStillSearchesAndKeepsToIt() throws {
        let (m, start) = NeighbourhoodSearchTests.pairs(400)
        var best = Incumbent(m, start)
        var search = NeighbourhoodSearch(m, initialSize: 4)
        let clock = BlockClock()
        let summary = try search.improve(&best, base: glpk, options: SolveOptions(), budgetSeconds: 0.15, roundSeconds: 2,
                                         isStopRequested: { false })
        #expect(summary.rounds >= 1 && summary.improvements >= 1 && (best.objective ?? 0) < -400)
        #expect(m.violations(best.values ?? []).isEmpty)
        // Generous against the suite's load: the rounds here take milliseconds.
        #expect(clock.elapsed < 1.5)
    }
}
