import Foundation
import Testing
@testable import Pool

/// Hundreds of seeded corruptions of valid scenarios: the loader must answer each with clean
/// diagnostics at the right place, never a crash, and never a scenario when it reports an error.
@Suite struct ScenarioFuzzTests {
    /// A corruption and where its diagnostic must point (line 0: anywhere in the file).
    struct Damage {
        var files: [String: [UInt8]]
        let file: String
        let line: Int
        let kind: String
    }

    static let numericColumns: [String: [String]] = [
        "sites.csv": ["lat", "lon"],
        "clinicians.csv": ["home_lat", "home_lon", "weekly_hours", "max_overtime_hours", "hourly_cost_eur"],
        "demand.csv": ["count", "priority"],
    ]

    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
    }

    static func joined(_ lines: [[UInt8]]) -> [UInt8] { Array(lines.joined(separator: [UInt8(ascii: "\n")])) }

    /// One corruption that must produce at least one diagnostic in `file` (at `line` when known).
    static func damage(_ files: [String: [UInt8]], rng: inout SplitMix64) -> Damage {
        let tables = ["sites.csv", "clinicians.csv", "demand.csv"]
        let file = tables[rng.int(0...tables.count - 1)]
        var all = files
        var rows = lines(files[file] ?? [])
        let quote = UInt8(ascii: "\"")
        // Splitting on commas is only right for lines without quoted fields.
        let dataLines = rows.indices.filter { $0 > 0 && !rows[$0].isEmpty && !rows[$0].contains(quote) }
        let target = dataLines[rng.int(0...dataLines.count - 1)]
        let anyQuotes = (files[file] ?? []).contains(quote)
        let header = String(decoding: rows[0], as: UTF8.self).split(separator: ",").map(String.init)
        switch rng.int(0...5) {
        case 0:  // truncate a line before its last comma
            let commas = rows[target].indices.filter { rows[target][$0] == UInt8(ascii: ",") }
            rows[target] = Array(rows[target][..<commas[rng.int(0...commas.count - 1)]])
            all[file] = joined(rows)
            return Damage(files: all, file: file, line: target + 1, kind: "truncated line")
        case 1:  // a wrong type in a numeric column
            let columns = numericColumns[file] ?? []
            let column = columns[rng.int(0...columns.count - 1)]
            guard let index = header.firstIndex(of: column) else { break }
            var fields = String(decoding: rows[target], as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false)
                .map(String.init)
            guard index < fields.count else { break }
            fields[index] = ["abc", "1e999", "NaN", "--1", "12,5", "0x10", "∞"][rng.int(0...6)]
            if fields[index] == "12,5" { fields[index] = "\"12,5\"" }
            rows[target] = Array(fields.joined(separator: ",").utf8)
            all[file] = joined(rows)
            return Damage(files: all, file: file, line: target + 1, kind: "wrong type in \(column)")
        case 2:  // garbage bytes that are not UTF-8
            let garbage: [UInt8] = [[0xFF], [0xC3, 0x28], [0xE4], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80]][rng.int(0...4)]
            let at = rng.int(0...rows[target].count)
            rows[target].insert(contentsOf: garbage, at: at)
            all[file] = joined(rows)
            return Damage(files: all, file: file, line: target + 1, kind: "invalid UTF-8")
        case 3:  // a required column deleted from the header and every row
            let required: [String: [String]] = ["sites.csv": SiteTable.spec.required,
                                                "clinicians.csv": ClinicianTable.spec.required,
                                                "demand.csv": DemandTable.spec.required]
            let names = required[file] ?? []
            guard !anyQuotes, let index = header.firstIndex(of: names[rng.int(0...names.count - 1)]) else { break }
            rows = rows.map { row in
                var fields = String(decoding: row, as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false)
                    .map(String.init)
                if index < fields.count && fields.count > 1 { fields.remove(at: index) }
                return Array(fields.joined(separator: ",").utf8)
            }
            all[file] = joined(rows)
            return Damage(files: all, file: file, line: 1, kind: "deleted column")
        case 4:  // control characters and a stray quote
            rows[target].insert(contentsOf: [0x00, UInt8(ascii: "\""), 0x07], at: rng.int(0...rows[target].count))
            all[file] = joined(rows)
            return Damage(files: all, file: file, line: 0, kind: "control bytes and quote")
        default:  // YAML broken
            var yaml = lines(files["scenario.yaml"] ?? [])
            let at = rng.int(1...max(1, yaml.count - 1))
            yaml.insert(Array(["  : : [", "\t- x", "{", "costs: [1, 2", "horizon: {first_date: 2026-02-30}"][rng.int(0...4)].utf8),
                        at: at)
            all["scenario.yaml"] = joined(yaml)
            return Damage(files: all, file: "scenario.yaml", line: 0, kind: "broken YAML")
        }
        // A guard above did not apply: fall back to garbage at the start of the target line.
        rows[target].insert(0xFF, at: 0)
        all[file] = joined(rows)
        return Damage(files: all, file: file, line: target + 1, kind: "invalid UTF-8 (fallback)")
    }

    /// Free-form damage with no promise of an error: random bytes overwritten, lines dropped or doubled.
    static func scramble(_ files: [String: [UInt8]], rng: inout SplitMix64) -> [String: [UInt8]] {
        var all = files
        let names = files.keys.sorted()
        for _ in 0..<rng.int(1...4) {
            let name = names[rng.int(0...names.count - 1)]
            var bytes = all[name] ?? []
            switch rng.int(0...4) {
            case 0: if !bytes.isEmpty { bytes[rng.int(0...bytes.count - 1)] = UInt8(truncatingIfNeeded: rng.next()) }
            case 1: bytes = Array(bytes.prefix(rng.int(0...bytes.count)))
            case 2:
                var rows = lines(bytes)
                if rows.count > 1 { rows.remove(at: rng.int(0...rows.count - 1)) }
                bytes = joined(rows)
            case 3:
                var rows = lines(bytes)
                if !rows.isEmpty { let r = rows[rng.int(0...rows.count - 1)]; rows.insert(r, at: rng.int(0...rows.count)) }
                bytes = joined(rows)
            default: all[name] = nil; continue
            }
            all[name] = bytes
        }
        return all
    }

    static func check(_ files: [String: [UInt8]]) -> ScenarioValidation {
        let result = ScenarioLoader.validate(files: files.mapValues { Data($0) })
        #expect(result.diagnostics.hasErrors == (result.scenario == nil), "a scenario exactly when there is no error")
        for d in result.diagnostics {
            #expect(!d.message.isEmpty && !d.file.isEmpty && d.line >= 0)
            #expect(!d.description.contains("Optional("), "\(d.description)")
        }
        return result
    }

    static func sources() throws -> [(name: String, files: [String: [UInt8]])] {
        let tiny = TestScenario.base.files.mapValues { Array($0.utf8) }
        let generated = try ScenarioGenerator.generate(GeneratorOptions(region: "pohjanmaa", clinicians: 30, sites: 10, seed: 4))
        let gen = Dictionary(generated.files.filter { $0.name.hasSuffix(".csv") || $0.name.hasSuffix(".yaml") }
            .map { ($0.name, Array($0.contents.utf8)) }, uniquingKeysWith: { a, _ in a })
        return [("tiny", tiny), ("generated", gen)]
    }

    @Test func targetedCorruptionsAlwaysGiveAnErrorAtTheRightPlace() throws {
        var rng = SplitMix64(seed: 20261130)
        var kinds: [String: Int] = [:]
        for (name, files) in try Self.sources() {
            #expect(Self.check(files).diagnostics.isEmpty, "\(name) is valid before damage")
            for round in 0..<(name == "tiny" ? 250 : 100) {
                var damage = Self.damage(files, rng: &rng)
                let twice = round % 5 == 0  // two at once: the second may hide where the first is
                if twice { damage.files = Self.damage(damage.files, rng: &rng).files }
                kinds[damage.kind.components(separatedBy: " in ").first ?? "", default: 0] += 1
                let result = Self.check(damage.files)
                #expect(result.diagnostics.hasErrors, "\(name) #\(round): \(damage.kind) went unnoticed")
                if twice { continue }
                let pointed = result.diagnostics.contains {
                    $0.severity == .error && $0.file == damage.file && (damage.line == 0 || $0.line == damage.line)
                }
                let got = result.diagnostics.prefix(3).map(\.description).joined(separator: " | ")
                #expect(pointed, "\(name) #\(round): \(damage.kind) at \(damage.file):\(damage.line); got \(got)")
            }
        }
        #expect(kinds.count >= 6, "every kind of damage was tried: \(kinds)")
    }

    @Test func randomScramblingNeverCrashes() throws {
        var rng = SplitMix64(seed: 7)
        var invalid = 0
        for (_, files) in try Self.sources() {
            for _ in 0..<200 where Self.check(Self.scramble(files, rng: &rng)).scenario == nil { invalid += 1 }
        }
        #expect(invalid > 100, "most scrambles break the scenario")
    }
}
