import Foundation

/// Solves a model whose rows fall into independent blocks (no row links two blocks) one block at
/// a time with another solver, and assembles one result. The optimum is the same; GLPK's simplex
/// and branch-and-cut are superlinear in the model size, so several small solves are much faster
/// than one large one (docs/performance.md has the measurements). The weekly allocation
/// separates by profession group.
///
/// Time limit: blocks are solved smallest first, each given the remaining time in proportion to
/// its size, so time a small block leaves unused goes to the larger ones. With several lanes
/// (`laneCount`), each lane does so for its own blocks at the same time as the others. A stop
/// (interrupt) ends the run: the remaining blocks keep their warm start, when one was given.
public struct DecomposingSolver: SolverWrapper {
    public let base: any LinearSolver
    /// Polled between blocks (a solver may clear its own stop flag when the next solve begins).
    public var isStopRequested: @Sendable () -> Bool

    /// How many blocks may be solved at the same time, each on its own thread, when the base
    /// solver allows it (`LinearSolver.lanes`). Blocks are spread over the lanes by size
    /// (`balancedLanes`), and each lane works like the one-lane solver through its own blocks.
    public var laneCount: Int

    /// Blocks with fewer columns than this share of the model's are solved together, as one block
    /// (0: every block on its own). Price-and-branch's master holds, besides its profession
    /// groups, a component per clinician whose columns so far cover nothing (idle weeks): 5× the
    /// region's first master had hundreds, each a GLPK solve of its own.
    public var smallBlockShare = 0.0

    /// Work for a lane that has solved its blocks while another still solves its own (the blocks
    /// are rarely of one size): called on that lane, at most one lane at a time, with a check
    /// that says when every lane is done — it should return soon after, as the solve waits for
    /// it. Price-and-branch's master takes the ascent on there (`SideAscent`).
    public var whenLaneIdle: (@Sendable (_ allDone: @escaping @Sendable () -> Bool) -> Void)?

    public init(base: any LinearSolver, laneCount: Int = 1, smallBlockShare: Double = 0,
                isStopRequested: @escaping @Sendable () -> Bool = { false }) {
        self.base = base; self.laneCount = max(1, laneCount); self.smallBlockShare = smallBlockShare
        self.isStopRequested = isStopRequested
    }

    /// `blocks`, with every block of fewer than `share` × all columns merged into one (in the
    /// place of the first of them; its columns sorted). Deterministic.
    public static func merging(_ blocks: [[Int]], smallerThan share: Double) -> [[Int]] {
        let total = blocks.reduce(0) { $0 + $1.count }
        let least = Double(total) * share
        guard share > 0, blocks.contains(where: { Double($0.count) < least }) else { return blocks }
        var merged: [[Int]] = [], small: [Int] = [], smallAt: Int?
        for block in blocks {
            if Double(block.count) < least {
                if smallAt == nil { smallAt = merged.count; merged.append([]) }
                small += block
            } else {
                merged.append(block)
            }
        }
        if let smallAt { merged[smallAt] = small.sorted() }
        return merged
    }

    /// Column sets of the independent blocks, each sorted, blocks ordered by their first column.
    /// Rows in `ignoring` do not join blocks (`LagrangianBound` relaxes them).
    public static func blocks(of model: LinearModel, ignoring: Set<Int> = []) -> [[Int]] {
        var parent = Array(0..<model.variableCount)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for i in 0..<model.constraintCount where !ignoring.contains(i) {
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
        let blocks = Self.merging(Self.blocks(of: model), smallerThan: smallBlockShare)
        if blocks.count <= 1 { return try base.solve(model, options: options) }
        let clock = BlockClock()
        // Each block's model is built just before it is solved and dropped after: with all of them
        // built at once the whole model was held twice (measured: 1.5 GiB peak on 5× the region).
        let parts = BlockShape.all(model, blocks: blocks)
        let laneBlocks = balancedLanes(sizes: parts.map(\.size), count: laneCount)
        let board = BlockBoard(model, parts, warmStart: options.warmStart)
        let work = LaneWork(solver: self, model: model, parts: parts, options: options, clock: clock, board: board)
        if laneBlocks.count == 1 {
            work.run(laneBlocks[0], delay: 0)
        } else {
            // A lane's time counts from when it starts: the group may first wait for GLPK's lock
            // (another solve in the process), as a single solve's limit counts from its lock.
            let beforeLanes = clock.elapsed
            let idle = IdleLanes(lanes: laneBlocks.count), whenLaneIdle = whenLaneIdle
            base.lanes.run(lanes: laneBlocks.count) { lane in
                work.run(laneBlocks[lane], delay: work.clock.elapsed - beforeLanes)
                idle.finish()
                if let whenLaneIdle, idle.take() { whenLaneIdle({ idle.allDone }) }
            }
        }
        if let error = board.error { throw error }
        var results = board.results
        if !board.interrupted, let limit = options.timeLimitSeconds, !options.relaxIntegrality {
            try secondPass(model, parts, &results, options: options, limit: limit, clock: clock)
        }
        return combine(model, parts, results.map { $0 ?? Self.noResult }, elapsed: clock.elapsed)
    }

    /// One block: its share of the lane's time, progress reported for the whole model, a stop or
    /// an exhausted limit leaving it its warm start.
    fileprivate func solveBlock(_ b: Int, _ work: LaneWork, laneSizeLeft: Int, delay: Double) throws -> SolveResult {
        let (model, shape, options, board) = (work.model, work.parts[b], work.options, work.board)
        // Built before its share of the time is worked out: a national block takes seconds.
        let blockModel = board.interrupted ? nil : BlockModel(model, shape: shape).model
        var sub = options
        sub.warmStart = options.warmStart.map { w in shape.columns.map { w[$0] } }
        sub.startingBasis = Self.slice(options.startingBasis, of: model, for: shape)
        if let limit = options.timeLimitSeconds {
            sub.timeLimitSeconds = max(0, limit + delay - work.clock.elapsed) * Double(shape.size) / Double(max(1, laneSizeLeft))
        }
        if let progress = options.progress {
            let offset = work.clock.elapsed
            sub.progress = { p in
                guard var q = board.report(b, incumbent: p.incumbent) else { return }
                q.activeNodes = p.activeNodes
                q.elapsedSeconds = offset + p.elapsedSeconds
                progress(q)
            }
        }
        if board.interrupted || isStopRequested() {
            board.interrupt()
            return Self.warmStartOnly(model, shape, sub.warmStart, .interrupted)
        }
        // Out of time: a block with a warm start keeps it rather than overrunning the limit
        // with a solver's setup work.
        if let left = sub.timeLimitSeconds, left < 0.05, sub.warmStart != nil, !options.relaxIntegrality {
            return Self.warmStartOnly(model, shape, sub.warmStart, .timeLimit)
        }
        var r = try base.solve(blockModel ?? BlockModel(model, shape: shape).model, options: sub)
        r.log += String(format: "Pool: block solved in %.2f s", r.elapsedSeconds)
            + (sub.timeLimitSeconds.map { String(format: " (its share of the time limit: %.2f s)", $0) } ?? "") + "\n"
        if r.stopReason == .interrupted { board.interrupt() }
        return r
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

/// What the lanes of one decomposed solve share: the blocks' results, the figures that progress
/// reports add up, the first error and whether the run was interrupted. Lanes touch it only
/// through its methods, which hold its lock.
final class BlockBoard: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var results: [SolveResult?]
    /// Per block: its final objective, its current incumbent, or its warm start's objective
    /// (NaN when it has none), without the model's constant.
    private var values: [Double]
    private let constant: Double
    private var firstError: Error?
    private var stopped = false

    init(_ model: LinearModel, _ parts: [BlockShape], warmStart: [Double]?) {
        results = Array(repeating: nil, count: parts.count)
        values = parts.map { part in warmStart.map { w in part.objectiveValue(model, part.columns.map { w[$0] }) } ?? .nan }
        constant = model.objectiveConstant
    }

    var error: Error? { lock.withLock { firstError } }
    var interrupted: Bool { lock.withLock { stopped } }
    func interrupt() { lock.withLock { stopped = true } }

    func finish(_ b: Int, _ result: SolveResult) {
        lock.withLock {
            results[b] = result
            if let objective = result.objective { values[b] = objective }
        }
    }

    func fail(_ error: Error) {
        lock.withLock {
            if firstError == nil { firstError = error }
            stopped = true
        }
    }

    /// The whole model's incumbent after block `b` reports its own: finished blocks, running
    /// ones and the warm start of those still pending (nil when one of them has none). No bound
    /// or gap: the pending blocks have none yet.
    func report(_ b: Int, incumbent: Double?) -> SolveProgress? {
        lock.withLock {
            if let incumbent { values[b] = incumbent }
            let total = values.reduce(constant, +)
            return SolveProgress(incumbent: total.isNaN ? nil : total, bestBound: nil, gap: nil, activeNodes: 0, elapsedSeconds: 0)
        }
    }
}

/// How many lanes of a decomposed solve are done, and whether one has taken the idle work.
private final class IdleLanes: @unchecked Sendable {
    private let lock = NSLock()
    private let lanes: Int
    private var done = 0, taken = false

    init(lanes: Int) { self.lanes = lanes }

    func finish() { lock.withLock { done += 1 } }
    var allDone: Bool { lock.withLock { done >= lanes } }

    /// True for the first lane to ask while another still works.
    func take() -> Bool {
        lock.withLock {
            guard !taken, done < lanes else { return false }
            taken = true
            return true
        }
    }
}

/// One lane's view of a decomposed solve (shared, read-only, by all lanes).
private struct LaneWork: @unchecked Sendable {
    let solver: DecomposingSolver
    let model: LinearModel
    let parts: [BlockShape]
    let options: SolveOptions
    let clock: BlockClock
    let board: BlockBoard

    /// Solves the lane's blocks in order, each with its share of the lane's time, which starts
    /// `delay` seconds after the lanes were asked to.
    func run(_ blocks: [Int], delay: Double) {
        var sizeLeft = blocks.reduce(0) { $0 + parts[$1].size }
        for b in blocks {
            defer { sizeLeft -= parts[b].size }
            if board.error != nil { return }
            do {
                board.finish(b, try solver.solveBlock(b, self, laneSizeLeft: sizeLeft, delay: delay))
            } catch {
                board.fail(error)
                return
            }
        }
    }
}
