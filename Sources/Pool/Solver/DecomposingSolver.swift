/// Solves a model whose rows fall into independent blocks (no row links two blocks) one block at
/// a time with another solver, and assembles one result. The optimum is the same; GLPK's simplex
/// and branch-and-cut are superlinear in the model size, so several small solves are much faster
/// than one large one (docs/performance.md has the measurements). The weekly allocation
/// separates by profession group.
///
/// Time limit: blocks are solved smallest first, each given the remaining time in proportion to
/// its size, so time a small block leaves unused goes to the larger ones. A stop (interrupt) ends
/// the run: the remaining blocks keep their warm start, when one was given.
public struct DecomposingSolver: LinearSolver {
    public let base: any LinearSolver
    /// Polled between blocks (a solver may clear its own stop flag when the next solve begins).
    public var isStopRequested: @Sendable () -> Bool

    public init(base: any LinearSolver, isStopRequested: @escaping @Sendable () -> Bool = { false }) {
        self.base = base; self.isStopRequested = isStopRequested
    }

    public var name: String { base.name }

    /// Column sets of the independent blocks, each sorted, blocks ordered by their first column.
    public static func blocks(of model: LinearModel) -> [[Int]] {
        var parent = Array(0..<model.variableCount)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for i in 0..<model.constraintCount {
            let start = model.rowStart[i], end = model.rowStart[i + 1]
            guard start < end else { continue }
            let first = find(Int(model.entryColumns[start]))
            for k in (start + 1)..<end {
                let other = find(Int(model.entryColumns[k]))
                if other != first { parent[other] = first }
            }
        }
        var index: [Int: Int] = [:], blocks: [[Int]] = []
        for j in 0..<model.variableCount {
            let root = find(j)
            if let b = index[root] { blocks[b].append(j) } else { index[root] = blocks.count; blocks.append([j]) }
        }
        return blocks
    }

    /// Nonzeros of each block (same order as `blocks(of:)`).
    public static func blockNonzeros(of model: LinearModel) -> [Int] {
        let blocks = blocks(of: model)
        var blockOf = Array(repeating: 0, count: model.variableCount)
        for (b, columns) in blocks.enumerated() { for j in columns { blockOf[j] = b } }
        var counts = Array(repeating: 0, count: blocks.count)
        for k in 0..<model.nonzeroCount { counts[blockOf[Int(model.entryColumns[k])]] += 1 }
        return counts
    }

    public func solve(_ model: LinearModel, options: SolveOptions) throws -> SolveResult {
        try model.validate()
        let blocks = Self.blocks(of: model)
        if blocks.count <= 1 { return try base.solve(model, options: options) }
        let clock = BlockClock()
        // Each block's model is built just before it is solved and dropped after: with all of them
        // built at once the whole model was held twice (measured: 1.5 GiB peak on 5× the region).
        let parts = BlockShape.all(model, blocks: blocks)
        let order = parts.indices.sorted { (parts[$0].size, $0) < (parts[$1].size, $1) }
        var results = Array(repeating: SolveResult?.none, count: parts.count)
        var remainingSize = parts.reduce(0) { $0 + $1.size }
        var stopped: StopReason?
        var done = (objective: 0.0, bound: 0.0)
        for b in order {
            let shape = parts[b]
            defer { remainingSize -= shape.size }
            // Built before its share of the time is worked out: a national block takes seconds.
            let blockModel = stopped == nil ? BlockModel(model, shape: shape).model : nil
            var sub = options
            sub.warmStart = options.warmStart.map { w in shape.columns.map { w[$0] } }
            sub.startingBasis = Self.slice(options.startingBasis, of: model, for: shape)
            if let limit = options.timeLimitSeconds {
                sub.timeLimitSeconds = max(0, limit - clock.elapsed) * Double(shape.size) / Double(max(1, remainingSize))
            }
            if let progress = options.progress {
                let before = done, offset = clock.elapsed, constant = model.objectiveConstant
                let pendingStart = order.drop { $0 != b }.dropFirst().reduce(0.0) { acc, k in
                    acc + (options.warmStart.map { w in parts[k].objectiveValue(model, parts[k].columns.map { w[$0] }) } ?? .nan)
                }
                sub.progress = { p in
                    var q = p
                    q.incumbent = p.incumbent.map { $0 + before.objective + pendingStart + constant }.flatMap { $0.isNaN ? nil : $0 }
                    q.bestBound = nil  // the pending blocks have no bound yet
                    q.gap = nil
                    q.elapsedSeconds = offset + p.elapsedSeconds
                    progress(q)
                }
            }
            if stopped != nil || isStopRequested() {
                stopped = stopped ?? .interrupted
                results[b] = Self.warmStartOnly(model, shape, sub.warmStart, stopped ?? .interrupted)
                continue
            }
            // Out of time: a block with a warm start keeps it rather than overrunning the limit
            // with a solver's setup work.
            if let left = sub.timeLimitSeconds, left < 0.05, sub.warmStart != nil, !options.relaxIntegrality {
                results[b] = Self.warmStartOnly(model, shape, sub.warmStart, .timeLimit)
                continue
            }
            var r = try base.solve(blockModel ?? BlockModel(model, shape: shape).model, options: sub)
            r.log += String(format: "Pool: block solved in %.2f s", r.elapsedSeconds)
                + (sub.timeLimitSeconds.map { String(format: " (its share of the time limit: %.2f s)", $0) } ?? "") + "\n"
            results[b] = r
            if r.stopReason == .interrupted { stopped = .interrupted }
            done.objective += r.objective ?? 0
            done.bound += r.bestBound ?? 0
        }
        if stopped == nil, let limit = options.timeLimitSeconds, !options.relaxIntegrality {
            try secondPass(model, parts, &results, options: options, limit: limit, clock: clock)
        }
        return combine(model, parts, results.map { $0 ?? Self.noResult }, elapsed: clock.elapsed)
    }

    /// Blocks that finish early leave time that the blocks before them, stopped at their share,
    /// could have used (keski-pohjanmaa: 53 s of 60 used). That time goes back to the blocks the
    /// limit stopped, largest gap first, each continuing from its own plan; the better plan and
    /// the stronger bound of the two passes are kept.
    func secondPass(_ model: LinearModel, _ parts: [BlockShape], _ results: inout [SolveResult?],
                    options: SolveOptions, limit: Double, clock: BlockClock) throws {
        func gap(_ b: Int) -> Double { results[b]?.gap ?? .infinity }
        let again = parts.indices.filter { b in
            guard let r = results[b] else { return false }
            return r.status == .feasible && r.stopReason == .timeLimit && r.values.count == parts[b].columns.count
        }.sorted { (-gap($0), $0) < (-gap($1), $1) }
        var againSize = again.reduce(0) { $0 + parts[$1].size }
        for b in again {
            guard limit - clock.elapsed >= 1, !isStopRequested(), let previous = results[b] else { break }
            let part = parts[b], blockModel = BlockModel(model, shape: part).model
            let left = limit - clock.elapsed
            guard left >= 0.5 else { break }
            var sub = options
            sub.progress = nil
            sub.warmStart = previous.values
            sub.startingBasis = Self.slice(options.startingBasis, of: model, for: part)
            sub.timeLimitSeconds = left * Double(part.size) / Double(max(1, againSize))
            againSize -= part.size
            let r = try base.solve(blockModel, options: sub)
            results[b] = Self.better(previous, r, minimize: model.direction == .minimize)
            results[b]?.log = previous.log + String(format: "=== second pass: %.2f s more ===\n", sub.timeLimitSeconds ?? 0) + r.log
            if r.stopReason == .interrupted { break }
        }
    }

    /// The better plan of two solves of one block, with the stronger bound of the two.
    static func better(_ a: SolveResult, _ b: SolveResult, minimize: Bool) -> SolveResult {
        guard b.hasSolution, let ob = b.objective else { return a }
        if b.status == .optimal { return b }
        var best = a
        if let oa = a.objective, minimize ? ob < oa : ob > oa { best = b } else if a.objective == nil { best = b }
        let bounds = [a.bestBound, b.bestBound].compactMap { $0 }
        best.bestBound = bounds.isEmpty ? nil : (minimize ? bounds.max() : bounds.min())
        if let o = best.objective, let bound = best.bestBound { best.gap = SolveResult.relativeGap(o, bound) }
        best.stopReason = b.stopReason
        best.nodes = a.nodes + b.nodes
        return best
    }

    /// A basis of the whole model cut down to one block's rows and columns.
    static func slice(_ basis: SolverBasis?, of model: LinearModel, for part: BlockShape) -> SolverBasis? {
        guard let basis, basis.fits(model) else { return nil }
        return SolverBasis(rowStatus: part.rows.map { basis.rowStatus[$0] }, columnStatus: part.columns.map { basis.columnStatus[$0] })
    }

    static let noResult = SolveResult(status: .noSolution, stopReason: .interrupted, objective: nil, bestBound: nil,
                                      gap: nil, values: [], elapsedSeconds: 0)

    static func warmStartOnly(_ model: LinearModel, _ part: BlockShape, _ warm: [Double]?, _ reason: StopReason) -> SolveResult {
        guard let warm else { return SolveResult(status: .noSolution, stopReason: reason, objective: nil, bestBound: nil,
                                                 gap: nil, values: [], elapsedSeconds: 0) }
        return SolveResult(status: .feasible, stopReason: reason, objective: part.objectiveValue(model, warm), bestBound: nil,
                           gap: nil, values: warm, elapsedSeconds: 0)
    }

    func combine(_ model: LinearModel, _ parts: [BlockShape], _ results: [SolveResult], elapsed: Double) -> SolveResult {
        let statuses = results.map(\.status)
        let status: SolveStatus
        if statuses.contains(.infeasible) { status = .infeasible }
        else if statuses.contains(.unbounded) { status = .unbounded }
        else if statuses.contains(.noSolution) { status = .noSolution }
        else { status = statuses.allSatisfy { $0 == .optimal } ? .optimal : .feasible }
        let reasons = results.map(\.stopReason)
        let reason: StopReason = reasons.contains(.interrupted) ? .interrupted : reasons.contains(.timeLimit) ? .timeLimit : .completed
        let log = parts.indices.map { "=== block \($0 + 1) of \(parts.count): \(parts[$0].columns.count) columns ===\n" + results[$0].log }
            .joined(separator: "\n")
        let nodes = results.reduce(0) { $0 + $1.nodes }
        guard status == .optimal || status == .feasible else {
            return SolveResult(status: status, stopReason: reason, objective: nil, bestBound: nil, gap: nil, values: [],
                               elapsedSeconds: elapsed, nodes: nodes, log: log)
        }
        var values = Array(repeating: 0.0, count: model.variableCount)
        var duals: [Double]? = Array(repeating: 0.0, count: model.constraintCount)
        var reduced: [Double]? = Array(repeating: 0.0, count: model.variableCount)
        for (part, r) in zip(parts, results) {
            for (k, j) in part.columns.enumerated() where k < r.values.count { values[j] = r.values[k] }
            if let d = r.rowDuals { for (k, i) in part.rows.enumerated() where k < d.count { duals?[i] = d[k] } } else { duals = nil }
            if let rc = r.reducedCosts { for (k, j) in part.columns.enumerated() where k < rc.count { reduced?[j] = rc[k] } } else { reduced = nil }
        }
        let objective = model.objectiveValue(values)
        let relaxations = results.map(\.relaxationObjective)
        let relaxation = relaxations.contains { $0 == nil } ? nil : relaxations.reduce(model.objectiveConstant) { $0 + ($1 ?? 0) }
        let bounds = results.map(\.bestBound)
        let bound = bounds.contains { $0 == nil } ? nil : bounds.reduce(model.objectiveConstant) { $0 + ($1 ?? 0) }
        let gap = bound.map { SolveResult.relativeGap(objective, $0) }
        var result = SolveResult(status: status, stopReason: reason, objective: objective, bestBound: bound,
                                 gap: status == .optimal ? (gap ?? 0) : gap, values: values, rowDuals: duals, reducedCosts: reduced,
                                 elapsedSeconds: elapsed, nodes: nodes, log: log)
        result.relaxationObjective = relaxation
        result.relaxationSeconds = results.reduce(0) { $0 + $1.relaxationSeconds }
        result.heuristicSeconds = results.reduce(0) { $0 + $1.heuristicSeconds }
        if results.allSatisfy({ $0.basis != nil }) {
            var basis = SolverBasis(rowStatus: Array(repeating: 1, count: model.constraintCount),
                                    columnStatus: Array(repeating: 1, count: model.variableCount))
            for (part, r) in zip(parts, results) {
                guard let b = r.basis, b.rowStatus.count == part.rows.count, b.columnStatus.count == part.columns.count else { continue }
                for (k, i) in part.rows.enumerated() { basis.rowStatus[i] = b.rowStatus[k] }
                for (k, j) in part.columns.enumerated() { basis.columnStatus[j] = b.columnStatus[k] }
            }
            result.basis = basis
        }
        return result
    }
}

/// One block's columns and rows (rows that touch none of its columns are left out; rows with no
/// entries belong to the first block so that they are still checked), without its model.
struct BlockShape {
    let columns: [Int]
    let rows: [Int]
    let nonzeros: Int
    var size: Int { nonzeros + columns.count }

    static func all(_ full: LinearModel, blocks: [[Int]]) -> [BlockShape] {
        var blockOf = Array(repeating: -1, count: full.variableCount)
        for (b, columns) in blocks.enumerated() { for j in columns { blockOf[j] = b } }
        var rows = Array(repeating: [Int](), count: blocks.count), nonzeros = Array(repeating: 0, count: blocks.count)
        for i in 0..<full.constraintCount {
            let start = full.rowStart[i], end = full.rowStart[i + 1]
            let b = start < end ? blockOf[Int(full.entryColumns[start])] : (blocks.firstIndex { $0.first == 0 } ?? -1)
            guard b >= 0 else { continue }
            rows[b].append(i); nonzeros[b] += end - start
        }
        return blocks.indices.map { BlockShape(columns: blocks[$0], rows: rows[$0], nonzeros: nonzeros[$0]) }
    }

    /// The block's part of the objective (without the model's constant) at a point of its columns.
    func objectiveValue(_ full: LinearModel, _ values: [Double]) -> Double {
        zip(columns, values).reduce(0) { $0 + full.objectiveCoefficients[$1.0] * $1.1 }
    }
}

/// One block as a model of its own.
struct BlockModel {
    let model: LinearModel

    init(_ full: LinearModel, shape: BlockShape) {
        var local = Array(repeating: -1, count: full.variableCount)
        for (k, j) in shape.columns.enumerated() { local[j] = k }
        let m = LinearModel(name: full.name)
        m.reserve(variables: shape.columns.count, constraints: shape.rows.count, nonzeros: shape.nonzeros)
        var vars: [Variable] = []
        for j in shape.columns {
            vars.append(m.addVariable(full.variableNames[j], full.kinds[j], lower: full.lowerBounds[j],
                                      upper: full.upperBounds[j], objective: full.objectiveCoefficients[j]))
        }
        for i in shape.rows {
            var e = LinearExpression()
            for k in full.rowStart[i]..<full.rowStart[i + 1] { e.add(full.entryValues[k], vars[local[Int(full.entryColumns[k])]]) }
            m.add(full.constraintNames[i], LinearConstraint(e, full.senses[i], full.rightHandSides[i]))
        }
        m.direction = full.direction
        model = m
    }
}

/// Wall-clock time since the decomposed solve began.
final class BlockClock {
    private let start = ContinuousClock.now
    var elapsed: Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
