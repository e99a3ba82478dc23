/// The data sections of `HTMLReport`: coverage, costs, uncovered demand, Swedish-language
/// coverage, sensitivity.
enum HTMLReportSections {
    static let coverageLegend: [(style: String, label: String)] = [
        ("f-covered", "katettu / covered"), ("f-remote", "etänä / remote"), ("f-uncovered", "kattamatta / uncovered"),
    ]

    /// Worst coverage first (ties by key) so that problems are on top.
    static func coverageRows(_ kpis: [CoverageKPI], sublabel: (CoverageKPI) -> String) -> [SVGCharts.BarRow] {
        kpis.sorted { ($0.coveragePercent, $0.key) < ($1.coveragePercent, $1.key) }.map { k in
            SVGCharts.BarRow(
                label: k.name, sublabel: sublabel(k),
                segments: [SVGCharts.Segment(value: k.coveredHours - k.remoteHours, style: "f-covered", label: "lähityö / on site \(HTMLText.hours(k.coveredHours - k.remoteHours))"),
                           SVGCharts.Segment(value: k.remoteHours, style: "f-remote", label: "etänä / remote \(HTMLText.hours(k.remoteHours))"),
                           SVGCharts.Segment(value: k.uncoveredHours, style: "f-uncovered", label: "kattamatta / uncovered \(HTMLText.hours(k.uncoveredHours))")],
                valueText: "\(HTMLText.number(k.coveredHours))/\(HTMLText.number(k.demandHours)) h · \(HTMLText.percent(k.coveragePercent, 0))",
                warn: k.coveragePercent < 80)
        }
    }

    static func coverage(_ index: PlanIndex) -> String {
        let k = index.plan.kpis
        let siteMunicipality = Dictionary(index.directory.sites.map { ($0.id, $0.municipality) }, uniquingKeysWith: { a, _ in a })
        let sites = SVGCharts.horizontalBars(id: "chart-coverage-site", title: "Kattavuus toimipisteittäin / coverage by site",
                                             rows: coverageRows(k.sites) { siteMunicipality[$0.key] ?? "" }, legend: coverageLegend,
                                             width: 1180, labelWidth: 260, valueWidth: 150)
        let professions = SVGCharts.horizontalBars(id: "chart-coverage-profession",
                                                   title: "Kattavuus ammateittain / coverage by profession",
                                                   rows: coverageRows(k.professions) { _ in "" }, legend: coverageLegend, width: 580, labelWidth: 150)
        let municipalities = SVGCharts.horizontalBars(id: "chart-coverage-municipality",
                                                      title: "Kattavuus kunnittain / coverage by municipality",
                                                      rows: coverageRows(k.municipalities) { _ in "" }, legend: coverageLegend, width: 580, labelWidth: 150)
        return HTMLReport.section("coverage", "Kattavuus", "Coverage",
                                  "Tarve- ja katetut tunnit; heikoin ensin. / Demand and covered hours; worst first.",
                                  "<h3>Toimipisteet / sites</h3>\(sites)<div class=\"two\"><div><h3>Ammatit / professions</h3>\(professions)</div>"
                                  + "<div><h3>Kunnat / municipalities</h3>\(municipalities)</div></div>")
    }

    static func costs(_ index: PlanIndex) -> String {
        let c = index.plan.costs
        let counterfactual = c.purchasedServiceAvoided + c.purchasedServiceRemaining
        // Whatever of the total is not one of the named parts is paid travel time (zero when the
        // scenario counts travel as working time, which salaries and overtime already pay).
        let travelTime = max(c.totalCost - (c.regularSalaries + c.travelKm + c.lodging + c.perDiem + c.overtime
                                            + c.purchasedServiceRemaining), 0)
        let rows = [
            SVGCharts.BarRow(label: "Kaikki ostopalveluna", sublabel: "all bought as purchased service",
                             segments: [SVGCharts.Segment(value: c.purchasedServiceRemaining, style: "f-purchased", label: "kattamatta jäävä / still uncovered \(HTMLText.euros(c.purchasedServiceRemaining))"),
                                        SVGCharts.Segment(value: c.purchasedServiceAvoided, style: "f-avoided", label: "poolin kattama / covered by the pool \(HTMLText.euros(c.purchasedServiceAvoided))")],
                             valueText: HTMLText.euros(counterfactual)),
            SVGCharts.BarRow(label: "Poolin kanssa", sublabel: "with the pool",
                             segments: [SVGCharts.Segment(value: c.purchasedServiceRemaining, style: "f-purchased", label: "ostopalvelu / purchased \(HTMLText.euros(c.purchasedServiceRemaining))"),
                                        SVGCharts.Segment(value: c.regularSalaries, style: "f-salary", label: "palkat / salaries \(HTMLText.euros(c.regularSalaries))"),
                                        SVGCharts.Segment(value: c.travelKm + travelTime, style: "f-travel", label: "matkat / travel \(HTMLText.euros(c.travelKm + travelTime))"),
                                        SVGCharts.Segment(value: c.lodging + c.perDiem, style: "f-lodging", label: "majoitus ja päivärahat / lodging and per-diem \(HTMLText.euros(c.lodging + c.perDiem))"),
                                        SVGCharts.Segment(value: c.overtime, style: "f-overtime", label: "ylityö / overtime \(HTMLText.euros(c.overtime))")],
                             valueText: HTMLText.euros(c.totalCost)),
        ]
        let chart = SVGCharts.horizontalBars(
            id: "chart-costs", title: "Kustannukset vs. ostopalvelu / cost against purchased service", rows: rows,
            legend: [("f-purchased", "ostopalvelu / purchased"), ("f-avoided", "vältetty / avoided"), ("f-salary", "palkat / salaries"),
                     ("f-travel", "matkat / travel"), ("f-lodging", "majoitus, päiväraha / stays"), ("f-overtime", "ylityö / overtime")],
            width: 1180, labelWidth: 200, valueWidth: 110)
        let difference = counterfactual - c.totalCost
        let verdict = difference >= 0
            ? "Pooli on <b>\(HTMLText.escape(HTMLText.euros(difference)))</b> halvempi kuin saman työn ostaminen ostopalveluna (palkat mukana). / The pool is \(HTMLText.escape(HTMLText.euros(difference))) cheaper than buying the same work as purchased service (salaries included)."
            : "Pooli on \(HTMLText.escape(HTMLText.euros(-difference))) kalliimpi kuin ostopalvelu, kun palkat lasketaan mukaan. / The pool costs \(HTMLText.escape(HTMLText.euros(-difference))) more than purchased service when salaries are counted."
        let terms: [(String, Double)] = [
            ("Kattamaton kysyntä × hinta × prioriteetti / uncovered × price × priority", c.uncoveredPurchasedService),
            ("Kilometrikorvaus / km allowance", c.travelKm), ("Matka-aika / paid travel time", c.travelTime),
            ("Majoitus / lodging", c.lodging), ("Päivärahat / per-diem", c.perDiem), ("Ylityö / overtime premium", c.overtime),
            ("Jatkuvuus / continuity (säästö / saving)", c.continuity), ("Toiveet / preferences", c.preferences),
            ("Tasapuolisuus / equity", c.equity),
        ]
        var table = "<table id=\"objective-terms\"><tr><th>Tavoitefunktion termi / objective term</th><th class=\"num\">€</th></tr>"
        for (label, value) in terms {
            table += "<tr><td>\(HTMLText.escape(label))</td><td class=\"num\">\(HTMLText.escape(HTMLText.euros(value)))</td></tr>"
        }
        table += "<tr class=\"total\"><td>Tavoite / objective</td><td class=\"num\">\(HTMLText.escape(HTMLText.euros(c.objective)))</td></tr></table>"
        table += "<p class=\"note\">Jatkuvuus, toiveet ja tasapuolisuus ovat painotuksia, eivät rahaa; kokonaiskustannus sisältää vain maksettavat erät. "
            + "/ Continuity, preferences and equity are weights, not money; the total cost holds only what is paid.</p>"
        return HTMLReport.section("costs", "Kustannukset", "Costs",
                                  "Viikon kustannus verrattuna siihen, että kaikki kysyntä ostettaisiin ostopalveluna. / The week's cost against buying all demand as purchased service.",
                                  chart + "<p class=\"saving\">\(verdict)</p>" + table)
    }

    static func uncovered(_ index: PlanIndex) -> String {
        let plan = index.plan
        guard !plan.uncovered.isEmpty else {
            return HTMLReport.section("uncovered", "Kattamaton kysyntä", "Uncovered demand", "",
                                      "<p>Kaikki kysyntä katettu. / All demand is covered.</p>")
        }
        var byReason: [UncoveredReason: Double] = [:]
        for u in plan.uncovered { byReason[u.reason, default: 0] += u.hours }
        var chips = "<div id=\"uncovered-reasons\">"
        for reason in UncoveredReason.allCases {
            guard let hours = byReason[reason] else { continue }
            chips += "<span class=\"chip\">\(HTMLText.escape(reason.text)): \(HTMLText.escape(HTMLText.hours(hours)))</span>"
        }
        chips += "</div>"
        // One row per site, profession, requirement and reason, with the shifts listed: a week's
        // rows of the same gap read as one problem. Every single row is in uncovered.csv.
        struct Group { var site: String; var profession: String; var requires: String; var reason: UncoveredReason
                       var when: [String] = []; var missing = 0; var hours = 0.0; var cost = 0.0 }
        var groups: [String: Group] = [:]
        for u in plan.uncovered {
            let requires = ((u.language.map { ["kieli / language: \($0)"] } ?? []) + u.competencies).joined(separator: ", ")
            let key = [u.site, u.profession, requires, u.reason.rawValue].joined(separator: "\u{1F}")
            var g = groups[key] ?? Group(site: u.site, profession: u.profession, requires: requires, reason: u.reason)
            g.when.append("\(HTMLText.shortDate(u.date)) \(u.shift)" + (u.count > 1 ? " ×\(u.count)" : ""))
            g.missing += u.count; g.hours += u.hours; g.cost += u.costEUR
            groups[key] = g
        }
        let ordered = groups.sorted { ($1.value.hours, $0.key) < ($0.value.hours, $1.key) }.map(\.value)
        var table = "<table id=\"uncovered-table\"><tr><th>Toimipiste / site</th><th>Ammatti / profession</th>"
            + "<th>Vaatimukset / requires</th><th>Vuorot / shifts</th><th class=\"num\">h</th><th>Syy / reason</th><th class=\"num\">€</th></tr>"
        for g in ordered {
            table += "<tr><td>\(HTMLText.escape(index.siteName(g.site)))</td><td>\(HTMLText.escape(g.profession))</td>"
                + "<td>\(HTMLText.escape(g.requires.isEmpty ? "–" : g.requires))</td>"
                + "<td class=\"when\">\(HTMLText.escape(g.when.joined(separator: ", ")))</td>"
                + "<td class=\"num\">\(HTMLText.escape(HTMLText.number(g.hours, 1)))</td>"
                + "<td>\(HTMLText.escape(g.reason.text))</td><td class=\"num\">\(HTMLText.escape(HTMLText.euros(g.cost)))</td></tr>"
        }
        table += "</table><p class=\"note\">Kaikki rivit / every row: uncovered.csv.</p>"
        return HTMLReport.section("uncovered", "Kattamaton kysyntä", "Uncovered demand",
                                  "Syy kertoo, miksi poolista ei löytynyt tekijää. / The reason says why the pool could not cover it.",
                                  chips + table)
    }

    static func swedish(_ index: PlanIndex) -> String {
        let k = index.plan.kpis
        let sites = k.sites.filter { $0.swedishDemandHours > 0 }
        guard !sites.isEmpty else {
            return HTMLReport.section("swedish", "Ruotsinkielinen palvelu", "Swedish-language coverage", "",
                                      "<p>Ei ruotsinkielistä kysyntää tällä viikolla. / No Swedish-language demand this week.</p>")
        }
        let rows = sites.sorted { ($0.swedishCoveragePercent ?? 100, $0.key) < ($1.swedishCoveragePercent ?? 100, $1.key) }.map { s in
            SVGCharts.BarRow(label: s.name, segments: [
                SVGCharts.Segment(value: s.swedishCoveredHours, style: "f-covered", label: "katettu / covered \(HTMLText.hours(s.swedishCoveredHours))"),
                SVGCharts.Segment(value: s.swedishDemandHours - s.swedishCoveredHours, style: "f-uncovered",
                                  label: "kattamatta / uncovered \(HTMLText.hours(s.swedishDemandHours - s.swedishCoveredHours))")],
                valueText: "\(HTMLText.number(s.swedishCoveredHours))/\(HTMLText.number(s.swedishDemandHours)) h · \(HTMLText.percent(s.swedishCoveragePercent ?? 100, 0))",
                warn: (s.swedishCoveragePercent ?? 100) < 80)
        }
        let chart = SVGCharts.horizontalBars(id: "chart-swedish", title: "Ruotsinkielinen kattavuus / Swedish-language coverage",
                                             rows: rows, legend: [("f-covered", "katettu / covered"), ("f-uncovered", "kattamatta / uncovered")])
        let total = k.total.swedishCoveragePercent.map { HTMLText.percent($0) } ?? "–"
        return HTMLReport.section("swedish", "Ruotsinkielinen palvelu", "Swedish-language coverage",
                                  "Kysyntä, joka vaatii ruotsin kieltä: koko alue \(total). / Demand requiring Swedish: region \(total).",
                                  chart)
    }

    static func sensitivity(_ index: PlanIndex) -> String {
        let s = index.plan.sensitivity
        guard s.method != .notComputed else {
            return HTMLReport.section("sensitivity", "Herkkyys", "Sensitivity", "", "<p class=\"muted\">\(HTMLText.escape(s.explanation))</p>")
        }
        var body = "<table id=\"sensitivity\"><tr><th>Ammatti / profession</th><th>Kotipaikka / base</th>"
            + "<th class=\"num\">Säästö / saving</th><th class=\"num\">Tunnit / hours</th></tr>"
        for e in s.entries.prefix(12) {
            body += "<tr><td>\(HTMLText.escape(e.profession))</td><td>\(HTMLText.escape(e.base))</td>"
                + "<td class=\"num\">\(HTMLText.escape(HTMLText.euros(e.savingEUR)))</td><td class=\"num\">\(HTMLText.escape(HTMLText.hours(e.hoursWorked)))</td></tr>"
        }
        body += "</table>"
        if !s.bindingRequirements.isEmpty {
            body += "<h3>Sitovat vaatimukset / binding requirements</h3><table><tr><th>Laji / kind</th><th>Arvo / value</th>"
                + "<th>Ammatti / profession</th><th class=\"num\">Kattamatta / uncovered</th><th class=\"num\">Arvo / worth</th></tr>"
            for b in s.bindingRequirements {
                body += "<tr><td>\(HTMLText.escape(b.kind))</td><td>\(HTMLText.escape(b.value))</td><td>\(HTMLText.escape(b.profession))</td>"
                    + "<td class=\"num\">\(HTMLText.escape(HTMLText.hours(b.uncoveredHours)))</td><td class=\"num\">\(HTMLText.escape(HTMLText.euros(b.dualValueEUR)))</td></tr>"
            }
            body += "</table>"
        }
        return HTMLReport.section("sensitivity", "Herkkyys: yksi työntekijä lisää", "Sensitivity: one more clinician",
                                  s.explanation, body)
    }
}
