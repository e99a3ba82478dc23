import Foundation

// A decomposed solve's pieces (`DecomposingSolver`, `LagrangianBound`): a block's columns and
// rows, the block as a model of its own, and the clock its time limits count on.

/// One block's columns and rows (rows that touch none of its columns are left out; rows with no
/// entries belong to the first block so that they are still checked), without its model.
struct BlockShape {
    let columns: [Int]
    let rows: [Int]
    let nonzeros: Int
    var size: Int { nonzeros + columns.count }

    static func all(_ full: LinearModel, blocks: [[Int]], ignoring: Set<Int> = []) -> [BlockShape] {
        var blockOf = Array(repeating: -1, count: full.variableCount)
        for (b, columns) in blocks.enumerated() { for j in columns { blockOf[j] = b } }
        var rows = Array(repeating: [Int](), count: blocks.count), nonzeros = Array(repeating: 0, count: blocks.count)
        for i in 0..<full.constraintCount where !ignoring.contains(i) {
            let start = full.rowStart[i], end = full.rowStart[i + 1]
            let b = start < end ? blockOf[Int(full.entryColumns[start])] : (blocks.firstIndex { $0.first == 0 } ?? -1)
            guard b >= 0 else { continue }
            rows[b].append(i); nonzeros[b] += end - start
        }
        return blocks.indices.map { BlockShape(columns: blocks[$0], rows: rows[$0], nonzeros: nonzeros[$0]) }
    }

    /// The block's part of the objective (without the model's constant) at a point of its columns.
    func objectiveValue(_ full: LinearModel, _ values: [Double]) -> Double {
        zip(columns, values).reduce(0) { $0 + full.objectiveCoefficients[$1.0] * $1.1 }
    }
}

/// One block as a model of its own.
struct BlockModel {
    let model: LinearModel

    init(_ full: LinearModel, shape: BlockShape) {
        // Column → place in the block, by dictionary: an array over the whole model was zeroed
        // per block, and the Lagrangian ascent builds its non-week blocks anew each evaluation
        // (national week: about 30 % of the ascent's CPU in that memset and its page faults).
        var local: [Int: Int] = [:]
        local.reserveCapacity(shape.columns.count)
        for (k, j) in shape.columns.enumerated() { local[j] = k }
        let m = LinearModel(name: full.name)
        m.reserve(variables: shape.columns.count, constraints: shape.rows.count, nonzeros: shape.nonzeros)
        var vars: [Variable] = []
        for j in shape.columns {
            vars.append(m.addVariable(full.variableNames[j], full.kinds[j], lower: full.lowerBounds[j],
                                      upper: full.upperBounds[j], objective: full.objectiveCoefficients[j]))
        }
        for i in shape.rows {
            var e = LinearExpression()
            for k in full.rowStart[i]..<full.rowStart[i + 1] { e.add(full.entryValues[k], vars[local[Int(full.entryColumns[k])]!]) }
            m.add(full.constraintNames[i], LinearConstraint(e, full.senses[i], full.rightHandSides[i]))
        }
        m.direction = full.direction
        model = m
    }
}

/// Wall-clock time since the decomposed solve began.
final class BlockClock {
    private let start = ContinuousClock.now
    var elapsed: Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
