import Foundation
import Testing
@testable import Pool

/// Solving helpers for the allocation tests: every solved plan goes through the independent
/// checker (no violations; its objective equals the plan's).
enum Harness {
    static let solver = GLPKSolver()

    static func run(_ sc: Scenario, disabled: Set<RuleID> = [], sensitivity: Bool = false, timeLimit: Double = 30,
                    gap: Double = 1e-9, exactTop: Int = 0, threads: Int? = nil, startFrom: [Assignment] = []) throws -> AllocationRun {
        var options = AllocationSolveOptions(timeLimitSeconds: timeLimit, relativeGap: gap)
        options.startFrom = startFrom
        options.threads = threads
        options.sensitivity = sensitivity
        options.exactSensitivityTop = exactTop
        return try Allocator(solver: solver).solve(sc, options: options, allocation: AllocationOptions(disabledRules: disabled))
    }

    /// Solves without the LP relaxation (`--lp-method none`): the greedy plan and neighbourhood search.
    static func runWithoutRelaxation(_ sc: Scenario, timeLimit: Double, lagrangianBound: Bool = true,
                                     priceAndBranch: Bool = true) throws -> AllocationRun {
        var options = AllocationSolveOptions(timeLimitSeconds: timeLimit)
        options.skipRelaxation = true
        options.sensitivity = false
        options.lagrangianBound = lagrangianBound
        if !priceAndBranch { options.columnGenerationShare = 0 }
        return try Allocator(solver: solver).solve(sc, options: options)
    }

    /// Solves with every rule and checks the plan independently.
    static func solveChecked(_ sc: Scenario, sensitivity: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws -> Plan {
        let plan = try run(sc, sensitivity: sensitivity).plan
        let report = PlanChecker(sc).check(PlanChecker.items(plan))
        #expect(report.violations.isEmpty, "checker: \(report.violations.prefix(5))", sourceLocation: sourceLocation)
        #expect(abs(report.objective - plan.costs.objective) < 0.05 + 1e-7 * abs(plan.costs.objective),
                "checker objective \(report.objective) \(report.terms) vs plan \(plan.costs.objective)", sourceLocation: sourceLocation)
        return plan
    }

    /// The rule binds: the plan with it passes the checker, the plan without it differs and the
    /// checker finds a violation of `section` in it.
    @discardableResult
    static func expectBinds(_ rule: RuleID, section: String, _ sc: Scenario,
                            sourceLocation: SourceLocation = #_sourceLocation) throws -> (with: Plan, without: Plan) {
        let with = try solveChecked(sc, sourceLocation: sourceLocation)
        let without = try run(sc, disabled: [rule]).plan
        #expect(with.assignments != without.assignments, "\(rule) did not change the plan", sourceLocation: sourceLocation)
        let v = PlanChecker(sc).check(PlanChecker.items(without)).violations
        #expect(v.contains { $0.hasPrefix(section) }, "without \(rule) the checker found \(v)", sourceLocation: sourceLocation)
        return (with, without)
    }
}
