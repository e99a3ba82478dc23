import Testing
@testable import Pool

/// Sensitivity (PRODUCT §5): what one more clinician would save, and which requirements bind.
@Suite struct AllocationSensitivityTests {
    typealias T = TestScenarios

    @Test func anExtraClinicianSavesThePurchasedServiceItCovers() throws {
        // Two GP shifts nobody can cover (the only GP speaks no Swedish); a GP based in Oulu covers both.
        let sc = T.make(sites: [T.site("a")], clinicians: [T.clinician("g", languages: ["fi", "sv"], commute: 60)],
                        demand: [T.demand("a", day: 0, "day", "nurse"), T.demand("a", day: 1, "day", "nurse")])
        let plan = try Harness.run(sc, sensitivity: true).plan
        #expect(plan.sensitivity.method == .lpDualPricing)
        #expect(plan.sensitivity.explanation.contains("LP-dual pricing"))
        let nurse = try #require(plan.sensitivity.entries.first { $0.profession == "nurse" && $0.base == "Oulu" })
        #expect(nurse.savingEUR == 1600 && nurse.hoursWorked == 16 && nurse.method == .lpDualPricing)
        // One more GP is worth nothing: there is no GP demand left.
        #expect(plan.sensitivity.entries.first { $0.profession == "gp" }?.savingEUR == 0)
        // Exact re-solve agrees.
        let exact = try Harness.run(sc, sensitivity: true, exactTop: 1).plan
        #expect(exact.sensitivity.entries.first?.method == .exactResolve)
        #expect(exact.sensitivity.entries.first?.savingEUR == 1600)
    }

    /// Without the LP relaxation, price-and-branch's master LP gives the duals, and the
    /// explanation says so: the first test's week, solved with `--lp-method none`.
    @Test func withoutTheLPTheMasterLPPricesTheExtraClinician() throws {
        let sc = T.make(sites: [T.site("a")], clinicians: [T.clinician("g", languages: ["fi", "sv"], commute: 60)],
                        demand: [T.demand("a", day: 0, "day", "nurse"), T.demand("a", day: 1, "day", "nurse")])
        var options = AllocationSolveOptions(timeLimitSeconds: 20)
        options.skipRelaxation = true
        let plan = try Allocator(solver: GLPKSolver()).solve(sc, options: options).plan
        #expect(plan.solver.lpRelaxationObjective == nil)
        #expect(plan.sensitivity.method == .lpDualPricing)
        #expect(plan.sensitivity.explanation.contains("price-and-branch's master LP"), "\(plan.sensitivity.explanation)")
        let nurse = try #require(plan.sensitivity.entries.first { $0.profession == "nurse" && $0.base == "Oulu" })
        #expect(nurse.savingEUR == 1600 && nurse.hoursWorked == 16)
    }

    @Test func bindingLanguageIsReported() throws {
        let sc = T.make(sites: [T.site("a")], clinicians: [T.clinician("g")], demand: [T.demand("a", day: 0, language: "sv")])
        let plan = try Harness.run(sc, sensitivity: true).plan
        let b = try #require(plan.sensitivity.bindingRequirements.first)
        #expect(b.kind == "language" && b.value == "sv" && b.uncoveredHours == 8 && b.dualValueEUR == 800)
    }
}
