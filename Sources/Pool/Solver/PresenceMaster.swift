import Foundation

/// The master MIP up to interchangeable variables: one column per block solution "up to which of
/// its interchangeable variables it uses", and those variables as columns of their own, linked to
/// the weeks that use their class.
///
/// Why: a clinician present at a site in a shift may fill any of that shift's demand lines they
/// qualify for (the lines differ by competency or language, say). Their `x` variables then have
/// the same coefficients in every row of the clinician's own block — only the coverage rows and
/// the objective tell them apart — so a week column fixes one labelling, and the master holds one
/// column per labelling: on the region's GPs' node masters 2 300–2 367 week columns are 1 578–1 622
/// distinct weeks of presence (31 % relabellings), and the search spends its moves on them. Here a
/// week column fixes only how many of each class it uses; the `x` variables say which, so the
/// master MIP shares the lines out among those present.
///
/// Exact: within a class, variables have equal coefficients in every block row and equal kind and
/// bounds, so any choice of members with the week's count per class keeps the block's rows; the
/// master's plans are the old master's plans and more (labellings no column had).
struct PresenceMaster {
    let model: LinearModel
    /// Variables of the kept blocks, first in `model`.
    let keptCount: Int
    /// Per flexible column of `model` (after the kept ones), its model variable.
    let flexible: [Int]
    /// Per week column of `model` (after the flexible ones), the original master column it stands for.
    let weeks: [Int]
    /// Per original master column, its week column.
    let weekOf: [Int]
}

extension MasterColumns {
    /// Per model variable, its class of interchangeable variables within its priced block (-1: none,
    /// or a class of one): equal kind, bounds and coefficients in every row of the block.
    func interchangeableClasses() -> [Int] {
        struct Signature: Hashable {
            let block: Int
            let kind: VariableKind
            let lower: Double, upper: Double
            let entries: [Double]   // row, value pairs flattened
        }
        var classOf = Array(repeating: -1, count: model.variableCount)
        var next = 0
        for (i, b) in priced.enumerated() {
            let shape = relaxation.shapes[b]
            var local: [Int: Int] = [:]
            for (p, j) in shape.columns.enumerated() { local[j] = p }
            var entries = Array(repeating: [Double](), count: shape.columns.count)
            for r in shape.rows {
                for k in model.rowStart[r]..<model.rowStart[r + 1] {
                    if let p = local[Int(model.entryColumns[k])] { entries[p] += [Double(r), model.entryValues[k]] }
                }
            }
            var members: [Signature: [Int]] = [:]
            var order: [Signature] = []
            for (p, j) in shape.columns.enumerated() {
                let s = Signature(block: i, kind: model.kinds[j], lower: model.lowerBounds[j], upper: model.upperBounds[j], entries: entries[p])
                if members[s] == nil { order.append(s) }
                members[s, default: []].append(j)
            }
            for s in order {
                guard let js = members[s], js.count > 1 else { continue }
                for j in js { classOf[j] = next }
                next += 1
            }
        }
        return classOf
    }

    /// The master MIP over every column as a `PresenceMaster` (nil when no block has two
    /// interchangeable variables).
    func presenceMaster(classOf: [Int]) -> PresenceMaster? {
        struct WeekKey: Hashable {
            let block: Int
            let counts: [Double]     // class, count pairs flattened, by class
            let fixed: [Double]      // the point with the flexible variables at zero
        }
        var keys: [WeekKey: Int] = [:]
        var weeks: [Int] = [], weekOf: [Int] = []
        var weekCounts: [[(cls: Int, count: Double)]] = []
        var usedClasses = Array(repeating: Set<Int>(), count: priced.count)
        for (k, c) in columns.enumerated() {
            let shape = relaxation.shapes[priced[c.block]]
            var fixed = c.point
            var counts: [Int: Double] = [:]
            for (p, j) in shape.columns.enumerated() where classOf[j] >= 0 && c.point[p] != 0 {
                counts[classOf[j], default: 0] += c.point[p]; fixed[p] = 0
            }
            let sorted = counts.keys.sorted().map { ($0, counts[$0] ?? 0) }
            let key = WeekKey(block: c.block, counts: sorted.flatMap { [Double($0.0), $0.1] }, fixed: fixed)
            if let w = keys[key] { weekOf.append(w); continue }
            keys[key] = weeks.count; weekOf.append(weeks.count); weeks.append(k)
            weekCounts.append(sorted.map { (cls: $0.0, count: $0.1) })
            for (cls, _) in sorted { usedClasses[c.block].insert(cls) }
        }
        guard usedClasses.contains(where: { !$0.isEmpty }) else { return nil }

        let m = LinearModel(name: model.name + " presence master")
        let keptVariable = addKeptVariables(to: m)
        let keptCount = m.variableCount
        var flexible: [Int] = [], flexibleVariable: [Variable] = []
        var membersOf: [Int: [Int]] = [:]   // class → indices into `flexible`
        for i in priced.indices {
            for j in relaxation.shapes[priced[i]].columns where classOf[j] >= 0 && usedClasses[i].contains(classOf[j]) {
                membersOf[classOf[j], default: []].append(flexible.count)
                flexible.append(j)
                flexibleVariable.append(m.addVariable(model.variableNames[j], model.kinds[j], lower: model.lowerBounds[j],
                                                      upper: model.upperBounds[j], objective: model.objectiveCoefficients[j]))
            }
        }
        var weekVariable: [Variable] = []
        var byRow: [Int: [(Variable, Double)]] = [:]
        for (f, j) in flexible.enumerated() {
            for e in relaxedEntries[relaxedStart[j]..<relaxedStart[j + 1]] { byRow[e.row, default: []].append((flexibleVariable[f], e.value)) }
        }
        for k in weeks {
            let c = columns[k], shape = relaxation.shapes[priced[c.block]]
            var cost = 0.0
            var entries: [Int: Double] = [:]
            for (p, j) in shape.columns.enumerated() where classOf[j] < 0 && c.point[p] != 0 {
                cost += model.objectiveCoefficients[j] * c.point[p]
                for e in relaxedEntries[relaxedStart[j]..<relaxedStart[j + 1]] { entries[e.row, default: 0] += e.value * c.point[p] }
            }
            let v = m.binary("week[\(k)]", objective: cost)
            weekVariable.append(v)
            for r in entries.keys.sorted() { byRow[r, default: []].append((v, entries[r] ?? 0)) }
        }
        func addRow(_ r: Int, extra: [(Variable, Double)]) {
            var e = LinearExpression()
            for k in model.rowStart[r]..<model.rowStart[r + 1] {
                if let v = keptVariable[Int(model.entryColumns[k])] { e.add(model.entryValues[k], v) }
            }
            for (v, a) in extra { e.add(a, v) }
            m.add(model.constraintNames[r], LinearConstraint(e, model.senses[r], model.rightHandSides[r]))
        }
        for r in relaxation.relaxedRows { addRow(r, extra: byRow[r] ?? []) }
        for b in kept { for r in relaxation.shapes[b].rows { addRow(r, extra: []) } }
        var perBlock = Array(repeating: [Variable](), count: priced.count)
        for (w, k) in weeks.enumerated() { perBlock[columns[k].block].append(weekVariable[w]) }
        for i in priced.indices { m.add("oneColumn[\(i)]", sum(perBlock[i]) == 1) }
        // Each class's members in use: as many as the chosen week of the block counts.
        var usersOf: [Int: [(Variable, Double)]] = [:]
        for (w, counts) in weekCounts.enumerated() { for (cls, n) in counts { usersOf[cls, default: []].append((weekVariable[w], n)) } }
        for cls in membersOf.keys.sorted() {
            var e = LinearExpression()
            for (v, n) in usersOf[cls] ?? [] { e.add(n, v) }
            for f in membersOf[cls] ?? [] { e.add(-1, flexibleVariable[f]) }
            m.add("classUse[\(cls)]", LinearConstraint(e, .equal, 0))
        }
        m.objectiveConstant = model.objectiveConstant
        m.direction = .minimize
        return PresenceMaster(model: m, keptCount: keptCount, flexible: flexible, weeks: weeks, weekOf: weekOf)
    }

    /// A point of the old master (kept values, then one value per column) as a point of `p`.
    func presencePoint(_ p: PresenceMaster, fromMaster values: [Double]) -> [Double] {
        var out = Array(values.prefix(p.keptCount)) + Array(repeating: 0.0, count: p.flexible.count + p.weeks.count)
        var flexibleIndex: [Int: Int] = [:]
        for (f, j) in p.flexible.enumerated() { flexibleIndex[j] = f }
        for (k, v) in values.dropFirst(p.keptCount).enumerated() where v > 0.5 {
            out[p.keptCount + p.flexible.count + p.weekOf[k]] = 1
            let c = columns[k], shape = relaxation.shapes[priced[c.block]]
            for (q, j) in shape.columns.enumerated() where c.point[q] != 0 {
                if let f = flexibleIndex[j] { out[p.keptCount + f] = c.point[q] }
            }
        }
        return out
    }

    /// A solution of `p` as a point of the whole model.
    func point(_ p: PresenceMaster, values: [Double], classOf: [Int]) -> [Double] {
        var point = Array(repeating: 0.0, count: model.variableCount)
        var v = 0
        for b in kept { for j in relaxation.shapes[b].columns { point[j] = values[v]; v += 1 } }
        for (f, j) in p.flexible.enumerated() { point[j] = model.kinds[j] == .continuous ? values[v + f] : values[v + f].rounded() }
        v += p.flexible.count
        for (w, k) in p.weeks.enumerated() where values[v + w] > 0.5 {
            let c = columns[k]
            for (q, j) in relaxation.shapes[priced[c.block]].columns.enumerated() where classOf[j] < 0 { point[j] = c.point[q] }
        }
        return point
    }
}
