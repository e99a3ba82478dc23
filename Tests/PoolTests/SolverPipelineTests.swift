import Foundation
import Testing
@testable import Pool

/// The solve pipeline around GLPK: simplex bases handed from one solve to the next, the
/// relaxation-guided MIP solve (LP once → RENS/RINS → branch-and-cut), and the LP rounding that
/// seeds the allocation's warm start.
@Suite struct SolverPipelineTests {
    let glpk = GLPKSolver()

    /// Simplex iteration numbers in GLPK's log ("*    12: obj = …").
    static func iterations(_ log: String) -> [Int] {
        log.split(separator: "\n").compactMap { line in
            let trimmed = line.drop { $0 == " " || $0 == "*" || $0 == "#" }
            guard let colon = trimmed.firstIndex(of: ":"), trimmed[colon...].contains("obj =") else { return nil }
            return Int(trimmed[..<colon])
        }
    }

    @Test func anOptimalBasisRestartsTheSimplexWithoutIterations() throws {
        let (model, d, t, c) = GLPKTestModels.production()
        let first = try glpk.solve(model, options: SolveOptions(verbosity: .normal))
        let basis = try #require(first.basis)
        #expect(basis.fits(model))
        #expect(Self.iterations(first.log).max() ?? 0 > 0)

        var options = SolveOptions(verbosity: .normal)
        options.startingBasis = basis
        let again = try glpk.solve(model, options: options)
        #expect(again.status == .optimal && again.objective == 280)
        #expect([d, t, c].map { again.value($0) } == [2, 0, 8])
        #expect(Self.iterations(again.log) == [0], "log: \(again.log)")
        #expect(again.rowDuals == first.rowDuals)
    }

    /// A transportation LP (n sources and sinks, random costs) that takes GLPK many iterations.
    static func transportation(_ n: Int, seed: UInt64 = 7) -> LinearModel {
        let m = LinearModel(name: "transportation")
        var rng = SplitMix64(seed: seed)
        var x: [[Variable]] = []
        for i in 0..<n { x.append((0..<n).map { j in m.addVariable("x\(i)_\(j)", lower: 0, upper: 100, objective: 1 + 99 * rng.unit()) }) }
        for i in 0..<n { m.add("supply\(i)", sum(x[i]) <= Double(10 + i % 7)) }
        for j in 0..<n { m.add("demand\(j)", sum(x.map { $0[j] }) >= Double(5 + j % 5)) }
        m.direction = .minimize
        return m
    }

    /// An LP stopped by its time limit hands back the basis it stopped at, and a solve from it
    /// reaches the cold start's optimum (a master LP cut off by the limit used to leave none).
    @Test func anLPStoppedByTheTimeLimitHandsBackItsBasis() throws {
        let m = Self.transportation(120)
        var options = SolveOptions(timeLimitSeconds: 0.001, verbosity: .quiet)
        options.presolve = false
        let stopped = try glpk.solve(m, options: options)
        #expect(stopped.stopReason == .timeLimit)
        let basis = try #require(stopped.basis)
        #expect(basis.fits(m))
        var resume = SolveOptions(verbosity: .quiet)
        resume.startingBasis = basis
        let resumed = try glpk.solve(m, options: resume)
        let cold = try glpk.solve(m, options: SolveOptions(verbosity: .quiet))
        #expect(resumed.status == .optimal && cold.status == .optimal)
        #expect(abs((resumed.objective ?? 0) - (cold.objective ?? 1)) < 1e-6 * abs(cold.objective ?? 1))
    }

    /// The dual simplex from an optimal basis after a bound was tightened (as the dive fixes a
    /// column): the same optimum as a cold primal solve of the changed LP.
    @Test func theDualSimplexFromTheLastBasisMatchesAColdStart() throws {
        let m = Self.transportation(30)
        let first = try glpk.solve(m, options: SolveOptions(verbosity: .quiet))
        let basis = try #require(first.basis)
        // A column the optimum uses, fixed at zero.
        let used = try #require(first.values.indices.first { first.values[$0] > 0.5 })
        m.setBounds(Variable(index: used), lower: 0, upper: 0)
        var dual = SolveOptions(verbosity: .quiet)
        dual.startingBasis = basis
        dual.dualSimplex = true
        let warm = try glpk.solve(m, options: dual)
        let cold = try glpk.solve(m, options: SolveOptions(verbosity: .quiet))
        #expect(warm.status == .optimal && cold.status == .optimal)
        #expect(abs((warm.objective ?? 0) - (cold.objective ?? 1)) < 1e-6 * abs(cold.objective ?? 1))
        #expect((warm.objective ?? 0) > (first.objective ?? 0) - 1e-9)
    }

    @Test func aBasisThatDoesNotFitIsIgnored() throws {
        let (model, _, _, _) = GLPKTestModels.production()
        var options = SolveOptions(verbosity: .normal)
        options.startingBasis = SolverBasis(rowStatus: [1, 1], columnStatus: [2, 2, 2])
        let r = try glpk.solve(model, options: options)
        #expect(r.status == .optimal && r.objective == 280)
        #expect(r.log.contains("starting basis ignored"))

        options.startingBasis = SolverBasis(rowStatus: [1, 1, 1, 9], columnStatus: [2, 2, 2])
        let codes = try glpk.solve(model, options: options)
        #expect(codes.objective == 280 && codes.log.contains("starting basis ignored"))
    }

    @Test func aSingularBasisFallsBackToGLPKsOwn() throws {
        // Every row and column basic: 7 basic variables for 4 rows is no basis at all.
        let (model, _, _, _) = GLPKTestModels.production()
        var options = SolveOptions(verbosity: .normal)
        options.startingBasis = SolverBasis(rowStatus: [1, 1, 1, 1], columnStatus: [1, 1, 1])
        let r = try glpk.solve(model, options: options)
        #expect(r.status == .optimal && r.objective == 280)
        #expect(r.log.contains("starting basis rejected"))
    }

    /// Two copies of the Dakota LP side by side: the decomposing solver splits them, and its
    /// assembled basis restarts the whole model without iterations.
    @Test func decomposedSolvesAssembleBasisAndRelaxation() throws {
        let m = LinearModel(name: "twice")
        var columns: [Variable] = []
        for copy in 0..<2 {
            let d = m.addVariable("d\(copy)"), t = m.addVariable("t\(copy)"), c = m.addVariable("c\(copy)")
            columns += [d, t, c]
            m.add("lumber\(copy)", 8 * d + 6 * t + 1 * c <= 48)
            m.add("finishing\(copy)", 4 * d + 2 * t + 1.5 * c <= 20)
            m.add("carpentry\(copy)", 2 * d + 1.5 * t + 0.5 * c <= 8)
            m.add("tables\(copy)", LinearExpression(t) <= 5)
        }
        m.setObjective(.maximize, sum(columns.enumerated().map { ([60.0, 30, 20][$0.offset % 3], $0.element) }))
        let solver = DecomposingSolver(base: glpk)
        #expect(DecomposingSolver.blocks(of: m).count == 2)
        let first = try solver.solve(m, options: SolveOptions(verbosity: .normal))
        #expect(first.objective == 560)
        let basis = try #require(first.basis)
        #expect(basis.fits(m))
        var options = SolveOptions(verbosity: .normal)
        options.startingBasis = basis
        let again = try solver.solve(m, options: options)
        #expect(again.objective == 560)
        #expect(Set(Self.iterations(again.log)) == [0], "log: \(again.log)")
    }

    /// Blocks under the share are solved as one (price-and-branch's master: idle weeks stand
    /// apart); the large ones keep their place, and the optimum is the same either way.
    @Test func smallBlocksAreSolvedTogether() throws {
        let blocks = [[0, 1, 2, 3, 4, 5, 6, 7], [9], [8, 10, 11, 12, 13, 14, 15, 16, 17], [18]]
        #expect(DecomposingSolver.merging(blocks, smallerThan: 0.1) == [[0, 1, 2, 3, 4, 5, 6, 7], [9, 18], [8, 10, 11, 12, 13, 14, 15, 16, 17]])
        #expect(DecomposingSolver.merging(blocks, smallerThan: 0) == blocks)
        #expect(DecomposingSolver.merging(blocks, smallerThan: 0.01) == blocks)
        // Three knapsacks of one item each and one of five: the three solved as one block.
        let m = LinearModel(name: "knapsacks")
        var items: [Variable] = []
        for k in 0..<3 {
            let x = m.binary("single\(k)")
            m.add("capacity\(k)", 2 * x <= 1)  // too heavy: left out
            items.append(x)
        }
        let (weights, values) = ([3.0, 4, 5, 6, 7], [4.0, 5, 6, 7, 8])
        let big = weights.indices.map { m.binary("item\($0)") }
        m.add("capacity", sum(zip(weights, big).map { $0 * $1 }) <= 12)
        m.setObjective(.maximize, sum(items.map { 1 * $0 }) + sum(zip(values, big).map { $0 * $1 }))
        let apart = try DecomposingSolver(base: glpk).solve(m, options: SolveOptions(verbosity: .normal))
        let together = try DecomposingSolver(base: glpk, smallBlockShare: 0.2).solve(m, options: SolveOptions(verbosity: .normal))
        #expect(apart.objective == 15 && together.objective == 15)
        #expect(apart.log.components(separatedBy: "=== block").count - 1 == 4)
        #expect(together.log.components(separatedBy: "=== block").count - 1 == 2)
    }

    /// A lane done with its blocks while the other still works takes the idle work, once, and
    /// is told when both are done; the result is the one without it.
    @Test func aLaneDoneWithItsBlocksTakesTheIdleWork() throws {
        final class Calls: @unchecked Sendable {
            let lock = NSLock()
            var count = 0, endedWhenAllDone = true
        }
        let calls = Calls()
        let (small, _) = GLPKTestModels.knapsack()
        let m = LinearModel(name: "two knapsacks")
        for copy in 0..<2 {
            let items = (0..<small.variableCount).map { m.binary("x\(copy)_\($0)", objective: small.objectiveCoefficients[$0]) }
            for r in 0..<small.constraintCount {
                var e = LinearExpression()
                for k in small.rowStart[r]..<small.rowStart[r + 1] { e.add(small.entryValues[k], items[Int(small.entryColumns[k])]) }
                m.add("c\(copy)_\(r)", LinearConstraint(e, small.senses[r], small.rightHandSides[r]))
            }
        }
        m.direction = small.direction
        var solver = DecomposingSolver(base: glpk, laneCount: 2)
        solver.whenLaneIdle = { allDone in
            calls.lock.withLock { calls.count += 1 }
            while !allDone() { Thread.sleep(forTimeInterval: 0.001) }
            calls.lock.withLock { calls.endedWhenAllDone = calls.endedWhenAllDone && allDone() }
        }
        let r = try solver.solve(m, options: SolveOptions(verbosity: .quiet))
        #expect(r.objective == 30)
        #expect(calls.count <= 1 && calls.endedWhenAllDone)
    }

    /// Knapsack: the LP optimum takes 7/12 of item 0 (bound 17 1/3); fixing the integral items and
    /// searching the fractional one gives the optimum 15 without branch-and-cut on the whole model.
    @Test func relaxationGuidedSolveFindsTheOptimumAndKeepsTheRelaxation() throws {
        let (model, items) = GLPKTestModels.knapsack()
        let r = try RelaxationGuidedSolver(base: glpk).solve(model, options: SolveOptions(verbosity: .normal))
        #expect(r.status == .optimal && r.stopReason == .completed)
        #expect(r.objective == 15)
        #expect(items.map { r.value($0) } == [0, 1, 1, 1, 1])
        let relaxation = try #require(r.relaxationObjective)
        #expect(abs(relaxation - (15 + 7.0 / 3)) < 1e-9)
        // the LP duals come along: the capacity's price is item 0's value per weight, 4/12
        let duals = try #require(r.rowDuals)
        #expect(abs(duals[0] - 4.0 / 12) < 1e-9)
        #expect(r.log.contains("=== RENS: 1 of 5 integer columns free ==="))
    }

    /// A separate relaxation solver (the master MIP's, part by part) solves the LP relaxation and
    /// nothing else; the result is the same as with the base alone.
    @Test func theRelaxationSolverSolvesOnlyTheLPRelaxation() throws {
        let (model, _) = GLPKTestModels.knapsack()
        let recorder = RecordingSolver(base: glpk)
        var solver = RelaxationGuidedSolver(base: glpk)
        solver.relaxationSolver = recorder
        let r = try solver.solve(model, options: SolveOptions(verbosity: .normal))
        #expect(r.status == .optimal && r.objective == 15)
        #expect(abs((r.relaxationObjective ?? 0) - (15 + 7.0 / 3)) < 1e-9)
        #expect(recorder.calls.value == [true])
    }

    @Test func anIntegralRelaxationEndsTheSolve() throws {
        // An assignment problem: its LP optimum is integral, so no search is needed.
        let (model, _) = GLPKTestModels.assignment()
        let r = try RelaxationGuidedSolver(base: glpk).solve(model, options: SolveOptions(verbosity: .normal))
        #expect(r.status == .optimal && r.objective == 13 && r.bestBound == 13)
        #expect(r.nodes == 0)
        #expect(r.log.contains("the LP relaxation is integral"))
        #expect(!r.log.contains("branch-and-cut"))
    }

    @Test func aWarmStartDisagreeingWithTheLPMakesTheSearchRINS() throws {
        let (model, _) = GLPKTestModels.knapsack()
        // take items 0 and 2 (weight 13, value 5): feasible, poor
        var options = SolveOptions(verbosity: .normal)
        options.warmStart = [1, 0, 1, 0, 0]
        let r = try RelaxationGuidedSolver(base: glpk).solve(model, options: options)
        #expect(r.objective == 15)
        // LP (7/12, 1, 1, 1, 1) and the start agree only on item 2: four columns stay free
        #expect(r.log.contains("=== RINS: 4 of 5 integer columns free ==="))
    }

    /// With two search lanes the neighbourhood search after RINS runs on both, around one plan.
    /// 200 five-cycles of conflicts: the LP bound (all halves, −500) is far from the optimum
    /// (−400), so neither RINS nor the search can prove it and both lanes run rounds.
    /// (15 s: with 5 s, under the full suite's load on two cores, the LP and RINS once left the
    /// search no time, in a clean-clone `make test`.)
    @Test func theSearchAfterRINSRunsOnTheLanesItIsGiven() throws {
        let m = LinearModel(name: "five-cycles")
        for c in 0..<200 {
            let x = (0..<5).map { m.binary("x[\(c),\($0)]", objective: -1) }
            for i in 0..<5 { m.add("edge[\(c),\(i)]", x[i] + x[(i + 1) % 5] <= 1) }
        }
        m.direction = .minimize
        var options = SolveOptions(timeLimitSeconds: 15, verbosity: .normal)
        options.warmStart = Array(repeating: 0, count: m.variableCount)
        var solver = RelaxationGuidedSolver(base: glpk)
        solver.searchLanes = 2
        let r = try solver.solve(m, options: options)
        #expect(r.log.contains("=== neighbourhood search on 2 lanes:"), "\(r.log.suffix(1500))")
        let lanes = r.log.components(separatedBy: "--- lane ").dropFirst()
        #expect(lanes.count == 2)
        for lane in lanes { #expect(lane.contains("neighbourhood round 1:"), "a lane without rounds: \(lane.prefix(300))") }
        let objective = try #require(r.objective)
        #expect(objective <= -300 && objective >= -400 && m.violations(r.values).isEmpty)
    }

    @Test func theBetterOfTwoPassesKeepsTheStrongerBound() {
        let first = SolveResult(status: .feasible, stopReason: .timeLimit, objective: 10, bestBound: 7, gap: 0.3, values: [1], elapsedSeconds: 1)
        let second = SolveResult(status: .feasible, stopReason: .timeLimit, objective: 9, bestBound: 6, gap: 0.33, values: [2], elapsedSeconds: 1)
        let best = DecomposingSolver.better(first, second, minimize: true)
        #expect(best.objective == 9 && best.values == [2] && best.bestBound == 7)
        #expect(abs((best.gap ?? 0) - 2.0 / 9) < 1e-12)
        let worse = SolveResult(status: .feasible, stopReason: .timeLimit, objective: 11, bestBound: 8, gap: nil, values: [3], elapsedSeconds: 1)
        let kept = DecomposingSolver.better(first, worse, minimize: true)
        #expect(kept.objective == 10 && kept.values == [1] && kept.bestBound == 8)
    }

    @Test func neighbourhoodFixesExactlyTheAgreeingIntegralColumns() {
        let m = LinearModel()
        let a = m.binary("a"), b = m.binary("b"), c = m.binary("c")
        let y = m.addVariable("y", lower: 0, upper: 4)
        m.setObjective(.minimize, a + b + c + y)
        let lp = [1.0, 0.5, 0, 2.5]
        let (rens, freeRENS) = RelaxationGuidedSolver.neighbourhood(m, lp, agreeingWith: nil)
        #expect(freeRENS == 1)
        #expect(rens.lowerBounds == [1, 0, 0, 0] && rens.upperBounds == [1, 1, 0, 4])
        let (rins, freeRINS) = RelaxationGuidedSolver.neighbourhood(m, lp, agreeingWith: [1, 1, 1, 0])
        #expect(freeRINS == 2)
        #expect(rins.lowerBounds == [1, 0, 0, 0] && rins.upperBounds == [1, 1, 1, 4])
        // the original is untouched
        #expect(m.upperBounds == [1, 1, 1, 4] && m.lowerBounds == [0, 0, 0, 0])
        _ = (a, b, c, y)
    }

    @Test func aStopRequestEndsTheRunWithTheBestPlanSoFar() throws {
        let (model, warm, warmObjective) = GLPKTestModels.marketSplit()
        var options = SolveOptions(timeLimitSeconds: 30)
        options.warmStart = warm
        let r = try RelaxationGuidedSolver(base: glpk, isStopRequested: { true }).solve(model, options: options)
        #expect(r.stopReason == .interrupted)
        #expect(r.objective == warmObjective)
    }
}

/// Passes every solve to `base` and records whether it was relaxed (`SolveOptions.relaxIntegrality`).
final class RecordingSolver: SolverWrapper, @unchecked Sendable {
    let base: any LinearSolver
    let calls = LaneBox<[Bool]>([])
    init(base: any LinearSolver) { self.base = base }
    func solve(_ model: LinearModel, options: SolveOptions) throws -> SolveResult {
        calls.value.append(options.relaxIntegrality)
        return try base.solve(model, options: options)
    }
}
