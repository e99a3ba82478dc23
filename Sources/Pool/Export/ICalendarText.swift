/// RFC 5545 content lines, written by hand because none of the project's libraries speaks
/// iCalendar: TEXT escaping (§3.3.11), 75-octet folding that never splits a UTF-8 character
/// (§3.1), CRLF line ends.
struct ICalendarText {
    private(set) var bytes: [UInt8] = []

    /// Appends `NAME[;params]:value` with `value` already in its final form.
    mutating func line(_ nameAndParameters: String, raw value: String) {
        fold(nameAndParameters + ":" + value)
    }

    /// Appends a property whose value is TEXT, escaped.
    mutating func line(_ nameAndParameters: String, text value: String) {
        line(nameAndParameters, raw: Self.escape(value))
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r": out += "\\n"
            default:
                // Other control characters are not allowed in TEXT; drop them.
                if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after CRLF + one space.
    private mutating func fold(_ line: String) {
        var octetsOnLine = 0
        for scalar in line.unicodeScalars {
            let encoded = Array(String(scalar).utf8)
            if octetsOnLine + encoded.count > 75 {
                bytes += [0x0D, 0x0A, 0x20]
                octetsOnLine = 1
            }
            bytes += encoded
            octetsOnLine += encoded.count
        }
        bytes += [0x0D, 0x0A]
    }
}
