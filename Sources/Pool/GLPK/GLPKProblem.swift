import CGLPK

/// A failure inside GLPK, reported by the C shim instead of aborting the process.
public struct GLPKError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// GLPK raised a fatal error (`glp_error`); it was caught in C and GLPK was reset.
        case fatal
        /// GLPK reported an ordinary failure, e.g. a file it could not read or write.
        case failed
        case outOfMemory
        /// GLPK was called again from inside a running GLPK operation (e.g. a progress callback).
        case reentered
        /// An internal misuse of the shim (a problem used after a reset, or before loading).
        case internalState
    }
    public var kind: Kind
    public var operation: String
    public var message: String

    public var description: String {
        switch kind {
        case .fatal: return "GLPK fatal error in \(operation) (caught; GLPK was reset): \(message)"
        case .reentered: return "GLPK cannot be used from inside a running GLPK operation (\(operation)): \(message)"
        default: return "GLPK \(operation) failed: \(message)"
        }
    }
}

/// One GLPK problem object, alive only inside `GLPKProblem.withSession`.
///
/// Thread confinement: GLPK keeps its environment per thread. A session holds the shim's single
/// process-wide lock for its whole duration (a lane of a parallel group runs under its group's
/// hold of it, `GLPKLanes`), runs entirely on the calling thread (there is no `await` inside), and
/// frees that thread's GLPK environment when it ends. So every problem object lives on one thread
/// only, and outside parallel groups all GLPK use in the process is serialised.
final class GLPKProblem {
    private let handle: OpaquePointer

    private init(_ handle: OpaquePointer) { self.handle = handle }

    static func withSession<T>(_ body: (GLPKProblem) throws -> T) throws -> T {
        guard Int(pool_glp_lock()) == POOL_GLP_OK else {
            throw GLPKError(kind: .reentered, operation: "session",
                            message: "a solver callback must not call GLPK (solve, read or write a model)")
        }
        defer { pool_glp_unlock() }
        guard let handle = pool_glp_new() else {
            throw GLPKError(kind: .outOfMemory, operation: "session", message: "cannot allocate the shim's problem handle")
        }
        defer { pool_glp_delete(handle) }  // runs before the unlock above
        return try body(GLPKProblem(handle))
    }

    /// GLPK's terminal output captured so far.
    var log: String {
        var length = 0
        guard let text = pool_glp_log(handle, &length) else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: text, count: length), as: UTF8.self)
    }

    /// Adds a line of Pool's own to the captured log, in order with GLPK's output.
    func note(_ text: String) { pool_glp_note(handle, text) }

    /// GLPK's message level for operations other than solves.
    func setMessageLevel(_ level: Int32) { pool_glp_set_message_level(handle, level) }

    func check(_ code: Int32, _ operation: String) throws {
        let message = String(cString: pool_glp_message(handle))
        switch Int(code) {
        case POOL_GLP_OK: return
        case POOL_GLP_FATAL: throw GLPKError(kind: .fatal, operation: operation, message: message)
        case POOL_GLP_FAILED: throw GLPKError(kind: .failed, operation: operation, message: message)
        case POOL_GLP_NO_MEMORY: throw GLPKError(kind: .outOfMemory, operation: operation, message: message)
        case POOL_GLP_REENTERED: throw GLPKError(kind: .reentered, operation: operation, message: message)
        default: throw GLPKError(kind: .internalState, operation: operation, message: message)
        }
    }

    // MARK: loading

    /// Loads `model` in bulk (`glp_load_matrix`). The model must have passed `GLPKInputCheck`.
    /// `names` are the names to give GLPK (nil for none: solving does not need them).
    func load(_ model: LinearModel, names: GLPKNames? = nil, ignoreIntegrality: Bool) throws {
        let kinds = model.kinds.map { kind -> Int32 in
            switch kind {
            case .continuous: return Int32(POOL_COL_CONTINUOUS)
            case .integer: return Int32(POOL_COL_INTEGER)
            case .binary: return Int32(POOL_COL_BINARY)
            }
        }
        let senses = model.senses.map { sense -> Int32 in
            switch sense {
            case .lessOrEqual: return Int32(POOL_ROW_LE)
            case .greaterOrEqual: return Int32(POOL_ROW_GE)
            case .equal: return Int32(POOL_ROW_EQ)
            }
        }
        let named = names != nil
        // Arrays pass to the pointer parameters below by Swift's implicit conversion; the pointers
        // are valid for the duration of the call, which is all the shim needs (it copies into GLPK).
        let code = loadArrays(
            model, kinds: kinds, senses: senses,
            lower: model.lowerBounds, upper: model.upperBounds, objective: model.objectiveCoefficients,
            rhs: model.rightHandSides, rowStart: model.rowStart,
            entryColumns: model.entryColumns, entryValues: model.entryValues,
            named: named, columnNames: Self.nameBlob(names?.columns ?? []), rowNames: Self.nameBlob(names?.rows ?? []),
            problemName: names?.problem ?? "", objectiveName: names?.objective ?? "",
            ignoreIntegrality: ignoreIntegrality)
        try check(code, "loading the model")
    }

    private func loadArrays(
        _ model: LinearModel, kinds: UnsafePointer<Int32>, senses: UnsafePointer<Int32>,
        lower: UnsafePointer<Double>, upper: UnsafePointer<Double>, objective: UnsafePointer<Double>,
        rhs: UnsafePointer<Double>, rowStart: UnsafePointer<Int>,
        entryColumns: UnsafePointer<Int32>, entryValues: UnsafePointer<Double>,
        named: Bool, columnNames: UnsafePointer<CChar>, rowNames: UnsafePointer<CChar>,
        problemName: UnsafePointer<CChar>, objectiveName: UnsafePointer<CChar>,
        ignoreIntegrality: Bool
    ) -> Int32 {
        var m = pool_glp_model(
            name: named ? problemName : nil, maximize: model.direction == .maximize ? 1 : 0,
            objective_constant: model.objectiveConstant,
            columns: Int32(model.variableCount), kinds: kinds, lower: lower, upper: upper, objective: objective,
            rows: Int32(model.constraintCount), senses: senses, rhs: rhs, row_start: rowStart,
            entry_columns: entryColumns, entry_values: entryValues,
            column_names: named ? columnNames : nil, row_names: named ? rowNames : nil,
            objective_name: named ? objectiveName : nil)
        return pool_glp_load(handle, &m, ignoreIntegrality ? 1 : 0)
    }

    /// Names as consecutive NUL-terminated strings, the form the shim takes.
    private static func nameBlob(_ names: [String]) -> [CChar] {
        var blob: [CChar] = []
        blob.reserveCapacity(names.reduce(0) { $0 + $1.utf8.count + 1 })
        for name in names {
            for byte in name.utf8 { blob.append(CChar(bitPattern: byte)) }
            blob.append(0)
        }
        return blob
    }

    // MARK: solving

    func simplex(_ params: inout pool_glp_solve_params) throws -> pool_glp_outcome {
        var outcome = pool_glp_outcome()
        try check(pool_glp_simplex(handle, &params, &outcome), "glp_simplex")
        return outcome
    }

    /// `glp_interior`; nil when it was cancelled at the deadline or by a stop request (`stop`
    /// tells which) — GLPK was then reset and this problem no longer exists.
    func interior(_ params: inout pool_glp_solve_params) throws -> (outcome: pool_glp_outcome, cancelled: Bool) {
        var outcome = pool_glp_outcome()
        let code = pool_glp_interior(handle, &params, &outcome)
        if Int(code) == POOL_GLP_CANCELLED { return (outcome, true) }
        try check(code, "glp_interior")
        return (outcome, false)
    }

    func interiorSolution(rows: Int, columns: Int) throws -> (values: [Double], rowDuals: [Double], reducedCosts: [Double]) {
        var values = [Double](repeating: 0, count: columns)
        var rowDuals = [Double](repeating: 0, count: rows)
        var reducedCosts = [Double](repeating: 0, count: columns)
        let code = values.withUnsafeMutableBufferPointer { v in
            rowDuals.withUnsafeMutableBufferPointer { r in
                reducedCosts.withUnsafeMutableBufferPointer { c in
                    pool_glp_interior_solution(handle, v.baseAddress, r.baseAddress, c.baseAddress)
                }
            }
        }
        try check(code, "reading the interior-point solution")
        return (values, rowDuals, reducedCosts)
    }

    func intopt(_ params: inout pool_glp_solve_params) throws -> pool_glp_outcome {
        var outcome = pool_glp_outcome()
        try check(pool_glp_intopt(handle, &params, &outcome), "glp_intopt")
        return outcome
    }

    func primalValues(count: Int, mip: Bool) throws -> [Double] {
        var values = [Double](repeating: 0, count: count)
        let code = values.withUnsafeMutableBufferPointer { pool_glp_primal(handle, mip ? 1 : 0, $0.baseAddress) }
        try check(code, "reading the solution")
        return values
    }

    func duals(rows: Int, columns: Int) throws -> (rowDuals: [Double], reducedCosts: [Double]) {
        var rowDuals = [Double](repeating: 0, count: rows)
        var reducedCosts = [Double](repeating: 0, count: columns)
        let code = rowDuals.withUnsafeMutableBufferPointer { r in
            reducedCosts.withUnsafeMutableBufferPointer { c in pool_glp_duals(handle, r.baseAddress, c.baseAddress) }
        }
        try check(code, "reading the duals")
        return (rowDuals, reducedCosts)
    }

    /// The current basis statuses (GLP_BS … GLP_NS) of every row and column.
    func basis(rows: Int, columns: Int) throws -> SolverBasis {
        var rowStatus = [Int32](repeating: 0, count: rows)
        var columnStatus = [Int32](repeating: 0, count: columns)
        let code = rowStatus.withUnsafeMutableBufferPointer { r in
            columnStatus.withUnsafeMutableBufferPointer { c in pool_glp_get_basis(handle, r.baseAddress, c.baseAddress) }
        }
        try check(code, "reading the basis")
        return SolverBasis(rowStatus: rowStatus, columnStatus: columnStatus)
    }

    /// Starts the next simplex from `basis` (sizes and codes checked by the caller).
    func setBasis(_ basis: SolverBasis) throws {
        let code = basis.rowStatus.withUnsafeBufferPointer { r in
            basis.columnStatus.withUnsafeBufferPointer { c in pool_glp_set_basis(handle, r.baseAddress, c.baseAddress) }
        }
        try check(code, "setting the starting basis")
    }

    // MARK: files

    func write(format: ModelFileFormat, to path: String) throws {
        try check(pool_glp_write(handle, format.shimCode, path), "writing \(path)")
    }

    func read(format: ModelFileFormat, from path: String) throws {
        try check(pool_glp_read(handle, format.shimCode, path), "reading \(path)")
    }

    func sizes() throws -> pool_glp_sizes {
        var sizes = pool_glp_sizes()
        try check(pool_glp_sizes_of(handle, &sizes), "reading the problem size")
        return sizes
    }

    /// Copies the problem into caller-allocated arrays sized from `sizes()` (passed as `&array`).
    func extract(
        kinds: UnsafeMutablePointer<Int32>, lower: UnsafeMutablePointer<Double>, upper: UnsafeMutablePointer<Double>,
        objective: UnsafeMutablePointer<Double>, rowTypes: UnsafeMutablePointer<Int32>,
        rowLower: UnsafeMutablePointer<Double>, rowUpper: UnsafeMutablePointer<Double>, rowStart: UnsafeMutablePointer<Int>,
        entryColumns: UnsafeMutablePointer<Int32>, entryValues: UnsafeMutablePointer<Double>,
        rowNames: UnsafeMutablePointer<CChar>, columnNames: UnsafeMutablePointer<CChar>
    ) throws {
        var out = pool_glp_extracted(
            kinds: kinds, lower: lower, upper: upper, objective: objective, row_types: rowTypes,
            row_lower: rowLower, row_upper: rowUpper, row_start: rowStart, entry_columns: entryColumns,
            entry_values: entryValues, row_names: rowNames, column_names: columnNames)
        try check(pool_glp_extract(handle, &out), "reading the problem")
    }

    /// For tests: GLPK itself rejects a bad column index here with a fatal error.
    func setColumnBoundsUnchecked(column: Int32, lower: Double, upper: Double) throws {
        try check(pool_glp_set_column_bounds_unchecked(handle, column, lower, upper), "glp_set_col_bnds")
    }
}

/// The names GLPK gets when a model is written to a file (already encoded for the format).
struct GLPKNames {
    var problem: String
    var objective: String
    var columns: [String]
    var rows: [String]

    /// All of `model`'s names in the encoding of `ModelFileNames`.
    static func encoded(for model: LinearModel) -> GLPKNames {
        GLPKNames(problem: ModelFileNames.encode(model.name), objective: ModelFileNames.objectiveName,
                  columns: ModelFileNames.encodeAll(model.variableNames, emptyPrefix: "x"),
                  rows: ModelFileNames.encodeAll(model.constraintNames, reserved: ModelFileNames.reservedRowNames,
                                                 emptyPrefix: "r"))
    }
}
