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
}
