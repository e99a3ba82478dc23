import Foundation

/// Step 5 of the solve pipeline (docs/allocation-model.md): after price-and-branch, one level of
/// branching on each profession group's equity level (`EquityLevels.intervals`) around the best
/// plan's so far, each node re-converged from price-and-branch's columns
/// (`ColumnGeneration.nodeRounds`). It raises the bound, and the nodes with the most to gain give
/// plans (`NodeRounds.plan`) whose group parts replace the best plan's where cheaper; the search
/// then goes on from it. After the plans, a group whose best plan lies inside its weakest node has
/// that node split around the best plan's level (with the open node above, when it is the next
/// weakest), the parts starting from the node's columns (`resplitShare`). keski-pohjanmaa: the Dantzig–Wolfe parts from 1.04 % to 0.14 % under the optimum in 1 s; the
/// region: +330–440 € (docs/performance.md, "Equity branching").
struct EquityBranching {
    /// The raised bound (nil: no group gained).
    var bound: Double?
    /// A plan cheaper than the one branched around, groups' parts taken from the nodes' plans
    /// (`NodeRounds.plan`); nil: none was cheaper.
    var plan: [Double]?
    var log = ""
    var interrupted = false

    /// Penalty per unit of a node row's slack: far above what a unit of share or a shift is worth
    /// (any penalty keeps the bound valid; a low one weakens it).
    static let penalty = 1e6

    /// See `AllocationSolveOptions.equityBranchingShare`.
    static let defaultShare = 0.25

    /// `timeLimit`: the nodes' rounds' seconds; `planSeconds`: the nodes' plans'; `resplitSeconds`:
    /// the second split's (`resplitShare`); each nil without a time limit. `sharedSeconds`: what is
    /// left for the branching and the search after it together (nil: no limit).
    static func run(_ model: AllocationModel, generation: ColumnGeneration, root rootResult: ColumnGeneration.Result, plan: [Double],
                    solver: any LinearSolver, lanes: Int, timeLimit: Double?, planSeconds: Double?, resplitSeconds: Double?,
                    sharedSeconds: Double? = nil, stop: @escaping @Sendable () -> Bool) throws -> EquityBranching {
        var outcome = EquityBranching()
        let m = model.model, clock = BlockClock()
        // A split may take some of the plans' time (`splitTime`): both can change.
        var timeLimit = timeLimit, planSeconds = planSeconds, borrowed = false
        guard let rootParts = rootResult.groupParts, (rootResult.master?.count ?? 0) > 0 else {
            outcome.log = "no branching: price-and-branch left no bound per group\n"
            return outcome
        }
        let groups = IndependentGroups(m, generation.relaxation)
        // The nodes' weeks priced by the DP between exact rounds, also after the LP relaxation, whose
        // price-and-branch prices exactly (region, 120 s: 7-9 exact rounds in 4.9 s per node of
        // the nurses and GPs, no time left to split).
        let pricing: any BlockRelaxation = generation.relaxation.blockRelaxation ?? {
            var weeks = WeekRelaxation(model, lanes: lanes)
            weeks.feasibleColumns = true
            return weeks
        }()
        // Per group: its intervals of levels around the plan's level, and the plan's own part (the
        // cutoff: a node whose part reaches it cannot hold a cheaper part).
        var work: [(group: Int, name: String, levels: EquityLevels, intervals: [EquityLevels.Interval], planPart: Double)] = []
        for (name, levels) in EquityLevels.all(model) {
            guard let intervals = levels.intervals(around: levels.level(of: plan)),
                  let g = generation.group(ofColumn: levels.worst, groups: groups), g < rootParts.count else { continue }
            work.append((g, name, levels, intervals, generation.groupPart(m, plan: plan, group: g, groups: groups)))
        }
        // The smallest groups first: their nodes end early (pruned, or converged), and each node's
        // time is an equal share of what is left, so the largest groups get what the small ones left.
        work.sort { (groups.columns[$0.group], $0.group) < (groups.columns[$1.group], $1.group) }
        // Per group, in the order of its intervals: each node's part so far (nil: no bound), and its
        // rounds (each holds a copy of the model; a node that may hold a cheaper part than the plan's
        // is kept to the end, for its plan).
        var found: [[NodeBound?]] = work.map { _ in [] }, live: [[NodeRounds?]] = work.map { _ in [] }
        /// Runs node n of group k (a new one when it has none yet, `inheriting` the part of the node it
        /// was split from) for `left` seconds.
        func evaluate(_ k: Int, _ n: Int, left: Double?, inheriting: Double? = nil, from parent: NodeRounds? = nil) throws {
            let node = work[k].levels.node(work[k].intervals[n], name: work[k].name)
            if n >= found[k].count {
                found[k].append(nil)
                var rounds = generation.nodeRounds(m, node: node, root: rootResult, groups: groups, penalty: penalty,
                                                   cutoff: m.objectiveConstant + work[k].planPart, solver: solver, pricing: pricing,
                                                   parent: parent)
                rounds?.inheritedPart = inheriting
                live[k].append(rounds)
            }
            try live[k][n]?.run(timeLimitSeconds: left, solver: solver, lanes: lanes, isStopRequested: stop)
            if let bound = live[k][n]?.bound { found[k][n] = bound }
            // A part without rounds of its own (none could be set up) still has its parent's.
            if found[k][n] == nil, let inheriting { found[k][n] = NodeBound(part: inheriting) }
            // A finished node that cannot hold a cheaper part gives no plan: its copy of the model goes.
            if live[k][n]?.finished != false, found[k][n].map({ $0.pruned || $0.part >= work[k].planPart - 1e-6 }) ?? true {
                live[k][n] = nil
            }
            let worst = live[k][n]?.masterWorstShare(work[k].levels.worst).map { ", worst share " + EquityLevels.percent($0) + " in its master LP" } ?? ""
            outcome.log += found[k][n].map {
                String(format: "  %@: %.2f € (%+.2f), %d rounds (%d exact)%@ in %.2f s (master LPs %.2f s%@%@)\n", node.name, $0.part,
                       $0.part - rootParts[work[k].group], $0.rounds, $0.exactRounds,
                       $0.pruned ? ", pruned" : $0.converged ? ", converged" : "", $0.seconds, $0.masterSeconds,
                       $0.masterPart.map { String(format: ", the last %.2f €", $0) } ?? "", worst)
            } ?? "  \(node.name): no bound\n"
        }
        /// Group k's node with the least part (leaving out node `excluded`); nil while a node has none.
        func weakest(_ k: Int, excluding excluded: Int? = nil) -> Int? {
            guard found[k].count == work[k].intervals.count, !found[k].contains(where: { $0 == nil }) else { return nil }
            return found[k].indices.filter { $0 != excluded }.min { (found[k][$0]?.part ?? 0, $0) < (found[k][$1]?.part ?? 0, $1) }
        }
        /// Group k's node n, when it is the open one above the level, split where the equity alone
        /// would cost `gain` more than at its lower end (`EquityLevels.split`); nil otherwise, or
        /// when the split would give the node itself.
        func openSplit(_ k: Int, _ n: Int, gain: Double) -> [EquityLevels.Interval]? {
            guard work[k].intervals[n].hi == nil, let lo = work[k].intervals[n].lo,
                  let parts = work[k].levels.split(from: lo, gain: gain, costPerShare: m.objectiveCoefficients[work[k].levels.worst]),
                  parts.first != work[k].intervals[n] else { return nil }
            return parts
        }
        /// Splits group k's weakest node when it is the open one above the plan's level (its equity
        /// costs little more than the plan's, and without caps the master covers fractions again;
        /// region, nurses around 40 %: +15 € there against +177 € and +191 € below and at the level)
        /// where the equity alone would cost as much more as the node at the level gained; false
        /// when it is not, or no time is left.
        func split(_ k: Int) throws -> Bool {
            guard let n = weakest(k), let at = found[k][0]?.part, let weak = found[k][n]?.part,
                  let parts = openSplit(k, n, gain: at - weak), !stop()
            else { return false }
            if let limit = timeLimit {
                guard let time = Self.splitTime(left: limit - clock.elapsed, planSeconds: planSeconds, alreadyBorrowed: borrowed)
                else { return false }
                if time.borrowed > 0 {
                    borrowed = true
                    timeLimit = clock.elapsed + time.rounds
                    planSeconds = planSeconds.map { max(0, $0 - time.borrowed) }
                    outcome.log += String(format: "  %.2f s from the plans' time for a split:\n", time.borrowed)
                }
            }
            outcome.log += "  the weakest node, above the level, split:\n"
            // The split node leaves (the node at the plan's level stays first); its parts come last,
            // each starting from its part (`NodeRounds.inheritedPart`).
            let parent = found[k][n]?.part
            work[k].intervals.remove(at: n); found[k].remove(at: n); live[k].remove(at: n)
            let later = work[(k + 1)...].reduce(0) { $0 + $1.intervals.count }
            for (i, interval) in parts.enumerated() {
                work[k].intervals.append(interval)
                try evaluate(k, work[k].intervals.count - 1, left: timeLimit.map { ($0 - clock.elapsed) / Double(parts.count - i + later) },
                             inheriting: parent)
            }
            return true
        }
        for k in work.indices {
            let root = rootParts[work[k].group]
            outcome.log += String(format: "%@: plan's part %.2f €, root's %.2f €\n", work[k].name, work[k].planPart, root)
            for n in work[k].intervals.indices {
                let nodesLeft = work[k].intervals.count - n + work[(k + 1)...].reduce(0) { $0 + $1.intervals.count }
                let left = timeLimit.map { ($0 - clock.elapsed) / Double(nodesLeft) }
                if let left, left < 0.05 { break }
                if stop() { outcome.interrupted = true; break }
                try evaluate(k, n, left: left)
                // A node at or under the root's part: the group cannot gain, its other nodes are not needed.
                if let p = found[k][n]?.part, p <= root + 1e-6 { break }
            }
            // Split right after the group's own nodes, twice at most: after every group's, the
            // largest groups had used the time and the small ones' cheap splits did not run (region,
            // 20 s: the dentists' part stayed 130 € under their plan's, 23 € after two splits).
            for _ in 0..<2 { guard try split(k) else { break } }
        }
        // Then the time the finished nodes left goes, in equal shares, to each group's weakest node
        // if the time cut it short: only it sets the group's part.
        while !stop() {
            let resumed = work.indices.compactMap { k in weakest(k).flatMap { n in live[k][n]?.finished == false ? (k, n) : nil } }
            guard let limit = timeLimit, !resumed.isEmpty, limit - clock.elapsed > 0.1 else { break }
            outcome.log += "again, with the time left:\n"
            for (i, (k, n)) in resumed.enumerated() {
                let left = (limit - clock.elapsed) / Double(resumed.count - i)
                guard left > 0.05 else { break }
                try evaluate(k, n, left: left)
            }
        }
        // Then plans from the nodes that may hold a cheaper part than the plan's, those with the
        // most to gain first, each a share of what is left of `planSeconds` by its group's columns
        // against those of the groups still to come (the master MIP's time grows with them); each
        // improves the best plan by its group's part.
        var best = (point: plan, objective: m.objectiveValue(plan))
        var open: [(k: Int, n: Int, interval: EquityLevels.Interval, part: Double, planPart: Double, columns: Int)] = []
        for k in work.indices {
            for n in found[k].indices {
                guard let node = found[k][n], !node.pruned, live[k][n] != nil else { continue }
                open.append((k, n, work[k].intervals[n], node.part, work[k].planPart, groups.columns[work[k].group]))
            }
        }
        // Only those near their group's largest gain: in equal shares over every node, the
        // nurses' and GPs' nodes had 0.2 s each and their plans were the plan branched around.
        let promising = Self.promising(open)
        if !promising.isEmpty { outcome.log += "plans from the nodes with the most to gain:\n" }
        let planClock = BlockClock()
        // The level of each node's own plan, per group: where the second split cuts a weakest node
        // that another node's plan beat (`resplit`).
        var nodePlanLevels: [Int: [EquityLevels.Interval: Double]] = [:]
        for (i, (k, n, _, groupMost, columns, inSecondRound)) in promising.enumerated() {
            // Each group counted once, over the nodes of this node's round still to come: the
            // first round's nodes share all the time, the second's what the first leaves. Counted
            // per node, the GPs' first node of three had 0.28 s (region, 20 s: 163 541 € against
            // 163 250–163 330 €).
            var groupsAfter = Set<Int>()
            let later = promising[i...].reduce(0) { $1.later == inSecondRound && groupsAfter.insert($1.k).inserted ? $0 + $1.columns : $0 }
            let seconds = planSeconds.map { ($0 - planClock.elapsed) * Double(columns) / Double(later) } ?? planSecondsUnlimited
            // A plan from another node of the group may have taken most of this one's gain: its
            // time then goes to the nodes after it (region, 20 s: the GPs' node under the level ran
            // 0.4 s with 124 € left to gain, after the node at the level had taken 1 246 €).
            let name = work[k].levels.node(work[k].intervals[n], name: work[k].name).name
            let before = generation.groupPart(m, plan: best.point, group: work[k].group, groups: groups)
            if let part = found[k][n]?.part, before - part < groupMost * minimumGainShare {
                outcome.log += String(format: "  %@: skipped, %.2f € left to gain\n", name, before - part)
                continue
            }
            guard seconds > 0.05, !stop(),
                  let (point, searched, summary, masterLog) = try live[k][n]?.plan(around: best.point, seconds: seconds, solver: solver,
                                                                                   lanes: lanes, isStopRequested: stop)
            else { continue }
            guard let spliced = Self.splice(point, into: best.point, columns: generation.columns(ofGroup: work[k].group, groups: groups),
                                            model: model)
            else { outcome.log += "  \(name): its plan breaks a row of the week\n" + Self.nodeMasterLog(masterLog); continue }
            let objective = m.objectiveValue(spliced)
            nodePlanLevels[k, default: [:]][work[k].intervals[n]] = work[k].levels.level(of: spliced)
            outcome.log += String(format: "  %@ (%@): the group's part %.2f € against %.2f € (%@)\n", name, searched ? "dive, master MIP" : "dive",
                                  generation.groupPart(m, plan: spliced, group: work[k].group, groups: groups), before, summary)
                + Self.nodeMasterLog(masterLog)
            if objective < best.objective - 1e-6 { best = (spliced, objective) }
        }
        // Then, for each group whose best plan now lies inside its weakest node (the nodes' plans
        // move the nurses' from 50 % to 40 %, under the level branched around), that node split
        // around the best plan's level, its parts starting from its columns and multipliers
        // (`ColumnGeneration.nodeRounds(parent:)`) and its part.
        let resplitTime = Self.resplitTime(resplitSeconds, sharedLeft: sharedSeconds.map { $0 - clock.elapsed })
        if resplitTime.map({ $0 > 0.05 }) ?? true, !stop() {
            let resplitClock = BlockClock()
            func resplitLeft(_ parts: Int) -> Double? { resplitTime.map { ($0 - resplitClock.elapsed) / Double(max(1, parts)) } }
            /// Node n of group k replaced by `parts`, each from its columns, multipliers and part.
            func replace(_ k: Int, _ n: Int, by parts: [EquityLevels.Interval], partsLeft: inout Int) throws {
                guard let parent = live[k][n], let parentPart = found[k][n]?.part else { return }
                work[k].intervals.remove(at: n); found[k].remove(at: n); live[k].remove(at: n)
                for interval in parts {
                    work[k].intervals.append(interval)
                    let left = resplitLeft(partsLeft)
                    partsLeft -= 1
                    try evaluate(k, work[k].intervals.count - 1, left: left, inheriting: parentPart, from: parent)
                }
            }
            // Each split by the node's interval (a split before it moves the nodes' indices).
            var splits: [(k: Int, node: EquityLevels.Interval, parts: [EquityLevels.Interval], note: String?)] = []
            for k in work.indices {
                guard let n = weakest(k), let weak = found[k][n], live[k][n] != nil else { continue }
                let bestPart = generation.groupPart(m, plan: best.point, group: work[k].group, groups: groups)
                guard weak.part < bestPart - 1e-6,
                      let (parts, point) = Self.resplit(work[k].levels, node: work[k].intervals[n], bestLevel: work[k].levels.level(of: best.point),
                                                        nodePlanLevel: nodePlanLevels[k]?[work[k].intervals[n]],
                                                        open: { openSplit(k, n, gain: bestPart - weak.part) })
                else { continue }
                work[k].planPart = min(work[k].planPart, bestPart)
                let note: String? = switch point {
                case .bestPlan: nil
                case let .nodePlan(level): "  around the level of its own plan (\(EquityLevels.percent(level))), the best plan's outside it:\n"
                case .open: "  the weakest, open above the level, without the best plan inside:\n"
                }
                splits.append((k, work[k].intervals[n], parts, note))
                // With it, the next-weakest node if it is the open one above the level (once the
                // region nurses' node under 50 % rose, their part stopped at "at least 50.38 %",
                // 32 920 €), split where the equity alone would cost as much more as the best plan's
                // part is over it: after the first split, it seldom had time left.
                guard let o = weakest(k, excluding: n), let openPart = found[k][o]?.part, openPart < bestPart - 1e-6, live[k][o] != nil,
                      let openParts = openSplit(k, o, gain: bestPart - openPart)
                else { continue }
                splits.append((k, work[k].intervals[o], openParts, "  and the next-weakest, open above the level:\n"))
            }
            var partsLeft = splits.reduce(0) { $0 + $1.parts.count }
            if !splits.isEmpty {
                outcome.log += "the weakest nodes split around the best plan's level"
                    + (resplitTime.map { String(format: " (%.2f s):\n", $0) } ?? ":\n")
            }
            for (k, node, parts, note) in splits where !stop() {
                guard let n = work[k].intervals.firstIndex(of: node) else { continue }
                if let note { outcome.log += note }
                try replace(k, n, by: parts, partsLeft: &partsLeft)
            }
        }
        if best.objective < m.objectiveValue(plan) - 1e-6 { outcome.plan = best.point }
        var nodeParts: [Int: [Double?]] = [:]
        for (k, item) in work.enumerated() {
            nodeParts[item.group] = found[k].count == item.intervals.count ? found[k].map { $0?.part } : [nil]
        }
        let branched = ColumnGeneration.branchedBound(constant: m.objectiveConstant, rootParts: rootParts, nodeParts: nodeParts)
        let before = rootParts.reduce(m.objectiveConstant, +)
        outcome.log += String(format: "the groups' parts: %.2f € at the root, %.2f € after branching (%.2f s)\n", before, branched, clock.elapsed)
        if branched > before + 1e-6 { outcome.bound = branched }
        return outcome
    }

    /// Marks the start of a node's master MIP log in the solver log (`nodeMasterLog`).
    static let nodeMasterLogStart = "    --- the node's master MIP ---\n"
    static let nodeMasterLogEnd = "    --- end of the node's master MIP ---\n"

    /// A node's master MIP log (seeds, RINS, the neighbourhood rounds) for the solver log, indented
    /// under the node's line and between markers; empty when the master MIP did not run. Where a
    /// node's plan lands depends on those rounds (region, 20 s: the GPs' node spent 2.0 s of 3.1 s
    /// in one neighbourhood of 2 226 of its 2 361 columns, and that round found the better plan).
    static func nodeMasterLog(_ log: String) -> String {
        let lines = log.split(separator: "\n", omittingEmptySubsequences: true)
        guard !lines.isEmpty else { return "" }
        return nodeMasterLogStart + lines.map { "      " + $0 + "\n" }.joined() + nodeMasterLogEnd
    }

    /// `plan` with one group's columns (`columns`) taken from `point` (a point of a node's model,
    /// its slacks after the week's columns), every auxiliary column recomputed from the chosen
    /// assignments (`AllocationModel.point(chosen:)`: a node's slack-priced rows may leave an equity
    /// share above the plan's largest); nil when the result breaks a row of the week.
    static func splice(_ point: [Double], into plan: [Double], columns: [Int], model: AllocationModel) -> [Double]? {
        var candidate = plan
        for j in columns { candidate[j] = point[j] }
        let spliced = model.point(chosen: model.chosen(candidate))
        return model.model.violations(spliced, tolerance: 1e-6).isEmpty ? spliced : nil
    }
}

extension Allocator {
    /// Step 5 from price-and-branch's result (`phase`) around `plan`; nil without price-and-branch.
    func equityBranching(_ model: AllocationModel, _ phase: LagrangianPhase, plan: [Double], lanes: Int, timeLimit: Double?, planSeconds: Double?,
                         resplitSeconds: Double?, sharedSeconds: Double?, stop: @escaping @Sendable () -> Bool) throws -> EquityBranching? {
        guard let generation = phase.generation, let root = phase.pricing else { return nil }
        do {
            return try EquityBranching.run(model, generation: generation, root: root, plan: plan, solver: solver, lanes: lanes,
                                           timeLimit: timeLimit, planSeconds: planSeconds, resplitSeconds: resplitSeconds,
                                           sharedSeconds: sharedSeconds, stop: stop)
        } catch is SolveInterrupted {
            var interrupted = EquityBranching()
            interrupted.interrupted = true
            interrupted.log = "interrupted\n"
            return interrupted
        }
    }
}
