import CSV
import Foundation

/// `PlanComparison` as terminal text, CSV or Markdown. Terminal text marks differences in a
/// delta column per plan (▲ better / ▼ worse than the baseline), coloured only when asked
/// (stdout is a TTY).
public enum ComparisonRenderer {
    public static func text(_ c: PlanComparison, colour: Bool) -> String {
        var header = ["", "unit"] + c.names
        for name in c.names.dropFirst() { header.append("Δ \(name)") }
        var rows: [[Cell]] = []
        var group = ""
        for m in c.metrics {
            if m.group != group {
                group = m.group
                rows.append([Cell(text: group.uppercased(), tone: .heading)])
            }
            var row = [Cell(text: "  " + m.label), Cell(text: m.unit)]
            row += m.values.map { Cell(text: value($0, m.decimals)) }
            for i in c.names.indices.dropFirst() {
                let direction = m.direction(i)
                let d = m.delta(i)
                let changed = d.map { abs($0) >= 0.5 * pow(10, -Double(m.decimals)) } ?? false
                let mark = direction > 0 ? " ▲" : direction < 0 ? " ▼" : ""
                row.append(Cell(text: changed ? signed(d ?? 0, m.decimals) + mark : "·",
                                tone: direction > 0 ? .better : direction < 0 ? .worse : changed ? .changed : .plain))
            }
            rows.append(row)
        }
        let widths = (0..<header.count).map { col in
            ([header[col].count] + rows.map { col < $0.count ? $0[col].text.count : 0 }).max() ?? 0
        }
        func line(_ cells: [Cell]) -> String {
            if cells.count == 1 { return paint(cells[0].text, cells[0].tone, colour) }
            return cells.enumerated().map { col, cell in
                let padded = col == 0 ? cell.text.padding(toLength: widths[col], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[col] - cell.text.count) + cell.text
                return paint(padded, cell.tone, colour)
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = "Plans compared (baseline: \(c.names.first ?? "–"); Δ = plan − baseline, ▲ better, ▼ worse)\n"
        for (name, status) in zip(c.names, c.statusTexts) { out += "  \(name): \(status)\n" }
        out += "\n" + line(header.map { Cell(text: $0, tone: .heading) }) + "\n"
        out += rows.map(line).joined(separator: "\n") + "\n"
        if !c.verdict.isEmpty { out += "\n" + c.verdict.joined(separator: "\n") + "\n" }
        return out
    }

    public static func markdown(_ c: PlanComparison) -> String {
        var header = ["group", "metric", "unit"] + c.names.map(escapeMarkdown)
        for name in c.names.dropFirst() { header.append("Δ \(escapeMarkdown(name))") }
        var out = "| " + header.joined(separator: " | ") + " |\n"
        out += "|" + header.indices.map { $0 < 3 ? "---|" : "---:|" }.joined() + "\n"
        for m in c.metrics {
            var cells = [m.group, escapeMarkdown(m.label), m.unit] + m.values.map { value($0, m.decimals) }
            for i in c.names.indices.dropFirst() {
                let d = m.delta(i), direction = m.direction(i)
                let changed = d.map { abs($0) >= 0.5 * pow(10, -Double(m.decimals)) } ?? false
                cells.append(changed ? "**\(signed(d ?? 0, m.decimals))**" + (direction > 0 ? " ▲" : direction < 0 ? " ▼" : "") : "")
            }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        out += "\n" + zip(c.names, c.statusTexts).map { "- **\(escapeMarkdown($0))**: \(escapeMarkdown($1))" }.joined(separator: "\n") + "\n"
        if !c.verdict.isEmpty { out += "\n" + c.verdict.map(escapeMarkdown).joined(separator: "\n\n") + "\n" }
        return out
    }

    /// Machine-readable: decimal point, no grouping, empty cell for a missing value.
    public static func csv(_ c: PlanComparison) throws -> Data {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream, delimiter: ",", newline: .crlf)
        try writer.write(row: ["group", "metric", "unit", "better"] + c.names + c.names.dropFirst().map { "delta_\($0)" })
        for m in c.metrics {
            let values = m.values.map { $0.map { DecimalText.fixed($0, decimals: m.decimals + 2) } ?? "" }
            let deltas = c.names.indices.dropFirst().map { m.delta($0).map { DecimalText.fixed($0, decimals: m.decimals + 2) } ?? "" }
            try writer.write(row: [m.group, m.label, m.unit, m.better.rawValue] + values + deltas)
        }
        writer.stream.close()
        var data = (writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data) ?? Data()
        data.append(contentsOf: [0x0D, 0x0A])
        return data
    }

    struct Cell {
        enum Tone { case plain, heading, better, worse, changed }
        var text: String
        var tone: Tone = .plain
    }

    static func paint(_ text: String, _ tone: Cell.Tone, _ colour: Bool) -> String {
        guard colour else { return text }
        switch tone {
        case .plain: return text
        case .heading: return "\u{1B}[1m" + text + "\u{1B}[0m"
        case .better: return "\u{1B}[32m" + text + "\u{1B}[0m"
        case .worse: return "\u{1B}[31m" + text + "\u{1B}[0m"
        case .changed: return "\u{1B}[33m" + text + "\u{1B}[0m"
        }
    }

    static func value(_ x: Double?, _ decimals: Int) -> String {
        x.map { DecimalText.grouped($0, decimals: decimals, separator: ".", groupSeparator: " ") } ?? "–"
    }

    static func signed(_ x: Double, _ decimals: Int) -> String {
        let text = value(abs(x), decimals)
        return (x < 0 ? "−" : "+") + text
    }

    static func escapeMarkdown(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\n", with: " ")
    }
}
