import Foundation

/// The rounds of one node of a group (`ColumnGeneration.nodeRounds`): its master over the root's
/// columns and the node's rows, priced at smoothed duals like the root's rounds, but only the
/// group's blocks. It can stop at a time limit and go on later where it stopped
/// (`EquityBranching`: a second pass gives the nodes cut short the time the others left).
struct NodeRounds {
    /// The rounds stop once the master LP is within this share of the node's part.
    static let tolerance = 2e-5

    let model: LinearModel
    let relaxation: LagrangianBound
    /// The group's relaxed rows.
    let rows: [Int]
    let priced: [Int]
    let kept: [Int]
    let constant: Double
    let cutoff: Double?
    let smoothing: Double
    var master: MasterColumns
    var center: [Double]
    private var pricer: LagrangianBound
    private var alpha: Double
    private var best = -Double.infinity
    private var objectives: [Double] = []
    private var lp: MasterColumns.LPSolution?
    /// The part of the node this one was split from (nil: none). The parent's region holds this
    /// node's, so its part bounds this node's too, and a split with too little time for rounds
    /// must not lower the group's bound: in the region's 20 s runs, 3 of 529 splits gave a part
    /// 0.3–27 € under their parent's, and a split tried under the level with 0.2 s per part
    /// (0 rounds) parts of 32 885 € and 32 897 € from a parent's 32 912 €.
    var inheritedPart: Double?
    /// Master LPs up to the last exact round; whether an exact round did not finish in its time.
    private var lastExact = 0, exactUnaffordable = false
    private var result = NodeBound(part: -.infinity)
    /// Converged, pruned, or within the tolerance (or failed): more time would not raise the part.
    private(set) var finished = false

    init(model: LinearModel, relaxation: LagrangianBound, rows: [Int], priced: [Int], kept: [Int], constant: Double,
         cutoff: Double?, smoothing: Double, master: MasterColumns, center: [Double], start: Double?) {
        self.model = model; self.relaxation = relaxation; self.rows = rows; self.priced = priced; self.kept = kept
        self.constant = constant; self.cutoff = cutoff; self.smoothing = smoothing; self.master = master; self.center = center
        pricer = relaxation; alpha = smoothing
        best = start ?? -.infinity
    }

    /// The node's part so far, at least the inherited one (nil before its first round without one).
    var bound: NodeBound? {
        let part = max(best - constant, inheritedPart ?? -.infinity)
        guard part > -.infinity else { return nil }
        var b = result
        b.part = part
        return b
    }

    /// Its master LP's last worst share of the group (`worst`, the column of worst(g)); nil before
    /// its first master LP. For the log: far under the node's upper level, the master covers
    /// fractions of shifts to stay there.
    func masterWorstShare(_ worst: Int) -> Double? {
        lp.flatMap { worst < $0.point.count ? $0.point[worst] : nil }
    }

    /// Rounds until the node is finished, `timeLimitSeconds` have passed or a stop is requested.
    mutating func run(timeLimitSeconds: Double?, solver: any LinearSolver, lanes: Int,
                      isStopRequested: @escaping @Sendable () -> Bool) throws {
        let clock = BlockClock()
        defer { result.seconds += clock.elapsed }
        func left() -> Double? { timeLimitSeconds.map { $0 - clock.elapsed } }
        while !finished, left().map({ $0 > 0 }) ?? true, !isStopRequested() {
            if lp == nil {
                let lpStart = clock.elapsed
                defer { result.masterSeconds += clock.elapsed - lpStart }
                guard let solved = try master.solveLP(solver, timeLimit: left()) else { finished = left().map { $0 > 0.05 } ?? true; return }
                lp = solved
                objectives.append(solved.objective)
                result.masterPart = solved.objective - constant
            }
            guard let m = lp else { return }
            // The first round at the root's best multipliers: the node's part starts at least at
            // the root's. (Smoothed with the node master's first duals, which its slacks' penalty
            // inflates, the region's nurses' first part was 239 000 € under the root's.)
            var price = center
            if result.rounds > 0 { for r in rows { price[r] = alpha * center[r] + (1 - alpha) * m.relaxedDuals[r] } }
            let (costs, constant) = ColumnGeneration.pricedCosts(model, rows, price)
            guard let (optima, partial) = try ColumnGeneration.priceBlocks(priced + kept, model, costs: costs, pricer: pricer,
                                                                           relaxation: relaxation, solver: solver, lanes: lanes,
                                                                           timeLimitSeconds: left(), isStopRequested: isStopRequested)
            else { return }
            result.rounds += 1
            let exact = pricer.blockRelaxation == nil && partial == nil
            if exact { result.exactRounds += 1 }
            // An exact round given up for its pace (region, the GPs' node: 5 of 76 weeks in 0.6 s,
            // again and again) will not fit: the node stays with the relaxation's prices.
            if pricer.blockRelaxation == nil, partial != nil { exactUnaffordable = true }
            if pricer.blockRelaxation == nil { lastExact = objectives.count }
            let value = constant + optima.reduce(0) { $0 + $1.value }
            if value > best { best = value; center = price }
            if let cutoff, best >= cutoff { result.pruned = true; finished = true; return }
            if m.objective - best <= Self.tolerance * max(1, abs(m.objective - self.constant)) { finished = true; return }
            let (reduced, _) = ColumnGeneration.pricedCosts(model, rows, m.relaxedDuals)
            let added = master.addPricedOut(optima.prefix(priced.count), reducedCosts: reduced, convexityDuals: m.convexityDuals)
            if added == 0 {
                // Nothing at the smoothed prices: the master's own next; nothing there, exactly
                // priced, proves the master LP's optimum the node's bound.
                if alpha > 0 { alpha = 0; continue }
                if pricer.blockRelaxation != nil, !exactUnaffordable { pricer.blockRelaxation = nil; continue }
                if exact { result.converged = true; best = max(best, m.objective) }
                finished = true
                return
            }
            alpha = smoothing
            lp = nil
            // Priced by the relaxation, the bound stays under the master LP even when no column is
            // missing: once the master LP stalls, a round priced exactly.
            let stalled = ColumnGeneration.stalled(objectives, since: lastExact, rounds: 3, tolerance: Self.tolerance)
            pricer.blockRelaxation = stalled && !exactUnaffordable ? nil : relaxation.blockRelaxation
            // Stalled with exact rounds out of reach: more rounds would not raise the part.
            if stalled, exactUnaffordable { finished = true; return }
        }
    }
}
