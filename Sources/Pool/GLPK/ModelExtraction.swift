import CGLPK

/// A problem GLPK has read from a file, turned into a `LinearModel`.
enum ModelExtraction {
    static func linearModel(from problem: GLPKProblem, decodeNames: Bool) throws -> LinearModel {
        let sizes = try problem.sizes()
        let rows = Int(sizes.rows), columns = Int(sizes.columns), nonzeros = Int(sizes.nonzeros)
        var kinds = [Int32](repeating: 0, count: columns)
        var lower = [Double](repeating: 0, count: columns), upper = lower, objective = lower
        var rowTypes = [Int32](repeating: 0, count: rows)
        var rowLower = [Double](repeating: 0, count: rows), rowUpper = rowLower
        var rowStart = [Int](repeating: 0, count: rows + 1)
        var entryColumns = [Int32](repeating: 0, count: nonzeros)
        var entryValues = [Double](repeating: 0, count: nonzeros)
        var rowNames = [CChar](repeating: 0, count: sizes.row_name_bytes + 1)
        var columnNames = [CChar](repeating: 0, count: sizes.column_name_bytes + 1)
        try problem.extract(
            kinds: &kinds, lower: &lower, upper: &upper, objective: &objective,
            rowTypes: &rowTypes, rowLower: &rowLower, rowUpper: &rowUpper, rowStart: &rowStart,
            entryColumns: &entryColumns, entryValues: &entryValues, rowNames: &rowNames, columnNames: &columnNames)

        let decode: (String) -> String = decodeNames ? { ModelFileNames.decode($0) ?? $0 } : { $0 }
        let model = LinearModel()
        model.reserve(variables: columns, constraints: rows, nonzeros: nonzeros)
        model.direction = sizes.maximize != 0 ? .maximize : .minimize
        model.objectiveConstant = sizes.objective_constant
        for (j, name) in splitNames(columnNames, count: columns).enumerated() {
            let kind: VariableKind = kinds[j] == Int32(POOL_COL_BINARY) ? .binary
                : kinds[j] == Int32(POOL_COL_INTEGER) ? .integer : .continuous
            model.addVariable(decode(name), kind, lower: lower[j], upper: upper[j], objective: objective[j])
        }
        for (i, name) in splitNames(rowNames, count: rows).enumerated() {
            var expression = LinearExpression()
            expression.reserveCapacity(rowStart[i + 1] - rowStart[i])
            for k in rowStart[i]..<rowStart[i + 1] { expression.add(entryValues[k], Variable(index: Int(entryColumns[k]))) }
            let rowName = decode(name)
            switch Int(rowTypes[i]) {
            case POOL_ROW_FREE: continue  // an extra objective-like row (MPS "N"): constrains nothing
            case POOL_ROW_LOWER: model.add(rowName, LinearConstraint(expression, .greaterOrEqual, rowLower[i]))
            case POOL_ROW_UPPER: model.add(rowName, LinearConstraint(expression, .lessOrEqual, rowUpper[i]))
            case POOL_ROW_FIXED: model.add(rowName, LinearConstraint(expression, .equal, rowLower[i]))
            default:  // a range row: both sides as separate constraints
                model.add(rowName + ".lo", LinearConstraint(expression, .greaterOrEqual, rowLower[i]))
                model.add(rowName + ".up", LinearConstraint(expression, .lessOrEqual, rowUpper[i]))
            }
        }
        return model
    }

    /// `count` NUL-terminated strings from one buffer.
    private static func splitNames(_ blob: [CChar], count: Int) -> [String] {
        var names: [String] = []
        names.reserveCapacity(count)
        var start = 0
        blob.withUnsafeBufferPointer { buffer in
            for _ in 0..<count {
                var end = start
                while end < buffer.count && buffer[end] != 0 { end += 1 }
                let bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[start..<end])
                names.append(String(decoding: bytes, as: UTF8.self))
                start = end + 1
            }
        }
        return names
    }
}
