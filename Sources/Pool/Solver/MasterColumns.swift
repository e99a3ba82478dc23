import Foundation

/// Price-and-branch's master (`ColumnGeneration`): the columns found so far — one block solution
/// each, for Pool one clinician's week — and the master LP and MIP built over them.
struct MasterColumns {
    let model: LinearModel
    let relaxation: LagrangianBound
    let priced: [Int]
    let kept: [Int]
    /// Per column: its block (index into `priced`), block-local point, cost and relaxed-row entries.
    private(set) var columns: [(block: Int, point: [Double], cost: Double, entries: [(row: Int, value: Double)])] = []
    private var seen: [ColumnKey: Int] = [:]
    /// Seed columns, per seed, per priced block.
    private(set) var seedColumns: [[Int]] = []
    private(set) var seedKept: [[Double]] = []
    /// The relaxed rows' entries by model column (compressed: column j's are at
    /// relaxedStart[j]..<relaxedStart[j + 1]), so a new column's entries are read from its own
    /// nonzeros rather than by scanning every relaxed row (that scan was 5 % of a region round).
    let relaxedStart: [Int]
    let relaxedEntries: [(row: Int, value: Double)]
    /// The last master LP's basis over every column (kept blocks' first; columns out of that LP
    /// non-basic at zero) and the column count then: the next LP starts from it.
    private var lastBasis: (basis: SolverBasis, columns: Int)?
    /// The next LP by the dual simplex (its starting basis dual feasible: `start(from:)`).
    private var dualStart = false
    /// Columns left out of the master LPs and the dive (not the master MIP), and per column the LPs in a
    /// row that left it non-basic at zero with a positive reduced cost (see `restAfter`).
    private var resting: [Bool] = []
    private var idleLPs: [Int] = []
    /// Columns non-basic with a positive reduced cost in this many master LPs in a row rest: the
    /// next LPs are built without them until pricing finds one of them again or it prices out
    /// (nil: every column in every LP).
    var restAfter: Int?
    /// Resting columns brought back so far (found again by pricing, or priced out).
    private(set) var backFromRest = 0
    /// The last dive's LPs: how many, the first one's seconds, blocks fixed and how it ended.
    var diveSummary = ""

    init(_ model: LinearModel, relaxation: LagrangianBound, priced: [Int], kept: [Int]) {
        self.model = model; self.relaxation = relaxation; self.priced = priced; self.kept = kept
        var start = Array(repeating: 0, count: model.variableCount + 1)
        for r in relaxation.relaxedRows {
            for k in model.rowStart[r]..<model.rowStart[r + 1] { start[Int(model.entryColumns[k]) + 1] += 1 }
        }
        for j in 0..<model.variableCount { start[j + 1] += start[j] }
        var fill = start, entries = Array(repeating: (row: 0, value: 0.0), count: start[model.variableCount])
        for r in relaxation.relaxedRows {  // ascending rows: each column's entries come out sorted by row
            for k in model.rowStart[r]..<model.rowStart[r + 1] {
                let j = Int(model.entryColumns[k])
                entries[fill[j]] = (r, model.entryValues[k]); fill[j] += 1
            }
        }
        relaxedStart = start; relaxedEntries = entries
    }

    var count: Int { columns.count }

    /// Adds the block optima (in `priced` order) that price out at the master's duals — reduced
    /// costs `reducedCosts` (c − πA) and convexity duals σ; returns how many were new.
    mutating func addPricedOut(_ optima: some Sequence<BlockOptimum>, reducedCosts: [Double], convexityDuals: [Double]) -> Int {
        var added = 0
        for (i, o) in optima.enumerated() where i < priced.count && !o.point.isEmpty {
            let cost = zip(relaxation.shapes[priced[i]].columns, o.point).reduce(0) { $0 + reducedCosts[$1.0] * $1.1 }
            if cost - convexityDuals[i] < -1e-6, add(block: i, point: o.point) { added += 1 }
        }
        return added
    }

    /// Every column as (block, block-local point).
    var columnPoints: [(block: Int, point: [Double])] { columns.map { ($0.block, $0.point) } }

    struct ColumnKey: Hashable {
        let block: Int
        let values: [Double]
    }

    /// Adds block `i`'s solution (a column) unless it is there already; returns whether it was new.
    @discardableResult
    mutating func add(block i: Int, point: [Double]) -> Bool { index(block: i, point: point) != nil }

    private mutating func index(block i: Int, point: [Double]) -> Int? {
        let shape = relaxation.shapes[priced[i]]
        guard point.count == shape.columns.count else { return nil }
        let rounded = zip(shape.columns, point).map { j, v in model.kinds[j] == .continuous ? v : v.rounded() }
        let key = ColumnKey(block: i, values: rounded)
        if let k = seen[key] {
            // Known but resting: back into the master LP, as good as new.
            guard resting[k] else { return nil }
            resting[k] = false; idleLPs[k] = 0; backFromRest += 1
            return k
        }
        seen[key] = columns.count
        var cost = 0.0
        var entries: [Int: Double] = [:]
        for (k, j) in shape.columns.enumerated() where rounded[k] != 0 {
            cost += model.objectiveCoefficients[j] * rounded[k]
            for e in relaxedEntries[relaxedStart[j]..<relaxedStart[j + 1]] { entries[e.row, default: 0] += e.value * rounded[k] }
        }
        columns.append((i, rounded, cost, entries.keys.sorted().map { ($0, entries[$0] ?? 0) }))
        resting.append(false); idleLPs.append(0)
        return columns.count - 1
    }

    /// A feasible point's block solutions become columns, remembered as a start of the master MIP.
    mutating func add(seeds point: [Double]) {
        var chosen: [Int] = []
        for i in priced.indices {
            let shape = relaxation.shapes[priced[i]]
            let local = shape.columns.map { point[$0] }
            let rounded = zip(shape.columns, local).map { j, v in model.kinds[j] == .continuous ? v : v.rounded() }
            if let k = index(block: i, point: local) ?? seen[ColumnKey(block: i, values: rounded)] {
                chosen.append(k)
            } else { return }
        }
        seedColumns.append(chosen)
        seedKept.append(kept.flatMap { relaxation.shapes[$0].columns.map { point[$0] } })
    }

    /// The master over the columns (`included`, in order; nil: all of them): kept blocks' columns
    /// first, then one per column.
    func build(integral: Bool, including included: [Int]? = nil) -> LinearModel {
        let m = LinearModel(name: model.name + " master")
        let keptVariable = addKeptVariables(to: m)
        let order = included ?? Array(columns.indices)
        let weeks = order.map { k in
            integral ? m.binary("column[\(k)]", objective: columns[k].cost)
                : m.addVariable("column[\(k)]", .continuous, lower: 0, upper: 1, objective: columns[k].cost)
        }
        var byRow: [Int: [(Int, Double)]] = [:]
        for (v, k) in order.enumerated() { for e in columns[k].entries { byRow[e.row, default: []].append((v, e.value)) } }
        /// Row r of the model over the master's columns: its kept columns as they are, plus the weeks' entries.
        func addRow(_ r: Int, weekEntries: [(Int, Double)]) {
            var e = LinearExpression()
            for k in model.rowStart[r]..<model.rowStart[r + 1] {
                if let v = keptVariable[Int(model.entryColumns[k])] { e.add(model.entryValues[k], v) }
            }
            for (k, value) in weekEntries { e.add(value, weeks[k]) }
            m.add(model.constraintNames[r], LinearConstraint(e, model.senses[r], model.rightHandSides[r]))
        }
        for r in relaxation.relaxedRows { addRow(r, weekEntries: byRow[r] ?? []) }
        for b in kept { for r in relaxation.shapes[b].rows { addRow(r, weekEntries: []) } }
        var perBlock = Array(repeating: [Int](), count: priced.count)
        for (v, k) in order.enumerated() { perBlock[columns[k].block].append(v) }
        for i in priced.indices { m.add("oneColumn[\(i)]", sum(perBlock[i].map { weeks[$0] }) == 1) }
        m.objectiveConstant = model.objectiveConstant
        m.direction = .minimize
        return m
    }

    /// The kept blocks' columns as they are, the first variables of a master `m`; by model column.
    func addKeptVariables(to m: LinearModel) -> [Int: Variable] {
        var keptVariable: [Int: Variable] = [:]
        for b in kept {
            for j in relaxation.shapes[b].columns {
                keptVariable[j] = m.addVariable(model.variableNames[j], model.kinds[j], lower: model.lowerBounds[j],
                                                upper: model.upperBounds[j], objective: model.objectiveCoefficients[j])
            }
        }
        return keptVariable
    }

    /// Parts of the master smaller than this share of its columns are solved together: on 5× the
    /// region the smallest profession group held 5 % of the columns.
    static let smallPartShare = 0.02

    /// The master LP's objective and duals (π per model row, zero off the relaxed rows; σ per
    /// priced block), and its solution as a (fractional) point of the whole model: Σ λ × column.
    typealias LPSolution = (objective: Double, relaxedDuals: [Double], convexityDuals: [Double], point: [Double])

    mutating func solveLP(_ solver: any LinearSolver, timeLimit: Double?) throws -> LPSolution? {
        let included = restAfter == nil ? nil : columns.indices.filter { !resting[$0] }
        let m = build(integral: false, including: included)
        var options = SolveOptions(timeLimitSeconds: timeLimit, verbosity: .quiet)
        options.relaxIntegrality = true
        // Columns are only ever appended (after the kept blocks' columns, which come first), and
        // only columns non-basic at zero rest, so the last basis with the new columns non-basic at
        // zero is a primal feasible start.
        options.startingBasis = startingBasis(over: included)
        options.dualSimplex = dualStart && options.startingBasis != nil
        dualStart = false
        let r = try solver.solve(m, options: options)
        if let b = r.basis { remember(b, over: included) }
        guard r.status == .optimal, let objective = r.objective, let duals = r.rowDuals else { return nil }
        var pi = Array(repeating: 0.0, count: model.constraintCount)
        for (i, row) in relaxation.relaxedRows.enumerated() { pi[row] = duals[i] }
        let sigma = Array(duals.suffix(priced.count))
        if let restAfter, let basis = lastBasis?.basis { rest(after: restAfter, basis: basis, pi: pi, sigma: sigma) }
        return (objective, pi, sigma, point(r.values, threshold: nil, over: included))
    }

    /// The last basis for a master over `included` columns (nil: all), columns added since
    /// non-basic at zero.
    func startingBasis(over included: [Int]?) -> SolverBasis? {
        guard let last = lastBasis else { return nil }
        let full = last.basis.appendingColumns(columns.count - last.columns)
        guard let included else { return full }
        let keptCount = full.columnStatus.count - columns.count
        return SolverBasis(rowStatus: full.rowStatus,
                           columnStatus: Array(full.columnStatus.prefix(keptCount)) + included.map { full.columnStatus[keptCount + $0] })
    }

    /// The next LP starts from `basis`, a basis of this master over every column that is dual
    /// feasible but maybe not primal (`basis(from:base:)`), by the dual simplex; ignored when it
    /// does not fit.
    mutating func start(from basis: SolverBasis) {
        guard basis.columnStatus.count == kept.reduce(count, { $0 + relaxation.shapes[$1].columns.count }) else { return }
        lastBasis = (basis, count)
        dualStart = true
    }

    /// A basis of the master over `included` columns (nil: all) kept as one over every column.
    mutating func remember(_ basis: SolverBasis, over included: [Int]?) {
        guard let included else { lastBasis = (basis, columns.count); return }
        let keptCount = basis.columnStatus.count - included.count
        var status = Array(basis.columnStatus.prefix(keptCount)) + Array(repeating: SolverBasis.nonbasicAtLower, count: columns.count)
        for (v, k) in included.enumerated() { status[keptCount + k] = basis.columnStatus[keptCount + v] }
        lastBasis = (SolverBasis(rowStatus: basis.rowStatus, columnStatus: status), columns.count)
    }

    /// The reduced cost of column `k` at the master's duals.
    func reducedCost(_ k: Int, pi: [Double], sigma: [Double]) -> Double {
        let c = columns[k]
        return c.entries.reduce(c.cost) { $0 - $1.value * pi[$1.row] } - sigma[c.block]
    }

    /// After a master LP: columns non-basic at zero with a positive reduced cost for `limit` LPs in
    /// a row rest; resting columns that price out come back.
    private mutating func rest(after limit: Int, basis: SolverBasis, pi: [Double], sigma: [Double]) {
        let keptCount = basis.columnStatus.count - columns.count
        for k in columns.indices where !resting[k] {
            let idle = basis.columnStatus[keptCount + k] == SolverBasis.nonbasicAtLower && reducedCost(k, pi: pi, sigma: sigma) > 1e-6
            idleLPs[k] = idle ? idleLPs[k] + 1 : 0
            if idleLPs[k] >= limit { resting[k] = true }
        }
    }

    /// Resting columns that price out at the master's duals go back into its LP; returns how many.
    mutating func wake(pi: [Double], sigma: [Double]) -> Int {
        var woken = 0
        for k in columns.indices where resting[k] && reducedCost(k, pi: pi, sigma: sigma) < -1e-6 {
            resting[k] = false; idleLPs[k] = 0; woken += 1
        }
        backFromRest += woken
        return woken
    }

    /// Columns in the master LP now.
    var lpColumnCount: Int { resting.lazy.filter { !$0 }.count }

    /// The dive's columns (nil: every column): those of the master LPs, every seed's (each block's
    /// fallback week), and any basic in the last basis (none rests, but that basis starts the
    /// dive). 5× the region: about 12 600 of 30 000 columns, the first LP 0.09–0.12 s instead of
    /// 0.23–0.57 s, and a dive that once fixed every week (20 LPs) where before it never did.
    func diveColumns() -> [Int]? {
        guard restAfter != nil else { return nil }
        var taken = resting.map { !$0 }
        for k in seedColumns.joined() { taken[k] = true }
        if let last = lastBasis {
            let keptCount = last.basis.columnStatus.count - last.columns
            for k in 0..<last.columns where last.basis.columnStatus[keptCount + k] == SolverBasis.basic { taken[k] = true }
        }
        return columns.indices.filter { taken[$0] }
    }

    /// A master solution as a point of the whole model: the kept columns as they are, and each
    /// column's block solution weighted by its value (threshold: only columns above it, at weight 1).
    func point(_ values: [Double], threshold: Double?, over included: [Int]? = nil) -> [Double] {
        var point = Array(repeating: 0.0, count: model.variableCount)
        var v = 0
        for b in kept { for j in relaxation.shapes[b].columns { point[j] = values[v]; v += 1 } }
        for (u, k) in (included ?? Array(columns.indices)).enumerated() where values[v + u] > (threshold ?? 1e-9) {
            let c = columns[k], weight = threshold == nil ? values[v + u] : 1
            for (p, j) in relaxation.shapes[priced[c.block]].columns.enumerated() { point[j] += weight * c.point[p] }
        }
        return point
    }
}
