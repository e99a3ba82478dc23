/// Text for the HTML report: escaping and number formats (Finnish style: decimal comma, narrow
/// no-break space between thousands).
enum HTMLText {
    /// Escapes text for element content and double- or single-quoted attribute values, in HTML
    /// and inline SVG alike.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func number(_ value: Double, _ decimals: Int = 0) -> String { DecimalText.grouped(value, decimals: decimals) }
    static func euros(_ value: Double) -> String { DecimalText.euros(value) }
    static func percent(_ value: Double, _ decimals: Int = 1) -> String { number(value, decimals) + "\u{00A0}%" }
    static func hours(_ value: Double) -> String { number(value, value == value.rounded() ? 0 : 1) + "\u{00A0}h" }

    /// Coordinates in SVG: plain decimal point, 1 decimal (enough at report sizes, stable text).
    static func coord(_ value: Double) -> String { DecimalText.fixed(value, decimals: 1) }

    /// Shortens a label for a chart, keeping the full text for the tooltip.
    static func short(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    static let weekdaysFI = ["ma", "ti", "ke", "to", "pe", "la", "su"]
    static let weekdaysEN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// "ma 19.10." (Finnish short date).
    static func shortDate(_ day: Day) -> String {
        let c = day.components
        return "\(weekdaysFI[day.isoWeekday - 1]) \(c.day).\(c.month)."
    }

    /// ISO 8601 week number.
    static func isoWeek(_ day: Day) -> Int {
        let thursday = day.adding(days: 4 - day.isoWeekday)
        let jan1 = Day(year: thursday.components.year, month: 1, day: 1) ?? thursday
        return (thursday.ordinal - jan1.ordinal) / 7 + 1
    }
}
