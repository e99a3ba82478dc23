import Foundation

extension EquityBranching {
    /// Where the second split cuts a group's weakest node.
    enum ResplitPoint: Equatable {
        /// Around the best plan's level, inside the node.
        case bestPlan(Double)
        /// Around the level of the plan the node itself gave, inside it, when the best plan's level
        /// is outside (another node's plan was cheaper).
        case nodePlan(Double)
        /// The open node above the level, where the equity alone costs the gap to the best plan's part.
        case open
    }

    /// The parts the second split cuts the weakest node `node` of a group into, and why there:
    /// around the best plan's level when it lies inside the node; else around the level of the
    /// node's own plan (`nodePlanLevel`); else, for the open node above, `open()`. Nil: none of
    /// them splits it. Before the last two, a weakest node that did not hold the best plan stayed
    /// whole and set its group's part: region, 20 s, 2 of 20 runs, the nurses' part stopped at
    /// 32 913–32 915 € where a split gave 32 960–32 968 € (docs/performance.md, "The weakest node
    /// split without the best plan inside").
    static func resplit(_ levels: EquityLevels, node: EquityLevels.Interval, bestLevel: Double, nodePlanLevel: Double?,
                        open: () -> [EquityLevels.Interval]?) -> (parts: [EquityLevels.Interval], point: ResplitPoint)? {
        if let parts = levels.intervals(around: bestLevel, within: node) { return (parts, .bestPlan(bestLevel)) }
        if let level = nodePlanLevel, let parts = levels.intervals(around: level, within: node) { return (parts, .nodePlan(level)) }
        if node.hi == nil, let parts = open() { return (parts, .open) }
        return nil
    }
}
