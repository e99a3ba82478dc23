import Foundation

/// A local search over a plan of price-and-branch's master MIP: one block (a clinician) takes
/// another of its columns, or two blocks change theirs together, whenever that lowers the cost.
/// Written by hand because GLPK has no local search, and in the master a move is priced exactly
/// by updating a few row activities — microseconds, where a neighbourhood sub-MIP takes 0.3–2 s.
///
/// The master's continuous columns (the kept blocks: for Pool the uncovered counts and the equity
/// shares) follow from the chosen columns, so a move needs no LP:
/// * a column that is the only continuous one in an equality row is *defined* by it (Pool's
///   uncovered count u_r: Σ chosen weeks' places + u_r = count_r);
/// * every other continuous column has a nonnegative cost and only lower bounds from rows whose
///   other continuous columns are defined ones (Pool's worst share of a profession group:
///   worst_g ≥ a site's uncovered share), so it takes the largest of them (or its lower bound).
/// A master of any other shape gets no local search (`init` returns nil).
struct MasterLocalSearch {
    /// The master's arrays, copied: reading them through the class in the inner loop cost a fifth
    /// of the time (region: 2.0 against 2.4 million moves a second).
    private let cost: [Double], lower: [Double], upper: [Double], rightHandSide: [Double], sense: [ConstraintSense]
    private let firstWeek: Int
    /// Rows from here on are the blocks' "one column" rows, kept satisfied by construction.
    private let convexityStart: Int
    private let blockOf: [Int]
    private let blockWeeks: [[Int]]
    /// Each week's entries on the rows before `convexityStart` (compressed by week).
    private let weekStart: [Int], weekRow: [Int32], weekValue: [Double]
    /// Each row's weeks (compressed by row).
    private let rowWeekStart: [Int], rowWeek: [Int32]
    /// Per row: the continuous column it defines (−1: none) and its coefficient there.
    private let defines: [Int], definingCoefficient: [Double]
    /// Per row: the continuous column it bounds from below (−1: none) and its coefficient there.
    private let bounds: [Int], boundingCoefficient: [Double]
    /// Per defined column: the bounding rows it appears in, with its coefficient.
    private let boundingRowsOf: [[(row: Int, value: Double)]]
    /// Per bounded column: its bounding rows.
    private let rowsBounding: [[Int]]

    // The plan: each block's week, the weeks' row activities, the continuous columns' values and,
    // per bounding row, its right-hand side less everything but the bounded column.
    private var chosen: [Int]
    private var activity: [Double]
    private var value: [Double]
    private var rest: [Double]
    private(set) var objective: Double

    // Scratch of `evaluate`, kept to avoid allocations.
    private var rowChange: [Double], rowMarked: [Bool], markedRows: [Int] = []
    private var restChange: [Double], restMarked: [Bool], markedRests: [Int] = []
    private var valueChange: [Double], columnMarked: [Bool], markedColumns: [Int] = []

    private static let tolerance = 1e-7

    /// `values`: a feasible point of the master `m` with one week per block at 1.
    /// `blockOf[j − firstWeek]` is week j's block; the blocks' "one column" rows are `m`'s last `blocks`.
    init?(_ m: LinearModel, values: [Double], firstWeek: Int, blockOf: [Int], blocks: Int) {
        guard firstWeek + blockOf.count == m.variableCount, m.direction == .minimize,
              m.constraintCount >= blocks else { return nil }
        self.firstWeek = firstWeek; self.blockOf = blockOf
        cost = m.objectiveCoefficients; lower = m.lowerBounds; upper = m.upperBounds
        rightHandSide = m.rightHandSides; sense = m.senses
        convexityStart = m.constraintCount - blocks
        var weeks = Array(repeating: [Int](), count: blocks)
        for (w, b) in blockOf.enumerated() { weeks[b].append(w) }
        blockWeeks = weeks

        // Transpose the rows before the convexity rows: weeks' entries and continuous columns' rows.
        var count = Array(repeating: 0, count: blockOf.count + 1)
        var rowCount = Array(repeating: 0, count: convexityStart + 1)
        var keptRows = Array(repeating: [(row: Int, value: Double)](), count: firstWeek)
        for i in 0..<convexityStart {
            for k in m.rowStart[i]..<m.rowStart[i + 1] {
                let j = Int(m.entryColumns[k])
                if j >= firstWeek { count[j - firstWeek + 1] += 1; rowCount[i + 1] += 1 } else { keptRows[j].append((i, m.entryValues[k])) }
            }
        }
        for w in 0..<blockOf.count { count[w + 1] += count[w] }
        for i in 0..<convexityStart { rowCount[i + 1] += rowCount[i] }
        var fill = count, rowFill = rowCount
        var rows = Array(repeating: Int32(0), count: count[blockOf.count]), entries = Array(repeating: 0.0, count: count[blockOf.count])
        var rowWeeks = Array(repeating: Int32(0), count: rowCount[convexityStart])
        for i in 0..<convexityStart {
            for k in m.rowStart[i]..<m.rowStart[i + 1] where Int(m.entryColumns[k]) >= firstWeek {
                let w = Int(m.entryColumns[k]) - firstWeek
                rows[fill[w]] = Int32(i); entries[fill[w]] = m.entryValues[k]; fill[w] += 1
                rowWeeks[rowFill[i]] = Int32(w); rowFill[i] += 1
            }
        }
        weekStart = count; weekRow = rows; weekValue = entries
        rowWeekStart = rowCount; rowWeek = rowWeeks

        // Classify the continuous columns: defined by an equality row of their own, or bounded.
        var keptInRow = Array(repeating: [(column: Int, value: Double)](), count: convexityStart)
        for j in 0..<firstWeek {
            guard m.kinds[j] == .continuous else { return nil }
            for e in keptRows[j] { keptInRow[e.row].append((j, e.value)) }
        }
        var defines = Array(repeating: -1, count: convexityStart), definingCoefficient = Array(repeating: 0.0, count: convexityStart)
        var definedBy = Array(repeating: -1, count: firstWeek)
        for i in 0..<convexityStart where m.senses[i] == .equal && keptInRow[i].count == 1 {
            let (j, a) = keptInRow[i][0]
            guard definedBy[j] < 0, abs(a) > 1e-12 else { return nil }
            definedBy[j] = i; defines[i] = j; definingCoefficient[i] = a
        }
        var bounds = Array(repeating: -1, count: convexityStart), boundingCoefficient = Array(repeating: 0.0, count: convexityStart)
        var boundingRowsOf = Array(repeating: [(row: Int, value: Double)](), count: firstWeek)
        var rowsBounding = Array(repeating: [Int](), count: firstWeek)
        for i in 0..<convexityStart where defines[i] < 0 && !keptInRow[i].isEmpty {
            let free = keptInRow[i].filter { definedBy[$0.column] < 0 }
            guard free.count == 1, m.senses[i] != .equal else { return nil }
            let (j, a) = free[0]
            // Only lower bounds on a column with a nonnegative cost: it then takes the largest.
            guard (m.senses[i] == .greaterOrEqual) == (a > 0), m.objectiveCoefficients[j] >= 0 else { return nil }
            bounds[i] = j; boundingCoefficient[i] = a; rowsBounding[j].append(i)
            for e in keptInRow[i] where e.column != j { boundingRowsOf[e.column].append((i, e.value)) }
        }
        // A defined column may appear only in its own row and in bounding rows.
        for j in 0..<firstWeek where definedBy[j] >= 0 {
            guard keptRows[j].count == 1 + boundingRowsOf[j].count else { return nil }
        }
        self.defines = defines; self.definingCoefficient = definingCoefficient
        self.bounds = bounds; self.boundingCoefficient = boundingCoefficient
        self.boundingRowsOf = boundingRowsOf; self.rowsBounding = rowsBounding

        // The plan.
        var chosen = Array(repeating: -1, count: blocks)
        for (w, b) in blockOf.enumerated() where values[firstWeek + w] > 0.5 {
            guard chosen[b] < 0 else { return nil }
            chosen[b] = w
        }
        guard !chosen.contains(-1) else { return nil }
        self.chosen = chosen
        activity = Array(repeating: 0, count: convexityStart)
        for w in chosen { for k in weekStart[w]..<weekStart[w + 1] { activity[Int(weekRow[k])] += weekValue[k] } }
        value = Array(repeating: 0, count: firstWeek)
        rest = Array(repeating: 0, count: convexityStart)
        rowChange = Array(repeating: 0, count: convexityStart); rowMarked = Array(repeating: false, count: convexityStart)
        restChange = Array(repeating: 0, count: convexityStart); restMarked = Array(repeating: false, count: convexityStart)
        valueChange = Array(repeating: 0, count: firstWeek); columnMarked = Array(repeating: false, count: firstWeek)
        objective = 0
        for i in 0..<convexityStart where defines[i] >= 0 {
            value[defines[i]] = (m.rightHandSides[i] - activity[i]) / definingCoefficient[i]
        }
        for i in 0..<convexityStart where bounds[i] >= 0 {
            var r = m.rightHandSides[i] - activity[i]
            for e in keptInRow[i] where e.column != bounds[i] { r -= e.value * value[e.column] }
            rest[i] = r
        }
        for j in 0..<firstWeek where definedBy[j] < 0 {
            value[j] = rowsBounding[j].reduce(m.lowerBounds[j]) { max($0, rest[$1] / boundingCoefficient[$1]) }
        }
        guard m.violations(point, tolerance: 1e-6).isEmpty else { return nil }
        objective = m.objectiveValue(point)
    }

    /// The plan as a point of the master.
    var point: [Double] {
        var p = value + Array(repeating: 0.0, count: blockOf.count)
        for w in chosen { p[firstWeek + w] = 1 }
        return p
    }

    /// The change of cost if each (block, week) pair of `moves` took that week (nil: infeasible).
    /// Leaves the scratch marked for `apply`; `clear` resets it.
    private mutating func evaluate(_ move: Move) -> Double? {
        var delta = stage(block: move.block, week: move.week)
        if move.partner >= 0 { delta += stage(block: move.partner, week: move.partnerWeek) }
        for i in markedRows where rowChange[i] != 0 {
            let change = rowChange[i]
            if defines[i] >= 0 {
                let j = defines[i], d = -change / definingCoefficient[i], v = value[j] + d
                guard v >= lower[j] - Self.tolerance, v <= upper[j] + Self.tolerance else { return nil }
                delta += cost[j] * d
                valueChange[j] = d
                if !columnMarked[j] { columnMarked[j] = true; markedColumns.append(j) }
                for e in boundingRowsOf[j] { markRest(e.row, -e.value * d) }
            } else if bounds[i] >= 0 {
                markRest(i, -change)
            } else {
                let a = activity[i] + change, r = rightHandSide[i]
                switch sense[i] {
                case .lessOrEqual: if a > r + Self.tolerance { return nil }
                case .greaterOrEqual: if a < r - Self.tolerance { return nil }
                case .equal: if abs(a - r) > Self.tolerance { return nil }
                }
            }
        }
        // Bounded columns whose rows changed: the largest lower bound, rescanned only when the
        // row that set it fell.
        let firstBounded = markedColumns.count
        for i in markedRests {
            let j = bounds[i]
            guard !columnMarked[j] else { continue }
            columnMarked[j] = true; markedColumns.append(j)
        }
        for j in markedColumns[firstBounded...] {
            let current = value[j]
            var needsScan = false, highest = -Double.infinity
            for i in rowsBounding[j] where restMarked[i] {
                let a = boundingCoefficient[i], before = rest[i] / a, after = (rest[i] + restChange[i]) / a
                if before >= current - 1e-9, after < before - 1e-12 { needsScan = true }
                highest = max(highest, after)
            }
            var new = max(current, highest)
            if needsScan {
                new = lower[j]
                for i in rowsBounding[j] { new = max(new, (rest[i] + (restMarked[i] ? restChange[i] : 0)) / boundingCoefficient[i]) }
            }
            guard new <= upper[j] + Self.tolerance else { return nil }
            valueChange[j] = new - current
            delta += cost[j] * (new - current)
        }
        return delta
    }

    /// A move: `block` takes `week` and, unless `partner` is −1, `partner` takes `partnerWeek`.
    struct Move {
        var block: Int, week: Int, partner = -1, partnerWeek = -1
    }

    /// Marks the rows block `b` changes by taking week `w`; returns the change of the weeks' cost.
    private mutating func stage(block b: Int, week w: Int) -> Double {
        let old = chosen[b]
        for k in weekStart[old]..<weekStart[old + 1] { mark(row: Int(weekRow[k]), -weekValue[k]) }
        for k in weekStart[w]..<weekStart[w + 1] { mark(row: Int(weekRow[k]), weekValue[k]) }
        return cost[firstWeek + w] - cost[firstWeek + old]
    }

    private mutating func mark(row i: Int, _ change: Double) {
        if !rowMarked[i] { rowMarked[i] = true; markedRows.append(i) }
        rowChange[i] += change
    }

    private mutating func markRest(_ i: Int, _ change: Double) {
        if !restMarked[i] { restMarked[i] = true; markedRests.append(i) }
        restChange[i] += change
    }

    private mutating func clear() {
        for i in markedRows { rowChange[i] = 0; rowMarked[i] = false }
        for i in markedRests { restChange[i] = 0; restMarked[i] = false }
        for j in markedColumns { valueChange[j] = 0; columnMarked[j] = false }
        markedRows.removeAll(keepingCapacity: true); markedRests.removeAll(keepingCapacity: true)
        markedColumns.removeAll(keepingCapacity: true)
    }

    /// Takes `moves`, whose evaluation `delta` is still in the scratch, then clears it.
    private mutating func apply(_ move: Move, delta: Double) {
        chosen[move.block] = move.week
        if move.partner >= 0 { chosen[move.partner] = move.partnerWeek }
        for i in markedRows { activity[i] += rowChange[i] }
        for i in markedRests { rest[i] += restChange[i] }
        for j in markedColumns { value[j] += valueChange[j] }
        objective += delta
        clear()
    }

    struct Summary {
        var single = 0, pairs = 0, evaluations = 0, seconds = 0.0
        var finished = false
    }

    /// Improving moves until none is left (`finished`) or `seconds` are spent: each block's best
    /// other week, then each block's best change together with one other block whose weeks share
    /// a row with the change.
    mutating func improve(seconds: Double, isStopRequested: () -> Bool = { false }) -> Summary {
        let clock = BlockClock()
        var summary = Summary()
        var stamp = Array(repeating: -1, count: blockOf.count)
        var visit = 0
        func outOfTime() -> Bool {
            summary.seconds = clock.elapsed
            return summary.seconds > seconds || isStopRequested()
        }
        while true {
            var improved = false
            for b in blockWeeks.indices {
                var best: (week: Int, delta: Double)?
                for w in blockWeeks[b] where w != chosen[b] {
                    summary.evaluations += 1
                    if let d = evaluate(Move(block: b, week: w)), d < (best?.delta ?? -1e-6) { best = (w, d) }
                    clear()
                }
                if let best, let d = evaluate(Move(block: b, week: best.week)) {
                    apply(Move(block: b, week: best.week), delta: d); summary.single += 1; improved = true
                }
                clear()
            }
            if outOfTime() { return summary }
            for b in blockWeeks.indices {
                var best: (move: Move, delta: Double)?
                for w in blockWeeks[b] where w != chosen[b] {
                    visit += 1
                    // Rows whose coverage the change moves: where it adds, a partner holding the
                    // row may leave it; where it drops, a partner may take it.
                    let old = chosen[b]
                    var net: [(row: Int, change: Double)] = []
                    for k in weekStart[old]..<weekStart[old + 1] { net.append((Int(weekRow[k]), -weekValue[k])) }
                    for k in weekStart[w]..<weekStart[w + 1] {
                        let i = Int(weekRow[k])
                        if let n = net.firstIndex(where: { $0.row == i }) { net[n].change += weekValue[k] } else { net.append((i, weekValue[k])) }
                    }
                    for (i, change) in net where change != 0 {
                        for k in rowWeekStart[i]..<rowWeekStart[i + 1] {
                            let other = Int(rowWeek[k]), c = blockOf[other]
                            guard c != b, (chosen[c] == other) == (change > 0) else { continue }
                            func consider(_ p: Int) {
                                guard p != chosen[c], stamp[p] != visit else { return }
                                stamp[p] = visit
                                summary.evaluations += 1
                                let move = Move(block: b, week: w, partner: c, partnerWeek: p)
                                if let d = evaluate(move), d < (best?.delta ?? -1e-6) { best = (move, d) }
                                clear()
                            }
                            if change > 0 { for p in blockWeeks[c] { consider(p) } } else { consider(other) }
                        }
                    }
                }
                if let best, let d = evaluate(best.move) { apply(best.move, delta: d); summary.pairs += 1; improved = true }
                clear()
                if outOfTime() { return summary }
            }
            if !improved { summary.finished = true; summary.seconds = clock.elapsed; return summary }
        }
    }
}
