import Foundation

/// The weeks the subgradient ascent's DP chose, kept as columns for price-and-branch: each
/// evaluation gives every clinician a week that is best at that step's multipliers, and near the
/// end of the ascent those are the weeks the master needs (Lagrangian warm start of column
/// generation). Without them the 5× week's master started from the seeds alone and its LP, far
/// above the bound, gave duals that priced poor weeks (docs/performance.md).
///
/// Shared by the ascent's lanes; each clinician's weeks are recorded in evaluation order (an
/// evaluation finishes before the next starts), so what is kept does not depend on the lanes.
final class WeekCollector: @unchecked Sendable {
    private let lock = NSLock()
    /// Per clinician, distinct weeks as sorted item lists (indices into `WeekRelaxation.Week`).
    private var weeks: [[[Int]]]
    private var seen: [Set<[Int]>]

    init(clinicians: Int) {
        weeks = Array(repeating: [], count: clinicians)
        seen = Array(repeating: [], count: clinicians)
    }

    func record(clinician c: Int, items: [Int]) {
        guard !items.isEmpty else { return }  // the idle week is a seed already
        let key = items.sorted()
        lock.withLock {
            if seen[c].insert(key).inserted { weeks[c].append(key) }
        }
    }

    /// The distinct weeks recorded for clinician `c`, in the order first seen.
    func weeks(of c: Int) -> [[Int]] { lock.withLock { weeks[c] } }

    var count: Int { lock.withLock { weeks.reduce(0) { $0 + $1.count } } }
}

extension WeekRelaxation {
    /// Up to `most` of the recorded weeks of the clinician whose block this is, as block points
    /// (`blockPoint`), the cheapest first by their candidates' `costs` (the trips, nights and
    /// overtime a week adds are left out of that order: converting every recorded week of the 5×
    /// week, 37 117, took 9 s). Weeks that break a row of the block (the ascent's DP rounds hours
    /// down and drops rest with travel) are left out.
    func collectedColumns(_ model: LinearModel, shape: BlockShape, from collector: WeekCollector, costs: [Double], most: Int) -> [[Double]] {
        guard most > 0, let first = shape.columns.first, owner[first] >= 0 else { return [] }
        let c = Int(owner[first]), w = weeks[c]
        let recorded = collector.weeks(of: c).enumerated().map { k, items in
            (cost: items.reduce(0) { $0 + costs[w.columns[$1]] }, k: k, items: items)
        }
        var points: [[Double]] = []
        for week in recorded.sorted(by: { ($0.cost, $0.k) < ($1.cost, $1.k) }) where points.count < most {
            if let p = blockPoint(model, w, clinician: c, items: week.items, shape: shape) { points.append(p) }
        }
        return points
    }
}
