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
}
