import Foundation

/// The groups of a Lagrangian relaxation's blocks that no relaxed row links — for Pool the
/// profession groups (a clinician covers only rows of their group). The relaxation falls apart
/// along them: L(λ) is the sum of each group's part, which depends only on the group's own
/// multipliers, so the best part of each group, wherever it was met, adds up to a valid bound at
/// multipliers made of each group's best — never below the best L(λ) of any one evaluation.
/// Price-and-branch's master separates along them too (`MasterColumns.parts`).
struct IndependentGroups {
    /// Per block of the relaxation (`LagrangianBound.shapes`), its group.
    let groupOfBlock: [Int]
    /// Per group, its relaxed rows (ascending); relaxed rows without entries form a last group
    /// of their own, with no blocks.
    let rows: [[Int]]
    /// Model columns per group (the last, of empty rows, has none).
    let columns: [Int]

    init(_ model: LinearModel, _ relaxation: LagrangianBound) {
        let shapes = relaxation.shapes
        var blockOf = Array(repeating: -1, count: model.variableCount)
        for (b, shape) in shapes.enumerated() { for j in shape.columns { blockOf[j] = b } }
        var parent = Array(shapes.indices)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for r in relaxation.relaxedRows {
            let start = model.rowStart[r], end = model.rowStart[r + 1]
            guard start < end else { continue }
            let first = find(blockOf[Int(model.entryColumns[start])])
            for k in (start + 1)..<end {
                let other = find(blockOf[Int(model.entryColumns[k])])
                if other != first { parent[other] = first }
            }
        }
        // Groups numbered by their first block: the same numbering whatever the union order.
        var number: [Int: Int] = [:]
        var groupOfBlock = Array(repeating: 0, count: shapes.count)
        for b in shapes.indices {
            let root = find(b)
            if let g = number[root] { groupOfBlock[b] = g } else { groupOfBlock[b] = number.count; number[root] = number.count }
        }
        var rows = Array(repeating: [Int](), count: number.count + 1)
        for r in relaxation.relaxedRows {
            let start = model.rowStart[r]
            rows[start < model.rowStart[r + 1] ? groupOfBlock[blockOf[Int(model.entryColumns[start])]] : number.count].append(r)
        }
        var columns = Array(repeating: 0, count: number.count + 1)
        for (b, shape) in shapes.enumerated() { columns[groupOfBlock[b]] += shape.columns.count }
        self.groupOfBlock = groupOfBlock; self.rows = rows; self.columns = columns
    }

    /// Groups, the last one (relaxed rows without entries) included.
    var count: Int { rows.count }

    /// Groups with blocks of at least `share` of all columns, the smaller ones counted as one: the
    /// parts a decomposing solver that merges small blocks (`DecomposingSolver.smallBlockShare`)
    /// finds in price-and-branch's master once every group has columns.
    func parts(smallerThan share: Double) -> Int {
        let withBlocks = columns.dropLast().filter { $0 > 0 }
        let least = Double(withBlocks.reduce(0, +)) * share
        let large = withBlocks.filter { Double($0) >= least }.count
        return large + (large < withBlocks.count ? 1 : 0)
    }

    /// Each group's part of L at `multipliers` (one per model row), from the blocks' values in the
    /// order of `blocks` (indices into the relaxation's shapes): Σ_r λ_r b_r over its rows plus its
    /// blocks' values. Their sum plus the model's constant is L.
    func parts(of model: LinearModel, multipliers: [Double], blocks: [Int], values: [Double]) -> [Double] {
        var part = rows.map { rows in
            rows.reduce(0.0) { $0 + LagrangianBound.clamped(multipliers[$1], model.senses[$1]) * model.rightHandSides[$1] }
        }
        for (b, value) in zip(blocks, values) { part[groupOfBlock[b]] += value }
        return part
    }
}

/// The best part of each group so far and the multipliers on its rows there (`IndependentGroups`).
struct BestGroupParts {
    private(set) var parts: [Double]
    /// Each group's rows at the multipliers of its best part: together a multiplier vector whose
    /// L is `bound`.
    private(set) var multipliers: [Double]
    let constant: Double

    init(groups: IndependentGroups, start multipliers: [Double], constant: Double) {
        parts = Array(repeating: -.infinity, count: groups.count)
        self.multipliers = multipliers; self.constant = constant
    }

    /// The sum of the best parts (nil until every group has one).
    var bound: Double? {
        parts.contains(-.infinity) ? nil : parts.reduce(constant, +)
    }

    /// Keeps the groups whose part at `multipliers` beats their best; returns how many did.
    @discardableResult
    mutating func offer(_ groups: IndependentGroups, parts offered: [Double], at multipliers: [Double]) -> Int {
        var better = 0
        for g in offered.indices where offered[g] > parts[g] {
            parts[g] = offered[g]
            for r in groups.rows[g] { self.multipliers[r] = multipliers[r] }
            better += 1
        }
        return better
    }
}
