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

    /// The pricing keeps to the time it is given: with none, no pair is priced and the
    /// explanation says so; the time limit keeps back time for it.
    @Test func thePricingStopsAtItsTimeAndSaysHowFarItGot() throws {
        let sc = T.make(sites: [T.site("a")], clinicians: [T.clinician("g", languages: ["fi", "sv"], commute: 60)],
                        demand: [T.demand("a", day: 0, "day", "nurse"), T.demand("a", day: 1, "day", "nurse")])
        let run = try Harness.run(sc, sensitivity: true)
        let model = try AllocationModel.build(AllocationContext(scenario: sc))
        let duals = try #require(try GLPKSolver().solve(model.model, options: {
            var o = SolveOptions(verbosity: .quiet); o.relaxIntegrality = true; return o }()).rowDuals)
        let chosen = model.chosen(model.point(chosen: []))
        func priced(within seconds: Double?) -> Sensitivity {
            SensitivityAnalysis.compute(model, duals: duals, chosen: chosen, baseObjective: nil, baseOptimal: false,
                                        settings: .init(solver: GLPKSolver(), exactTop: 0, timeLimitPerPricing: 5, exactTimeLimit: 5,
                                                        shouldStop: { false }, secondsAvailable: seconds))
        }
        let pairs = SensitivityAnalysis.pairCount(sc)
        #expect(pairs >= 2 && run.plan.sensitivity.entries.count == pairs)
        let none = priced(within: 0)
        #expect(none.entries.isEmpty)
        #expect(none.explanation.contains("Cut short by the time limit: 0 of \(pairs) (profession, base) pairs priced"), "\(none.explanation)")
        let all = priced(within: nil)
        #expect(all.entries.count == pairs && !all.explanation.contains("Cut short"))
    }

    @Test func bindingLanguageIsReported() throws {
        let sc = T.make(sites: [T.site("a")], clinicians: [T.clinician("g")], demand: [T.demand("a", day: 0, language: "sv")])
        let plan = try Harness.run(sc, sensitivity: true).plan
        let b = try #require(plan.sensitivity.bindingRequirements.first)
        #expect(b.kind == "language" && b.value == "sv" && b.uncoveredHours == 8 && b.dualValueEUR == 800)
    }
}
