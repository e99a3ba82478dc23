import Foundation

/// The best plan of a neighbourhood search that several lanes share: each lane reads it at the
/// start of a round and offers what the round found.
final class SharedIncumbent: @unchecked Sendable {
    private let lock = NSLock()
    private let model: LinearModel
    private var best: Incumbent
    /// Measures when a better plan came (`stalled`), from the start.
    private let clock = BlockClock()
    private var lastImprovement = 0.0

    init(_ model: LinearModel, _ start: Incumbent) {
        self.model = model; best = start
    }

    var incumbent: Incumbent { lock.withLock { best } }

    /// Whether, by `rule`, no lane has found a better plan for too long in a search of `budget` seconds.
    func stalled(_ rule: StallRule, budget: Double) -> Bool {
        let now = clock.elapsed
        return lock.withLock { rule.stalled(elapsed: now, lastImprovement: lastImprovement, budget: budget) }
    }

    /// Offers `point`, found by a round that started from `base`. When another lane has moved the
    /// plan since, the round's changes are applied to the new plan first (point − base added to
    /// it: equality rows stay satisfied, the objective falls by the round's gain; the merge is
    /// kept only when it is feasible and better), then `point` itself. Returns whether either was kept.
    func offer(_ point: [Double], around base: [Double]) -> Bool {
        lock.withLock {
            let before = best.objective
            if let current = best.values, current != base {
                var merged = current
                for j in current.indices where point[j] != base[j] { merged[j] = current[j] + (point[j] - base[j]) }
                best.offer(model, merged)
            }
            best.offer(model, point)
            if best.objective != before { lastImprovement = clock.elapsed }
            return best.objective != before
        }
    }
}

/// Neighbourhood search on several lanes around one shared plan: each lane has its own
/// `NeighbourhoodSearch` (its own seed, so its own neighbourhoods and size) and starts every
/// round from the best plan any lane has found. Added because price-and-branch's master MIP
/// searched on one core while the other idled (region week, 60 s: 22 s of the run).
enum ParallelNeighbourhoodSearch {
    /// `NeighbourhoodSearch.improve` on `lanes` lanes; the summary adds up the lanes' rounds and
    /// lists their logs in lane order.
    static func improve(_ best: inout Incumbent, model: LinearModel, graph: ColumnRows, lanes: Int, base: any LinearSolver,
                        options: SolveOptions, budgetSeconds: Double, roundSeconds: Double, initialSize: Int = 600,
                        isStopRequested: @escaping @Sendable () -> Bool,
                        isGoodEnough: @escaping @Sendable (Double) -> Bool, stall: StallRule? = nil) throws -> NeighbourhoodSearch.Summary {
        let shared = SharedIncumbent(model, best)
        let results = LaneSummaries(lanes: lanes)
        let work = LaneSearch(model: model, graph: graph, base: base, options: options, clock: BlockClock(), budgetSeconds: budgetSeconds,
                              roundSeconds: roundSeconds, initialSize: initialSize, isStopRequested: isStopRequested, isGoodEnough: isGoodEnough,
                              stall: stall, wholeModel: WholeModelLanes(lanes: lanes))
        base.lanes.run(lanes: lanes) { lane in
            do { results.set(lane, try work.run(lane: lane, shared)) } catch { results.fail(error) }
        }
        if let error = results.error { throw error }
        best = shared.incumbent
        var total = NeighbourhoodSearch.Summary()
        for (lane, s) in results.summaries.enumerated() {
            total.rounds += s.rounds; total.improvements += s.improvements; total.nodes += s.nodes
            total.stalled = total.stalled || s.stalled
            total.log += "--- lane \(lane + 1) of \(lanes) ---\n" + s.log
        }
        total.seconds = work.clock.elapsed
        total.log = "=== neighbourhood search on \(lanes) lanes: \(total.rounds) rounds, \(total.improvements) improving, "
            + String(format: "%.1f s", total.seconds) + (total.stalled ? ", stalled" : "")
            + ", objective \(best.objective.map { String(format: "%.2f", $0) } ?? "-") ===\n" + total.log
        return total
    }
}

/// Which lanes' neighbourhoods have grown to the whole model. A lane that gets there while
/// another still searches goes on with smaller neighbourhoods instead of idling until that one
/// ends (region, 20 s: a nurses' node's master MIP, 3 256 columns, had one lane stop after 0.4 s
/// of its 2.1 s); once every lane has, the search ends and branch-and-cut takes the whole model.
/// Region, 20 s, twenty alternating pairs: 18 of 20 runs within 0.1 % against 15, median 0.078 %
/// against 0.087 %, better in 15 (docs/performance.md, "Lanes that go on past the whole model").
final class WholeModelLanes: @unchecked Sendable {
    private let lock = NSLock()
    private var reached: Set<Int> = []
    private let lanes: Int

    init(lanes: Int) { self.lanes = lanes }

    /// Records that `lane` got there; whether every lane now has.
    func reach(_ lane: Int) -> Bool { lock.withLock { reached.insert(lane); return reached.count >= lanes } }
    var everyLaneReached: Bool { lock.withLock { reached.count >= lanes } }
}

/// Each lane's summary, and the first error any lane threw.
private final class LaneSummaries: @unchecked Sendable {
    private let lock = NSLock()
    private var byLane: [NeighbourhoodSearch.Summary]
    private var firstError: (any Error)?

    init(lanes: Int) { byLane = Array(repeating: NeighbourhoodSearch.Summary(), count: lanes) }

    func set(_ lane: Int, _ summary: NeighbourhoodSearch.Summary) { lock.withLock { byLane[lane] = summary } }
    func fail(_ error: any Error) { lock.withLock { if firstError == nil { firstError = error } } }
    var summaries: [NeighbourhoodSearch.Summary] { lock.withLock { byLane } }
    var error: (any Error)? { lock.withLock { firstError } }
}

/// What every lane of the search needs; read-only, so the lanes share it (the solver's lanes say
/// that its solves may run concurrently).
private struct LaneSearch: @unchecked Sendable {
    let model: LinearModel
    let graph: ColumnRows
    let base: any LinearSolver
    let options: SolveOptions
    let clock: BlockClock
    let budgetSeconds: Double
    let roundSeconds: Double
    let initialSize: Int
    let isStopRequested: @Sendable () -> Bool
    let isGoodEnough: @Sendable (Double) -> Bool
    let stall: StallRule?
    let wholeModel: WholeModelLanes

    func run(lane: Int, _ shared: SharedIncumbent) throws -> NeighbourhoodSearch.Summary {
        // Lane 0 keeps the single-lane seed, so one lane searches exactly as `improve` does.
        var search = NeighbourhoodSearch(model, graph: graph, seed: 0x5EED_F00D &+ UInt64(lane) &* 0x9E37_79B9_7F4A_7C15,
                                        initialSize: initialSize)
        return try search.improve(shared, base: base, options: options, budgetSeconds: budgetSeconds - clock.elapsed,
                                  roundSeconds: roundSeconds, isStopRequested: isStopRequested, isGoodEnough: isGoodEnough,
                                  stall: stall, wholeModel: (lane, wholeModel))
    }
}
