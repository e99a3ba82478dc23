/// Everything GLPK would abort on (or silently misread), checked in Swift before any GLPK call:
/// the model's own `validate()` (finite numbers, lower ≤ upper, column indices, integer bounds),
/// GLPK's 32-bit sizes, the options, and the warm start.
enum GLPKInputCheck {
    static func check(_ model: LinearModel, _ options: SolveOptions) throws {
        try model.validate()
        var problems: [String] = []
        let limit = Int(Int32.max) - 1
        if model.variableCount > limit { problems.append("model: \(model.variableCount) variables exceed GLPK's limit of \(limit)") }
        if model.constraintCount > limit { problems.append("model: \(model.constraintCount) constraints exceed GLPK's limit of \(limit)") }
        if model.nonzeroCount > limit { problems.append("model: \(model.nonzeroCount) nonzeros exceed GLPK's limit of \(limit)") }
        if let t = options.timeLimitSeconds, !(t.isFinite && t >= 0) {
            problems.append("option timeLimitSeconds: \(t) (must be a finite number ≥ 0)")
        }
        if !(options.relativeGap.isFinite && options.relativeGap >= 0) {
            problems.append("option relativeGap: \(options.relativeGap) (must be a finite number ≥ 0)")
        }
        if !(options.progressInterval.isFinite && options.progressInterval >= 0) {
            problems.append("option progressInterval: \(options.progressInterval) (must be a finite number ≥ 0)")
        }
        if let warm = options.warmStart {
            if warm.count != model.variableCount {
                problems.append("option warmStart: \(warm.count) values for \(model.variableCount) variables")
            } else if let j = warm.firstIndex(where: { !$0.isFinite }) {
                problems.append("option warmStart: value \(warm[j]) for variable \(model.variableNames[j])")
            }
        }
        if !problems.isEmpty { throw ModelValidationError(problems: problems) }
    }
}
