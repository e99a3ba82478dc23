/// A named working-time window, e.g. day 08:00–16:00 or night 22:00–08:00 (crossing midnight).
public struct ShiftType: Hashable, Sendable, Codable {
    public var name: String
    /// Minutes after midnight of the shift's date.
    public var startMinute: Int
    /// Minutes after midnight; when not after `startMinute` the shift ends on the next day.
    public var endMinute: Int

    public init(name: String, startMinute: Int, endMinute: Int) {
        self.name = name
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    public var crossesMidnight: Bool { endMinute <= startMinute }
    public var durationMinutes: Int { crossesMidnight ? endMinute + 1440 - startMinute : endMinute - startMinute }
    public var hours: Double { Double(durationMinutes) / 60 }

    /// Absolute start minute of this shift on `day`, counted from 1970-01-01 00:00 local time.
    public func start(on day: Day) -> Int { day.ordinal * 1440 + startMinute }
    public func end(on day: Day) -> Int { start(on: day) + durationMinutes }
}
