import Foundation
import Testing
@testable import Pool

/// A node's first master LP starts from the root master's last basis, restricted to the node's
/// group (`MasterColumns.basis(fromRoot:)`, used by `ColumnGeneration.nodeRounds` without a parent).
@Suite struct NodeRootBasisTests {
    let glpk = GLPKSolver()

    /// For every group's nodes under and at its top level: the node starts from the root's basis laid
    /// out for it, with one basic variable per row; the node's own rows start basic; a week column
    /// keeps the status it had at the root; GLPK accepts the basis, and the optimum is the one from
    /// scratch.
    @Test func aNodesFirstMasterLPStartsFromTheRootsBasis() throws {
        var nodes = 0
        for seed: UInt64 in [2, 3, 5, 21] {
            let (model, generation, root, groups) = try EquityBranchingTests.converged(seed: seed, solver: glpk, idleSeed: true)
            let m = model.model, base = (rows: m.constraintCount, columns: m.variableCount)
            let rootMaster = try #require(root.master, "seed \(seed): the root's master was not kept")
            let rootBasis = try #require(rootMaster.startingBasis(over: nil), "seed \(seed): the root had no master LP")
            let rootWeeks = rootMaster.slots(base: base).columns
            for (name, levels) in EquityLevels.all(model) {
                let reachable = try #require(levels.reachable())
                guard reachable.count >= 2 else { continue }
                for interval in [EquityLevels.Interval(lo: nil, hi: reachable[reachable.count - 2]),
                                 EquityLevels.Interval(lo: reachable.last, hi: reachable.last)] {
                    let node = try #require(generation.nodeRounds(m, node: levels.node(interval, name: name), root: root, groups: groups,
                                                                  penalty: EquityBranching.penalty, cutoff: nil, solver: glpk, pricing: nil))
                    let label = "seed \(seed) \(name) \(interval)"
                    let basis = try #require(node.master.startingBasis(over: nil), "\(label): the node does not start from a basis")
                    let basic = basis.rowStatus.filter { $0 == SolverBasis.basic }.count + basis.columnStatus.filter { $0 == SolverBasis.basic }.count
                    #expect(basic == basis.rowStatus.count, "\(label): \(basic) basic for \(basis.rowStatus.count) rows")
                    let slots = node.master.slots(base: base)
                    for (r, slot) in slots.rows.enumerated() {
                        if case .nodeRow = slot { #expect(basis.rowStatus[r] == SolverBasis.basic, "\(label): node row \(slot) not basic") }
                    }
                    // Week columns in the node's order are the root's columns of the group, in the root's order.
                    let rootColumns = rootMaster.columnPoints.enumerated().filter { node.master.priced.contains(rootMaster.priced[$0.element.block]) }
                    let keptCount = slots.columns.count - node.master.count, rootKept = rootWeeks.count - rootMaster.count
                    #expect(rootColumns.count == node.master.count, "\(label): \(node.master.count) columns, the root's group has \(rootColumns.count)")
                    for (k, (rootK, _)) in rootColumns.enumerated() where k < node.master.count {
                        #expect(basis.columnStatus[keptCount + k] == rootBasis.columnStatus[rootKept + rootK],
                                "\(label): week column \(k) (the root's \(rootK)) changed status")
                    }
                    let master = node.master.build(integral: false)
                    let warm = try glpk.solve(master, options: EquityResplitTests.lpOptions(from: basis))
                    let cold = try glpk.solve(master, options: EquityResplitTests.lpOptions(from: nil))
                    #expect(!warm.log.contains("starting basis"), "\(label): \(warm.log)")
                    #expect(warm.status == cold.status, "\(label)")
                    if let w = warm.objective, let c = cold.objective {
                        #expect(abs(w - c) <= 1e-6 * max(1, abs(c)), "\(label): \(w) from the root's basis, \(c) from scratch")
                    }
                    nodes += 1
                }
            }
        }
        #expect(nodes >= 8, "only \(nodes) nodes checked")
    }
}
