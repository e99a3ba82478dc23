/// sites.csv and clinicians.csv: the things every other table refers to.
enum SiteTable {
    static let spec = TableSpec("id,name,municipality,lat,lon,kind,remote_ok", optional: ["name", "remote_ok"])

    /// The sites, and every declared id with its line (also ids of rows with other mistakes, so that
    /// references to them are not reported a second time).
    static func read(_ table: CSVTable, log: DiagnosticLog) -> (sites: [Site], lines: [String: Int]) {
        var sites: [Site] = [], lines: [String: Int] = [:]
        table.forEachRow(log: log) { row in
            let id = row.declareID(in: &lines)
            let municipality = row.text("municipality", required: true)
            let lat = row.number("lat", default: nil, in: -90...90)
            let lon = row.number("lon", default: nil, in: -180...180)
            let kind = row.choice("kind", SiteKind.self, default: nil, required: true)
            let remoteOK = row.flag("remote_ok", default: false)
            guard row.isValid, let id, let municipality, let lat, let lon, let kind, let remoteOK else { return }
            sites.append(Site(id: id, name: row.text("name") ?? id, municipality: municipality,
                              location: Coordinate(lat: lat, lon: lon), kind: kind, remoteOK: remoteOK))
        }
        for (id, line) in table.malformedValues("id") where lines[id] == nil { lines[id] = line }
        return (sites, lines)
    }
}

enum ClinicianTable {
    static let spec = TableSpec(
        "id,name,profession,competencies,languages,home_lat,home_lon,weekly_hours,max_overtime_hours,hourly_cost_eur,"
            + "overtime_premium,remote,max_commute_min,accepts_stays,home_municipality",
        optional: ["name", "competencies", "languages", "weekly_hours", "max_overtime_hours", "hourly_cost_eur",
                   "overtime_premium", "remote", "max_commute_min", "accepts_stays", "home_municipality"])

    static func read(_ table: CSVTable, references: References, log: DiagnosticLog)
        -> (clinicians: [Clinician], lines: [String: Int]) {
        var clinicians: [Clinician] = [], lines: [String: Int] = [:]
        table.forEachRow(log: log) { row in
            let id = row.declareID(in: &lines)
            if let id, lines[id] == row.line, references.isSite(id) {
                row.error("id", "id \"\(id)\" is also a site id in \(references.siteFile); "
                    + "distances.csv refers to both, so ids must differ")
            }
            let profession = row.id("profession").map(tag)
            let languages = readLanguages(row)
            let lat = row.number("home_lat", default: nil, in: -90...90)
            let lon = row.number("home_lon", default: nil, in: -180...180)
            let weekly = row.number("weekly_hours", default: 38.25, in: 0...168)
            let overtime = row.number("max_overtime_hours", default: 0, in: 0...168)
            let cost = row.number("hourly_cost_eur", default: 50, in: 0...10_000)
            let premium = row.number("overtime_premium", default: 0.5, in: 0...10)
            let remote = row.flag("remote", default: false)
            let commute = row.number("max_commute_min", default: 60, in: 0...1440)
            let stays = row.flag("accepts_stays", default: false)
            if let weekly, let overtime, weekly + overtime > 168 {
                row.error("max_overtime_hours", "weekly_hours + max_overtime_hours = \(formatNumber(weekly + overtime)) "
                    + "exceeds the 168 hours of a week")
            }
            guard row.isValid, let id, let profession, let languages, let lat, let lon, let weekly, let overtime,
                  let cost, let premium, let remote, let commute, let stays else { return }
            clinicians.append(Clinician(
                id: id, name: row.text("name") ?? id, profession: profession, competencies: row.tags("competencies"),
                languages: languages, home: Coordinate(lat: lat, lon: lon), homeMunicipality: row.text("home_municipality"),
                weeklyHours: weekly, maxOvertimeHours: overtime, hourlyCostEUR: cost, overtimePremium: premium,
                remote: remote, maxCommuteMinutes: commute, acceptsStays: stays))
        }
        for (id, line) in table.malformedValues("id") where lines[id] == nil { lines[id] = line }
        return (clinicians, lines)
    }

    /// Language codes; an empty field means Finnish only (the documented default).
    private static func readLanguages(_ row: CSVRow) -> [String]? {
        let codes = row.tags("languages")
        if codes.isEmpty { return ["fi"] }
        let bad = codes.filter { !isLanguageCode($0) }
        if !bad.isEmpty {
            row.error("languages", "languages \"\(bad.joined(separator: ";"))\" is not a language code; "
                + "expected ISO 639-1 codes separated by \";\", e.g. fi;sv;en")
            return nil
        }
        return codes
    }
}

extension CSVRow {
    /// Reads the `id` column and records it in `lines`, reporting an id used before.
    func declareID(in lines: inout [String: Int]) -> String? {
        guard let id = id("id") else { return nil }
        if let first = lines[id] {
            error("id", "id \"\(id)\" is already used on line \(first)")
        } else {
            lines[id] = line
        }
        return id
    }
}
