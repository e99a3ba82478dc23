import Foundation

/// Step 5 of the solve pipeline (docs/allocation-model.md): after price-and-branch, one level of
/// branching on each profession group's equity level (`EquityLevels.nodes`) around the best
/// plan's so far, each node re-converged from price-and-branch's columns
/// (`ColumnGeneration.nodeRounds`). It raises the bound only; the search then looks for the plan. On keski-pohjanmaa the three nodes per
/// group lifted the bound from 1.04 % to 0.45 % under the optimum (docs/performance.md).
struct EquityBranching {
    /// The raised bound (nil: no group gained).
    var bound: Double?
    var log = ""
    var interrupted = false

    /// Penalty per unit of a node row's slack: far above what a unit of share or a shift is worth
    /// (any penalty keeps the bound valid; a low one weakens it).
    static let penalty = 1e6

    /// See `AllocationSolveOptions.equityBranchingShare`.
    static let defaultShare = 0.25

    /// Seconds kept back for the branching out of `remaining`: none without an equity term to
    /// branch on or without price-and-branch, whose columns the nodes start from, nor where three
    /// exact pricing rounds of the whole model (`Allocator.exactRoundSeconds`) would not fit in it:
    /// each node prices its group exactly a few times, and on 5× the region or the national week,
    /// whose rounds do not converge in their time, the search needs the time more.
    static func reserve(_ model: AllocationModel, _ options: AllocationSolveOptions, lanes: Int, remaining: Double?) -> Double {
        guard let remaining, options.equityBranchingShare > 0, options.lagrangianBound, options.columnGenerationShare > 0,
              !EquityLevels.all(model).isEmpty else { return 0 }
        let reserve = remaining * options.equityBranchingShare
        let exactRound = Allocator.exactRoundSeconds(integerColumns: model.size.integerVariables, lanes: lanes)
        return 3 * exactRound <= reserve ? reserve : 0
    }

    static func run(_ model: AllocationModel, generation: ColumnGeneration, root rootResult: ColumnGeneration.Result, plan: [Double],
                    solver: any LinearSolver, lanes: Int, timeLimit: Double?,
                    stop: @escaping @Sendable () -> Bool) throws -> EquityBranching {
        var outcome = EquityBranching()
        let m = model.model, clock = BlockClock()
        guard let rootParts = rootResult.groupParts, !rootResult.columnPoints.isEmpty else {
            outcome.log = "no branching: price-and-branch left no bound per group\n"
            return outcome
        }
        let groups = IndependentGroups(m, generation.relaxation)
        // Per group: its nodes around the plan's level, and the plan's own part (the cutoff: a node
        // whose part reaches it cannot hold a cheaper part).
        var work: [(group: Int, name: String, nodes: [GroupNode], planPart: Double)] = []
        for (name, levels) in EquityLevels.all(model) {
            let level = levels.level(of: plan)
            guard let nodes = levels.nodes(around: level, name: name),
                  let g = generation.group(ofColumn: levels.worst, groups: groups), g < rootParts.count else { continue }
            work.append((g, name, nodes, generation.groupPart(m, plan: plan, group: g, groups: groups)))
        }
        // The smallest groups first: their nodes end early (pruned, or converged), and each node's
        // time is an equal share of what is left, so the largest groups get what the small ones left.
        work.sort { (groups.columns[$0.group], $0.group) < (groups.columns[$1.group], $1.group) }
        // Per group, in the order of its nodes: each node's part so far (nil: no bound), and its
        // rounds while they may go on (each holds a copy of the model: the finished ones are let go).
        var found: [[NodeBound?]] = work.map { _ in [] }, live: [[NodeRounds?]] = work.map { _ in [] }
        func describe(_ node: GroupNode, _ found: NodeBound?, root: Double) -> String {
            found.map {
                String(format: "  %@: %.2f € (%+.2f), %d rounds (%d exact)%@ in %.2f s (master LPs %.2f s)\n", node.name, $0.part,
                       $0.part - root, $0.rounds, $0.exactRounds, $0.pruned ? ", pruned" : $0.converged ? ", converged" : "",
                       $0.seconds, $0.masterSeconds)
            } ?? "  \(node.name): no bound\n"
        }
        for (k, item) in work.enumerated() {
            let root = rootParts[item.group]
            outcome.log += String(format: "%@: plan's part %.2f €, root's %.2f €\n", item.name, item.planPart, root)
            for (n, node) in item.nodes.enumerated() {
                let nodesLeft = item.nodes.count - n + work[(k + 1)...].reduce(0) { $0 + $1.nodes.count }
                let left = timeLimit.map { ($0 - clock.elapsed) / Double(nodesLeft) }
                if let left, left < 0.05 { break }
                if stop() { outcome.interrupted = true; break }
                var node = generation.nodeRounds(m, node: node, root: rootResult, groups: groups, penalty: penalty,
                                                 cutoff: m.objectiveConstant + item.planPart, solver: solver)
                try node?.run(timeLimitSeconds: left, solver: solver, lanes: lanes, isStopRequested: stop)
                found[k].append(node?.bound)
                live[k].append(node?.finished == false ? node : nil)
                outcome.log += describe(item.nodes[n], node?.bound, root: root)
                // A node at or under the root's part: the group cannot gain, its other nodes are not needed.
                if let p = node?.bound?.part, p <= root + 1e-6 { break }
            }
        }
        // Then the time the finished nodes left goes, in equal shares, to each group's weakest node
        // if the time cut it short: only it sets the group's part.
        func weakest(_ k: Int) -> Int? {
            guard found[k].count == work[k].nodes.count, !found[k].contains(where: { $0 == nil }) else { return nil }
            return found[k].indices.min { (found[k][$0]?.part ?? 0, $0) < (found[k][$1]?.part ?? 0, $1) }
        }
        while !stop() {
            let resumed = work.indices.compactMap { k in weakest(k).flatMap { n in live[k][n] == nil ? nil : (k, n) } }
            guard let limit = timeLimit, !resumed.isEmpty, limit - clock.elapsed > 0.1 else { break }
            outcome.log += "again, with the time left:\n"
            for (i, (k, n)) in resumed.enumerated() {
                let left = (limit - clock.elapsed) / Double(resumed.count - i)
                guard left > 0.05 else { break }
                try live[k][n]?.run(timeLimitSeconds: left, solver: solver, lanes: lanes, isStopRequested: stop)
                if let bound = live[k][n]?.bound { found[k][n] = bound }
                if live[k][n]?.finished == true { live[k][n] = nil }
                outcome.log += describe(work[k].nodes[n], found[k][n], root: rootParts[work[k].group])
            }
        }
        var nodeParts: [Int: [Double?]] = [:]
        for (k, item) in work.enumerated() {
            nodeParts[item.group] = found[k].count == item.nodes.count ? found[k].map { $0?.part } : [nil]
        }
        let branched = ColumnGeneration.branchedBound(constant: m.objectiveConstant, rootParts: rootParts, nodeParts: nodeParts)
        let before = rootParts.reduce(m.objectiveConstant, +)
        outcome.log += String(format: "the groups' parts: %.2f € at the root, %.2f € after branching (%.2f s)\n", before, branched, clock.elapsed)
        if branched > before + 1e-6 { outcome.bound = branched }
        return outcome
    }
}

extension Allocator {
    /// Step 5 from price-and-branch's result (`phase`) around `plan`; nil without price-and-branch.
    func equityBranching(_ model: AllocationModel, _ phase: LagrangianPhase, plan: [Double], lanes: Int, timeLimit: Double?,
                         stop: @escaping @Sendable () -> Bool) throws -> EquityBranching? {
        guard let generation = phase.generation, let root = phase.pricing else { return nil }
        do {
            return try EquityBranching.run(model, generation: generation, root: root, plan: plan, solver: solver, lanes: lanes,
                                           timeLimit: timeLimit, stop: stop)
        } catch is SolveInterrupted {
            var interrupted = EquityBranching()
            interrupted.interrupted = true
            interrupted.log = "interrupted\n"
            return interrupted
        }
    }
}
