import Foundation
import Testing
@testable import Pool

/// End to end through the `poolctl` binary that `swift test` builds next to the test bundle:
/// every format from the golden plan folder must equal its golden file byte for byte.
@Suite struct ExportCLITests {
    static var poolctl: URL? {
        let candidates = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments.first ?? "")]
            .flatMap { [$0.deletingLastPathComponent(), $0] }
            .map { $0.appendingPathComponent("poolctl") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    let plans = Golden.folder.appendingPathComponent("plans")

    func poolctl(_ arguments: [String]) throws -> ExternalTool.Output {
        try ExternalTool.run(try ExternalTool.require(Self.poolctl, "the poolctl binary next to the test bundle"), arguments)
    }

    @Test func exportsEqualTheGoldens() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("pool-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let baseline = plans.appendingPathComponent("baseline").path
        for (format, extra, name) in [("payroll", [], "payroll-semicolon.csv"), ("payroll", ["--delimiter", "comma"], "payroll-comma.csv"),
                                      ("html", [], "report.html"), ("json", [], "plans/baseline/plan.json")] {
            let target = out.appendingPathComponent(name.replacingOccurrences(of: "/", with: "_"))
            let result = try poolctl(["export", baseline, "--format", format, "--out", target.path] + extra)
            #expect(result.status == 0, "\(format): \(result.stderr)")
            #expect(try Data(contentsOf: target) == Data(contentsOf: Golden.folder.appendingPathComponent(name)), "\(name)")
        }
        let ics = try poolctl(["export", baseline, "--format", "ics", "--out", out.appendingPathComponent("cal").path])
        #expect(ics.status == 0 && ics.stdout.contains("wrote 4 calendars (11 events)"))
        for file in ["C01.ics", "C02.ics", "C03.ics", "C04.ics"] {
            #expect(try Data(contentsOf: out.appendingPathComponent("cal/" + file))
                    == Data(contentsOf: Golden.folder.appendingPathComponent("ics/" + file)), "\(file)")
        }
    }

    @Test func compareWithoutATerminalHasNoColour() throws {
        let result = try poolctl(["compare", plans.appendingPathComponent("baseline").path,
                                        plans.appendingPathComponent("remote").path])
        #expect(result.status == 0)
        #expect(result.stdout == (try String(contentsOf: Golden.folder.appendingPathComponent("compare/compare.txt"), encoding: .utf8)))
    }

    @Test func clearErrors() throws {
        let missing = try poolctl(["export", "/nonexistent/plan", "--format", "json"])
        #expect(missing.status != 0 && missing.stderr.contains("/nonexistent/plan: no such file or folder"))
        let one = try poolctl(["compare", plans.appendingPathComponent("baseline").path])
        #expect(one.status != 0 && one.stderr.contains("give at least two plan folders"))
        let wrong = try poolctl(["export", plans.appendingPathComponent("baseline").path, "--format", "html", "--delimiter", "comma"])
        #expect(wrong.status != 0 && wrong.stderr.contains("--delimiter applies to --format payroll only"))
    }

    /// A what-if straight from scenario folders: the bundled week against the same week with its
    /// last five clinicians gone, each solved by compare itself.
    @Test func compareSolvesScenarioFolders() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pool-compare-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios/keski-pohjanmaa")
        let base = dir.appendingPathComponent("week"), fewer = dir.appendingPathComponent("fewer")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: base)
        try FileManager.default.copyItem(at: source, to: fewer)
        let clinicians = fewer.appendingPathComponent("clinicians.csv")
        let lines = try String(contentsOf: clinicians, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let kept = lines.filter { !$0.isEmpty }.dropLast(5)
        try (kept.joined(separator: "\n") + "\n").write(to: clinicians, atomically: true, encoding: .utf8)
        // pins, history or preferences of the removed clinicians would now be invalid: drop them
        for optional in ["pins.csv", "preferences.csv", "history.csv", "absences.csv"] {
            try? FileManager.default.removeItem(at: fewer.appendingPathComponent(optional))
        }

        let result = try poolctl(["compare", base.path, fewer.path, "--format", "csv", "--time-limit", "5"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("solving \(base.path)") && result.stderr.contains("solving \(fewer.path)"))
        let header = result.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("week") && header.contains("fewer"), "\(header)")
        #expect(result.stdout.contains("objective"))

        let bad = try poolctl(["compare", base.path, fewer.path, "--time-limit", "0"])
        #expect(bad.status != 0 && bad.stderr.contains("--time-limit must be a number > 0"))
    }
}
