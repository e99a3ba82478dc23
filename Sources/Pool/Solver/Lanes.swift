import Foundation

/// Runs a few independent pieces of work side by side, one thread each. `DecomposingSolver` uses
/// it to solve the blocks of a model on both cores; a solver says through `LinearSolver.lanes`
/// whether, and how, its solves may run concurrently.
public protocol LaneRunner: Sendable {
    /// Calls `body(lane)` once for every lane in `0..<lanes` and returns when all have returned.
    func run(lanes: Int, _ body: @Sendable (Int) -> Void)
}

/// One lane after the other on the calling thread: for solvers that cannot run concurrently.
public struct SequentialLanes: LaneRunner {
    public init() {}
    public func run(lanes: Int, _ body: @Sendable (Int) -> Void) {
        for lane in 0..<lanes { body(lane) }
    }
}

extension LinearSolver {
    public var lanes: any LaneRunner { SequentialLanes() }
}

/// Splits items of the given sizes into `count` lanes of near-equal total size: largest first,
/// each to the lane with the least so far (the LPT rule; ties to the lower lane). Each lane lists
/// its items smallest first, the order `DecomposingSolver` solves them in. Deterministic.
public func balancedLanes(sizes: [Int], count: Int) -> [[Int]] {
    let count = max(1, min(count, sizes.count))
    var lanes = Array(repeating: [Int](), count: count), load = Array(repeating: 0, count: count)
    for item in sizes.indices.sorted(by: { (-sizes[$0], $0) < (-sizes[$1], $1) }) {
        let lane = load.indices.min { (load[$0], $0) < (load[$1], $1) } ?? 0
        lanes[lane].append(item); load[lane] += sizes[item]
    }
    return lanes.map { $0.sorted { (sizes[$0], $0) < (sizes[$1], $1) } }
}

/// Items handed out one at a time to whichever lane asks first: lanes that draw quick items take
/// more of them, so no lane idles while another works through a static share. (Lagrangian
/// pricing on the region week: one clinician's week took 0.3 s while the median took 1 ms, and
/// the static split by size left one lane waiting for a third of each round.)
final class SharedQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let items: [Int]
    private var next = 0

    init(_ items: [Int]) { self.items = items }

    func pop() -> Int? {
        lock.withLock {
            guard next < items.count else { return nil }
            defer { next += 1 }
            return items[next]
        }
    }
}
