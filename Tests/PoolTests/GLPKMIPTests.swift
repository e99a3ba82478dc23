import Foundation
import Testing
@testable import Pool

@Suite struct GLPKMIPTests {
    let solver = GLPKSolver()

    @Test(arguments: [true, false])
    func knapsackOptimum(presolve: Bool) throws {
        let (model, items) = GLPKTestModels.knapsack()
        let r = try solver.solve(model, options: SolveOptions(presolve: presolve))
        #expect(r.status == .optimal && r.stopReason == .completed)
        #expect(r.objective == 15)
        #expect(items.map { r.value($0) } == [0, 1, 1, 1, 1])
        #expect(r.rowDuals == nil && r.reducedCosts == nil)
        #expect(r.gap == 0 && r.bestBound == 15)
    }

    @Test func assignmentOptimumMatchesEnumeration() throws {
        let (model, x) = GLPKTestModels.assignment()
        let r = try solver.solve(model, options: SolveOptions())
        #expect(r.status == .optimal)
        #expect(r.objective == 13)
        let chosen = x.map { row in row.firstIndex { r.value($0) > 0.5 } }
        #expect(chosen == [1, 0, 2, 3])
        // independent check: the cheapest of all 24 permutations
        func permutations(_ a: [Int]) -> [[Int]] {
            a.count <= 1 ? [a] : a.indices.flatMap { i in permutations(Array(a[..<i] + a[(i + 1)...])).map { [a[i]] + $0 } }
        }
        let best = permutations([0, 1, 2, 3]).map { p in p.indices.reduce(0.0) { $0 + GLPKTestModels.assignmentCosts[$1][p[$1]] } }.min()
        #expect(r.objective == best)
    }

    @Test(arguments: [true, false])
    func infeasibleMIPIsReported(presolve: Bool) throws {
        // feasible as an LP (x = 0.5), infeasible in integers
        let m = LinearModel()
        let x = m.addVariable("x", .integer, lower: 0, upper: 10), y = m.binary("y")
        m.setObjective(.minimize, x + y)
        m.add("half", 2 * x == 1)
        let r = try solver.solve(m, options: SolveOptions(presolve: presolve))
        #expect(r.status == .infeasible)
        #expect(r.values.isEmpty)
    }

    @Test(arguments: [true, false])
    func mipWithInfeasibleRelaxationIsInfeasible(presolve: Bool) throws {
        let m = LinearModel()
        let a = m.binary("a"), b = m.binary("b")
        m.setObjective(.maximize, a + b)
        m.add("too_much", a + b >= 3)
        let r = try solver.solve(m, options: SolveOptions(presolve: presolve))
        #expect(r.status == .infeasible)
    }

    @Test(arguments: [true, false])
    func unboundedMIPIsReported(presolve: Bool) throws {
        let m = LinearModel()
        let x = m.addVariable("x", .integer), y = m.addVariable("y")
        m.setObjective(.maximize, x + y)
        m.add("link", x - y <= 0.5)
        let r = try solver.solve(m, options: SolveOptions(presolve: presolve))
        #expect(r.status == .unbounded)
    }

    @Test func fixedBinaryAndFractionalIntegerBoundsAreRespected() throws {
        let m = LinearModel()
        let b = m.binary("b"), n = m.addVariable("n", .integer, lower: 0.5, upper: 3.7)
        m.setBounds(b, lower: 1, upper: 1)
        m.setObjective(.maximize, -1 * b + n)
        m.add("cap", n + b <= 10)
        let r = try solver.solve(m, options: SolveOptions())
        #expect(r.status == .optimal)
        #expect(r.value(b) == 1 && r.value(n) == 3)
    }

    @Test func progressIsReportedDuringALongerMIP() throws {
        let (model, warm, _) = GLPKTestModels.marketSplit()
        let seen = Recorder<SolveProgress>()
        var options = SolveOptions(timeLimitSeconds: 0.8, warmStart: warm, progress: { seen.append($0) })
        options.progressInterval = 0.1
        let r = try solver.solve(model, options: options)
        let reports = seen.items
        #expect(reports.count >= 3, "\(reports.count) progress reports")
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.elapsedSeconds <= $1.elapsedSeconds })
        let last = try #require(reports.last)
        let incumbent = try #require(last.incumbent), bound = try #require(last.bestBound)
        #expect(bound <= incumbent + 1e-9)
        #expect(last.gap != nil && last.activeNodes > 0)
        #expect(r.stopReason == .timeLimit)
    }

    @Test func infeasibleWarmStartIsIgnoredNotFatal() throws {
        let (model, items) = GLPKTestModels.knapsack()
        var options = SolveOptions()
        options.warmStart = items.map { _ in 1 }  // weight 20 > 15
        let r = try solver.solve(model, options: options)
        #expect(r.status == .optimal && r.objective == 15)
        #expect(r.log.contains("warm start ignored"))
    }

    /// Price-and-branch's pricing MIPs run without Gomory cuts (`SolveOptions.gomoryCuts`); GLPK
    /// says in its log which cut generators it enabled.
    @Test func gomoryCutsCanBeTurnedOffPerSolve() throws {
        var options = SolveOptions(verbosity: .verbose)
        options.presolve = false
        let with = try solver.solve(GLPKTestModels.assignment().model, options: options)
        options.gomoryCuts = false
        let without = try solver.solve(GLPKTestModels.assignment().model, options: options)
        #expect(with.log.contains("Gomory's cuts enabled"), "log: \(with.log)")
        #expect(!without.log.contains("Gomory") && without.log.contains("MIR cuts enabled"), "log: \(without.log)")
        #expect(with.objective == 13 && without.objective == 13)
    }

    @Test func mipLogIsCaptured() throws {
        let r = try solver.solve(GLPKTestModels.assignment().model, options: SolveOptions())
        // branch-and-cut's progress lines, e.g. "+    12: mip =   1.300000000e+01 >=     tree is empty"
        #expect(r.log.contains("mip =   1.300000000e+01"), "log: \(r.log)")
    }
}

/// Collects values from a `@Sendable` callback.
final class Recorder<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [T] = []
    func append(_ item: T) { lock.withLock { storage.append(item) } }
    var items: [T] { lock.withLock { storage } }
}
