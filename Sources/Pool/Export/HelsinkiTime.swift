/// Finnish civil time (Europe/Helsinki) by the EU rule in force since 1996: EET (UTC+2), and
/// EEST (UTC+3) from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC.
/// Written out here (no tz database lookup) so exports do not depend on the machine's zoneinfo;
/// the VTIMEZONE in calendars states the same rule.
/// Minutes are counted from 1970-01-01 00:00, in UTC or in local wall-clock time as named.
public enum HelsinkiTime {
    public static let standardOffsetMinutes = 120
    public static let daylightOffsetMinutes = 180

    /// The last Sunday of `month` in `year`.
    public static func lastSunday(month: Int, year: Int) -> Day {
        // Day(year:month:day:) cannot fail for the last day of a real month.
        let last = Day(year: year, month: month, day: Day.daysIn(month: month, year: year)) ?? Day(ordinal: 0)
        return last.adding(days: -(last.isoWeekday % 7))
    }

    /// UTC offset in effect at a UTC instant.
    public static func offsetMinutes(atUTC minute: Int) -> Int {
        let year = Day(ordinal: floorDiv(minute, 1440)).components.year
        let start = lastSunday(month: 3, year: year).ordinal * 1440 + 60
        let end = lastSunday(month: 10, year: year).ordinal * 1440 + 60
        return minute >= start && minute < end ? daylightOffsetMinutes : standardOffsetMinutes
    }

    /// The UTC instant of a local wall-clock time. In the repeated autumn hour the first
    /// occurrence (EEST) is meant; a time in the spring gap is read with the offset before the
    /// gap (EET), as RFC 5545 §3.3.5 prescribes.
    public static func utcMinute(fromLocal local: Int) -> Int {
        let asDaylight = local - daylightOffsetMinutes
        if offsetMinutes(atUTC: asDaylight) == daylightOffsetMinutes { return asDaylight }
        return local - standardOffsetMinutes
    }

    /// Elapsed minutes between two local wall-clock times (differs from the plain difference
    /// by ±60 across a clock change).
    public static func elapsedMinutes(fromLocal start: Int, toLocal end: Int) -> Int {
        utcMinute(fromLocal: end) - utcMinute(fromLocal: start)
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
}
