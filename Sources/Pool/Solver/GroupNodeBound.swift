import Foundation

/// A node of branching on one independent group's part of price-and-branch (Vanderbeck 2000):
/// rows over the group's kept columns — for Pool an interval of the group's equity level and the
/// caps on its sites' uncovered shifts that the interval implies (`EquityBranching`).
public struct GroupNode: Sendable {
    public var name: String
    public var rows: [LinearConstraint]
    public init(name: String, rows: [LinearConstraint]) { self.name = name; self.rows = rows }
}

/// What re-converging one node found (`NodeRounds.bound`).
public struct NodeBound: Sendable {
    /// The group's part of the bound within the node (the model's constant left out).
    public var part: Double
    public var rounds = 0
    public var exactRounds = 0
    /// No block had a column to add at the node master's duals, exactly priced: `part` is the
    /// node's Dantzig–Wolfe bound.
    public var converged = false
    /// The part reached the cutoff (the plan's part): the node cannot hold a cheaper part.
    public var pruned = false
    public var seconds = 0.0
    /// Of which in the node's master LPs.
    public var masterSeconds = 0.0
    /// The node's last master LP as the group's part (nil before one): the plans over its
    /// columns cost at least this, and `part` is under it by what pricing has not yet proved.
    public var masterPart: Double?
}

extension ColumnGeneration {
    /// The rounds of one node, ready to run (`NodeRounds`).
    ///
    /// Groups are independent (`IndependentGroups`): every plan's cost is the constant plus one part
    /// per group, so when a group's nodes together hold every optimal plan's part,
    ///
    ///     bound = constant + Σ_g max(root part_g, min over g's nodes of the node's part_g)
    ///
    /// bounds the optimum (`branchedBound`). The node's rows are soft here (a slack at `penalty` a
    /// unit, in the node's model and its pricing): that relaxes the node, so each round's
    /// Lagrangian value still bounds the node's optimum from below, and a node without any plan
    /// shows as a part raised by the penalties.
    /// Nil when the rows touch a column outside the kept blocks, or none of the root's
    /// columns covers one of the group's blocks.
    ///
    /// The node starts from the root's part at the root's multipliers with the node's kept block in
    /// place of the root's: the weeks' values there do not change with the node's rows, and
    /// priced again they would come from the relaxation, under the root's exact ones.
    /// `pricing` prices the node's weeks between its exact rounds (nil: every round exact), whatever
    /// the root's did.
    /// `parent`: a node of the same group whose region holds this one's: this one then starts from
    /// its columns (the root's and those its rounds added: the weeks do not change with the node's
    /// rows) and its best multipliers, without the root's start (its caller gives it the parent's
    /// part, `NodeRounds.inheritedPart`).
    func nodeRounds(_ model: LinearModel, node: GroupNode, root: Result, groups: IndependentGroups, penalty: Double,
                    cutoff: Double?, solver: any LinearSolver, pricing: (any BlockRelaxation)?, parent: NodeRounds? = nil) -> NodeRounds? {
        guard let (nodeModel, nodeRelaxation, group, keptNode, touched) = nodeRelaxation(model, node: node, groups: groups, penalty: penalty,
                                                                                         pricing: pricing)
        else { return nil }
        let pricedNode = priced.indices.filter { groups.groupOfBlock[priced[$0]] == group }
        var local: [Int: Int] = [:]
        for (i, b) in pricedNode.enumerated() { local[b] = i }
        var master = MasterColumns(nodeModel, relaxation: nodeRelaxation, priced: pricedNode.map { priced[$0] }, kept: keptNode)
        var covered = Array(repeating: false, count: pricedNode.count)
        if let parent {
            // The same group's priced blocks in the same order: the parent's block indices are this one's.
            guard parent.master.priced == pricedNode.map({ priced[$0] }) else { return nil }
            for (i, point) in parent.master.columnPoints { master.add(block: i, point: point); covered[i] = true }
            // Its first master LP from the parent's last basis (`MasterColumns.basis(from:base:)`).
            if let basis = master.basis(from: parent.master, base: (model.constraintCount, model.variableCount)) {
                master.start(from: basis)
            }
        } else if let rootMaster = root.master {
            var columnOfRoot = Array(repeating: Int?.none, count: rootMaster.count)
            for (k, (block, point)) in rootMaster.columnPoints.enumerated() {
                guard let i = local[block] else { continue }
                if master.add(block: i, point: point) { columnOfRoot[k] = master.count - 1 }
                covered[i] = true
            }
            let blockOfRoot = priced.indices.map { local[$0] }
            if let basis = master.basis(fromRoot: rootMaster, base: (model.constraintCount, model.variableCount),
                                        blockOfRoot: blockOfRoot, columnOfRoot: columnOfRoot) {
                master.start(from: basis)
            }
        }
        guard !covered.contains(false) else { return nil }
        let width = nodeModel.constraintCount
        // Only the group's relaxed rows (the week's, before any node row) are priced at the centre.
        let multipliers = parent.map { Array($0.center.prefix(model.constraintCount)) } ?? root.bestMultipliers
        let center = multipliers + Array(repeating: 0.0, count: max(0, width - multipliers.count))
        var start: Double?
        if parent == nil, let parts = root.groupParts, group < parts.count, let merged = touched.first {
            let (costs, _) = Self.pricedCosts(nodeModel, groups.rows[group], center)
            // Both solved exactly: a relaxed value of the root's blocks would overstate the start.
            var exactRoot = relaxation, exactNode = nodeRelaxation
            exactRoot.blockRelaxation = nil; exactNode.blockRelaxation = nil
            if let before = try? exactRoot.solveBlocks(touched, model, costs: costs, solver: solver, lanes: 1, timeLimitSeconds: nil,
                                                                isStopRequested: { false }),
               let after = try? exactNode.solveBlocks([merged], nodeModel, costs: costs, solver: solver, lanes: 1, timeLimitSeconds: nil,
                                                                isStopRequested: { false }),
               let nodeKept = after.first?.value {
                start = model.objectiveConstant + parts[group] + nodeKept - before.reduce(0) { $0 + $1.value }
            }
        }
        return NodeRounds(model: nodeModel, relaxation: nodeRelaxation, rows: groups.rows[group],
                          priced: pricedNode.map { priced[$0] }, kept: keptNode, constant: model.objectiveConstant,
                          cutoff: cutoff, smoothing: smoothing, master: master, center: center, start: start)
    }

    /// The node's model (the model, the node's rows with their slacks), its relaxation (the kept
    /// blocks the rows touch merged into one, with the rows and slacks, relaxing only the group's
    /// rows), the group, the node's kept blocks and the root's blocks merged (the first holds them).
    private func nodeRelaxation(_ model: LinearModel, node: GroupNode, groups: IndependentGroups, penalty: Double,
                                pricing: (any BlockRelaxation)?)
        -> (LinearModel, LagrangianBound, Int, [Int], touched: [Int])? {
        let shapes = relaxation.shapes
        let touchedColumns = Set(node.rows.flatMap(\.expression.variables))
        guard !touchedColumns.isEmpty, !node.rows.contains(where: { $0.sense == .equal }) else { return nil }
        var found = Set<Int>(), touched = Set<Int>()
        for b in kept {
            for j in shapes[b].columns where touchedColumns.contains(j) { found.insert(j); touched.insert(b) }
        }
        let blocks = touched.sorted()
        guard found.count == touchedColumns.count, let first = blocks.first,
              blocks.allSatisfy({ groups.groupOfBlock[$0] == groups.groupOfBlock[first] }) else { return nil }
        let group = groups.groupOfBlock[first]
        let nodeModel = model.copy()
        var slacks: [Int] = [], newRows: [Int] = [], nonzeros = 0
        for (k, row) in node.rows.enumerated() {
            let slack = nodeModel.addVariable("nodeSlack[\(node.name),\(k)]", .continuous, lower: 0, upper: .infinity, objective: penalty)
            var e = row.expression
            e.add(row.sense == .lessOrEqual ? -1 : 1, slack)
            nodeModel.add("node[\(node.name),\(k)]", LinearConstraint(e, row.sense, row.rhs))
            slacks.append(slack.index); newRows.append(nodeModel.constraintCount - 1); nonzeros += e.termCount
        }
        // The slacks last: a relaxation of weeks looks at a block's first column to tell whose it is.
        var nodeShapes = shapes
        nodeShapes[first] = BlockShape(columns: blocks.flatMap { shapes[$0].columns }.sorted() + slacks,
                                       rows: blocks.flatMap { shapes[$0].rows }.sorted() + newRows,
                                       nonzeros: blocks.reduce(nonzeros) { $0 + shapes[$1].nonzeros })
        let keptNode = kept.filter { groups.groupOfBlock[$0] == group && ($0 == first || !touched.contains($0)) }
        let nodeRelaxation = LagrangianBound(relaxedRows: groups.rows[group], shapes: nodeShapes, blockRelaxation: pricing)
        return (nodeModel, nodeRelaxation, group, keptNode, blocks)
    }

    /// The independent group of the kept block holding column `j` (nil: no kept block holds it).
    func group(ofColumn j: Int, groups: IndependentGroups) -> Int? {
        kept.first { relaxation.shapes[$0].columns.contains(j) }.map { groups.groupOfBlock[$0] }
    }

    /// The columns of one group's blocks, ascending.
    func columns(ofGroup group: Int, groups: IndependentGroups) -> [Int] {
        relaxation.shapes.indices.filter { groups.groupOfBlock[$0] == group }.flatMap { relaxation.shapes[$0].columns }.sorted()
    }

    /// A plan's part of the objective in one group (its blocks' columns; the constant left out).
    func groupPart(_ model: LinearModel, plan: [Double], group: Int, groups: IndependentGroups) -> Double {
        relaxation.shapes.indices.filter { groups.groupOfBlock[$0] == group }
            .reduce(0.0) { $0 + relaxation.shapes[$1].objectiveValue(model, relaxation.shapes[$1].columns.map { plan[$0] }) }
    }

    /// constant + Σ_g max(root part_g, min over the group's nodes of their parts); a group with a
    /// node not evaluated (nil) keeps its root part.
    static func branchedBound(constant: Double, rootParts: [Double], nodeParts: [Int: [Double?]]) -> Double {
        var total = constant
        for (g, root) in rootParts.enumerated() {
            guard let parts = nodeParts[g], !parts.isEmpty, !parts.contains(where: { $0 == nil }) else { total += root; continue }
            total += max(root, parts.compactMap { $0 }.min() ?? root)
        }
        return total
    }
}
