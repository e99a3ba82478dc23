import CSV

/// The columns a table file may have, in documented order. Required columns must be in the header;
/// optional ones may be left out (their values then take the documented defaults).
struct TableSpec {
    let all: [String]
    let required: [String]

    init(_ columns: String, optional: Set<String> = []) {
        all = columns.split(separator: ",").map(String.init)
        required = all.filter { !optional.contains($0) }
    }
}

/// One data record of a CSV file, with the physical line where it starts (a quoted field may
/// contain line breaks, so records and lines are not the same thing).
struct CSVRecord {
    let line: Int
    let fields: [String]
}

/// A parsed CSV file: header checked against its spec, records with line numbers, blank lines dropped.
struct CSVTable {
    let file: String
    let header: [String]
    let records: [CSVRecord]
    /// Records with the wrong number of fields (already reported): not parsed, but their ids still
    /// count as declared, so that references to them do not raise a second, misleading error.
    let malformed: [CSVRecord]

    func columnIndex(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// Values of `column` in malformed records, with their lines.
    func malformedValues(_ column: String) -> [(value: String, line: Int)] {
        guard let index = columnIndex(column) else { return [] }
        return malformed.compactMap { r in index < r.fields.count && !r.fields[index].isEmpty ? (r.fields[index], r.line) : nil }
    }

    /// Parses `text` (already decoded) and reports every structural problem. Returns nil when the
    /// table cannot be used at all (quoting broken, header missing required columns): then its rows
    /// are not checked further, so one broken file does not bury the report in follow-on errors.
    static func parse(file: String, text: String, spec: TableSpec, log: DiagnosticLog) -> CSVTable? {
        let quoting = CSVQuoting.problems(in: text)
        for problem in quoting { log.error(file, problem.line, nil, problem.message) }
        guard quoting.isEmpty else { return nil }

        let rows: [CSVRecord]
        do {
            rows = try readRecords(text)
        } catch {
            log.error(file, 0, nil, "cannot be read as CSV: \(error)")
            return nil
        }
        guard let first = rows.first, !isBlank(first.fields) else {
            log.error(file, 1, nil, "the first line must be the header: " + spec.all.joined(separator: ","))
            return nil
        }
        guard let header = checkHeader(first, file: file, spec: spec, log: log) else { return nil }

        var records: [CSVRecord] = [], malformed: [CSVRecord] = []
        for row in rows.dropFirst() where !isBlank(row.fields) {
            var fields = row.fields.map(trimmed)
            // Spreadsheets often end rows with empty cells beyond the header; those are harmless.
            while fields.count > header.count, fields.last == "" { fields.removeLast() }
            if fields.count != header.count {
                let hint = fields.count > header.count ? " (quote a field that contains a comma)" : ""
                log.error(file, row.line, nil, "has \(fields.count) fields but the header has \(header.count)\(hint)")
                malformed.append(CSVRecord(line: row.line, fields: fields))
                continue
            }
            for (index, field) in fields.enumerated() {
                if let bad = field.unicodeScalars.first(where: isForbiddenControl) {
                    log.error(file, row.line, header[index], "\(header[index]) contains the control character "
                        + "U+\(hex4(bad.value)); remove it")
                }
            }
            records.append(CSVRecord(line: row.line, fields: fields))
        }
        return CSVTable(file: file, header: header, records: records, malformed: malformed)
    }

    /// Reads all records with CSV.swift and numbers them: a record starts one line after the previous
    /// record's start plus the line breaks inside its (quoted) fields.
    private static func readRecords(_ text: String) throws -> [CSVRecord] {
        let reader = try CSVReader(string: text, hasHeaderRow: false)
        var records: [CSVRecord] = []
        var line = 1
        while let fields = reader.next() {
            records.append(CSVRecord(line: line, fields: fields))
            line += 1 + fields.reduce(0) { $0 + lineBreaks(in: $1) }
        }
        if let error = reader.error { throw error }
        return records
    }

    private static func checkHeader(_ row: CSVRecord, file: String, spec: TableSpec, log: DiagnosticLog) -> [String]? {
        let header = row.fields.map { trimmed($0).lowercased() }
        var usable = true
        for (index, name) in header.enumerated() {
            if name.isEmpty {
                log.error(file, row.line, nil, "column \(index + 1) of the header has no name")
                usable = false
            } else if header[..<index].contains(name) {
                log.error(file, row.line, name, "column \"\(name)\" appears twice in the header")
                usable = false
            } else if !spec.all.contains(name) {
                log.warning(file, row.line, name, "unknown column \"\(name)\" is ignored"
                    + DidYouMean.hint(for: name, among: spec.all))
            }
        }
        for name in spec.required where !header.contains(name) {
            let near = header.filter { !spec.all.contains($0) }
            log.error(file, row.line, name, "missing required column \"\(name)\""
                + DidYouMean.hint(for: name, among: near))
            usable = false
        }
        return usable ? header : nil
    }

    private static func isBlank(_ fields: [String]) -> Bool { fields.allSatisfy { trimmed($0).isEmpty } }

    private static func lineBreaks(in field: String) -> Int {
        var count = 0, afterCR = false
        for scalar in field.unicodeScalars {
            if scalar == "\r" || (scalar == "\n" && !afterCR) { count += 1 }
            afterCR = scalar == "\r"
        }
        return count
    }

    private static func isForbiddenControl(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\t" && s != "\n" && s != "\r") || s.value == 0x7F
    }
}

func trimmed(_ s: String) -> String {
    var scalars = Substring(s).unicodeScalars
    while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
    return String(scalars)
}

func hex4(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
