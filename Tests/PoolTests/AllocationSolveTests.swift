import Foundation
import Testing
@testable import Pool

/// Solve behaviour: determinism, time limit, interrupt, atomic outputs, status honesty.
@Suite struct AllocationSolveTests {
    typealias T = TestScenarios

    static func files(_ plan: Plan) throws -> [Data] {
        [try PlanFiles.json(plan), try PlanFiles.assignmentsCSV(plan), try PlanFiles.uncoveredCSV(plan), Data(PlanSummary.text(plan).utf8)]
    }

    @Test(arguments: [UInt64(5), 8])
    func sameInputSameBytes(seed: UInt64) throws {
        let sc = T.random(seed: seed, clinicians: 10, sites: 5)
        let first = try Harness.run(sc, sensitivity: true).plan
        let second = try Harness.run(sc, sensitivity: true).plan
        let (a, b) = (try Self.files(first), try Self.files(second))
        // On a mismatch, say which file and where, so that a rare one can be traced from CI's log.
        let names = ["plan.json", "assignments.csv", "uncovered.csv", "summary.txt"]
        for (k, (x, y)) in zip(a.map { [UInt8]($0) }, b.map { [UInt8]($0) }).enumerated() where x != y {
            let at = zip(x, y).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(x.count, y.count)
            let around = { (d: [UInt8]) in String(decoding: d[max(0, at - 200)..<min(d.count, at + 200)], as: UTF8.self) }
            Issue.record("\(names[k]) differs at byte \(at):\n--- first\n\(around(x))\n--- second\n\(around(y))")
        }
        #expect(first.timings != nil)  // timings exist in memory…
        #expect(!String(decoding: try PlanFiles.json(first), as: UTF8.self).contains("buildSeconds"))  // …but not in plan.json
        let report = PlanChecker(sc).check(PlanChecker.items(first))
        #expect(report.violations.isEmpty)
        #expect(abs(report.objective - first.costs.objective) < 0.05)
    }

    /// The model-size report counts every row once, under its family: one coverage row per
    /// demand row with candidates.
    @Test func theFamiliesCountEveryRow() throws {
        let m = try AllocationModel.build(AllocationContext(scenario: TestScenarios.random(seed: 5, clinicians: 12, sites: 5)))
        let families = m.size.families
        #expect(families.reduce(0) { $0 + $1.rows } == m.model.constraintCount)
        #expect(families.first { $0.family == "coverage" }?.rows == m.coverageRows.compactMap { $0 }.count)
        #expect(families.allSatisfy { $0.rows > 0 } && families.count > 3)
    }

    @Test func optimalStatusIsStatedWithItsBound() throws {
        let plan = try Harness.run(T.random(seed: 2)).plan
        #expect(plan.solver.status == .optimal)
        #expect(plan.solver.statusText.hasPrefix("proven optimal"))
        let bound = try #require(plan.solver.bestBound)
        #expect(bound <= plan.costs.objective + 0.01)
        let lp = try #require(plan.solver.lpRelaxationObjective)
        #expect(lp <= plan.costs.objective + 0.01)
    }

    @Test func timeLimitReturnsTheBestPlanSoFar() throws {
        let sc = T.random(seed: 4, clinicians: 30, sites: 10)
        let plan = try Harness.run(sc, timeLimit: 0).plan
        #expect(plan.solver.status == .feasible || plan.solver.status == .optimal)
        if plan.solver.status == .feasible {
            #expect(plan.solver.stopReason == .timeLimit)
            #expect(plan.solver.statusText.contains("time limit"))
        }
        #expect(PlanChecker(sc).check(PlanChecker.items(plan)).violations.isEmpty)
    }

    @Test func withoutTheRelaxationTheGreedyPlanIsImprovedByNeighbourhoodSearch() throws {
        let sc = T.random(seed: 4, clinicians: 30, sites: 10)
        let run = try Harness.runWithoutRelaxation(sc, timeLimit: 20, priceAndBranch: false)
        let plan = run.plan
        #expect(plan.solver.lpRelaxationObjective == nil)
        #expect(plan.solver.statusText.contains("the LP relaxation was not attempted, as asked (--lp-method none); the greedy plan was improved by neighbourhood search"))
        #expect(run.solverLog.contains("=== neighbourhood search:"))
        let warm = try #require(plan.solver.warmStartObjective)
        #expect(plan.costs.objective < warm)
        let report = PlanChecker(sc).check(PlanChecker.items(plan))
        #expect(report.violations.isEmpty)
        #expect(abs(report.objective - plan.costs.objective) < 0.05)
    }

    /// After an interior-point relaxation (no basis) the blocks do not solve their LP again: the
    /// search starts from the rounded plan, and the relaxation's bound is the plan's bound.
    /// (Without price-and-branch, whose rounds and master MIP would take a loaded test run's
    /// 5 s before the whole model's search: CI once saw neither search nor branch-and-cut.)
    @Test func afterTheInteriorPointTheSearchStartsFromTheRoundedPlan() throws {
        let sc = T.random(seed: 6, clinicians: 30, sites: 10)
        var options = AllocationSolveOptions(timeLimitSeconds: 5)
        options.relaxationMethod = .interiorPoint
        options.lagrangianBound = false
        options.sensitivity = false
        options.verbosity = .normal
        let run = try Allocator(solver: Harness.solver).solve(sc, options: options)
        let plan = run.plan
        let lpBound = try #require(plan.solver.lpRelaxationObjective)
        #expect(try #require(plan.solver.bestBound) >= lpBound - 0.01)
        // The search from the rounded plan, not RINS from the relaxation (which would re-solve the LP).
        #expect(!run.solverLog.contains(ColumnGeneration.endOfMasterLog))
        #expect(!run.solverLog.contains("=== RINS"))
        #expect(run.solverLog.contains("=== neighbourhood search:"))
        let report = PlanChecker(sc).check(PlanChecker.items(plan))
        #expect(report.violations.isEmpty)
        #expect(abs(report.objective - plan.costs.objective) < 0.05)
    }

    /// Time the caller spent before (loading) counts against the limit; the plan still records the
    /// limit as given. (By outcome, not by the clock: under a loaded test run GLPK's lock waits.)
    @Test func timeAlreadySpentCountsAgainstTheLimit() throws {
        let sc = T.random(seed: 2)
        var options = AllocationSolveOptions(timeLimitSeconds: 30, relativeGap: 0)
        options.sensitivity = false
        #expect(try Allocator(solver: Harness.solver).solve(sc, options: options).plan.solver.status == .optimal)
        options.secondsAlreadySpent = 30
        let plan = try Allocator(solver: Harness.solver).solve(sc, options: options).plan
        #expect(plan.solver.status == .feasible && plan.solver.stopReason == .timeLimit)
        #expect(plan.solver.timeLimitSeconds == 30)
        #expect(PlanChecker(sc).check(PlanChecker.items(plan)).violations.isEmpty)
    }

    @Test func interruptBeforeTheSearchWritesNothing() throws {
        var options = AllocationSolveOptions()
        options.shouldStop = { true }
        #expect(throws: AllocationError.interrupted) {
            try Allocator(solver: Harness.solver).solve(T.random(seed: 1), options: options)
        }
    }

    @Test func outputsAreReplacedWholeOrNotAtAll() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pool-alloc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let plan = try Harness.run(T.random(seed: 3)).plan
        try PlanFiles.write(plan, summary: PlanSummary.text(plan), to: out)
        let before = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(before == ["assignments.csv", "plan.json", "summary.txt", "timings.json", "uncovered.csv"])
        let planBytes = try Data(contentsOf: out.appendingPathComponent("plan.json"))
        // A plan that cannot be encoded (NaN) fails before anything is moved into place.
        var broken = plan
        broken.costs.objective = .nan
        #expect(throws: (any Error).self) { try PlanFiles.write(broken, summary: "x", to: out) }
        #expect(try Data(contentsOf: out.appendingPathComponent("plan.json")) == planBytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out"])  // no staging left
    }

    @Test func csvHeadersAreTheDocumentedOnes() throws {
        let plan = try Harness.run(T.random(seed: 1)).plan
        let a = String(decoding: try PlanFiles.assignmentsCSV(plan), as: UTF8.self)
        let u = String(decoding: try PlanFiles.uncoveredCSV(plan), as: UTF8.self)
        #expect(a.hasPrefix("clinician,date,shift,site,mode,hours,travel_km,travel_min,cost_eur\n"))
        #expect(u.hasPrefix("site,date,shift,profession,language,count,reason\n"))
        #expect(a.split(separator: "\n").count == plan.assignments.count + 1)
    }
}

/// A model that would not fit in memory is refused before it is built, with the figures.
@Suite struct MemoryBudgetTests {
    @Test func aModelBeyondTheMemoryBudgetIsRefusedBeforeBuilding() throws {
        var options = AllocationOptions()
        options.memoryBudgetBytes = MemoryBudget.baseBytes + 10_000  // ~7 candidates
        let sc = TestScenarios.random(seed: 1)
        #expect(throws: ModelTooLargeError.self) { try AllocationModel.build(AllocationContext(scenario: sc, options: options)) }
        do {
            _ = try AllocationModel.build(AllocationContext(scenario: sc, options: options))
        } catch let error as ModelTooLargeError {
            #expect(error.candidates > 7 && error.estimatedBytes > error.budgetBytes)
            #expect(error.description.contains("too large for this machine") && error.description.contains("Plan it in parts"))
        }
        // the default budget (80 % of this machine's memory) takes it
        #expect(throws: Never.self) { try AllocationModel.build(AllocationContext(scenario: sc)) }
    }

    @Test func aModelWhoseRowsOutgrowTheBudgetIsStoppedWhileBuilding() throws {
        let sc = TestScenarios.random(seed: 4, clinicians: 30, sites: 10)
        var options = AllocationOptions()
        let candidates = CandidateSet(AllocationContext(scenario: sc)).all.count
        // room for the candidates and one nonzero: the first rows go beyond it
        options.memoryBudgetBytes = MemoryBudget.estimate(candidates: candidates, nonzeros: 1)
        let ctx = AllocationContext(scenario: sc, options: options)
        let b = ModelBuilding(ctx: ctx, candidates: CandidateSet(ctx))
        #expect(throws: Never.self) { try b.checkMemory() }
        Coverage.addRows(b)
        do {
            try b.checkMemory()
            Issue.record("expected ModelTooLargeError")
        } catch let error as ModelTooLargeError {
            #expect(error.nonzeros == b.model.nonzeroCount && b.model.nonzeroCount > 1)
            #expect(error.description.contains("\(candidates) possible assignments and the \(b.model.nonzeroCount) nonzeros built so far"))
        }
    }

    @Test func anLPRelaxationThatWouldNotFitIsSkippedForTheSearch() throws {
        let sc = TestScenarios.random(seed: 4, clinicians: 30, sites: 10)
        let candidates = CandidateSet(AllocationContext(scenario: sc)).all.count
        var allocation = AllocationOptions()
        // room for the model, not for the LP relaxation's nonzeros on top
        allocation.memoryBudgetBytes = MemoryBudget.estimate(candidates: candidates) + 1000
        let why = try #require(MemoryBudget.relaxationTooLarge(allocation, candidates: candidates, nonzeros: 100_000))
        #expect(why.contains("of memory with the model"))
        #expect(MemoryBudget.relaxationTooLarge(AllocationOptions(), candidates: candidates, nonzeros: 100_000) == nil)
        var options = AllocationSolveOptions(timeLimitSeconds: 5)
        options.sensitivity = false
        let plan = try Allocator(solver: Harness.solver).solve(sc, options: options, allocation: allocation).plan
        #expect(plan.solver.lpRelaxationObjective == nil)
        #expect(plan.solver.statusText.contains("the LP relaxation was not attempted, it would need about"))
        #expect(PlanChecker(sc).check(PlanChecker.items(plan)).violations.isEmpty)
    }
}

/// The model's names (written by `poolctl model`) say who, where, when and which demand line:
/// dates as YYYYMMDD, a row by its site, date and shift, profession and demand.csv line.
@Suite struct ModelNameTests {
    @Test func namesTellTheClinicianTheDemandRowAndTheDay() throws {
        typealias T = TestScenarios
        let sc = T.make(days: 2, sites: [T.site("a")], clinicians: [T.clinician("g")],
                        demand: [T.demand("a", day: 0, "evening"), T.demand("a", day: 1, count: 2)])
        let m = try AllocationModel.build(AllocationContext(scenario: sc)).model
        #expect(m.variableNames.contains("x[g,a,20260302_evening,gp,l2,onsite]"))
        #expect(m.variableNames.contains("x[g,a,20260303_day,gp,l3,onsite]"))
        #expect(m.variableNames.contains("u[a,20260303_day,gp,l3]"))
        #expect(m.constraintNames.contains("cover[a,20260302_evening,gp,l2]"))
        #expect(m.constraintNames.contains("busy[g,20260303_day]"))
        #expect(m.constraintNames.contains("restDay[g,20260303,0]"))
    }
}
