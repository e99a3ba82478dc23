import Foundation
import Testing
@testable import Pool

@Suite struct ExportICSTests {
    let index = PlanIndex(plan: SamplePlan.plan, directory: SamplePlan.directory)

    func files() throws -> [String: Data] {
        Dictionary(try ICSExport.calendars(index).map { ($0.name, $0.data) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func goldenCalendars() throws {
        let files = try files()
        #expect(files.keys.sorted() == ["C01.ics", "C02.ics", "C03.ics", "C04.ics"])
        for name in files.keys.sorted() { try Golden.check(try #require(files[name]), "ics/" + name) }
    }

    @Test func linesAreCRLFAndFoldedAt75OctetsWithoutSplittingCharacters() throws {
        for (name, data) in try files() {
            let bytes = [UInt8](data)
            #expect(bytes.suffix(2) == [0x0D, 0x0A], "\(name) ends with CRLF")
            var lines: [[UInt8]] = [], current: [UInt8] = []
            var i = 0
            while i < bytes.count {
                if bytes[i] == 0x0D {
                    #expect(i + 1 < bytes.count && bytes[i + 1] == 0x0A, "\(name): bare CR at \(i)")
                    lines.append(current); current = []; i += 2; continue
                }
                #expect(bytes[i] != 0x0A, "\(name): bare LF at \(i)")
                current.append(bytes[i]); i += 1
            }
            for line in lines {
                #expect(line.count <= 75, "\(name): line of \(line.count) octets")
                #expect(String(validating: line, as: UTF8.self) != nil, "\(name): a fold split a UTF-8 character")
            }
        }
        // The stay description is long enough to be folded, and unfolding restores it.
        let c03 = String(decoding: try #require(try files()["C03.ics"]), as: UTF8.self)
        #expect(c03.contains("\r\n "))
        #expect(c03.replacingOccurrences(of: "\r\n ", with: "").contains("LOCATION:Perho\\, terveysasema <Keskustie>\\, Perho"))
    }

    @Test func escapingAndUIDs() {
        #expect(ICalendarText.escape("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf")
        #expect(ICSExport.uid(scenario: "kp 2026", clinician: "C/1", date: SamplePlan.monday, shift: "day")
                == "kp%202026_C%2F1_2026-10-19_day@pool")
        // Percent-encoding keeps distinct inputs distinct.
        #expect(ICSExport.uid(scenario: "a_b", clinician: "c", date: SamplePlan.monday, shift: "d")
                != ICSExport.uid(scenario: "a", clinician: "b_c", date: SamplePlan.monday, shift: "d"))
        #expect(ICSExport.fileName(for: "../x") == "%2E.%2Fx.ics")
    }

    @Test func helsinkiOffsetsAroundBothChanges() {
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        #expect(HelsinkiTime.lastSunday(month: 3, year: 2026).iso == "2026-03-29")
        #expect(HelsinkiTime.lastSunday(month: 10, year: 2026).iso == "2026-10-25")
        let oct25 = HelsinkiTime.lastSunday(month: 10, year: 2026).ordinal * 1440
        #expect(HelsinkiTime.offsetMinutes(atUTC: oct25 + 59) == 180)
        #expect(HelsinkiTime.offsetMinutes(atUTC: oct25 + 60) == 120)
        // The night 24 Oct 22:00 → 25 Oct 08:00 lasts 11 hours; a March night one hour less.
        let night = ShiftType(name: "night", startMinute: 22 * 60, endMinute: 8 * 60)
        let oct24 = SamplePlan.monday.adding(days: 5)
        #expect(HelsinkiTime.elapsedMinutes(fromLocal: night.start(on: oct24), toLocal: night.end(on: oct24)) == 11 * 60)
        let mar28 = Day(year: 2026, month: 3, day: 28)!
        #expect(HelsinkiTime.elapsedMinutes(fromLocal: night.start(on: mar28), toLocal: night.end(on: mar28)) == 9 * 60)
        // The repeated autumn hour means its first occurrence; the spring gap reads as EET.
        #expect(HelsinkiTime.utcMinute(fromLocal: oct25 + 3 * 60 + 30) == oct25 + 30)
        let mar29 = mar28.adding(days: 1).ordinal * 1440
        #expect(HelsinkiTime.utcMinute(fromLocal: mar29 + 3 * 60 + 30) == mar29 + 90)
    }

    struct Parsed: Decodable {
        struct File: Decodable { var calname: String; var errors: [String]; var timezones: [String]; var events: [Event] }
        struct Event: Decodable {
            var uid: String, summary: String, location: String, description: String, tzid: String?
            var start_local: String, start_utc: String, end_utc: String
            var start_utc_own_vtimezone: String?, end_utc_own_vtimezone: String?
        }
        var files: [String: File]
        var vtimezone_mismatches: [String]
    }

    @Test func roundTripThroughPythonIcalendar() throws {
        let python = try ExternalTool.require(ExternalTool.python, "Python venv with `icalendar` (.venv)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pool-ics-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let calendars = try ICSExport.calendars(index)
        try OutputFiles.write(calendars, into: folder)
        let script = Golden.folder.appendingPathComponent("ics_roundtrip.py")
        let result = try ExternalTool.run(python, [script.path] + calendars.map { folder.appendingPathComponent($0.name).path })
        try #require(result.status == 0, "parser failed: \(result.stderr)")
        let parsed = try JSONDecoder().decode(Parsed.self, from: Data(result.stdout.utf8))
        let mismatches = parsed.vtimezone_mismatches
        #expect(mismatches.count == 0, "VTIMEZONE disagrees with tzdata, e.g. \(mismatches.first ?? "")")

        let events = parsed.files.values.flatMap(\.events)
        #expect(events.count == SamplePlan.assignments.count)
        #expect(Set(events.map(\.uid)).count == events.count)
        for file in parsed.files.values {
            #expect(file.errors.isEmpty, "\(file.errors)")
            #expect(file.timezones == ["Europe/Helsinki"])
        }
        #expect(parsed.files["C04.ics"]?.events.isEmpty == true)
        #expect(parsed.files["C02.ics"]?.calname == "Pool – Åsa Öberg-Lindqvist")
        for e in events {
            #expect(e.tzid == "Europe/Helsinki")
            #expect(e.start_utc == e.start_utc_own_vtimezone && e.end_utc == e.end_utc_own_vtimezone,
                    "own VTIMEZONE and tz database disagree on \(e.uid)")
        }
        // Escaped text comes back verbatim.
        let stay = try #require(events.first { $0.uid == "sample-keski-pohjanmaa_C03_2026-10-20_day@pool" })
        #expect(stay.location == "Perho, terveysasema <Keskustie>, Perho")
        #expect(stay.summary == "Perho, terveysasema <Keskustie> – majoittuen / stay")
        #expect(stay.description.contains("\nMajoitus / lodging: yö vuoron jälkeen / the night after this shift"))
        #expect(stay.start_utc == "2026-10-20T05:00:00+00:00")   // 08:00 EEST
        let kannus = try #require(events.first { $0.uid == "sample-keski-pohjanmaa_C01_2026-10-21_day@pool" })
        #expect(kannus.location == "Kannuksen terveysasema; sivupiste, Kannus")
        // The night across the end of summer time: 22:00 EEST → 08:00 EET, 11 hours.
        let night = try #require(events.first { $0.uid == "sample-keski-pohjanmaa_C01_2026-10-24_night@pool" })
        #expect(night.start_utc == "2026-10-24T19:00:00+00:00")
        #expect(night.end_utc == "2026-10-25T06:00:00+00:00")
    }
}
