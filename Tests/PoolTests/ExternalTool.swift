import Foundation
import Testing

/// External programs some export tests need (scripts/test-setup installs them). When one is
/// missing the test is CANCELLED ("was cancelled: NOT RUN: … run scripts/test-setup" in the
/// output) — never passed silently; with POOL_REQUIRE_EXTERNAL_TOOLS=1 a missing tool fails instead.
enum ExternalTool {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var python: URL? {
        let url = repoRoot.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: url.path),
              (try? run(url, ["-c", "import icalendar"]))?.status == 0 else { return nil }
        return url
    }

    static var chromium: URL? {
        for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/local/bin/chromium"]
        where FileManager.default.isExecutableFile(atPath: path) { return URL(fileURLWithPath: path) }
        return nil
    }

    static var required: Bool { ProcessInfo.processInfo.environment["POOL_REQUIRE_EXTERNAL_TOOLS"] == "1" }

    /// The tool, or the test is cancelled with the reason (and fails first when tools are required).
    static func require(_ url: URL?, _ what: String) throws -> URL {
        if let url { return url }
        let message = "NOT RUN: \(what) is not installed — run scripts/test-setup"
        print("⚠️  \(message)")
        if required { Issue.record(Comment(rawValue: message + " (POOL_REQUIRE_EXTERNAL_TOOLS=1)")) }
        try Test.cancel(Comment(rawValue: message))
    }

    struct Output { var status: Int32; var stdout: String; var stderr: String }

    /// Runs a program and waits for it, killing it after `timeout` seconds.
    static func run(_ executable: URL, _ arguments: [String], timeout: TimeInterval = 60) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Drain both pipes while the process runs so a chatty one cannot block on a full pipe.
        nonisolated(unsafe) var stdoutData = Data(), stderrData = Data()
        let group = DispatchGroup()
        group.enter(); DispatchQueue.global().async { stdoutData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter(); DispatchQueue.global().async { stderrData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            group.wait()
        }
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }
}
