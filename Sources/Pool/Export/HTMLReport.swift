import Foundation

/// The planner's and managers' report: one self-contained HTML file (inline CSS and SVG, no
/// scripts, fonts or network), bilingual labels (fi / en). Every text from input files is
/// escaped. Sections: solver status, key figures, coverage charts, map, costs against the
/// purchased-service counterfactual, uncovered demand with reasons, Swedish-language coverage,
/// clinicians' weeks, sensitivity, notes.
public enum HTMLReport {
    public static func render(_ index: PlanIndex) throws -> Data {
        let plan = index.plan
        var html = """
        <!DOCTYPE html>
        <html lang="fi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="poolctl export --format html">
        <title>\(HTMLText.escape("Pool – \(plan.scenario) – viikko \(HTMLText.isoWeek(plan.firstDate))"))</title>
        <style>
        \(HTMLReportStyle.css)
        </style>
        </head>
        <body>

        """
        html += header(plan)
        html += "<main>\n"
        html += tiles(index)
        html += HTMLReportSections.coverage(index)
        html += section("map", "Alueen kartta", "Map of the region",
                        "Toimipisteet koordinaattien mukaan (ympyrän koko = kysyntä, väri = kattavuus); viivat työntekijän kodista "
                        + "toimipisteeseen, katkoviiva = etävastaanotto. / Sites by coordinates (size = demand, colour = coverage); "
                        + "lines from clinicians' homes, dashed = remote.",
                        RegionMap.svg(index))
        html += HTMLReportSections.costs(index)
        html += HTMLReportSections.uncovered(index)
        html += HTMLReportSections.swedish(index)
        html += section("week", "Työntekijöiden viikko", "Each clinician's week",
                        "Vuorot seinäkelloajassa (Europe/Helsinki). / Shifts in wall-clock time (Europe/Helsinki).",
                        try WeekTimeline.svg(index) + idleClinicians(index))
        html += HTMLReportSections.sensitivity(index)
        html += footer(plan)
        html += "</main>\n</body>\n</html>\n"
        return Data(html.utf8)
    }

    static func section(_ id: String, _ fi: String, _ en: String, _ lead: String, _ body: String) -> String {
        "<section id=\"s-\(id)\">\n<h2>\(HTMLText.escape(fi)) <span class=\"en\">/ \(HTMLText.escape(en))</span></h2>\n"
            + (lead.isEmpty ? "" : "<p class=\"lead\">\(HTMLText.escape(lead))</p>\n") + body + "\n</section>\n"
    }

    static func header(_ plan: Plan) -> String {
        let last = plan.firstDate.adding(days: max(plan.days, 1) - 1)
        let s = plan.solver
        let level: String
        let headline: String
        switch s.status {
        case .optimal: level = "ok"; headline = "Todistetusti optimaalinen / proven optimal"
        case .feasible: level = "warn"; headline = "Käypä, optimaalisuutta ei todistettu / feasible, not proven optimal"
        case .infeasible: level = "bad"; headline = "Ei käypää ratkaisua / infeasible"
        case .unbounded: level = "bad"; headline = "Rajoittamaton malli / unbounded model"
        case .noSolution: level = "bad"; headline = "Ei ratkaisua / no solution found"
        }
        var facts = ["\(s.solverName)"]
        if let objective = s.objective { facts.append("tavoite / objective \(HTMLText.euros(objective))") }
        if let bound = s.bestBound { facts.append("paras raja / best bound \(HTMLText.euros(bound))") }
        if let gap = s.gap { facts.append("ero / gap \(HTMLText.percent(gap * 100, 2))") }
        facts.append("pysähtyi / stopped: \(stopText(s.stopReason))")
        if let limit = s.timeLimitSeconds { facts.append("raja / limit \(HTMLText.number(limit)) s") }
        facts.append("\(s.nodes) haarautumissolmua / nodes")
        return """
        <header class="top"><div class="inner">
        <h1>Pool · viikkosuunnitelma <span style="font-weight:400;opacity:.8">/ weekly plan</span></h1>
        <p class="sub">\(HTMLText.escape(plan.scenario)) · \(HTMLText.escape(HTMLText.shortDate(plan.firstDate)))–\(HTMLText.escape(HTMLText.shortDate(last)))\(last.components.year) · viikko / week \(HTMLText.isoWeek(plan.firstDate)) · \(plan.days) pv / days</p>
        <div class="status \(level)" id="solver-status"><b>\(HTMLText.escape(headline))</b> — \(HTMLText.escape(s.statusText))
        <div class="facts">\(HTMLText.escape(facts.joined(separator: " · ")))</div></div>
        </div></header>

        """
    }

    static func stopText(_ reason: StopReason) -> String {
        switch reason {
        case .completed: return "valmis / completed"
        case .timeLimit: return "aikaraja / time limit"
        case .interrupted: return "keskeytetty / interrupted"
        }
    }

    static func tiles(_ index: PlanIndex) -> String {
        let plan = index.plan, k = plan.kpis, c = plan.costs
        func tile(_ label: String, _ value: String, _ note: String = "", alert: Bool = false) -> String {
            "<div class=\"tile\(alert ? " alert" : "")\"><div class=\"k\">\(HTMLText.escape(label))</div>"
                + "<div class=\"v\">\(HTMLText.escape(value))</div>"
                + (note.isEmpty ? "" : "<div class=\"n\">\(HTMLText.escape(note))</div>") + "</div>"
        }
        var out = "<div class=\"tiles\" id=\"key-figures\">"
        out += tile("Kattavuus / coverage", HTMLText.percent(k.total.coveragePercent),
                    "\(HTMLText.hours(k.total.coveredHours)) / \(HTMLText.hours(k.total.demandHours))", alert: k.total.coveragePercent < 90)
        out += tile("Kattamatta / uncovered", HTMLText.hours(k.total.uncoveredHours), "\(plan.uncovered.count) tarveriviä / demand rows",
                    alert: k.total.uncoveredHours > 0)
        out += tile("Kokonaiskustannus / total cost", HTMLText.euros(c.totalCost), "palkat + matkat + ostopalvelut / salaries + travel + purchased")
        out += tile("Vältetty ostopalvelu / purchased service avoided", HTMLText.euros(c.purchasedServiceAvoided))
        out += tile("Matkat / travel", "\(HTMLText.number(k.travelKm)) km", "\(HTMLText.euros(c.travelKm + c.travelTime)) km + aika / time")
        out += tile("Etäosuus / remote share", HTMLText.percent(k.total.remoteShare * 100), "\(HTMLText.hours(k.total.remoteHours))")
        out += tile("Ruotsinkielinen / Swedish", k.total.swedishCoveragePercent.map { HTMLText.percent($0) } ?? "–",
                    k.total.swedishDemandHours > 0 ? "\(HTMLText.hours(k.total.swedishCoveredHours)) / \(HTMLText.hours(k.total.swedishDemandHours))"
                        : "ei ruotsin tarvetta / no Swedish demand",
                    alert: (k.total.swedishCoveragePercent ?? 100) < 90)
        out += tile("Jatkuvuus / continuity", HTMLText.percent(k.continuityShare * 100), "tutussa paikassa / at a known site")
        out += tile("Ylityö / overtime", HTMLText.hours(k.overtimeHours), HTMLText.euros(c.overtime))
        if let worst = k.worstSite {
            out += tile("Heikoin toimipiste / worst site", HTMLText.percent((1 - worst.uncoveredShare) * 100),
                        index.siteName(worst.site), alert: worst.uncoveredShare > 0.2)
        }
        return out + "</div>\n"
    }

    static func idleClinicians(_ index: PlanIndex) -> String {
        let working = Set(index.plan.assignments.map(\.clinician))
        let idle = index.directory.clinicians.filter { !working.contains($0.id) }
        guard !idle.isEmpty else { return "" }
        return "<p class=\"note\">Ilman vuoroja / without shifts: "
            + HTMLText.escape(idle.map { "\($0.name) (\($0.profession))" }.joined(separator: ", ")) + "</p>"
    }

    static func footer(_ plan: Plan) -> String {
        var items = plan.notes.map { "<li>\(HTMLText.escape($0))</li>" }
        items.append("<li>\(HTMLText.escape(plan.travelAssumption))</li>")
        let m = plan.modelSize
        items.append("<li>\(HTMLText.escape("Malli / model: \(m.variables) muuttujaa / variables (\(m.integerVariables) kokonaislukua / integer), \(m.constraints) rajoitetta / constraints, \(m.nonzeros) nollasta poikkeavaa / nonzeros."))</li>")
        items.append("<li>\(HTMLText.escape("Syötteiden tiiviste / input hash: \(plan.inputHash.isEmpty ? "–" : plan.inputHash)"))</li>")
        items.append("<li>Raportti ei sisällä poissaolojen syitä eikä muita terveystietoja. / The report holds no absence reasons or other health data.</li>")
        return "<footer><h3>Huomiot / notes</h3><ul>\n" + items.joined(separator: "\n") + "\n</ul></footer>\n"
    }
}
