import Foundation
import Pool

/// The human-readable result of `poolctl lp solve`.
struct SolveReport {
    let file: String
    let model: LinearModel
    let result: SolveResult
    let solverName: String
    let isMIP: Bool
    let showValues: Bool

    var text: String {
        let integers = model.kinds.filter { $0 != .continuous }.count
        var lines: [String] = []
        func row(_ label: String, _ value: String) { lines.append(label.padding(toLength: 11, withPad: " ", startingAt: 0) + value) }
        row("Model", "\(file): \(model.variableCount) variables (\(integers) integer), \(model.constraintCount) constraints, "
            + "\(model.nonzeroCount) nonzeros, \(model.direction.rawValue)")
        row("Solver", solverName + (isMIP ? " (branch-and-cut)" : " (simplex)"))
        row("Status", result.statusText)
        row("Objective", result.objective.map(Self.number) ?? "–")
        row("Bound", result.bestBound.map(Self.number) ?? "–")
        row("Gap", result.gap.map { String(format: "%.4f %%", $0 * 100) } ?? "–")
        row("Elapsed", String(format: "%.2f s", result.elapsedSeconds))
        if isMIP { row("Nodes", "\(result.nodes)") }
        if showValues && result.hasSolution {
            lines.append("")
            lines.append("Values (nonzero)")
            lines += Self.nonzero(model.variableNames, result.values)
            if let duals = result.rowDuals {
                lines.append("")
                lines.append("Row duals (nonzero)")
                lines += Self.nonzero(model.constraintNames, duals)
            }
            if let reduced = result.reducedCosts {
                lines.append("")
                lines.append("Reduced costs (nonzero)")
                lines += Self.nonzero(model.variableNames, reduced)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "name  value" lines for entries whose value is not (numerically) zero, in model order.
    static func nonzero(_ names: [String], _ values: [Double]) -> [String] {
        let shown = zip(names, values).filter { abs($0.1) > 1e-9 }
        let width = min(shown.map { $0.0.count }.max() ?? 0, 60)
        return shown.map { "  " + $0.0.padding(toLength: max(width, $0.0.count), withPad: " ", startingAt: 0) + "  " + number($0.1) }
    }

    /// Up to 10 significant digits, no trailing zeros ("280", "0.5", "1.234567891e+12"); solver
    /// round-off below 1e-9 shows as 0.
    static func number(_ x: Double) -> String {
        abs(x) < 1e-9 ? "0" : String(format: "%.10g", x)
    }
}

/// The live progress line of a MIP on stderr: rewritten in place on a terminal, a line every
/// few seconds otherwise; silent for the first second.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private var lastPrinted = -Double.infinity
    private var printedInPlace = false
    private static let quietStart = 1.0
    private static let pipeInterval = 5.0

    func report(_ p: SolveProgress) {
        lock.withLock {
            guard p.elapsedSeconds >= Self.quietStart else { return }
            if !isTerminal && p.elapsedSeconds - lastPrinted < Self.pipeInterval { return }
            lastPrinted = p.elapsedSeconds
            let incumbent = p.incumbent.map { "incumbent \(SolveReport.number($0))" } ?? "no incumbent yet"
            let bound = p.bestBound.map { "bound \(SolveReport.number($0))" } ?? "bound –"
            let gap = p.gap.map { String(format: "gap %.2f %%", $0 * 100) } ?? "gap –"
            let text = "\(incumbent)  \(bound)  \(gap)  \(p.activeNodes) open nodes  " + String(format: "%.1f s", p.elapsedSeconds)
            if isTerminal {
                printedInPlace = true
                FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
            } else {
                FileHandle.standardError.write(Data((text + "\n").utf8))
            }
        }
    }

    /// Ends an in-place line so that what follows starts on a fresh line.
    func finish() {
        lock.withLock {
            if printedInPlace { FileHandle.standardError.write(Data("\n".utf8)) }
            printedInPlace = false
        }
    }
}
