import Foundation
import Testing

/// Golden files under Tests/PoolTests/Fixtures/export/. Any byte change fails the test; to accept
/// an intended change, regenerate with `POOL_UPDATE_GOLDENS=1 swift test --filter Export` and
/// review the diff in git.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/export")

    static var updating: Bool { ProcessInfo.processInfo.environment["POOL_UPDATE_GOLDENS"] == "1" }

    static func check(_ actual: Data, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url)
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            Issue.record("golden file \(name) is missing; create it with POOL_UPDATE_GOLDENS=1", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let mismatch = zip(expected, actual).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(expected.count, actual.count)
            let context = String(decoding: actual[max(0, mismatch - 60)..<min(actual.count, mismatch + 60)], as: UTF8.self)
            Issue.record("""
                \(name) differs from its golden file at byte \(mismatch) (expected \(expected.count) bytes, got \(actual.count)); \
                around there the output reads: \(context.debugDescription). \
                If the change is intended: POOL_UPDATE_GOLDENS=1 swift test --filter Export
                """, sourceLocation: sourceLocation)
        }
    }
}
