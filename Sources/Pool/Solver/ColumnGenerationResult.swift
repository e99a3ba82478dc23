import Foundation

extension ColumnGeneration {
    /// What `run` found.
    public struct Result {
        /// The best Lagrangian bound of the rounds (the master's LP optimum once converged).
        public var bound: Double?
        /// The master MIP's plan as a point of the whole model, when it found one.
        public var point: [Double]?
        public var rounds: Int
        public var columns: Int
        /// No block had a column to add, or the master LP equals the bound: `bound` is the
        /// Dantzig–Wolfe bound.
        public var converged: Bool
        /// A stop request reached one of its solves (the caller should remember it: `StopLatch`).
        public var interrupted = false
        public var seconds: Double
        public var masterMIPSeconds: Double
        /// The last master LP's duals (π per model row, zero off the relaxed rows).
        public var masterDuals: [Double]?
        /// The master MIP's log (its seeds, LP, RINS and search rounds).
        public var masterLog = ""
        /// One line per round: its bound, the columns it added and the master LP's optimum.
        public var roundLog = ""
        /// The rounds stopped with the master LP within `boundTolerance` of the bound.
        public var closeEnough = false
        /// Each independent group's best part of the bound (`BestGroupParts`; nil until every
        /// group had one) and the multipliers there: where a node of one group starts (`nodeRounds`).
        public var groupParts: [Double]?
        var bestMultipliers: [Double] = []
        /// The master as the rounds left it (its columns and last basis), kept when `keepColumns`
        /// is set: the nodes start from its columns, their first master LP from its basis.
        var master: MasterColumns?
    }
}
