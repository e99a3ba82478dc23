import Testing
@testable import Pool

/// GLPK aborts the process on bad input; none of it may ever reach GLPK, and GLPK's own fatal
/// errors must come back as Swift errors with GLPK still usable afterwards.
@Suite struct GLPKSafetyTests {
    let solver = GLPKSolver()

    private func problems(_ body: () throws -> Void) -> [String] {
        do { try body() } catch let e as ModelValidationError { return e.problems } catch { return ["unexpected \(error)"] }
        return []
    }

    @Test func nanCoefficientThrows() {
        let m = LinearModel()
        let x = m.addVariable("x")
        m.add("bad", .nan * x <= 1)
        let found = problems { _ = try solver.solve(m, options: SolveOptions()) }
        #expect(found.contains("constraint bad: coefficient nan"))
    }

    @Test func lowerAboveUpperThrows() {
        let m = LinearModel()
        m.addVariable("x", lower: 3, upper: 2)
        let found = problems { _ = try solver.solve(m, options: SolveOptions()) }
        #expect(found.contains("variable x: lower bound 3.0 > upper bound 2.0"))
    }

    @Test func infiniteRightHandSideThrows() {
        let m = LinearModel()
        let x = m.addVariable("x")
        m.add("unbounded_rhs", x <= .infinity)
        let found = problems { _ = try solver.solve(m, options: SolveOptions()) }
        #expect(found.contains("constraint unbounded_rhs: right-hand side inf"))
    }

    @Test func nanObjectiveAndMissingColumnThrow() {
        let m = LinearModel()
        let x = m.addVariable("x", objective: .nan)
        m.add("ghost", x + Variable(index: 7) >= 1)
        let found = problems { _ = try solver.solve(m, options: SolveOptions()) }
        #expect(found.contains("variable x: objective coefficient nan"))
        #expect(found.contains("constraint ghost: refers to missing variable #7"))
    }

    @Test func badOptionsAndWarmStartThrow() {
        let (model, _) = GLPKTestModels.knapsack()
        var options = SolveOptions(timeLimitSeconds: -1, relativeGap: .nan)
        options.warmStart = [1, 0]
        let found = problems { _ = try solver.solve(model, options: options) }
        #expect(found.contains("option timeLimitSeconds: -1.0 (must be a finite number ≥ 0)"))
        #expect(found.contains("option relativeGap: nan (must be a finite number ≥ 0)"))
        #expect(found.contains("option warmStart: 2 values for 5 variables"))
    }

    @Test func invalidModelCannotBeWritten() {
        let m = LinearModel()
        m.addVariable("x", lower: 1, upper: 0)
        #expect(throws: ModelValidationError.self) { try ModelFiles.write(m, to: "/tmp/never-written.lp") }
    }

    @Test func glpkFatalErrorIsCaughtAndGLPKKeepsWorking() throws {
        let (model, _, _, _) = GLPKTestModels.production()
        // Column 99 does not exist: glp_set_col_bnds calls glp_error, which would abort().
        let error = try #require(throws: GLPKError.self) {
            try GLPKProblem.withSession { problem in
                try problem.load(model, ignoreIntegrality: false)
                try problem.setColumnBoundsUnchecked(column: 99, lower: 0, upper: 1)
            }
        }
        #expect(error.kind == .fatal)
        #expect(error.message.contains("column number out of range"), "\(error.message)")
        // GLPK was reset and works: in the same session after the error, and in new sessions
        let again = try GLPKProblem.withSession { problem -> Bool in
            try problem.load(model, ignoreIntegrality: false)
            #expect(throws: GLPKError.self) { try problem.setColumnBoundsUnchecked(column: 0, lower: 0, upper: 1) }
            // the problem object died with the reset; using it is an error, not a crash
            #expect(throws: GLPKError.self) { _ = try problem.primalValues(count: 3, mip: false) }
            try problem.load(model, ignoreIntegrality: false)
            return true
        }
        #expect(again)
        let r = try solver.solve(model, options: SolveOptions())
        #expect(r.status == .optimal && r.objective == 280)
    }
}
