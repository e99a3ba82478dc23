import Testing
@testable import Pool

@Suite struct DayTests {
    @Test func roundTripsAndWeekdays() throws {
        let d = try #require(Day(iso: "2026-11-23"))
        #expect(d.iso == "2026-11-23")
        #expect(d.isoWeekday == 1) // a Monday
        #expect(d.adding(days: 6).iso == "2026-11-29")
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "2026-02-29") == nil)
        #expect(Day(iso: "2026-1-01") == nil)
        #expect(Day(ordinal: 0).iso == "1970-01-01")
        #expect(Day(iso: "1970-01-01")!.isoWeekday == 4)
    }

    @Test func shiftCrossingMidnight() {
        let night = ShiftType(name: "night", startMinute: 22 * 60, endMinute: 8 * 60)
        #expect(night.crossesMidnight)
        #expect(night.hours == 10)
        let day = ShiftType(name: "day", startMinute: 8 * 60, endMinute: 16 * 60)
        #expect(!day.crossesMidnight && day.hours == 8)
    }
}
