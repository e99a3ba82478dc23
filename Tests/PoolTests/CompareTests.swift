import Foundation
import Testing
@testable import Pool

@Suite struct CompareTests {
    let comparison = PlanComparison([("baseline", SamplePlan.plan), ("remote", SamplePlan.variantB)])

    @Test func goldens() throws {
        try Golden.check(Data(ComparisonRenderer.text(comparison, colour: false).utf8), "compare/compare.txt")
        try Golden.check(Data(ComparisonRenderer.markdown(comparison).utf8), "compare/compare.md")
        try Golden.check(try ComparisonRenderer.csv(comparison), "compare/compare.csv")
    }

    @Test func saysWhichIsCheaperAndWhy() throws {
        let first = try #require(comparison.verdict.first)
        #expect(first.hasPrefix("remote is cheaper than baseline by 954 € a week"))
        // Purchased services explain most of the difference and come first.
        #expect(first.contains("Largest differences (remote − baseline): purchased services remaining −1 140 €, overtime +177 €, km allowance +23 €."))
        #expect(comparison.verdict.contains { $0.hasPrefix("Caution: baseline is not proven optimal (gap 0.42 %)") })
        // Order of arguments does not change the conclusion.
        let swapped = PlanComparison([("remote", SamplePlan.variantB), ("baseline", SamplePlan.plan)])
        #expect(swapped.verdict.first?.hasPrefix("remote is cheaper than baseline by 954 €") == true)
    }

    @Test func deltasAndDirections() throws {
        let total = try #require(comparison.metrics.first { $0.label == "total cost" })
        #expect(abs((total.delta(1) ?? 0) - (12247.71 - 13202.05)) < 1e-9)
        #expect(total.direction(1) == 1)
        let km = try #require(comparison.metrics.first { $0.label == "distance" })
        #expect(km.direction(1) == -1)
        let remote = try #require(comparison.metrics.first { $0.label == "remote share" })
        #expect(remote.direction(1) == 0)   // neither better nor worse
        let salaries = try #require(comparison.metrics.first { $0.label == "regular salaries" })
        #expect(salaries.direction(1) == 0 && salaries.delta(1) == 0)
        let psychiatrist = try #require(comparison.metrics.first { $0.group == "uncovered by profession" && $0.label == "psychiatrist" })
        #expect(psychiatrist.values == [8, 0])
        let sv = try #require(comparison.metrics.first { $0.group == "uncovered by language" && $0.label == "requires sv" })
        #expect(sv.values == [8, 8])
    }

    @Test func colourOnlyWhenAsked() {
        #expect(!ComparisonRenderer.text(comparison, colour: false).contains("\u{1B}["))
        let coloured = ComparisonRenderer.text(comparison, colour: true)
        #expect(coloured.contains("\u{1B}[32m"))   // better in green
        #expect(coloured.contains("\u{1B}[31m"))   // worse in red
    }

    @Test func warnsWhenDemandOrHorizonDiffer() {
        #expect(!comparison.verdict.contains { $0.hasPrefix("Note:") })
        var other = SamplePlan.variantB
        other.kpis.total = SamplePlan.coverage("total", "total", demand: 130, covered: 98)
        other.firstDate = other.firstDate.adding(days: 7)
        let unlike = PlanComparison([("a", SamplePlan.plan), ("b", other)])
        #expect(unlike.verdict.contains("Note: the plans face different demand (a 114 h, b 130 h); compare cost per demand hour and coverage rather than totals alone."))
        #expect(unlike.verdict.contains("Note: the plans cover different horizons (a 2026-10-19, 7 days; b 2026-10-26, 7 days)."))
    }

    @Test func threePlansAndMissingFigures() throws {
        var c = SamplePlan.variantB
        c.kpis.professions.removeLast()        // no psychiatrist demand at all in C
        c.costs.totalCost = 14000
        let three = PlanComparison([("a", SamplePlan.plan), ("b", SamplePlan.variantB), ("c", c)])
        let psychiatrist = try #require(three.metrics.first { $0.label == "psychiatrist" })
        #expect(psychiatrist.values == [8, 0, nil] && psychiatrist.delta(2) == nil)
        #expect(three.verdict.filter { $0.hasPrefix("b is cheaper than") }.count == 2)
        #expect(ComparisonRenderer.text(three, colour: false).contains("Δ c"))
    }
}
