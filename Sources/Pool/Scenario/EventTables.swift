/// absences.csv and history.csv: facts about the clinicians that HR exports, often for more
/// people and dates than the scenario covers. Rows about unknown clinicians or other dates are
/// therefore warnings and are left out, rather than errors that would stop the plan.
enum AbsenceTable {
    static let spec = TableSpec("clinician,date,shift", optional: ["shift"])

    static func read(_ table: CSVTable, references: References, log: DiagnosticLog) -> [Absence] {
        var absences: [Absence] = []
        table.forEachRow(log: log) { row in
            let clinician = row.id("clinician")
            let date = row.day("date")
            let shift = row.text("shift")
            if let shift { references.checkShift(shift, row, column: "shift") }
            guard row.isValid, let clinician, let date else { return }
            guard references.checkClinician(clinician, row, column: "clinician", severity: .warning,
                                            consequence: "; the absence is ignored"),
                  references.checkInHorizon(date, row, column: "date", severity: .warning,
                                            consequence: "; the absence is ignored") else { return }
            absences.append(Absence(clinician: clinician, date: date, shift: shift))
        }
        return absences
    }
}

enum HistoryTable {
    static let spec = TableSpec("clinician,date,shift,site")

    static func read(_ table: CSVTable, references: References, log: DiagnosticLog) -> [HistoryEntry] {
        var history: [HistoryEntry] = []
        table.forEachRow(log: log) { row in
            let clinician = row.id("clinician")
            let date = row.day("date")
            let shift = row.text("shift", required: true)
            let site = row.id("site")
            if let date, let horizon = references.horizon, date >= horizon.firstDate {
                row.error("date", "date \(date) is not before the horizon, which starts \(horizon.firstDate); "
                    + "history lists assignments before the planned week")
            }
            guard row.isValid, let clinician, let date, let shift, let site else { return }
            let ignored = "; the entry is ignored"
            guard references.checkClinician(clinician, row, column: "clinician", severity: .warning, consequence: ignored),
                  references.checkSite(site, row, column: "site", severity: .warning, consequence: ignored),
                  references.checkShift(shift, row, column: "shift", severity: .warning, consequence: ignored)
            else { return }
            history.append(HistoryEntry(clinician: clinician, date: date, shift: shift, site: site))
        }
        return history
    }
}

/// pins.csv and preferences.csv: written by planners for this scenario, so unknown ids are errors.
enum PinTable {
    static let spec = TableSpec("clinician,date,shift,site,mode", optional: ["mode"])

    static func read(_ table: CSVTable, references: References, log: DiagnosticLog) -> [(pin: Pin, line: Int)] {
        var pins: [(pin: Pin, line: Int)] = []
        table.forEachRow(log: log) { row in
            let clinician = row.id("clinician")
            if let clinician { references.checkClinician(clinician, row, column: "clinician") }
            let (site, date, shift) = references.slot(row)
            let mode = row.choice("mode", WorkMode.self, default: nil)
            guard row.isValid, let clinician, let date, let shift, let site else { return }
            pins.append((Pin(clinician: clinician, date: date, shift: shift, site: site, mode: mode), row.line))
        }
        return pins
    }
}

enum PreferenceTable {
    static let spec = TableSpec("clinician,site,shift,date,weight_eur", optional: ["site", "shift", "date"])

    static func read(_ table: CSVTable, references: References, log: DiagnosticLog) -> [Preference] {
        var preferences: [Preference] = []
        table.forEachRow(log: log) { row in
            let clinician = row.id("clinician")
            if let clinician { references.checkClinician(clinician, row, column: "clinician") }
            let site = row.text("site")
            if let site { references.checkSite(site, row, column: "site") }
            let shift = row.text("shift")
            if let shift { references.checkShift(shift, row, column: "shift") }
            let date = row.day("date", required: false)
            let weight = row.number("weight_eur", default: nil, in: -100_000...100_000)
            guard row.isValid, let clinician, let weight else { return }
            if let date, !references.checkInHorizon(date, row, column: "date", severity: .warning,
                                                    consequence: "; the preference is ignored") { return }
            preferences.append(Preference(clinician: clinician, site: site, shift: shift, date: date, weightEUR: weight))
        }
        return preferences
    }
}
