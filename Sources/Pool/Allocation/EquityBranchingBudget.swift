import Foundation

/// How the equity branching (`EquityBranching.run`) shares its time: what it keeps back from
/// price-and-branch, what the nodes' plans and the splits get, and which nodes give plans.
/// Apart from the branching itself so the tuned figures and their measurements sit together.
extension EquityBranching {
    /// The nodes' plans (`NodeRounds.plan`) get this share of the time after the LP on top of the
    /// branching's (without a time limit, `planSecondsUnlimited` each), kept back from
    /// price-and-branch. Region, 20 s: gaps 0.156–0.386 % (median 0.245 %, fifteen runs) against
    /// 0.192–0.658 % (0.343 %, eighteen) without (docs/performance.md, "Plans from the nodes");
    /// since the plans no longer come from nodes open above the level, 0.2 against 0.1 over 36
    /// alternating pairs: median 0.098 % against 0.142 %, the plan better in 31 (the GPs' node's
    /// master MIP, whose plan improves with time); 0.3 no better ("More time for the nodes' plans").
    static let planShare = 0.2
    static let planSecondsUnlimited = 1.0
    /// The second split (after the plans, a group's weakest node split around the best plan's
    /// level where it lies inside it) gets this share of the time after the LP, taken from the
    /// search after the branching (no limit without a time limit).
    static let resplitShare = 0.1
    /// The second split's seconds: `seconds` (nil: no limit), but at most half of `sharedLeft`, what
    /// the branching leaves for the search (nil: no limit). Where price-and-branch ended early, the
    /// nodes' plans had its time and the second split took all the search's (region, 20 s: the
    /// solve ended 1.1 s over its limit).
    static func resplitTime(_ seconds: Double?, sharedLeft: Double?) -> Double? {
        seconds.map { min($0, max(0, (sharedLeft ?? .infinity) / 2)) }
    }
    /// Plans only from nodes whose gain (the plan's part less the node's) is at least this share
    /// of their group's largest: a node under the level that gains a little while the one at the
    /// level gains much seldom gives the better plan.
    static let minimumGainShare = 0.25
    /// ... and whose gain per column of their group is at least this share of the largest: a
    /// small group's plan takes little time (its share of the plans' time follows its columns).
    /// Not 0.1: the gains are against the plan branched around, and where the GPs' part of it was
    /// 4 300–5 100 € over their node's, the psychologists' 29 € (2 521 columns; 0.05–0.07 of the
    /// GPs' gain per column) got no plan, in 2 of 34 region runs at 20 s, two of its four over 0.1 %.
    /// With 0.02, sixteen pairs: left out once against three times (there the plans' time was
    /// gone), median gap 0.093 % against 0.092 %, the largest 0.123 % against 0.228 %.
    static let minimumGainPerColumnShare = 0.02
    /// A split the branching's time has no room for takes this share of the plans' time,
    /// once: the split node's first part gets caps and its bound rises (region, 20 s: the nurses'
    /// weakest node from 32 838 € to 32 952–32 961 €). With the open node's plans left out (see
    /// `promising`), region runs at 20 s gave 0.065–0.124 % (median 0.097 %, 24 runs) against
    /// 0.085–0.516 % (0.114 %) alternating, and in a slower hour 0.065–0.163 % (0.120 %, ten)
    /// against 0.076–0.235 % (0.135 %) (docs/performance.md, "Splits on the plans' time").
    static let splitBorrowShare = 0.3

    /// The time a split gets when `left` seconds of the branching's are left: those while over
    /// `minimum`; else `splitBorrowShare` of `planSeconds`, unless `alreadyBorrowed` or too little
    /// (nil: no split). `borrowed` comes off the plans' time.
    static func splitTime(left: Double, planSeconds: Double?, alreadyBorrowed: Bool, minimum: Double = 0.1)
        -> (rounds: Double, borrowed: Double)? {
        if left > minimum { return (left, 0) }
        let want = (planSeconds ?? 0) * splitBorrowShare
        return !alreadyBorrowed && want > minimum ? (want, want) : nil
    }

    /// The nodes that give plans, in two rounds, each by gain (the plan's part less the node's),
    /// the most first. The first: each group's node with the most to gain, in groups whose gain
    /// per column is within `minimumGainPerColumnShare` of the largest; these share the plans'
    /// time. The second (`later`): the other nodes within `minimumGainShare` of their group's
    /// largest gain, and the groups the first round's cut left out, on the time the first leaves.
    /// A node open above the level (no upper end: `hi` nil) gives none: without caps its master
    /// covers fractions again, and in twelve region runs at 20 s the nurses' open node gave the
    /// group's best plan twice (33 149 € and 33 211 €, no other node's plan ran) and otherwise
    /// 33 067–35 469 € against 33 050–33 086 € from the others; its time goes to the others.
    /// `groupMost`: the largest gain in the node's group, against which a plan from a sibling is
    /// measured (`run`).
    /// With one gain share over all groups (0.25 of the largest), the psychologists' node (2 521
    /// columns, 29–134 € to gain) never gave a plan on the region, nor the GPs' (23 765 columns,
    /// 350 €) where the nurses' nodes had 1 711 € to gain. With a group's second node in the same
    /// round, the GPs' two nodes split their share (0.8 s of master MIP at the level, 0.4–0.5 s
    /// under it; the node at the level needs 1.1 s for a plan within 150 € of its optimum), and where the psychologists had 3 571 € to gain,
    /// no GP or nurse node gave a plan and the plans' time went unused (docs/performance.md,
    /// "Where the region's gap lies at 20 s").
    static func promising(_ nodes: [(k: Int, n: Int, interval: EquityLevels.Interval, part: Double, planPart: Double, columns: Int)])
        -> [(k: Int, n: Int, gain: Double, groupMost: Double, columns: Int, later: Bool)] {
        let open = nodes.filter { $0.interval.hi != nil && $0.part < $0.planPart - 1e-6 }
            .map { (k: $0.k, n: $0.n, gain: $0.planPart - $0.part, columns: max(1, $0.columns)) }
        var groupMost: [Int: Double] = [:]
        for node in open { groupMost[node.k] = max(groupMost[node.k] ?? 0, node.gain) }
        let mostPerColumn = open.map { $0.gain / Double($0.columns) }.max() ?? 0
        // By gain, not small groups first (whose plans finish in 0.01–0.1 s and would leave the
        // rest to the large ones): that was no better (region, 20 s, 12 pairs: median 0.096 %
        // against 0.093 %, the gap better in 4).
        let byGain = open.filter { $0.gain >= (groupMost[$0.k] ?? 0) * minimumGainShare }
            .sorted { ($0.gain, $1.k, $1.n) > ($1.gain, $0.k, $0.n) }
        var first = Set<Int>(), chosen: [(k: Int, n: Int, gain: Double, groupMost: Double, columns: Int, later: Bool)] = []
        for node in byGain where node.gain / Double(node.columns) >= mostPerColumn * minimumGainPerColumnShare && first.insert(node.k).inserted {
            chosen.append((node.k, node.n, node.gain, groupMost[node.k] ?? 0, node.columns, false))
        }
        for node in byGain where !chosen.contains(where: { $0.k == node.k && $0.n == node.n }) {
            chosen.append((node.k, node.n, node.gain, groupMost[node.k] ?? 0, node.columns, true))
        }
        return chosen
    }

    /// Seconds kept back for the branching out of `remaining`: none without an equity term to
    /// branch on or without price-and-branch, whose columns the nodes start from, nor where three
    /// exact pricing rounds of the whole model (`Allocator.exactRoundSeconds`) would not fit in it:
    /// each node prices its group exactly a few times, and on 5× the region or the national week,
    /// whose rounds do not converge in their time, the search needs the time more. `plans`: the
    /// nodes' plans' on top (`planShare`), none without rounds; `resplit`: the second split's
    /// (`resplitShare`), which the search gives up (not kept back from price-and-branch).
    static func reserve(_ model: AllocationModel, _ options: AllocationSolveOptions, lanes: Int,
                        remaining: Double?) -> (rounds: Double, plans: Double, resplit: Double) {
        guard let remaining, options.equityBranchingShare > 0, options.lagrangianBound, options.columnGenerationShare > 0 else { return (0, 0, 0) }
        let reserve = remaining * options.equityBranchingShare
        let exactRound = Allocator.exactRoundSeconds(integerColumns: model.size.integerVariables, lanes: lanes)
        // Checked last: it reads every row.
        return 3 * exactRound <= reserve && !EquityLevels.all(model).isEmpty
            ? (reserve, remaining * planShare, remaining * resplitShare) : (0, 0, 0)
    }
}
