import Foundation

/// Locale-independent number text for exports: a fixed number of decimals with the chosen
/// decimal separator, never a thousands separator (spreadsheets would misread it), and no
/// "-0.00". `String(format:)` without a locale always uses the POSIX "." separator.
public enum DecimalText {
    public static func fixed(_ value: Double, decimals: Int, separator: Character = ".") -> String {
        var text = String(format: "%.\(decimals)f", value.isFinite ? value : 0)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }
        return separator == "." ? text : text.replacingOccurrences(of: ".", with: String(separator))
    }

    /// Euros for people: "12 345 €" style grouping with a narrow no-break space, 0 decimals.
    public static func euros(_ value: Double, separator: Character = ",") -> String {
        grouped(value, decimals: 0, separator: separator) + "\u{00A0}€"
    }

    /// Digits grouped by three with U+202F (narrow no-break space), as Finnish typography does,
    /// a real minus sign, and `separator` before the decimals.
    public static func grouped(_ value: Double, decimals: Int, separator: Character = ",",
                               groupSeparator: Character = "\u{202F}") -> String {
        let plain = fixed(value, decimals: decimals)
        let negative = plain.hasPrefix("-")
        let unsigned = negative ? String(plain.dropFirst()) : plain
        let parts = unsigned.split(separator: ".", maxSplits: 1).map(String.init)
        var integer = ""
        for (i, digit) in parts[0].reversed().enumerated() {
            if i > 0 && i % 3 == 0 { integer.append(groupSeparator) }
            integer.append(digit)
        }
        let body = String(integer.reversed()) + (parts.count > 1 ? String(separator) + parts[1] : "")
        return (negative ? "−" : "") + body
    }
}
