/// demand.csv: what the units need, row by row.
enum DemandTable {
    static let spec = TableSpec(
        "site,date,shift,profession,count,competencies,language,mode,priority,purchased_eur_per_hour",
        optional: ["competencies", "language", "mode", "priority", "purchased_eur_per_hour"])

    static func read(_ table: CSVTable, references: References, sites: [String: Site], costs: Costs,
                     log: DiagnosticLog) -> [DemandRow] {
        var rows: [DemandRow] = []
        // Identical requirements on two rows add up; that is allowed but usually a copy-paste slip.
        var firstLineOfKey: [String: Int] = [:]
        table.forEachRow(log: log) { row in
            let (siteID, date, shift) = references.slot(row)
            let profession = row.id("profession").map(tag)
            let count = row.integer("count", default: nil, in: 0...10_000)
            let competencies = row.tags("competencies")
            let language = readLanguage(row)
            let mode = row.choice("mode", DemandMode.self, default: .onsite)
            let priority = row.number("priority", default: 1, in: 0.001...1000)
            let price = row.number("purchased_eur_per_hour",
                                   default: profession.map { costs.purchasedPrice(for: $0) } ?? 0, in: 0...100_000)
            if let siteID, let site = sites[siteID], mode == .remote, !site.remoteOK {
                row.error("mode", "mode remote at site \"\(siteID)\", which cannot receive remote work "
                    + "(remote_ok is false in \(references.siteFile))")
            }
            guard row.isValid, let siteID, let date, let shift, let profession, let count, let mode,
                  let priority, let price else { return }
            let demand = DemandRow(line: row.line, site: siteID, date: date, shift: shift, profession: profession,
                                   count: count, competencies: competencies, language: language, mode: mode,
                                   priority: priority, purchasedEURPerHour: price)
            let key = [siteID, date.iso, shift, profession, competencies.joined(separator: ";"), language ?? "",
                       mode.rawValue, formatNumber(priority), formatNumber(price)].joined(separator: "\u{1}")
            if let first = firstLineOfKey[key] {
                row.warning(nil, "repeats line \(first) (same site, date, shift, profession, competencies, language, "
                    + "mode, priority and price); the counts add up")
            } else {
                firstLineOfKey[key] = row.line
            }
            rows.append(demand)
        }
        return rows
    }

    /// The required language, nil for any (or after an error, which marks the row invalid).
    private static func readLanguage(_ row: CSVRow) -> String? {
        guard let text = row.text("language") else { return nil }
        let code = tag(text)
        guard isLanguageCode(code) else {
            row.error("language", "language \"\(text)\" is not a language code; expected one ISO 639-1 code, e.g. sv")
            return nil
        }
        return code
    }
}
