/// When a search that improves one plan round after round has stalled and should hand its time
/// on: no better plan for `minimumSeconds`, nor for `factor` times as long as the search took to
/// find its last one (a search that needed a second to improve gets another second), nor for
/// `budgetShare` of its budget. The last: on 2× the region (120 s) the nurses' node's search
/// found better plans 2–6 s apart for 25 s, and with the first two alone it stopped after 4.7 s
/// at 59 320 € where it would have reached 56 000 €.
/// Added for the equity branching's nodes' plans, whose master MIPs have a fixed share of time:
/// the nurses' node reached its plan in 0.1–1.1 s and spent the other 1–2.5 s of its share on
/// nothing, the GPs' node spent 1.1–1.6 s of its old master without a better plan before its
/// presence master found one in 0.1–0.2 s (region, 20 s; docs/performance.md, "Node plans that
/// stop when they stall").
public struct StallRule: Sendable, Equatable {
    public var minimumSeconds: Double
    public var factor: Double
    public var budgetShare: Double

    public init(minimumSeconds: Double, factor: Double, budgetShare: Double = 0) {
        self.minimumSeconds = minimumSeconds; self.factor = factor; self.budgetShare = budgetShare
    }

    /// Whether a search of `budget` seconds, `elapsed` seconds in, whose last better plan came at
    /// `lastImprovement` (0: none yet), has stalled.
    public func stalled(elapsed: Double, lastImprovement: Double, budget: Double) -> Bool {
        elapsed - lastImprovement >= max(minimumSeconds, factor * lastImprovement, budgetShare * budget)
    }

    /// Branch-and-cut's seconds after a search of `searchBudget` seconds that reached the whole
    /// model without stalling: as long as the rule waits for a better plan at the least.
    public func treeSeconds(searchBudget: Double) -> Double {
        max(minimumSeconds, budgetShare * searchBudget)
    }
}
