import Foundation
import Testing
@testable import Pool

@Suite struct GLPKLPTests {
    let solver = GLPKSolver()

    @Test func productionPlanningOptimumDualsAndReducedCosts() throws {
        let (model, desks, tables, chairs) = GLPKTestModels.production()
        let r = try solver.solve(model, options: SolveOptions())
        #expect(r.status == .optimal)
        #expect(r.stopReason == .completed)
        #expect(abs((r.objective ?? 0) - 280) < 1e-9)
        #expect(abs(r.value(desks) - 2) < 1e-9)
        #expect(abs(r.value(tables) - 0) < 1e-9)
        #expect(abs(r.value(chairs) - 8) < 1e-9)
        let duals = try #require(r.rowDuals), reduced = try #require(r.reducedCosts)
        // lumber, finishing, carpentry, table demand
        #expect(zip(duals, [0, 10, 10, 0]).allSatisfy { abs($0 - $1) < 1e-9 }, "duals \(duals)")
        // desks, tables, chairs
        #expect(zip(reduced, [0, -5, 0]).allSatisfy { abs($0 - $1) < 1e-9 }, "reduced costs \(reduced)")
        #expect(r.bestBound == r.objective && r.gap == 0 && r.nodes == 0)
        #expect(model.violations(r.values).isEmpty)
    }

    @Test(arguments: [true, false])
    func infeasibleLPIsReportedWithAndWithoutPresolve(presolve: Bool) throws {
        let m = LinearModel()
        let x = m.addVariable("x"), y = m.addVariable("y")
        m.setObjective(.minimize, x + y)
        m.add("at_most_one", x + y <= 1)
        m.add("at_least_two", x + y >= 2)
        let r = try solver.solve(m, options: SolveOptions(presolve: presolve))
        #expect(r.status == .infeasible)
        #expect(r.objective == nil && r.values.isEmpty && r.rowDuals == nil)
    }

    @Test(arguments: [true, false])
    func unboundedLPIsReportedWithAndWithoutPresolve(presolve: Bool) throws {
        let m = LinearModel()
        let x = m.addVariable("x"), y = m.addVariable("y")
        m.setObjective(.maximize, x + y)
        m.add("difference", x - y <= 1)
        let r = try solver.solve(m, options: SolveOptions(presolve: presolve))
        #expect(r.status == .unbounded)
        #expect(r.statusText == "unbounded")
    }

    @Test func relaxingIntegralityGivesTheLPRelaxationWithDuals() throws {
        let (model, items) = GLPKTestModels.knapsack()
        let r = try solver.solve(model, options: SolveOptions(relaxIntegrality: true))
        // Greedy by value/weight: item 4 (2.5), item 3 (2), items 1, 2 (1), then 8/12 of item 0.
        #expect(r.status == .optimal)
        #expect(abs((r.objective ?? 0) - (15 + 4.0 * 7 / 12)) < 1e-9)
        #expect(abs(r.value(items[0]) - 7.0 / 12) < 1e-9)
        // the capacity dual is item 0's value per weight
        #expect(abs((r.rowDuals?[0] ?? 0) - 4.0 / 12) < 1e-9)
    }

    @Test func objectiveConstantIsIncluded() throws {
        let m = LinearModel()
        let x = m.addVariable("x", lower: 1, upper: 4)
        m.setObjective(.minimize, 2 * x + 10)
        let r = try solver.solve(m, options: SolveOptions())
        #expect(r.objective == 12)
    }

    @Test func modelWithoutVariablesOrConstraintsSolves() throws {
        let empty = LinearModel()
        empty.objectiveConstant = 3
        let r = try solver.solve(empty, options: SolveOptions())
        #expect(r.status == .optimal && r.objective == 3 && r.values.isEmpty)
    }

    @Test func logIsCapturedAndNotPrinted() throws {
        let (model, _, _, _) = GLPKTestModels.production()
        let printed = try capturingStandardOutput {
            let r = try solver.solve(model, options: SolveOptions(verbosity: .verbose))
            #expect(r.log.contains("OPTIMAL LP SOLUTION FOUND"), "log: \(r.log)")
        }
        #expect(!printed.contains("OPTIMAL LP SOLUTION FOUND"))
        #expect(!printed.contains("GLPK Simplex Optimizer"))
    }

    @Test func quietVerbosityKeepsTheLogFreeOfProgress() throws {
        let (model, _, _, _) = GLPKTestModels.production()
        let r = try solver.solve(model, options: SolveOptions(verbosity: .quiet))
        #expect(r.status == .optimal)
        #expect(!r.log.contains("OPTIMAL LP SOLUTION FOUND"))
    }
}

/// Runs `body` with file descriptor 1 redirected to a temporary file and returns what was written
/// there. Other tests may print meanwhile, so callers look only for their own text.
func capturingStandardOutput(_ body: () throws -> Void) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("pool-stdout-\(UUID().uuidString)").path
    fflush(nil)
    let saved = dup(1)
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    dup2(fd, 1)
    close(fd)
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
        try body()
        fflush(nil)
        dup2(saved, 1)
        close(saved)
    } catch {
        fflush(nil)
        dup2(saved, 1)
        close(saved)
        throw error
    }
    return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
}
