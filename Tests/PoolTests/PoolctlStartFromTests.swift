import Foundation
import Testing

/// `poolctl solve --start-from PLAN_DIR` through the built executable.
@Suite struct PoolctlStartFromTests {
    typealias CLI = PoolctlLPSolveTests

    @Test func aPlanFolderStartsTheSolveAndABadOneIsRefused() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("pool-start-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let scenario = CLI.repository.appendingPathComponent("Scenarios/keski-pohjanmaa").path
        let first = tmp.appendingPathComponent("first").path, second = tmp.appendingPathComponent("second").path
        let a = try CLI.run(["solve", scenario, "--out", first, "--time-limit", "3", "--quiet", "--no-sensitivity"])
        #expect(a.status == 0, "\(a.stderr)")
        let count = try String(contentsOfFile: first + "/assignments.csv", encoding: .utf8).split(separator: "\n").count - 1
        let b = try CLI.run(["solve", scenario, "--out", second, "--time-limit", "3", "--quiet", "--no-sensitivity", "--start-from", first])
        #expect(b.status == 0, "\(b.stderr)")
        #expect(b.stdout.contains("Start plan: \(count) of \(count) assignments of \(first) are still possible this week"), "\(b.stdout)")

        // another scenario's plan: nothing matches, a warning says so, the solve still succeeds
        let other = CLI.repository.appendingPathComponent("Scenarios/pohjanmaa").path
        let e = try CLI.run(["solve", other, "--out", tmp.appendingPathComponent("other").path, "--time-limit", "2", "--quiet",
                             "--no-sensitivity", "--start-from", first])
        #expect(e.status == 0 && e.stderr.contains("warning: none of the \(count) assignments of \(first) is possible in this week"), "\(e.stderr)")

        let missing = tmp.appendingPathComponent("missing").path, third = tmp.appendingPathComponent("third").path
        let c = try CLI.run(["solve", scenario, "--out", third, "--start-from", missing])
        #expect(c.status == 2)
        #expect(c.stderr.contains("--start-from \(missing): no such file or folder; nothing solved"), "\(c.stderr)")
        #expect(!FileManager.default.fileExists(atPath: third))
        let d = try CLI.run(["solve", scenario, "--out", third, "--start-from", scenario])
        #expect(d.status == 2 && d.stderr.contains("this is a scenario folder, not a plan folder"), "\(d.stderr)")
    }
}
