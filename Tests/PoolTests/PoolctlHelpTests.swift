import Foundation
import Testing

/// `poolctl … --help` as a user reads it. swift-argument-parser wraps the text to the terminal
/// width itself, so a hard line break inside a sentence of a `discussion` gives ragged lines:
/// every paragraph must be one line, and only lists (indented lines) keep their line breaks.
@Suite struct PoolctlHelpTests {
    static let commands: [[String]] = [
        [], ["validate"], ["generate"], ["export"], ["compare"], ["lp"], ["lp", "solve"], ["solve"], ["model"],
    ]

    /// The help text of a command at a given terminal width (COLUMNS).
    static func help(_ command: [String], columns: Int) throws -> String {
        let r = try PoolctlLPSolveTests.run(command + ["--help"], environment: ["COLUMNS": "\(columns)"])
        #expect(r.status == 0, "poolctl \(command.joined(separator: " ")) --help: \(r.stderr)")
        return r.stdout
    }

    @Test(arguments: commands)
    func paragraphsAreSingleLines(_ command: [String]) throws {
        // Wide enough that nothing is wrapped: the lines are the source's own line breaks.
        let text = try Self.help(command, columns: 1000)
        let overview = text.components(separatedBy: "\nUSAGE:").first ?? text
        for block in overview.components(separatedBy: "\n\n") {
            let lines = block.split(separator: "\n", omittingEmptySubsequences: true)
            guard lines.count > 1 else { continue }
            #expect(lines.allSatisfy { $0.hasPrefix("  ") },
                    "poolctl \(command.joined(separator: " ")) --help: a paragraph broken across lines:\n\(block)")
        }
    }

    @Test(arguments: commands)
    func fitsEightyColumns(_ command: [String]) throws {
        let text = try Self.help(command, columns: 80)
        // Usage lines are never wrapped by swift-argument-parser.
        for line in text.split(separator: "\n") where !line.hasPrefix("USAGE:") {
            #expect(line.count <= 80, "poolctl \(command.joined(separator: " ")) --help: \(line.count) columns: \(line)")
        }
    }
}
