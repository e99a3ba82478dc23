import Foundation
import Testing

/// `poolctl solve --no-price-and-branch` and `--no-lagrangian-bound` through the built executable:
/// the solver log says which of the steps ran.
@Suite struct PoolctlBoundFlagsTests {
    typealias CLI = PoolctlLPSolveTests

    @Test func theFlagsTurnTheStepsOff() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("pool-bound-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let scenario = CLI.repository.appendingPathComponent("Scenarios/keski-pohjanmaa").path
        func log(_ flags: [String]) throws -> String {
            let out = tmp.appendingPathComponent("plan\(flags.count)").path, logFile = out + ".log"
            let r = try CLI.run(["solve", scenario, "--out", out, "--time-limit", "4", "--quiet", "--no-sensitivity",
                                 "--solver-log", logFile] + flags)
            #expect(r.status == 0, "\(r.stderr)")
            return try String(contentsOfFile: logFile, encoding: .utf8)
        }
        let standard = try log([])
        #expect(standard.contains("=== price-and-branch ==="))
        let single = try log(["--no-price-and-branch"])
        #expect(!single.contains("=== price-and-branch ===") && single.contains("=== Lagrangian bound ===\n"))
        let none = try log(["--no-price-and-branch", "--no-lagrangian-bound"])
        #expect(!none.contains("=== price-and-branch ===") && !none.contains("=== Lagrangian bound ==="))
    }

    /// `--equity-branching-share`: with time for it (on keski-pohjanmaa, 4 s are enough) the log shows the nodes and the bound stays
    /// under keski-pohjanmaa's optimum (61 501.42 €, proven by HiGHS: docs/performance.md); 0 turns
    /// it off; a share of 1 or more is refused.
    @Test func theEquityBranchingRunsWithTimeForItAndTheShareTurnsItOff() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("pool-branching-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let scenario = CLI.repository.appendingPathComponent("Scenarios/keski-pohjanmaa").path
        func solve(_ flags: [String]) throws -> (log: String, bound: Double?) {
            let out = tmp.appendingPathComponent("plan\(flags.count)").path, logFile = out + ".log"
            let r = try CLI.run(["solve", scenario, "--out", out, "--time-limit", "4", "--quiet", "--no-sensitivity",
                                 "--solver-log", logFile] + flags)
            #expect(r.status == 0, "\(r.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/plan.json"))) as? [String: Any]
            let solver = json?["solver"] as? [String: Any]
            return (try String(contentsOfFile: logFile, encoding: .utf8), solver?["bestBound"] as? Double)
        }
        let branched = try solve([])
        #expect(branched.log.contains("=== equity branching ===") && branched.log.contains("after branching"), "\(branched.log.suffix(600))")
        // Each node plan that ran its master MIP shows that MIP's log under its line (at 4 s the
        // nodes' plans usually run; a loaded machine may leave them no time, hence no count).
        let lines = branched.log.components(separatedBy: "\n")
        let nodePlans = lines.indices.filter { lines[$0].contains("): the group's part") && lines[$0].contains(", master MIP ") }
        for i in nodePlans {
            #expect(i + 1 < lines.count && lines[i + 1] == "    --- the node's master MIP ---", "\(lines[i])")
        }
        let bound = try #require(branched.bound)
        #expect(bound <= 61_501.42 + 0.01)
        let off = try solve(["--equity-branching-share", "0"])
        #expect(!off.log.contains("=== equity branching ==="))
        let refused = try CLI.run(["solve", scenario, "--out", tmp.appendingPathComponent("refused").path, "--equity-branching-share", "1"])
        #expect(refused.status != 0 && refused.stderr.contains("--equity-branching-share must be a number in [0, 1)"), "\(refused.stderr)")
    }
}
