import Foundation
import Testing

/// `poolctl lp solve` as a user runs it: the built executable, its output and exit status.
@Suite struct PoolctlLPSolveTests {
    /// The poolctl built next to the test bundle (SwiftPM builds it with the tests).
    static let poolctl: URL = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // on Linux the test runner is …/debug/PoolPackageTests.xctest
        for _ in 0..<3 where !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("poolctl").path) {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("poolctl")
    }()
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    /// Runs poolctl; `interruptWhenStderrShows` sends SIGINT once stderr contains that text;
    /// `environment` adds to (or replaces entries of) the test runner's environment.
    static func run(_ arguments: [String], interruptWhenStderrShows marker: String? = nil,
                    environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = poolctl
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        var stderr = Data()
        if let marker {
            while !String(decoding: stderr, as: UTF8.self).contains(marker) {
                let chunk = err.fileHandleForReading.availableData
                if chunk.isEmpty { break }  // end of file: the process ended
                stderr += chunk
            }
            process.interrupt()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        stderr += err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryFile(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("poolctl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Removes the folder `temporaryFile` made for `path`.
    static func removeTemporary(_ path: String) {
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    @Test func solvesTheBundledProductionModel() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.poolctl.path), "poolctl not found at \(Self.poolctl.path)")
        let r = try Self.run(["lp", "solve", "--values", Self.repository.appendingPathComponent("Scenarios/models/production.lp").path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Status     proven optimal"))
        #expect(r.stdout.contains("Objective  280\n"))
        #expect(r.stdout.contains("\n  desks   2\n  chairs  8\n"))
        #expect(r.stdout.contains("\n  finishing  10\n  carpentry  10\n"))
        #expect(r.stdout.contains("\n  tables  -5\n"))
        #expect(!r.stdout.contains("GLPK Simplex Optimizer"))   // GLPK's log is captured, not printed
    }

    @Test func badInputExitsWithTwoAndSaysWhere() throws {
        let missing = try Self.run(["lp", "solve", "/nonexistent/model.lp"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/model.lp: no such file"))
        let bad = try Self.temporaryFile("bad.lp", "Minimize\n obj: x\nSubject To\n c1: x >= 1 junk\nEnd\n")
        defer { Self.removeTemporary(bad) }
        let r = try Self.run(["lp", "solve", bad])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.lp:4: invalid symbol(s) beyond right-hand side"), "\(r.stderr)")
    }

    @Test func infeasibleAndUnboundedExitWithThree() throws {
        let infeasible = try Self.temporaryFile("inf.lp", "Minimize\n obj: x\nSubject To\n a: x <= 1\n b: x >= 2\nEnd\n")
        defer { Self.removeTemporary(infeasible) }
        let r1 = try Self.run(["lp", "solve", infeasible])
        #expect(r1.status == 3 && r1.stdout.contains("Status     infeasible"))
        let unbounded = try Self.temporaryFile("unb.mps", "NAME u\nROWS\n N obj\n G c\nCOLUMNS\n x obj -1 c 1\nRHS\n RHS c 1\nENDATA\n")
        defer { Self.removeTemporary(unbounded) }
        let r2 = try Self.run(["lp", "solve", unbounded])
        #expect(r2.status == 3 && r2.stdout.contains("Status     unbounded"))
    }

    /// Market split (6 × 50): never solved to optimality within these seconds.
    static func hardMIP() throws -> String {
        var state: UInt64 = 7
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) % 100 }
        var lines = ["Minimize", " obj: " + (0..<6).map { "sp\($0) + sm\($0)" }.joined(separator: " + "), "Subject To"]
        for i in 0..<6 {
            let a = (0..<50).map { _ in next() }
            lines.append(" split\(i): " + a.enumerated().map { "\($1) x\($0)" }.joined(separator: " + ")
                         + " + sp\(i) - sm\(i) = \(a.reduce(0, +) / 2)")
        }
        lines += ["Binary"] + (0..<50).map { " x\($0)" } + ["End"]
        return try temporaryFile("split.lp", lines.joined(separator: "\n") + "\n")
    }

    @Test func timeLimitReportsTheIncumbentAndProgress() throws {
        let model = try Self.hardMIP()
        defer { Self.removeTemporary(model) }
        let r = try Self.run(["lp", "solve", "--time-limit", "1.5", model])
        #expect(r.status == 0)
        #expect(r.stdout.contains("stopped by time limit"), "\(r.stdout)")
        // not a terminal: after the first second a plain progress line on stderr
        #expect(r.stderr.contains("incumbent") && r.stderr.contains("open nodes"), "\(r.stderr)")
    }

    @Test func ctrlCStopsWithTheBestSolutionSoFar() throws {
        // interrupt once the search is running: its first progress line comes after a second
        let model = try Self.hardMIP()
        defer { Self.removeTemporary(model) }
        let r = try Self.run(["lp", "solve", "--time-limit", "30", model], interruptWhenStderrShows: "open nodes")
        #expect(r.status == 0)
        #expect(r.stdout.contains("stopped by interrupt"), "\(r.stdout) \(r.stderr)")
        #expect(r.stdout.contains("Objective  ") && !r.stdout.contains("Objective  –"))
    }
}
