import Foundation
import Testing
@testable import Pool

/// GLPK's interior point: the same optimum and duals as the simplex, and a deadline that stops
/// it although GLPK itself offers none (the shim cancels it from the output hook).
@Suite struct InteriorPointTests {
    let glpk = GLPKSolver()

    @Test func interiorPointMatchesTheSimplexOptimumAndDuals() throws {
        let (model, d, t, c) = GLPKTestModels.production()
        var options = SolveOptions()
        options.lpMethod = .interiorPoint
        let r = try glpk.solve(model, options: options)
        #expect(r.status == .optimal)
        #expect(abs((r.objective ?? 0) - 280) < 1e-5)
        #expect(abs(r.value(d) - 2) < 1e-5 && abs(r.value(t)) < 1e-5 && abs(r.value(c) - 8) < 1e-5)
        let duals = try #require(r.rowDuals)
        #expect(zip(duals, [0.0, 10, 10, 0]).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(r.basis == nil)
    }

    @Test func interiorPointReportsInfeasibility() throws {
        let m = LinearModel()
        let x = m.addVariable("x", lower: 0, upper: 1), y = m.addVariable("y", lower: 0, upper: 1)
        m.setObjective(.minimize, x + y)
        m.add("too_much", x + y >= 3)
        var options = SolveOptions(presolve: false)
        options.lpMethod = .interiorPoint
        let r = try glpk.solve(m, options: options)
        #expect(r.status == .infeasible || r.status == .noSolution)
        #expect(r.values.isEmpty)
    }

    /// A transportation LP large enough that GLPK's interior point needs many seconds.
    static func largeLP(sources: Int = 300, sinks: Int = 300) -> LinearModel {
        var rng = SplitMix64(seed: 7)
        let m = LinearModel(name: "transport")
        var objective = LinearExpression()
        var x: [[Variable]] = []
        for i in 0..<sources {
            x.append((0..<sinks).map { j in m.addVariable("x[\(i),\(j)]") })
            for j in 0..<sinks { objective.add(1 + rng.unit() * 100, x[i][j]) }
        }
        for i in 0..<sources { m.add("supply[\(i)]", sum(x[i]) <= Double(sinks)) }
        for j in 0..<sinks { m.add("demand[\(j)]", sum((0..<sources).map { x[$0][j] }) >= Double(sources) - 1) }
        m.setObjective(.minimize, objective)
        return m
    }

    @Test func convergenceIsReadFromTheLastIterationLine() {
        let converged = "50: obj = 3.1e+05; rpi = 1.0e-09; rdi = 2.0e-10; gap = 3.0e-05\n51: obj = 3.192964495e+05; rpi =  4.3e-12; rdi =  5.2e-14; gap =  9.8e-07\nNUMERIC INSTABILITY; SEARCH TERMINATED\n"
        #expect(GLPKSolveRun.convergedDespiteInstability(converged))
        let early = "17: obj =   5.683800191e+05; rpi =  3.4e-03; rdi =  4.3e-05; gap =  3.2e+00\nNUMERIC INSTABILITY; SEARCH TERMINATED\n"
        #expect(!GLPKSolveRun.convergedDespiteInstability(early))
        #expect(!GLPKSolveRun.convergedDespiteInstability("no iterations"))
    }

    @Test func theRelaxationMethodFollowsSizeAndTimeLimit() {
        let region = [157_000, 171_000, 20_000, 15_000, 12_000, 5_000]  // ≈ pohjois-pohjanmaa's blocks
        #expect(Allocator.relaxationMethod(blockNonzeros: region, timeLimit: nil) == .simplex)
        #expect(Allocator.relaxationMethod(blockNonzeros: region, timeLimit: 60) == .simplex)
        #expect(Allocator.relaxationMethod(blockNonzeros: region, timeLimit: 40) == .interiorPoint)
        // too short for either: the simplex, which honours the limit
        #expect(Allocator.relaxationMethod(blockNonzeros: region, timeLimit: 20) == .simplex)
        // 2× the region: the interior point is predicted to need ~300 s
        let twice = [800_000, 940_000, 60_000, 50_000]
        #expect(Allocator.predictedInteriorSeconds(twice) > 200)
        #expect(Allocator.relaxationMethod(blockNonzeros: twice, timeLimit: 120) == .simplex)
        #expect(Allocator.relaxationMethod(blockNonzeros: twice, timeLimit: 600) == .simplex)  // 1.5 s per 10 000 nonzeros
    }

    @Test func aHopelessRelaxationIsNotAttempted() throws {
        let region = [157_000, 171_000, 20_000, 15_000, 12_000, 5_000]
        #expect(Allocator.hopelessRelaxation(blockNonzeros: region, timeLimit: nil) == nil)
        #expect(Allocator.hopelessRelaxation(blockNonzeros: region, timeLimit: 60) == nil)
        // predicted ≈ 18 s (the interior point): more than 80 % of 20 s
        let why = try #require(Allocator.hopelessRelaxation(blockNonzeros: region, timeLimit: 20))
        #expect(why.contains("against the 20 s left"))
        #expect(Allocator.hopelessRelaxation(blockNonzeros: region, timeLimit: 5) != nil)
        // the 5× region's two large blocks, about 7.5 million nonzeros each, with 100 s left
        #expect(Allocator.hopelessRelaxation(blockNonzeros: [7_500_000, 7_800_000], timeLimit: 100) != nil)
    }

    @Test func beforePriceAndBranchAnLPOfMoreThanATwentiethOfTheTimeIsLeftToTheWeekRelaxation() throws {
        let region = [157_000, 171_000, 20_000, 15_000, 12_000, 5_000]
        #expect(Allocator.slowerThanTheWeekRelaxation(blockNonzeros: region, timeLimit: nil, lanes: 2) == nil)
        // about 10 s on two lanes: more than a tenth of 60 s, less than a tenth of 120 s
        let why = try #require(Allocator.slowerThanTheWeekRelaxation(blockNonzeros: region, timeLimit: 60, lanes: 2))
        #expect(why.contains("of the 60 s left") && why.contains("week relaxation"))
        #expect(Allocator.slowerThanTheWeekRelaxation(blockNonzeros: region, timeLimit: 120, lanes: 2) == nil)
        // pohjanmaa's blocks (39 204 nonzeros in all): a fraction of a second, solved
        #expect(Allocator.slowerThanTheWeekRelaxation(blockNonzeros: [20_000, 12_000, 7_204], timeLimit: 60, lanes: 2) == nil)
    }

    @Test func blockNonzerosAddUpToTheModel() {
        let m = LinearModel()
        let a = m.addVariable("a"), b = m.addVariable("b"), c = m.addVariable("c")
        m.add("ab", a + b <= 1)
        m.add("c", LinearExpression(c) <= 1)
        m.add("a", LinearExpression(a) >= 0)
        #expect(DecomposingSolver.blockNonzeros(of: m) == [3, 1])
    }

    /// The search over the whole model after price-and-branch starts only with twice its setup
    /// left for its rounds (the national week's, given 19 s for 8.5 s of setup, ran past the limit).
    @Test func theWholeModelSearchStartsOnlyWithTwiceItsSetupLeftForItsRounds() {
        let national = Allocator.searchSetupSeconds(nonzeros: 85_000_000)
        #expect(!Allocator.searchFits(left: 19, setup: national))
        #expect(!Allocator.searchFits(left: 8, setup: national))
        #expect(Allocator.searchFits(left: 30, setup: national))
        #expect(Allocator.searchFits(left: 1, setup: Allocator.searchSetupSeconds(nonzeros: 400_000)))
    }
}
