/// Typed access to one record's fields. Every getter reports its own problem (file, line, column,
/// what was found, what was expected) and returns nil, so a parser can read all fields of a row,
/// collect every mistake, and only then decide whether the row is usable (`isValid`).
final class CSVRow {
    let file: String
    let line: Int
    private let table: CSVTable
    private let record: CSVRecord
    private let log: DiagnosticLog
    private(set) var isValid = true

    init(table: CSVTable, record: CSVRecord, log: DiagnosticLog) {
        self.file = table.file; self.line = record.line
        self.table = table; self.record = record; self.log = log
    }

    /// The trimmed field, or "" when the column is not in the file.
    func raw(_ column: String) -> String {
        guard let index = table.columnIndex(column), index < record.fields.count else { return "" }
        return record.fields[index]
    }

    func error(_ column: String?, _ message: String) {
        isValid = false
        log.error(file, line, column, message)
    }

    func warning(_ column: String?, _ message: String) {
        log.warning(file, line, column, message)
    }

    /// nil when empty; an error when empty and required.
    func text(_ column: String, required: Bool = false) -> String? {
        let value = raw(column)
        if value.isEmpty {
            if required { error(column, "\(column) is empty; a value is required") }
            return nil
        }
        return value
    }

    /// An identifier: required, and free of the list separator so it can appear in lists.
    func id(_ column: String) -> String? {
        guard let value = text(column, required: true) else { return nil }
        if value.contains(";") {
            error(column, "\(column) \"\(value)\" contains \";\", which separates list items; choose another id")
            return nil
        }
        return value
    }

    /// A finite decimal number within `range`; `fallback` when the field is empty (nil: required).
    func number(_ column: String, default fallback: Double?, in range: ClosedRange<Double>) -> Double? {
        guard let text = raw(column).nilIfEmpty else { return requiredOrDefault(column, fallback) }
        guard let value = parseDecimal(text) else {
            let hint = text.contains(",") ? " (use a decimal point, e.g. \"\(text.replacingOccurrences(",", "."))\")" : ""
            error(column, "\(column) \"\(text)\" is not a number\(hint)")
            return nil
        }
        return checkRange(column, text, value, range)
    }

    /// A whole number within `range`.
    func integer(_ column: String, default fallback: Int?, in range: ClosedRange<Int>) -> Int? {
        guard let text = raw(column).nilIfEmpty else { return requiredOrDefault(column, fallback) }
        guard let value = Int(text) else {
            error(column, "\(column) \"\(text)\" is not a whole number")
            return nil
        }
        guard range.contains(value) else {
            error(column, "\(column) \(text) is out of range; expected \(describe(range))")
            return nil
        }
        return value
    }

    func flag(_ column: String, default fallback: Bool) -> Bool? {
        guard let text = raw(column).nilIfEmpty else { return fallback }
        if let value = parseFlag(text) { return value }
        error(column, "\(column) \"\(text)\" is not a yes/no value; expected true/false, yes/no or 1/0")
        return nil
    }

    func day(_ column: String, required: Bool = true) -> Day? {
        guard let text = raw(column).nilIfEmpty else {
            if required { error(column, "\(column) is empty; a date YYYY-MM-DD is required") }
            return nil
        }
        guard let day = Day(iso: text) else {
            error(column, "\(column) \"\(text)\" is not a date; expected YYYY-MM-DD, e.g. 2026-11-30")
            return nil
        }
        return day
    }

    /// `;`-separated tags in lower case, trimmed, empty items dropped, duplicates removed, sorted.
    func tags(_ column: String) -> [String] {
        Array(Set(raw(column).split(separator: ";").map { tag(trimmed(String($0))) }.filter { !$0.isEmpty })).sorted()
    }

    /// One of an enumeration's raw values; `fallback` when empty, or an error when `required`.
    func choice<T: RawRepresentable & CaseIterable>(_ column: String, _: T.Type, default fallback: T?,
                                                    required: Bool = false) -> T? where T.RawValue == String {
        guard let text = raw(column).nilIfEmpty else {
            if required { error(column, "\(column) is empty; a value is required") }
            return fallback
        }
        if let value = T(rawValue: text.lowercased()) { return value }
        let names = T.allCases.map(\.rawValue)
        error(column, "\(column) \"\(text)\" is not one of \(names.joined(separator: ", "))"
            + DidYouMean.hint(for: text.lowercased(), among: names))
        return nil
    }

    private func requiredOrDefault<T>(_ column: String, _ fallback: T?) -> T? {
        if fallback == nil { error(column, "\(column) is empty; a value is required") }
        return fallback
    }

    private func checkRange(_ column: String, _ text: String, _ value: Double, _ range: ClosedRange<Double>) -> Double? {
        if range.contains(value) { return value }
        error(column, "\(column) \(text) is out of range; expected \(describe(range))")
        return nil
    }
}

func describe(_ range: ClosedRange<Double>) -> String {
    if range.upperBound == .greatestFiniteMagnitude { return "at least \(formatNumber(range.lowerBound))" }
    return "\(formatNumber(range.lowerBound)) … \(formatNumber(range.upperBound))"
}

func describe(_ range: ClosedRange<Int>) -> String {
    if range.upperBound == Int.max { return "at least \(range.lowerBound)" }
    return "\(range.lowerBound) … \(range.upperBound)"
}

/// Strict decimal: optional sign, digits, optional point and digits, optional exponent. Rejects
/// "nan", "inf", hex and the empty string, which Double(_:) would accept or mis-read.
func parseDecimal(_ text: String) -> Double? {
    guard !text.isEmpty, text.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }),
          text.unicodeScalars.contains(where: { ("0"..."9").contains($0) }),
          let value = Double(text), value.isFinite else { return nil }
    return value
}

func parseFlag(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "true", "yes", "1", "y": return true
    case "false", "no", "0", "n": return false
    default: return nil
    }
}

/// Shortest text for a number: integers without ".0", others as Swift's round-trip description.
func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return "\(value)"
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
    func replacingOccurrences(_ target: Character, _ replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
