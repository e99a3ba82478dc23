import Foundation

// The rounds' stopping rules and pricing helpers of `ColumnGeneration`, apart from its loop.
extension ColumnGeneration {
    /// Whether the master LP's optima (one per round) improved by at most `tolerance` (a share)
    /// over the last `rounds` rounds, all of them after round `since` (the last exact one).
    static func stalled(_ objectives: [Double], since: Int, rounds: Int, tolerance: Double) -> Bool {
        let n = objectives.count
        guard rounds > 0, n - since > rounds, let last = objectives.last else { return false }
        return objectives[n - 1 - rounds] - last <= tolerance * abs(last)
    }

    /// Whether the master LP fell from `previous` to `objective` by at least `share` of it.
    static func fellSteeply(_ previous: Double?, _ objective: Double, share: Double) -> Bool {
        guard let previous else { return false }
        return previous - objective >= share * abs(previous)
    }

    /// The `most` cheapest of `points` (block-local, over `columns`) under `costs`; ties keep their order.
    static func cheapest(_ points: [[Double]], of columns: [Int], costs: [Double], most: Int) -> [[Double]] {
        let priced = points.enumerated().map { k, p in (cost: zip(columns, p).reduce(0) { $0 + costs[$1.0] * $1.1 }, k: k) }
        return priced.sorted { ($0.cost, $0.k) < ($1.cost, $1.k) }.prefix(max(0, most)).map { points[$0.k] }
    }

    /// c − πA over the relaxed rows, and the constant Σ π b (π clamped to its sign).
    static func pricedCosts(_ model: LinearModel, _ rows: [Int], _ pi: [Double]) -> (costs: [Double], constant: Double) {
        var costs = model.objectiveCoefficients
        var constant = model.objectiveConstant
        for r in rows {
            let p = LagrangianBound.clamped(pi[r], model.senses[r])
            guard p != 0 else { continue }
            constant += p * model.rightHandSides[r]
            for k in model.rowStart[r]..<model.rowStart[r + 1] { costs[Int(model.entryColumns[k])] -= p * model.entryValues[k] }
        }
        return (costs, constant)
    }

    /// One round's block optima under `costs`, by `pricer`. An exact round after relaxed ones
    /// (`pricer` without the relaxation that `relaxation` has) stands, under a time limit, on the
    /// relaxation's optima at the same prices: cut off by the limit, or given up when its pace says
    /// it cannot finish, its unsolved blocks keep them and the round still counts (5× the region,
    /// 120 s: an exact round ran 8–17 s into the limit and its solved blocks were lost with it; now
    /// it gives up after 20 of 1 514 in about 1 s). `exactBlocks` says how far such a round got
    /// when it did not solve every block. Nil when the blocks could not be bounded in time.
    static func priceBlocks(_ blocks: [Int], _ model: LinearModel, costs: [Double], pricer: LagrangianBound,
                            relaxation: LagrangianBound, solver: any LinearSolver, lanes: Int, timeLimitSeconds: Double?,
                            isStopRequested: @escaping @Sendable () -> Bool) throws
        -> (optima: [BlockOptimum], exactBlocks: (solved: Int, of: Int)?)? {
        let clock = BlockClock()
        guard pricer.blockRelaxation == nil, relaxation.blockRelaxation != nil, let timeLimitSeconds else {
            return try pricer.solveBlocks(blocks, model, costs: costs, solver: solver, lanes: lanes,
                                          timeLimitSeconds: timeLimitSeconds, isStopRequested: isStopRequested).map { ($0, nil) }
        }
        guard let floor = try relaxation.solveBlocks(blocks, model, costs: costs, solver: solver, lanes: lanes,
                                                     timeLimitSeconds: timeLimitSeconds, isStopRequested: isStopRequested),
              let exact = try pricer.solveBlocks(blocks, model, costs: costs, solver: solver, lanes: lanes, floor: floor,
                                                 timeLimitSeconds: timeLimitSeconds - clock.elapsed, isStopRequested: isStopRequested)
        else { return nil }
        return (exact.optima, exact.solved < floor.count ? (exact.solved, floor.count) : nil)
    }
}
