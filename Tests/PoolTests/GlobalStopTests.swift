import Foundation
import Testing
@testable import Pool

/// The tests that request a stop through GLPK's process-wide flag (`GLPKSolver.requestStop`, as
/// Ctrl-C does). Run alongside other tests in one process, that flag stops their solves too, and
/// their solves clear it — the cause of rare failures elsewhere in the suite. So these run only
/// when `POOL_GLOBAL_STOP_TESTS=1`, one after another, in a `swift test` of their own:
/// `make test` (and `.ci/run`) runs them after the rest.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["POOL_GLOBAL_STOP_TESTS"] == "1"))
struct GlobalStopTests {
    let solver = GLPKSolver()

    @Test func interruptDuringTheSearchKeepsTheIncumbent() throws {
        let sc = TestScenarios.random(seed: 6, clinicians: 30, sites: 10)
        var options = AllocationSolveOptions(timeLimitSeconds: 60, relativeGap: 0)
        options.progressInterval = 0
        options.progress = { _ in GLPKSolver.requestStop() }
        let plan = try Allocator(solver: Harness.solver).solve(sc, options: options).plan
        // The stop is requested at the first progress report (the root), before optimality is proven.
        #expect(plan.solver.status == .feasible && plan.solver.stopReason == .interrupted)
        #expect(plan.solver.statusText.contains("stopped by interrupt"))
        #expect(PlanChecker(sc).check(PlanChecker.items(plan)).violations.isEmpty)
    }

    @Test func requestStopFromTheProgressCallbackInterruptsWithTheIncumbent() throws {
        let (model, warm, _) = GLPKTestModels.marketSplit()
        var options = SolveOptions(timeLimitSeconds: 20, warmStart: warm, progress: { p in
            if p.incumbent != nil { GLPKSolver.requestStop() }
        })
        options.progressInterval = 0.05
        let r = try solver.solve(model, options: options)
        #expect(r.stopReason == .interrupted)
        #expect(r.status == .feasible)
        #expect(r.gap != nil && !r.values.isEmpty)
        #expect(model.violations(r.values).isEmpty)
        #expect(r.elapsedSeconds < 5)
        #expect(r.statusText.contains("stopped by interrupt"))
        // the stop request does not leak into the next solve
        let next = try solver.solve(GLPKTestModels.knapsack().model, options: SolveOptions())
        #expect(next.status == .optimal && next.stopReason == .completed)
    }

    @Test func warmStartIsTheFirstIncumbent() throws {
        let (model, warm, warmObjective) = GLPKTestModels.marketSplit()
        let seen = Recorder<SolveProgress>()
        var options = SolveOptions(timeLimitSeconds: 5, warmStart: warm, progress: { p in
            seen.append(p)
            if p.incumbent != nil { GLPKSolver.requestStop() }
        })
        options.progressInterval = 10  // only the report GLPK's acceptance of the warm start forces
        let r = try solver.solve(model, options: options)
        let first = try #require(seen.items.first { $0.incumbent != nil })
        #expect(first.incumbent == warmObjective)
        #expect(r.log.contains("warm start accepted"))
        #expect((r.objective ?? .infinity) <= warmObjective)
    }

    @Test func callingGLPKFromAProgressCallbackIsAnErrorNotADeadlock() throws {
        let (model, warm, _) = GLPKTestModels.marketSplit()
        let errors = Recorder<String>()
        var options = SolveOptions(timeLimitSeconds: 5, warmStart: warm, progress: { _ in
            do { _ = try GLPKSolver().solve(GLPKTestModels.knapsack().model, options: SolveOptions()) } catch {
                errors.append("\(error)")
            }
            GLPKSolver.requestStop()
        })
        options.progressInterval = 0.05
        let r = try solver.solve(model, options: options)
        #expect(r.status == .feasible)
        #expect(!errors.items.isEmpty)
        #expect(errors.items.allSatisfy { $0.contains("must not call GLPK") })
    }

    /// A lane's solve must not clear a stop requested in another lane (each solve outside a group
    /// clears the flag when it begins); after the group the next solve starts afresh.
    @Test(.enabled(if: ParallelLanesTests.twoCores)) func aStopInOneLaneStopsTheOther() throws {
        let requested = DispatchSemaphore(value: 0)
        let results = Recorder<SolveResult>()
        let solver = self.solver
        solver.lanes.run(lanes: 2) { lane in
            if lane == 0 {
                GLPKSolver.requestStop()
                requested.signal()
                return
            }
            _ = requested.wait(timeout: .now() + 5)
            let (model, warm, _) = GLPKTestModels.marketSplit()
            var options = SolveOptions(timeLimitSeconds: 20, warmStart: warm)
            options.progressInterval = 0.05
            if let r = try? solver.solve(model, options: options) { results.append(r) }
        }
        let r = try #require(results.items.first)
        #expect(r.stopReason == .interrupted)
        #expect(r.elapsedSeconds < 5)
        let next = try solver.solve(GLPKTestModels.knapsack().model, options: SolveOptions())
        #expect(next.status == .optimal && next.stopReason == .completed)
    }
}
