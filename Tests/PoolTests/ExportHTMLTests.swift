import Foundation
import Testing
@testable import Pool

@Suite struct ExportHTMLTests {
    let index = PlanIndex(plan: SamplePlan.plan, directory: SamplePlan.directory)

    @Test func golden() throws {
        try Golden.check(try HTMLReport.render(index), "report.html")
    }
}

@Suite struct ExportHTMLContentTests {
    let html = String(decoding: try! HTMLReport.render(PlanIndex(plan: SamplePlan.plan, directory: SamplePlan.directory)), as: UTF8.self)

    @Test func selfContainedWithoutNetworkOrScripts() {
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("src="))
        #expect(!html.contains("url("))
        #expect(!html.contains("@import"))
        // The only URL is the SVG namespace name, which is never fetched.
        #expect(html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http") == false)
    }

    @Test func inputTextIsEscaped() {
        #expect(html.contains("Perho, terveysasema &lt;Keskustie&gt;"))
        #expect(!html.contains("<Keskustie>"))
        var directory = SamplePlan.directory
        directory.clinicians[0].name = "<script>alert('x')</script> & \"Co\""
        let evil = String(decoding: try! HTMLReport.render(PlanIndex(plan: SamplePlan.plan, directory: directory)), as: UTF8.self)
        #expect(!evil.contains("<script>"))
        #expect(evil.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;"))
    }

    @Test func statesTheSolverStatusAndGapAtTheTop() throws {
        let banner = try #require(html.range(of: "id=\"solver-status\""))
        #expect(html.distance(from: html.startIndex, to: banner.lowerBound) < 6000)
        #expect(html.contains("feasible, not proven optimal (gap 0.42 %, stopped by time limit)"))
        #expect(html.contains("ero / gap 0,42\u{00A0}%"))
        #expect(html.contains("class=\"status warn\""))
    }

    @Test func noHealthData() {
        // Absence reasons never reach a plan; the all_absent reason is a count, not a diagnosis.
        for word in ["sairau", "sick", "illness", "diagnos"] { #expect(!html.lowercased().contains(word)) }
    }
}

/// Loads the report in headless Chromium (Debian `chromium`): it must render without console
/// messages and its DOM must hold the expected charts.
@Suite struct ExportHTMLBrowserTests {
    @Test func rendersInHeadlessChromium() throws {
        let chromium = try ExternalTool.require(ExternalTool.chromium, "chromium (Debian package)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pool-html-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.html")
        try OutputFiles.write(try HTMLReport.render(PlanIndex(plan: SamplePlan.plan, directory: SamplePlan.directory)), to: file)
        let result = try ExternalTool.run(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=" + folder.appendingPathComponent("profile").path,
            "--window-size=1400,3000", "--dump-dom", file.absoluteString,
        ], timeout: 90)
        try #require(result.status == 0, "chromium failed: \(result.stderr.suffix(2000))")
        let console = result.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "console messages: \(console)")
        let dom = result.stdout
        for id in ["chart-coverage-site", "chart-coverage-profession", "chart-coverage-municipality", "map", "chart-costs",
                   "chart-swedish", "timeline"] {
            #expect(dom.contains("<svg id=\"\(id)\""), "chart \(id) missing from the rendered DOM")
        }
        // Four sites on the map, three clinicians' trips, eleven shifts on the timeline.
        #expect(dom.components(separatedBy: "<g class=\"site\">").count - 1 == 4)
        #expect(dom.components(separatedBy: "<g class=\"shift\">").count - 1 == SamplePlan.assignments.count)
        #expect(dom.contains("class=\"trip-remote\""))
        #expect(dom.contains("class=\"trip-stay\""))
    }
}

/// Degenerate plans (nothing assigned, nothing uncovered, one site, no solution) still export.
@Suite struct ExportEdgeCaseTests {
    static var emptyPlan: Plan {
        var plan = SamplePlan.plan
        plan.assignments = []
        plan.uncovered = []
        plan.kpis.sites = []
        plan.kpis.professions = []
        plan.kpis.municipalities = []
        plan.kpis.worstSite = nil
        plan.kpis.bestSite = nil
        plan.solver.status = .noSolution
        plan.solver.objective = nil
        plan.solver.gap = nil
        plan.sensitivity = .none
        plan.directory?.sites = Array(SamplePlan.directory.sites.prefix(1))
        return plan
    }

    @Test func everyFormatHandlesAnEmptyPlan() throws {
        let index = PlanIndex(plan: Self.emptyPlan, directory: try #require(Self.emptyPlan.directory))
        let html = String(decoding: try HTMLReport.render(index), as: UTF8.self)
        #expect(html.contains("class=\"status bad\""))
        #expect(html.contains("Kaikki kysyntä katettu"))
        #expect(html.contains("Ei ruotsinkielistä kysyntää"))
        #expect(!html.contains("nan"))   // non-finite numbers never reach the page
        let csv = String(decoding: try PayrollExport.csv(try PayrollExport.rows(index), dialect: .standard), as: UTF8.self)
        #expect(csv == PayrollExport.header.joined(separator: ",") + "\r\n")
        let calendars = try ICSExport.calendars(index)
        #expect(calendars.count == 4)
        #expect(calendars.allSatisfy { !String(decoding: $0.data, as: UTF8.self).contains("VEVENT") })
        let comparison = PlanComparison([("empty", Self.emptyPlan), ("sample", SamplePlan.plan)])
        #expect(!ComparisonRenderer.text(comparison, colour: false).isEmpty)
    }
}
