import Foundation

/// One evaluation's blocks, solved on the lanes: the board they write to, each lane's share of
/// the work and the blocks' last solve times (which order the next evaluation and pace it).
extension LagrangianBound {
    /// The optimum of each listed block under `costs` (one per column of the model): its value —
    /// a proven bound when the block stopped early — and its point (block-local, empty when the
    /// block stopped without one). Nil when a block could not be bounded in time; throws
    /// `SolveInterrupted` when a stop reached a block's solve.
    func solveBlocks(_ blocks: [Int], _ model: LinearModel, costs: [Double], solver: any LinearSolver, lanes: Int,
                     timeLimitSeconds: Double?, isStopRequested: @escaping @Sendable () -> Bool) throws -> [BlockOptimum]? {
        try solveBlocks(blocks, model, costs: costs, solver: solver, lanes: lanes, floor: nil,
                        timeLimitSeconds: timeLimitSeconds, isStopRequested: isStopRequested)?.optima
    }

    /// `solveBlocks` over a `floor`: a lower bound and a point of each listed block under the same
    /// costs (e.g. a relaxation's optima). A block not solved by the time limit keeps its floor, a
    /// block stopped early the better of its floor and its proven bound: the sum bounds as well as
    /// a complete evaluation, only less tightly. Returns the optima and how many blocks were solved.
    func solveBlocks(_ blocks: [Int], _ model: LinearModel, costs: [Double], solver: any LinearSolver, lanes: Int,
                     floor: [BlockOptimum]?, timeLimitSeconds: Double?,
                     isStopRequested: @escaping @Sendable () -> Bool) throws -> (optima: [BlockOptimum], solved: Int)? {
        let laneCount = max(1, min(lanes, blocks.count))
        let floored = floor.map { _ in (weights: solveTimes.weights(blocks, sizes: shapes.map(\.size)), lanes: laneCount) }
        let work = LagrangianWork(model: model, shapes: shapes, costs: costs, solver: solver, relaxation: blockRelaxation, clock: BlockClock(),
                                  timeLimit: timeLimitSeconds, times: solveTimes, floored: floored, isStopRequested: isStopRequested)
        // Longest first from a shared queue (the LPT rule, with last evaluation's times): the
        // lanes finish close together. Which lane solves a block does not change its optimum.
        let queue = SharedQueue(solveTimes.slowestFirst(blocks, sizes: shapes.map(\.size)))
        if laneCount == 1 {
            work.run(queue)
        } else {
            solver.lanes.run(lanes: laneCount) { _ in work.run(queue) }
        }
        if let error = work.board.error { throw error }
        guard let floor else { return work.board.optima(blocks).map { ($0, blocks.count) } }
        return work.board.optima(blocks, over: floor)
    }
}

/// The blocks' optima as the lanes find them; none once any block failed to give one.
final class LagrangianBoard: @unchecked Sendable {
    private let lock = NSLock()
    private var found: [BlockOptimum?]
    private var failed = false
    private(set) var error: Error?

    init(count: Int) { found = Array(repeating: nil, count: count) }

    private var setCount = 0, givenUp = false
    /// Per block, its expected share of an evaluation's time (`BlockSolveTimes.weights`), and their
    /// sum over the blocks to solve and over those set.
    var weights: [Double] = [] { didSet { totalWeight = weights.reduce(0, +) } }
    private(set) var totalWeight = 0.0
    private var doneWeight = 0.0

    var hasFailed: Bool { lock.withLock { failed } }
    func set(_ b: Int, _ value: Double, _ point: [Double]) {
        lock.withLock {
            found[b] = BlockOptimum(value: value, point: point)
            setCount += 1
            if b < weights.count { doneWeight += weights[b] }
        }
    }

    /// Whether the blocks left would miss `limit` at the pace so far (`elapsed` for the weight
    /// set, of the whole weight), judged once at least `sample` blocks are set; once true, true
    /// for every lane.
    func givesUp(elapsed: Double, limit: Double, sample: Int) -> Bool {
        lock.withLock {
            if !givenUp, setCount >= sample, doneWeight > 0, elapsed * totalWeight / doneWeight > limit { givenUp = true }
            return givenUp
        }
    }
    func fail(_ error: Error? = nil) { lock.withLock { failed = true; if self.error == nil { self.error = error } } }
    /// Each block's optimum, or where it has none its `floor` (aligned with `blocks`); a block's
    /// point is the floor's when it stopped without one. With the number of blocks that had one.
    func optima(_ blocks: [Int], over floor: [BlockOptimum]) -> (optima: [BlockOptimum], solved: Int)? {
        lock.withLock {
            guard !failed else { return nil }
            var solved = 0
            let out = zip(blocks, floor).map { b, least -> BlockOptimum in
                guard let o = found[b] else { return least }
                solved += 1
                return BlockOptimum(value: max(o.value, least.value), point: o.point.isEmpty ? least.point : o.point)
            }
            return (out, solved)
        }
    }
    func optima(_ blocks: [Int]) -> [BlockOptimum]? {
        lock.withLock {
            guard !failed else { return nil }
            var out: [BlockOptimum] = []
            for b in blocks { guard let o = found[b] else { return nil }; out.append(o) }
            return out
        }
    }
}

/// One lane's share of an evaluation: it reads the model and writes only through the board.
private struct LagrangianWork: @unchecked Sendable {
    let model: LinearModel
    let shapes: [BlockShape]
    let costs: [Double]
    let solver: any LinearSolver
    let relaxation: (any BlockRelaxation)?
    let clock: BlockClock
    let timeLimit: Double?
    let times: BlockSolveTimes
    /// With a floor (`solveBlocks(_:_:costs:solver:lanes:floor:…)`), each block's weight
    /// (`BlockSolveTimes.weights`) and the lanes: blocks left unsolved keep the floor, so the time limit ends the work
    /// without failing it, and so does a pace at which the blocks would not all be solved by the
    /// limit (5× the region: 31 of 1 514 exact weeks in 10.5 s), which is then not spent for a
    /// handful. No block gets more than `slowBlockFactor` times its even share of the limit (its
    /// proven bound stands): one slow week cannot hold the others up.
    let floored: (weights: [Double], lanes: Int)?
    let isStopRequested: @Sendable () -> Bool
    let board: LagrangianBoard

    init(model: LinearModel, shapes: [BlockShape], costs: [Double], solver: any LinearSolver, relaxation: (any BlockRelaxation)?,
         clock: BlockClock, timeLimit: Double?, times: BlockSolveTimes, floored: (weights: [Double], lanes: Int)? = nil,
         isStopRequested: @escaping @Sendable () -> Bool) {
        self.model = model; self.shapes = shapes; self.costs = costs; self.solver = solver; self.relaxation = relaxation; self.clock = clock
        self.timeLimit = timeLimit; self.times = times; self.floored = floored; self.isStopRequested = isStopRequested
        board = LagrangianBoard(count: shapes.count)
        if let floored { board.weights = floored.weights }
    }

    /// Blocks solved before a floored evaluation judges its pace. The pace weighs each block by
    /// its last time, or by its size before it has one: the slowest come first, and counting
    /// blocks alone, the region's second exact round gave up after 5 of its 318 weeks at 0.6 s of
    /// its 5 s (its first took 1.5 s).
    static let paceSample = 4
    /// At most this many times its even share of the time for one block (see `floored`).
    static let slowBlockFactor = 10.0

    /// min Σ c_j x_j over the columns' bounds alone, and where; nil when unbounded below.
    static func bestAtBounds(_ columns: [Int], _ model: LinearModel, _ costs: [Double]) -> (Double, [Double])? {
        var total = 0.0, point: [Double] = []
        for j in columns {
            let integral = model.kinds[j] != .continuous
            let lower = integral ? model.lowerBounds[j].rounded(.up) : model.lowerBounds[j]
            let upper = integral ? model.upperBounds[j].rounded(.down) : model.upperBounds[j]
            let at = costs[j] > 0 ? lower : costs[j] < 0 ? upper : (lower.isFinite ? lower : upper.isFinite ? upper : 0)
            guard at.isFinite else { return nil }
            total += costs[j] * at; point.append(at)
        }
        return (total, point)
    }

    func run(_ queue: SharedQueue) {
        while let b = queue.pop() {
            guard !board.hasFailed, !isStopRequested() else { board.fail(); return }
            let left = timeLimit.map { $0 - clock.elapsed }
            if let left, left <= 0 {
                if floored == nil { board.fail() }
                return
            }
            if floored != nil, let timeLimit,
               board.givesUp(elapsed: clock.elapsed, limit: timeLimit, sample: Self.paceSample) { return }
            let shape = shapes[b]
            if let relaxed = relaxation?.relaxedOptimum(model, shape: shape, costs: costs) {
                board.set(b, relaxed.value, relaxed.point); continue
            }
            // A block without rows (an uncovered-demand variable alone) is at one of its bounds:
            // no solver needed.
            if shape.rows.isEmpty {
                guard let (value, point) = Self.bestAtBounds(shape.columns, model, costs) else { board.fail(); return }
                board.set(b, value, point); continue
            }
            let started = clock.elapsed
            let sub = BlockModel(model, shape: shape).model
            for (k, j) in shape.columns.enumerated() { sub.setObjectiveCoefficient(Variable(index: k), costs[j]) }
            var blockLimit = left
            if let floored, let timeLimit, let l = left, board.totalWeight > 0 {
                let share = timeLimit * Double(floored.lanes) * floored.weights[b] / board.totalWeight
                blockLimit = min(l, max(0.05, Self.slowBlockFactor * share))
            }
            var options = SolveOptions(timeLimitSeconds: blockLimit, relativeGap: 0, verbosity: .quiet)
            options.progress = nil
            options.gomoryCuts = false
            do {
                let r = try solver.solve(sub, options: options)
                times.record(b, clock.elapsed - started)
                if r.stopReason == .interrupted { board.fail(SolveInterrupted()); return }
                // Optimal: its objective; stopped early: the proven bound of its tree, still valid.
                guard let value = r.status == .optimal ? r.objective : r.bestBound else {
                    if floored != nil { continue }
                    board.fail(); return
                }
                board.set(b, value, r.hasSolution ? r.values : [])
            } catch {
                board.fail(error); return
            }
        }
    }
}

/// The blocks' solve times of the last evaluation, shared by its lanes.
final class BlockSolveTimes: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: [Double]

    init(count: Int) { seconds = Array(repeating: 0, count: count) }

    func record(_ b: Int, _ value: Double) { lock.withLock { seconds[b] = value } }

    /// Per block (indexed by block), its expected share of an evaluation's time: its last time
    /// (an untimed block, e.g. one without rows that needs no solver, the least time recorded),
    /// or its size when no listed block has a time yet; zero off `blocks`.
    func weights(_ blocks: [Int], sizes: [Int]) -> [Double] {
        let t = lock.withLock { seconds }
        let least = blocks.map { t[$0] }.filter { $0 > 0 }.min()
        var out = Array(repeating: 0.0, count: t.count)
        for b in blocks { out[b] = least.map { t[b] > 0 ? t[b] : $0 } ?? Double(sizes[b]) }
        return out
    }

    /// `blocks` by last time, slowest first; never-timed blocks (the first evaluation) by size.
    /// Ties by block index, so the order does not depend on thread timing beyond the times.
    func slowestFirst(_ blocks: [Int], sizes: [Int]) -> [Int] {
        let t = lock.withLock { seconds }
        return blocks.sorted { (-t[$0], -sizes[$0], $0) < (-t[$1], -sizes[$1], $1) }
    }
}
