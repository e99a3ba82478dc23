import Foundation
import Testing
@testable import Pool

/// The second split (`EquityBranching`, after the nodes' plans): a group's weakest node split around
/// the best plan's level inside it, its parts starting from its columns and multipliers
/// (`ColumnGeneration.nodeRounds(parent:)`).
@Suite struct EquityResplitTests {
    let glpk = GLPKSolver()

    /// Every whole plan within the node is in exactly one of its parts, and none outside it in any;
    /// no parts where the level lies outside the node or the split would give the node itself.
    @Test func aNodeSplitAroundALevelInsideItHoldsEachOfItsWholePlansOnce() throws {
        let levels = EquityBranchingTests.twoSites
        let node = EquityLevels.Interval(lo: nil, hi: 0.6)
        let parts = try #require(levels.intervals(around: 1.0 / 3, within: node))
        #expect(parts.map { levels.node($0, name: "g").name } == ["g at 33.33 %", "g at most 10.00 %", "g at 60.00 %"])
        let rows = levels.rows(lo: node.lo, hi: node.hi)
        for a in 0...3 {
            for b in 0...1 {
                var point = [0, Double(a), Double(b)]
                point[0] = levels.level(of: point)
                let holding = parts.filter { EquityBranchingTests.holds(levels.rows(lo: $0.lo, hi: $0.hi), point) }
                let inside = EquityBranchingTests.holds(rows, point)
                #expect(holding.count == (inside ? 1 : 0), "u = (\(a), \(b)), level \(point[0]): in \(holding)")
            }
        }
        // Above: only the node's own lower end bounds the part under the level.
        let above = try #require(levels.intervals(around: 2.0 / 3, within: .init(lo: 0.6, hi: nil)))
        #expect(above.map { levels.node($0, name: "g").name } == ["g at 66.67 %", "g at 60.00 %", "g at least 100.00 %"])
        #expect(levels.intervals(around: 2.0 / 3, within: node) == nil, "the level outside the node")
        #expect(levels.intervals(around: 0.1, within: .init(lo: nil, hi: 0.1)) == nil, "the node itself")
    }

    /// Where the weakest node is cut: around the best plan's level inside it; else around the
    /// node's own plan's level inside it; else, the open node above only, where `open` says; else not.
    @Test func theWeakestNodeIsCutAtTheBestPlanItsOwnPlanOrWhereTheOpenSplitSays() throws {
        let levels = EquityBranchingTests.twoSites
        let below = EquityLevels.Interval(lo: nil, hi: 0.6), above = EquityLevels.Interval(lo: 0.6, hi: nil)
        var asked = 0
        let openParts = [EquityLevels.Interval(lo: 0.6, hi: 2.0 / 3), EquityLevels.Interval(lo: 1, hi: nil)]
        func open() -> [EquityLevels.Interval]? { asked += 1; return openParts }

        let best = try #require(EquityBranching.resplit(levels, node: below, bestLevel: 1.0 / 3, nodePlanLevel: 0.1, open: open))
        #expect(best.point == .bestPlan(1.0 / 3) && best.parts == levels.intervals(around: 1.0 / 3, within: below))
        // The best plan's level (2/3) outside: the node's own plan's.
        let own = try #require(EquityBranching.resplit(levels, node: below, bestLevel: 2.0 / 3, nodePlanLevel: 1.0 / 3, open: open))
        #expect(own.point == .nodePlan(1.0 / 3) && own.parts == levels.intervals(around: 1.0 / 3, within: below))
        #expect(own.parts.map { levels.node($0, name: "g").name } == ["g at 33.33 %", "g at most 10.00 %", "g at 60.00 %"])
        // Neither inside a closed node: no split, and the open split is not asked for.
        #expect(EquityBranching.resplit(levels, node: below, bestLevel: 2.0 / 3, nodePlanLevel: nil, open: open) == nil)
        #expect(EquityBranching.resplit(levels, node: below, bestLevel: 2.0 / 3, nodePlanLevel: 1, open: open) == nil, "its plan's level outside it")
        // At the node's top level its plan still splits it: that level alone, and the rest under it.
        let top = try #require(EquityBranching.resplit(levels, node: below, bestLevel: 2.0 / 3, nodePlanLevel: 0.6, open: open))
        #expect(top.parts.map { levels.node($0, name: "g").name } == ["g at 60.00 %", "g at most 33.33 %"])
        #expect(asked == 0)
        // The open node above without either level strictly inside: the open split.
        let opened = try #require(EquityBranching.resplit(levels, node: above, bestLevel: 1.0 / 3, nodePlanLevel: nil, open: open))
        #expect(opened.point == .open && opened.parts == openParts && asked == 1)
        #expect(EquityBranching.resplit(levels, node: above, bestLevel: 1.0 / 3, nodePlanLevel: nil, open: { nil }) == nil)
        // ... but a level inside it comes first.
        let inside = try #require(EquityBranching.resplit(levels, node: above, bestLevel: 2.0 / 3, nodePlanLevel: nil, open: open))
        #expect(inside.point == .bestPlan(2.0 / 3) && asked == 1)
    }

    /// In the branching itself: weeks (found among 720 generated ones) where another node's plan
    /// beat the weakest node's own, so the best plan's level lay outside it; the second split cuts
    /// it around its own plan's level, and the bound stays under the plan.
    @Test func theBranchingCutsAWeakestNodeAroundItsOwnPlansLevel() throws {
        for seed: UInt64 in [264, 392] {
            let (model, greedy, generation, root) = try EquityBranchingTests.fromGreedy(seed: seed, solver: glpk)
            let m = model.model
            let outcome = try EquityBranching.run(model, generation: generation, root: root, plan: greedy, solver: glpk, lanes: 1,
                                                  timeLimit: nil, planSeconds: nil, resplitSeconds: nil, stop: { false })
            #expect(outcome.log.contains("around the level of its own plan"), "seed \(seed):\n\(outcome.log)")
            // (The week's exact optimum takes GLPK over a minute here; the bound under the optimum
            // is checked on smaller weeks in `EquityBranchingTests`.) Under the best plan found:
            let bound = try #require(outcome.bound, "seed \(seed): no bound")
            let best = m.objectiveValue(outcome.plan ?? greedy)
            #expect(bound <= best + 1e-6, "seed \(seed): bound \(bound) over the plan \(best)")
        }
    }

    /// The second split takes its share, but never more than half of what the branching leaves for
    /// the search.
    @Test func theSecondSplitLeavesTheSearchHalfItsTime() {
        #expect(EquityBranching.resplitTime(2, sharedLeft: 10) == 2)
        #expect(EquityBranching.resplitTime(2, sharedLeft: 3) == 1.5)
        #expect(EquityBranching.resplitTime(2, sharedLeft: -1) == 0)
        #expect(EquityBranching.resplitTime(2, sharedLeft: nil) == 2)
        #expect(EquityBranching.resplitTime(nil, sharedLeft: 3) == nil, "without a time limit the split has none either")
    }

    /// A part started from its parent node holds the parent's columns (here one more than the
    /// root's: a week without shifts for the group's first clinician), and run to its end its part
    /// stays under the optimum of the week with the part's rows and at least at its parent's.
    @Test func partsOfANodeStartFromItsColumnsAndStayUnderTheirOptima() throws {
        var checked = 0
        for seed: UInt64 in [2, 3, 5, 21] { checked += try splitParts(seed: seed) }
        #expect(checked >= 4, "only \(checked) groups split")
    }

    /// A part's first master LP starts from its parent's last basis, laid out for the part
    /// (`MasterColumns.basis(from:base:)`): for a node with the parent's own rows it is the parent's
    /// basis and already optimal (GLPK returns it unchanged); for real parts GLPK accepts it, the
    /// rows the parent lacks start basic, and the optimum is the one from scratch.
    @Test func aPartsFirstMasterLPStartsFromItsParentsBasis() throws {
        var parts = 0
        for seed: UInt64 in [2, 3, 5, 21] {
            let (model, generation, root, groups) = try EquityBranchingTests.converged(seed: seed, solver: glpk)
            let m = model.model, base = (rows: m.constraintCount, columns: m.variableCount)
            for (name, levels) in EquityLevels.all(model) {
                let reachable = try #require(levels.reachable())
                guard reachable.count >= 4 else { continue }
                let interval = EquityLevels.Interval(lo: nil, hi: reachable[reachable.count - 2])
                func node(_ interval: EquityLevels.Interval, parent: NodeRounds?) throws -> NodeRounds {
                    try #require(generation.nodeRounds(m, node: levels.node(interval, name: name), root: root, groups: groups,
                                                       penalty: EquityBranching.penalty, cutoff: nil, solver: glpk, pricing: nil,
                                                       parent: parent))
                }
                var parent = try node(interval, parent: nil)
                // A week without shifts for every clinician: the root's columns alone can leave
                // these small masters without a feasible point (a shift covered twice), hence
                // without a basis.
                for (i, b) in parent.master.priced.enumerated() {
                    parent.master.add(block: i, point: Array(repeating: 0, count: generation.relaxation.shapes[b].columns.count))
                }
                try parent.run(timeLimitSeconds: nil, solver: glpk, lanes: 1, isStopRequested: { false })
                let parentBasis = try #require(parent.master.startingBasis(over: nil), "seed \(seed) \(name): the parent had no master LP")

                let same = try node(interval, parent: parent)
                let sameBasis = try #require(same.master.basis(from: parent.master, base: base))
                #expect(sameBasis == parentBasis, "seed \(seed) \(name): the same node's basis is not its parent's")
                let again = try glpk.solve(same.master.build(integral: false), options: Self.lpOptions(from: sameBasis))
                #expect(again.status == .optimal && again.basis == sameBasis, "seed \(seed) \(name): the parent's optimal basis moved")

                let around = try #require(levels.intervals(around: reachable[reachable.count / 2], within: interval))
                for part in around {
                    let child = try node(part, parent: parent)
                    let basis = try #require(child.master.basis(from: parent.master, base: base), "seed \(seed) \(name): no basis for \(part)")
                    #expect(child.master.startingBasis(over: nil) == basis, "seed \(seed) \(name) \(part): the part does not start from it")
                    let slots = child.master.slots(base: base), parentSlots = Set(parent.master.slots(base: base).rows)
                    for (r, slot) in slots.rows.enumerated() where !parentSlots.contains(slot) {
                        #expect(basis.rowStatus[r] == SolverBasis.basic, "seed \(seed) \(name) \(part): new row \(slot) not basic")
                    }
                    let master = child.master.build(integral: false)
                    let warm = try glpk.solve(master, options: Self.lpOptions(from: basis))
                    let cold = try glpk.solve(master, options: Self.lpOptions(from: nil))
                    #expect(!warm.log.contains("starting basis"), "seed \(seed) \(name) \(part): \(warm.log)")
                    #expect(warm.status == cold.status)
                    if let w = warm.objective, let c = cold.objective {
                        #expect(abs(w - c) <= 1e-6 * max(1, abs(c)), "seed \(seed) \(name) \(part): \(w) from the parent's basis, \(c) from scratch")
                    }
                    parts += 1
                }
            }
        }
        #expect(parts >= 8, "only \(parts) parts checked")
    }

    static func lpOptions(from basis: SolverBasis?) -> SolveOptions {
        var options = SolveOptions(verbosity: .normal)
        options.relaxIntegrality = true
        options.startingBasis = basis
        options.dualSimplex = basis != nil
        return options
    }

    /// For each group of week `seed` with four levels or more: the parts of its node under its top
    /// level but one, split around its middle level, checked; how many groups were.
    func splitParts(seed: UInt64) throws -> Int {
        let (model, generation, root, groups) = try EquityBranchingTests.converged(seed: seed, solver: glpk)
        let m = model.model
        let mipOptions = SolveOptions(relativeGap: 1e-9, verbosity: .quiet)
        var checked = 0
        for (name, levels) in EquityLevels.all(model) {
            let reachable = try #require(levels.reachable())
            guard reachable.count >= 4 else { continue }
            let g = try #require(generation.group(ofColumn: levels.worst, groups: groups))
            let whole = levels.node(.init(lo: nil, hi: reachable[reachable.count - 2]), name: name)
            func fromRoot() throws -> NodeRounds {
                try #require(generation.nodeRounds(m, node: whole, root: root, groups: groups, penalty: EquityBranching.penalty,
                                                   cutoff: nil, solver: glpk, pricing: nil))
            }
            var parent = try fromRoot()
            try parent.run(timeLimitSeconds: nil, solver: glpk, lanes: 1, isStopRequested: { false })
            let parentPart = try #require(parent.bound?.part)
            let first = parent.master.priced[0]
            let idle = parent.master.add(block: 0, point: Array(repeating: 0, count: generation.relaxation.shapes[first].columns.count))
            #expect(idle, "seed \(seed) \(name): the week without shifts was a column already")
            #expect(try fromRoot().master.count < parent.master.count)
            let parts = try #require(levels.intervals(around: reachable[reachable.count / 2], within: .init(lo: nil, hi: reachable[reachable.count - 2])))
            for interval in parts {
                let node = levels.node(interval, name: name)
                var child = try #require(generation.nodeRounds(m, node: node, root: root, groups: groups, penalty: EquityBranching.penalty,
                                                               cutoff: nil, solver: glpk, pricing: nil, parent: parent))
                #expect(child.master.count == parent.master.count, "\(node.name): \(child.master.count) of the parent's \(parent.master.count) columns")
                child.inheritedPart = parentPart
                try child.run(timeLimitSeconds: nil, solver: glpk, lanes: 1, isStopRequested: { false })
                let part = try #require(child.bound?.part)
                #expect(part >= parentPart - 1e-9, "\(node.name): \(part) under the parent's \(parentPart)")
                let hard = m.copy()
                for (k, row) in node.rows.enumerated() { hard.add("node\(k)", row) }
                let exact = try glpk.solve(hard, options: mipOptions)
                if exact.status == .optimal {
                    let optimum = generation.groupPart(m, plan: exact.values, group: g, groups: groups)
                    #expect(part <= optimum + 1e-4, "seed \(seed) \(node.name): part \(part) over the part's optimum \(optimum)")
                } else {
                    #expect(exact.status == .infeasible, "seed \(seed) \(node.name): \(exact.status)")
                }
            }
            checked += 1
        }
        return checked
    }
}
