import Foundation

/// One RFC 5545 calendar per clinician (docs/exports.md, "ics").
public enum ICSExport {
    public struct Options: Sendable {
        /// DTSTAMP of every event, UTC minutes since 1970. nil: 00:00 UTC of the plan's first date,
        /// derived from the plan rather than the clock so that the same plan gives the same bytes.
        public var stampUTCMinute: Int?
        /// SEQUENCE of every event; a republished revision of the same week should count up.
        public var sequence: Int
        public init(stampUTCMinute: Int? = nil, sequence: Int = 0) {
            self.stampUTCMinute = stampUTCMinute; self.sequence = sequence
        }
    }

    public static let timeZoneID = "Europe/Helsinki"

    /// (file name, bytes) for every clinician of the directory, by id; a clinician without
    /// assignments gets a calendar with no events.
    public static func calendars(_ index: PlanIndex, options: Options = Options()) throws -> [(name: String, data: Data)] {
        let byClinician = Dictionary(try index.assignmentsByClinician().map { ($0.clinician, $0.assignments) },
                                     uniquingKeysWith: { first, _ in first })
        return try index.directory.clinicians.map { clinician in
            (fileName(for: clinician.id),
             try calendar(for: clinician, assignments: byClinician[clinician.id] ?? [], index: index, options: options))
        }
    }

    public static func fileName(for clinicianID: String) -> String { fileSafe(clinicianID) + ".ics" }

    static func calendar(for clinician: Clinician, assignments: [Assignment], index: PlanIndex, options: Options) throws -> Data {
        var ics = ICalendarText()
        ics.line("BEGIN", raw: "VCALENDAR")
        ics.line("VERSION", raw: "2.0")
        ics.line("PRODID", raw: "-//Pool//poolctl export ics//EN")
        ics.line("CALSCALE", raw: "GREGORIAN")
        ics.line("METHOD", raw: "PUBLISH")
        ics.line("X-WR-CALNAME", text: "Pool – \(clinician.name)")
        ics.line("X-WR-TIMEZONE", raw: timeZoneID)
        appendTimeZone(&ics)
        let stamp = options.stampUTCMinute ?? index.plan.firstDate.ordinal * 1440
        for a in assignments {
            let site = try index.site(a.site), shift = try index.shift(a.shift)
            ics.line("BEGIN", raw: "VEVENT")
            ics.line("UID", raw: uid(scenario: index.plan.scenario, clinician: clinician.id, date: a.date, shift: a.shift))
            ics.line("DTSTAMP", raw: dateTime(stamp) + "Z")
            if options.sequence > 0 { ics.line("SEQUENCE", raw: "\(options.sequence)") }
            ics.line("DTSTART;TZID=\(timeZoneID)", raw: dateTime(shift.start(on: a.date)))
            ics.line("DTEND;TZID=\(timeZoneID)", raw: dateTime(shift.end(on: a.date)))
            ics.line("SUMMARY", text: "\(site.name) – \(modeLabel(a.mode))")
            ics.line("LOCATION", text: "\(site.name), \(site.municipality)")
            if a.mode != .remote {
                ics.line("GEO", raw: DecimalText.fixed(site.location.lat, decimals: 6) + ";"
                         + DecimalText.fixed(site.location.lon, decimals: 6))
            }
            ics.line("DESCRIPTION", text: description(a, site: site, shift: shift, stays: assignments))
            ics.line("CATEGORIES", text: "Pool")
            ics.line("STATUS", raw: "CONFIRMED")
            ics.line("TRANSP", raw: "OPAQUE")
            ics.line("END", raw: "VEVENT")
        }
        ics.line("END", raw: "VCALENDAR")
        return Data(ics.bytes)
    }

    /// Stable across re-exports and revisions of the plan: (scenario, clinician, date, shift),
    /// each percent-encoded so that the joined form is unambiguous. The site is deliberately not
    /// part of it: moving a shift to another site updates the event.
    public static func uid(scenario: String, clinician: String, date: Day, shift: String) -> String {
        [scenario, clinician, date.iso, shift].map(fileSafe).joined(separator: "_") + "@pool"
    }

    static func modeLabel(_ mode: WorkMode) -> String {
        switch mode {
        case .onsite: return "lähityö / on site"
        case .stay: return "majoittuen / stay"
        case .remote: return "etätyö / remote"
        }
    }

    static func description(_ a: Assignment, site: Site, shift: ShiftType, stays: [Assignment]) -> String {
        let hours = DecimalText.fixed(a.hours, decimals: a.hours == a.hours.rounded() ? 0 : 2)
        var lines = [
            "Vuoro / shift: \(a.shift) \(PayrollExport.clock(shift.startMinute))–\(PayrollExport.clock(shift.endMinute)) (\(hours) h)",
            "Toimipiste / site: \(site.name) (\(site.id)), \(site.municipality)",
            "Tapa / mode: \(modeLabel(a.mode))",
        ]
        let km = DecimalText.fixed(a.travelKm, decimals: 0), minutes = DecimalText.fixed(a.travelMinutes, decimals: 0)
        switch a.mode {
        case .onsite:
            lines.append("Matka / travel: \(km) km, \(minutes) min edestakaisin / round trip from home")
        case .stay:
            if a.travelKm > 0 { lines.append("Matka / travel: \(km) km, \(minutes) min edestakaisin / round trip of the stay") }
            lines.append(stays.hasLodgingNight(after: a) ? "Majoitus / lodging: yö vuoron jälkeen / the night after this shift"
                                 : "Majoitus / lodging: ei / none (last day of the stay)")
        case .remote:
            lines.append("Etävastaanotto kotoa / remote consultation from home: ei matkaa / no travel")
        }
        return lines.joined(separator: "\n")
    }

    /// Europe/Helsinki with the EU rule (see `HelsinkiTime`). DTSTART of each rule is its first
    /// onset under that rule, in the local time before the change.
    static func appendTimeZone(_ ics: inout ICalendarText) {
        ics.line("BEGIN", raw: "VTIMEZONE")
        ics.line("TZID", raw: timeZoneID)
        ics.line("BEGIN", raw: "DAYLIGHT")
        ics.line("TZOFFSETFROM", raw: "+0200")
        ics.line("TZOFFSETTO", raw: "+0300")
        ics.line("TZNAME", raw: "EEST")
        ics.line("DTSTART", raw: "19960331T030000")
        ics.line("RRULE", raw: "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
        ics.line("END", raw: "DAYLIGHT")
        ics.line("BEGIN", raw: "STANDARD")
        ics.line("TZOFFSETFROM", raw: "+0300")
        ics.line("TZOFFSETTO", raw: "+0200")
        ics.line("TZNAME", raw: "EET")
        ics.line("DTSTART", raw: "19961027T040000")
        ics.line("RRULE", raw: "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
        ics.line("END", raw: "STANDARD")
        ics.line("END", raw: "VTIMEZONE")
    }

    /// `YYYYMMDDTHHMMSS` of minutes since 1970-01-01 00:00 (local or UTC, as the caller means).
    static func dateTime(_ minute: Int) -> String {
        let day = Day(ordinal: HelsinkiTime.floorDiv(minute, 1440))
        let m = minute - day.ordinal * 1440
        return day.iso.replacingOccurrences(of: "-", with: "") + "T" + pad2(m / 60) + pad2(m % 60) + "00"
    }

    /// Letters, digits, "." and "-" kept; every other byte percent-encoded (injective, so two ids
    /// never share a file name or UID).
    static func fileSafe(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let c = Character(UnicodeScalar(byte))
            if byte < 0x80 && (c.isLetter || c.isNumber || c == "." || c == "-") && !(out.isEmpty && c == ".") {
                out.append(c)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out.isEmpty ? "%" : out
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
