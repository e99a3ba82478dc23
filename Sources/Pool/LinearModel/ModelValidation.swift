/// A model that a solver must not be given: GLPK calls abort() on such input, so every model
/// is checked here first and the problem is named precisely.
public struct ModelValidationError: Error, CustomStringConvertible, Equatable {
    public var problems: [String]
    public var description: String {
        let shown = problems.prefix(20).joined(separator: "\n  ")
        let more = problems.count > 20 ? "\n  … and \(problems.count - 20) more" : ""
        return "invalid linear model:\n  " + shown + more
    }
}

extension LinearModel {
    /// Throws if any number is NaN or an infinite coefficient, any lower bound exceeds its
    /// upper bound, any row refers to a missing column, or an integer column has fractional bounds
    /// that leave no integer value.
    public func validate() throws {
        var problems: [String] = []
        func note(_ s: String) { if problems.count < 1000 { problems.append(s) } }
        for j in 0..<variableCount {
            let n = variableNames[j], lo = lowerBounds[j], up = upperBounds[j]
            if lo.isNaN || up.isNaN { note("variable \(n): bound is NaN") }
            if lo == .infinity { note("variable \(n): lower bound is +∞") }
            if up == -.infinity { note("variable \(n): upper bound is −∞") }
            if lo > up { note("variable \(n): lower bound \(lo) > upper bound \(up)") }
            if kinds[j] != .continuous, lo.isFinite, up.isFinite, lo.rounded(.up) > up.rounded(.down) {
                note("variable \(n): no integer value between \(lo) and \(up)")
            }
            if !objectiveCoefficients[j].isFinite { note("variable \(n): objective coefficient \(objectiveCoefficients[j])") }
        }
        if !objectiveConstant.isFinite { note("objective constant \(objectiveConstant)") }
        for i in 0..<constraintCount {
            let n = constraintNames[i]
            if !rightHandSides[i].isFinite { note("constraint \(n): right-hand side \(rightHandSides[i])") }
            for k in rowStart[i]..<rowStart[i + 1] {
                let j = Int(entryColumns[k])
                if j < 0 || j >= variableCount { note("constraint \(n): refers to missing variable #\(j)") }
                if !entryValues[k].isFinite { note("constraint \(n): coefficient \(entryValues[k])") }
            }
        }
        if !problems.isEmpty { throw ModelValidationError(problems: problems) }
    }
}
