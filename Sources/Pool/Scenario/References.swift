/// The ids and names that table rows may refer to, with the line that declared each id, so that
/// every reference can be checked and a misspelt one answered with the nearest known id.
struct References {
    /// nil when scenario.yaml has none: dates and shift names are then not checked.
    let horizon: Horizon?
    let shiftNames: [String]?
    let siteFile: String
    let clinicianFile: String
    /// nil when the file could not be read: references to it are then not checked (its own errors
    /// already explain the problem, and "unknown site" on every demand row would only bury them).
    private(set) var siteLines: [String: Int]?
    private(set) var clinicianLines: [String: Int]?
    private var sortedSiteIDs: [String] = []
    private var sortedClinicianIDs: [String] = []

    init(config: ScenarioConfig) {
        horizon = config.horizon
        let names = config.shiftTypes.map(\.name) + config.brokenShiftNames
        shiftNames = names.isEmpty ? nil : names
        siteFile = config.files.sites
        clinicianFile = config.files.clinicians
    }

    mutating func setSites(_ lines: [String: Int]?) {
        siteLines = lines; sortedSiteIDs = lines.map { $0.keys.sorted() } ?? []
    }

    mutating func setClinicians(_ lines: [String: Int]?) {
        clinicianLines = lines; sortedClinicianIDs = lines.map { $0.keys.sorted() } ?? []
    }

    func isSite(_ id: String) -> Bool { siteLines?[id] != nil }
    func isClinician(_ id: String) -> Bool { clinicianLines?[id] != nil }

    /// Reports an unknown site id as an error (or a warning for rows that are then ignored).
    @discardableResult
    func checkSite(_ id: String, _ row: CSVRow, column: String, severity: Diagnostic.Severity = .error,
                   consequence: String = "") -> Bool {
        checkID(id, known: siteLines, sorted: sortedSiteIDs, file: siteFile, row, column, severity, consequence)
    }

    @discardableResult
    func checkClinician(_ id: String, _ row: CSVRow, column: String, severity: Diagnostic.Severity = .error,
                        consequence: String = "") -> Bool {
        checkID(id, known: clinicianLines, sorted: sortedClinicianIDs, file: clinicianFile, row, column, severity, consequence)
    }

    private func checkID(_ id: String, known: [String: Int]?, sorted: [String], file: String, _ row: CSVRow,
                         _ column: String, _ severity: Diagnostic.Severity, _ consequence: String) -> Bool {
        guard let known, known[id] == nil else { return true }
        report(row, column, severity, "\(column) \"\(id)\" is not in \(file)" + DidYouMean.hint(for: id, among: sorted) + consequence)
        return false
    }

    @discardableResult
    func checkShift(_ name: String, _ row: CSVRow, column: String, severity: Diagnostic.Severity = .error,
                    consequence: String = "") -> Bool {
        guard let shiftNames, !shiftNames.contains(name) else { return true }
        let hint = DidYouMean.suggestion(for: name, among: shiftNames).map { " (did you mean \"\($0)\"?)" }
            ?? " (defined: \(shiftNames.joined(separator: ", ")))"
        report(row, column, severity, "\(column) \"\(name)\" is not defined in scenario.yaml shift_types" + hint + consequence)
        return false
    }

    @discardableResult
    func checkInHorizon(_ day: Day, _ row: CSVRow, column: String, severity: Diagnostic.Severity = .error,
                        consequence: String = "") -> Bool {
        guard let horizon, !horizon.contains(day) else { return true }
        report(row, column, severity, "\(column) \(day) is outside the horizon \(horizon.firstDate) … \(horizon.lastDate)"
            + consequence)
        return false
    }

    /// The site, date and shift columns of a demand or pin row, each checked against what exists.
    func slot(_ row: CSVRow) -> (site: String?, date: Day?, shift: String?) {
        let site = row.id("site")
        if let site { checkSite(site, row, column: "site") }
        let date = row.day("date")
        if let date { checkInHorizon(date, row, column: "date") }
        let shift = row.text("shift", required: true)
        if let shift { checkShift(shift, row, column: "shift") }
        return (site, date, shift)
    }

    private func report(_ row: CSVRow, _ column: String, _ severity: Diagnostic.Severity, _ message: String) {
        if severity == .error { row.error(column, message) } else { row.warning(column, message) }
    }
}

extension CSVTable {
    /// Runs `body` on every record of a usable table.
    func forEachRow(log: DiagnosticLog, _ body: (CSVRow) -> Void) {
        for record in records { body(CSVRow(table: self, record: record, log: log)) }
    }
}

/// Lower-case tags (professions, competencies, languages) so that "GP" and "gp" are the same.
func tag(_ text: String) -> String { text.lowercased() }

/// ISO 639 language codes: two or three letters a–z.
func isLanguageCode(_ code: String) -> Bool {
    (2...3).contains(code.unicodeScalars.count) && code.unicodeScalars.allSatisfy { ("a"..."z").contains($0) }
}
