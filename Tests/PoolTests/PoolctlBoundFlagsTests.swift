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
}
