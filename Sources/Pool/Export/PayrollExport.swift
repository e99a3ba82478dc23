import CSV
import Foundation

/// One worked shift of one clinician, as payroll needs it (docs/exports.md, "payroll").
public struct PayrollRow: Sendable, Equatable {
    public var clinicianID: String
    public var clinicianName: String
    public var profession: String
    public var date: Day
    public var shift: String
    /// Local wall-clock "HH:MM" (Europe/Helsinki); `end` is on the next day when the shift crosses midnight.
    public var start: String
    public var end: String
    public var siteID: String
    public var siteName: String
    public var municipality: String
    public var mode: WorkMode
    public var regularHours: Double
    public var overtimeHours: Double
    /// +1 when a clock change inside the shift makes it an hour longer (October), −1 shorter (March).
    public var clockChangeHours: Double
    public var travelKm: Double
    /// Travel minutes booked on this shift when the scenario pays travel time, else 0.
    public var paidTravelMinutes: Double
    /// Nights of lodging after this shift (a stay continuing at the same site the next day).
    public var lodgingNights: Int
    public var perDiemEUR: Double
    /// Travel, paid travel time, lodging, per-diem and the overtime premium of this shift, €
    /// (the regular salary is paid anyway and not included).
    public var costEUR: Double
}

/// Payroll CSV (PRODUCT §1 HR): one row per clinician per worked shift.
public enum PayrollExport {
    /// Builds the rows, sorted by clinician id, then time.
    ///
    /// Overtime: a clinician's overtime hours of the horizon (from the plan's KPIs) are booked on
    /// the LAST worked hours — walking the shifts backwards from the latest, each absorbs up to its
    /// own hours — so the attribution is deterministic and matches when the hours limit was passed.
    public static func rows(_ index: PlanIndex) throws -> [PayrollRow] {
        let overtimeByClinician = Dictionary(index.plan.kpis.clinicians.map { ($0.clinician, $0.overtimeHours) },
                                             uniquingKeysWith: { first, _ in first })
        let costs = index.directory.costs
        var rows: [PayrollRow] = []
        for (id, assignments) in try index.assignmentsByClinician() {
            let clinician = try index.clinician(id)
            let overtime = attributeOvertime(overtimeByClinician[id] ?? 0, to: assignments.map(\.hours))
            let overtimeRate = clinician.hourlyCostEUR * (1 + clinician.overtimePremium)
            for (i, a) in assignments.enumerated() {
                let site = try index.site(a.site)
                let shift = try index.shift(a.shift)
                let localStart = shift.start(on: a.date), localEnd = shift.end(on: a.date)
                let clockChange = HelsinkiTime.elapsedMinutes(fromLocal: localStart, toLocal: localEnd) - shift.durationMinutes
                let lodging = assignments.hasLodgingNight(after: a) ? 1 : 0
                rows.append(PayrollRow(
                    clinicianID: id, clinicianName: clinician.name, profession: clinician.profession,
                    date: a.date, shift: a.shift, start: clock(shift.startMinute), end: clock(shift.endMinute),
                    siteID: a.site, siteName: site.name, municipality: site.municipality, mode: a.mode,
                    regularHours: a.hours - min(overtime[i], a.hours), overtimeHours: overtime[i],
                    clockChangeHours: Double(clockChange) / 60, travelKm: a.travelKm,
                    paidTravelMinutes: costs.travelTimePaid ? a.travelMinutes : 0, lodgingNights: lodging,
                    perDiemEUR: a.mode == .stay ? costs.perDiemEURPerDay : 0,
                    costEUR: a.costEUR + overtime[i] * overtimeRate))
            }
        }
        return rows
    }

    /// Splits `total` overtime hours over shifts of `hours` (in time order), latest first. What
    /// exceeds all shift hours (overtime from counted travel time) stays on the latest shift.
    static func attributeOvertime(_ total: Double, to hours: [Double]) -> [Double] {
        var result = Array(repeating: 0.0, count: hours.count)
        var remaining = max(total, 0)
        for i in hours.indices.reversed() where remaining > 0 {
            let booked = min(remaining, hours[i])
            result[i] = booked
            remaining -= booked
        }
        if remaining > 1e-9, let last = result.indices.last { result[last] += remaining }
        return result
    }

    static func clock(_ minuteOfDay: Int) -> String {
        let m = ((minuteOfDay % 1440) + 1440) % 1440
        return pad2(m / 60) + ":" + pad2(m % 60)
    }

    public static let header = [
        "clinician_id", "clinician_name", "profession", "date", "shift", "start", "end", "site_id", "site_name",
        "municipality", "mode", "regular_hours", "overtime_hours", "clock_change_hours", "travel_km",
        "paid_travel_minutes", "lodging_nights", "per_diem_eur", "cost_eur",
    ]

    /// The CSV bytes in the chosen dialect, written with CSV.swift's `CSVWriter`.
    public static func csv(_ rows: [PayrollRow], dialect: CSVDialect) throws -> Data {
        let stream = OutputStream(toMemory: ())
        if dialect.byteOrderMark { stream.open(); _ = stream.write([0xEF, 0xBB, 0xBF], maxLength: 3) }
        let writer = try CSVWriter(stream: stream, delimiter: String(dialect.delimiter), newline: .crlf)
        let number = { (x: Double, decimals: Int) in DecimalText.fixed(x, decimals: decimals, separator: dialect.decimalSeparator) }
        try writer.write(row: header)
        for r in rows {
            try writer.write(row: [
                dialect.text(r.clinicianID), dialect.text(r.clinicianName), dialect.text(r.profession), r.date.iso,
                dialect.text(r.shift), r.start, r.end, dialect.text(r.siteID), dialect.text(r.siteName),
                dialect.text(r.municipality), r.mode.rawValue, number(r.regularHours, 2), number(r.overtimeHours, 2),
                number(r.clockChangeHours, 0), number(r.travelKm, 1), number(r.paidTravelMinutes, 0), "\(r.lodgingNights)",
                number(r.perDiemEUR, 2), number(r.costEUR, 2),
            ])
        }
        writer.stream.close()
        guard var data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw ExportError.output("payroll CSV", "memory stream returned no data")
        }
        // CSVWriter separates rows but does not end the last one; RFC 4180 files end with a line break.
        data.append(contentsOf: [0x0D, 0x0A])
        return data
    }
}

/// How a CSV is spelled for the spreadsheet that opens it (docs/exports.md).
public struct CSVDialect: Sendable, Equatable {
    public var delimiter: Character
    public var decimalSeparator: Character
    public var byteOrderMark: Bool

    /// Excel with Finnish regional settings: `;` between fields, decimal comma, UTF-8 BOM so that
    /// ä and ö survive a double-click open.
    public static let excelFinnish = CSVDialect(delimiter: ";", decimalSeparator: ",", byteOrderMark: true)
    /// RFC 4180 style for LibreOffice, Google Sheets and scripts: `,` and decimal point, no BOM.
    public static let standard = CSVDialect(delimiter: ",", decimalSeparator: ".", byteOrderMark: false)

    /// A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
    /// leading apostrophe (OWASP CSV injection advice); names come from input files.
    func text(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return value }
        return "'" + value
    }
}
