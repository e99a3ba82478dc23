import Foundation

/// A lower bound of a minimising MIP by Lagrangian relaxation (Geoffrion 1974): the given rows
/// leave the constraints and enter the objective, each weighted by a multiplier, and the rest of
/// the model falls apart into small independent blocks, each solved to optimality as a MIP of
/// its own. For multipliers λ of the right sign (≥ 0 on ≥ rows, ≤ 0 on ≤ rows, free on =),
///
///     L(λ) = constant + Σ λ_r b_r + Σ_blocks min { (c − λA) x : x in the block }  ≤  MIP optimum,
///
/// and with the LP relaxation's duals as λ, L ≥ the LP bound: each block keeps its integrality,
/// which the LP gave up. Pool relaxes the coverage rows, so every clinician's week is a block
/// (its weekly hours, rest and stays solved exactly) — on the region week that lifted the bound
/// by more than a thousand euros above the LP's (docs/performance.md).
public struct LagrangianBound {
    public let relaxedRows: [Int]
    let shapes: [BlockShape]
    /// Bounds blocks by a relaxation of their own instead of solving them (nil: every block exact).
    var blockRelaxation: (any BlockRelaxation)?
    /// Each block's solve time in the last evaluation: the next one starts the slowest first.
    let solveTimes: BlockSolveTimes

    /// What one evaluation found.
    public struct Value: Sendable {
        /// L(λ), including the model's constant.
        public var bound: Double
        public var blocks: Int
        public var seconds: Double
        /// Evaluations of L behind this one (subgradient steps + 1).
        public var evaluations = 1
        /// The blocks' optima together, one value per column: the relaxed rows' subgradient.
        var point: [Double]
        /// The multipliers of this evaluation, one per row of the model (an ascent's best; else empty).
        var multipliers: [Double] = []
        /// Each block's value (or bound), in the relaxation's block order.
        var blockValues: [Double] = []
    }

    public init(_ model: LinearModel, relaxing rows: [Int]) {
        self.init(model, relaxing: rows, blockRelaxation: nil)
    }

    init(_ model: LinearModel, relaxing rows: [Int], blockRelaxation: (any BlockRelaxation)?) {
        self.blockRelaxation = blockRelaxation
        relaxedRows = rows.sorted()
        let ignoring = Set(rows)
        shapes = BlockShape.all(model, blocks: DecomposingSolver.blocks(of: model, ignoring: ignoring), ignoring: ignoring)
        solveTimes = BlockSolveTimes(count: shapes.count)
    }

    /// Given blocks (e.g. a node's, `ColumnGeneration.nodeRounds`): only `relaxedRows` link them.
    init(relaxedRows: [Int], shapes: [BlockShape], blockRelaxation: (any BlockRelaxation)?) {
        self.relaxedRows = relaxedRows.sorted(); self.shapes = shapes; self.blockRelaxation = blockRelaxation
        solveTimes = BlockSolveTimes(count: shapes.count)
    }

    public var blockCount: Int { shapes.count }

    /// The multiplier of row r clamped to the sign its sense allows in a minimisation.
    static func clamped(_ value: Double, _ sense: ConstraintSense) -> Double {
        switch sense {
        case .greaterOrEqual: return max(0, value)
        case .lessOrEqual: return min(0, value)
        case .equal: return value
        }
    }

    /// L(λ) with λ taken from `rowDuals` (one per row of the model, e.g. the LP relaxation's) on
    /// the relaxed rows. Nil when the model maximises, when a block could not be bounded before
    /// `timeLimitSeconds` (a partial sum bounds nothing) or when a stop is requested.
    public func evaluate(_ model: LinearModel, rowDuals: [Double], solver: any LinearSolver, lanes: Int = 1,
                         timeLimitSeconds: Double?, isStopRequested: @escaping @Sendable () -> Bool = { false }) throws -> Value? {
        guard model.direction == .minimize, rowDuals.count == model.constraintCount else { return nil }
        let clock = BlockClock()
        let (costs, constant) = ColumnGeneration.pricedCosts(model, relaxedRows, rowDuals)
        var bound = constant
        guard let optima = try solveBlocks(Array(shapes.indices), model, costs: costs, solver: solver, lanes: lanes,
                                           timeLimitSeconds: timeLimitSeconds.map { $0 - clock.elapsed }, isStopRequested: isStopRequested)
        else { return nil }
        var point = Array(repeating: 0.0, count: model.variableCount)
        for (b, optimum) in zip(shapes.indices, optima) {
            bound += optimum.value  // in block order: the same sum whatever order the lanes finished in
            for (k, j) in shapes[b].columns.enumerated() where k < optimum.point.count { point[j] = optimum.point[k] }
        }
        var value = Value(bound: bound, blocks: shapes.count, seconds: clock.elapsed, point: point)
        value.blockValues = optima.map(\.value)
        return value
    }

    /// Subgradient ascent (Held, Wolfe, Crowder 1974) from `rowDuals`: each step moves the
    /// multipliers along b − Ax of the last evaluation's point, by θ (target − L) / ‖b − Ax‖²
    /// towards `target` (a plan's objective: the bound cannot pass it); θ starts at 1 and halves after
    /// `patience` steps without a better bound (two; region week: a Camerini–Fratta–Maffioli deflection of 0.5 and
    /// a first θ of 2 both climbed slower). Stops at the time limit, at `maxSteps` evaluations, or
    /// when the point satisfies every relaxed row. Returns the best evaluation, with the time and the
    /// number of evaluations of the whole ascent.
    public func ascend(_ model: LinearModel, from rowDuals: [Double], target: Double, solver: any LinearSolver, lanes: Int = 1,
                       timeLimitSeconds: Double?, maxSteps: Int = 50, patience: Int = 2,
                       isStopRequested: @escaping @Sendable () -> Bool = { false }) throws -> Value? {
        try ascent(model, from: rowDuals, target: target, solver: solver, lanes: lanes, timeLimitSeconds: timeLimitSeconds,
                   maxSteps: maxSteps, patience: patience, isStopRequested: isStopRequested).best
    }

    /// `ascend`, returning where it stopped, so that it can go on (`SideAscent`).
    /// With `targetPlan` (a feasible point whose objective is `target`) and independent groups,
    /// each group steps towards its own part of the plan (`SubgradientAscent`), its θ starting at
    /// `firstGroupTheta` and its direction deflected by `deflection` (`SubgradientAscent.deflected`).
    func ascent(_ model: LinearModel, from rowDuals: [Double], target: Double, targetPlan: [Double]? = nil,
                solver: any LinearSolver, lanes: Int = 1,
                timeLimitSeconds: Double?, maxSteps: Int = 50, patience: Int = 2, firstGroupTheta: Double = 1,
                deflection: Double = 0,
                isStopRequested: @escaping @Sendable () -> Bool = { false }) throws -> SubgradientAscent {
        let clock = BlockClock()
        var state = SubgradientAscent(model, relaxedRows: relaxedRows, from: rowDuals, target: target, patience: patience,
                                      groups: IndependentGroups(model, self), shapes: shapes, targetPlan: targetPlan,
                                      firstGroupTheta: firstGroupTheta, deflection: deflection)
        while state.evaluations < maxSteps, !isStopRequested() {
            let left = timeLimitSeconds.map { $0 - clock.elapsed }
            if let left, left <= 0 { break }
            guard try state.step(self, model, solver: solver, lanes: lanes, timeLimitSeconds: left, isStopRequested: isStopRequested)
            else { break }
        }
        state.best?.seconds = clock.elapsed
        state.best?.evaluations = state.evaluations
        return state
    }
}

/// A subgradient ascent between its steps (`LagrangianBound.ascend`): the multipliers, the best
/// evaluation so far and the step size, so that it can go on where it stopped.
struct SubgradientAscent: Sendable {
    private(set) var lambda: [Double]
    /// The best bound so far and its multipliers. With independent groups (`IndependentGroups`)
    /// these are each group's best part and its multipliers, from whichever step: then its point is
    /// empty (no one evaluation's).
    var best: LagrangianBound.Value?
    private(set) var evaluations = 0
    private var theta = 1.0, stalled = 0
    /// The best single evaluation's bound: the step size halves after `patience` steps below it.
    private var bestEvaluated = -Double.infinity
    private let groups: IndependentGroups?
    private var parts: BestGroupParts?
    /// Per group, its part of a plan's objective: each group's multipliers step towards their own
    /// target, by their own θ — the groups are independent ascents (nil: one step for all). 5×
    /// the region at 120 s: bounds 1 366 362–1 374 448 € over ten runs against 1 364 872–1 368 988 €
    /// over four with one step, gaps median 5.1 % against 5.5 %.
    private var groupSteps: (targets: [Double], theta: [Double], stalled: [Int], best: [Double], positions: [[Int]])?
    let target: Double
    let patience: Int
    /// η of each group's deflection (`deflected`; 0: plain subgradient steps).
    let deflection: Double
    /// The last step's direction, by position in the relaxed rows (nil before the first step).
    private var lastDirection: [Double]?
    /// η of the deflection the allocation's ascents use (Camerini, Fratta and Maffioli 1975, whose
    /// η = 1.5 this is). Measured ascents alone, the same hour: the national week 5 115 651 €
    /// after 135 s against 5 072 680 € undeflected; 5× the region 1 392 352 € (η 1: 1 392 354 €;
    /// 1.9: 1 385 509 €) against 1 368 126 € in 27 s. The whole national solve's bound (its idle
    /// lane's ascent going on) 5 167 563 € against 5 124 472 €, gap 11.455 % against 12.157 %.
    /// 5×'s rounds end at the same bound either way; the region at 20 s (its ascent only starts
    /// exact rounds): 20 of 24 runs within 0.1 % against 18 of 24, alternating.
    static let allocationDeflection = 1.5
    /// The last point satisfied every relaxed row, or its bound reached the target: no step is left.
    private(set) var finished = false

    init(_ model: LinearModel, relaxedRows: [Int], from rowDuals: [Double], target: Double, patience: Int,
         groups: IndependentGroups? = nil, shapes: [BlockShape] = [], targetPlan: [Double]? = nil, firstGroupTheta: Double = 1,
         deflection: Double = 0) {
        lambda = rowDuals
        self.deflection = deflection
        for r in relaxedRows { lambda[r] = LagrangianBound.clamped(lambda[r], model.senses[r]) }
        self.target = target; self.patience = patience
        // With one group its best part is the best evaluation: nothing to gain.
        self.groups = (groups?.count ?? 0) > 2 ? groups : nil
        parts = self.groups.map { BestGroupParts(groups: $0, start: lambda, constant: model.objectiveConstant) }
        if let groups = self.groups, let plan = targetPlan, plan.count == model.variableCount,
           groups.groupOfBlock.count == shapes.count {
            var targets = Array(repeating: 0.0, count: groups.count)
            for (b, shape) in shapes.enumerated() {
                for j in shape.columns { targets[groups.groupOfBlock[b]] += model.objectiveCoefficients[j] * plan[j] }
            }
            // Each group's rows as positions in the relaxed rows (the order of a step's direction).
            var position: [Int: Int] = [:]
            for (k, r) in relaxedRows.sorted().enumerated() { position[r] = k }
            groupSteps = (targets, Array(repeating: firstGroupTheta, count: groups.count), Array(repeating: 0, count: groups.count),
                          Array(repeating: -.infinity, count: groups.count), groups.rows.map { $0.compactMap { position[$0] } })
        }
    }

    /// The modified gradient of Camerini, Fratta and Maffioli (1975), group by group: where a group's
    /// subgradient g points against its last direction d (g·d < 0), the direction is g + β d with
    /// β = −η g·d / |d|², which keeps it at most a right angle from d for η ≤ 2 and damps the zigzag
    /// of plain subgradient steps; otherwise g itself. `groups` holds each group's positions.
    static func deflected(_ step: [Double], by last: [Double], groups: [[Int]], eta: Double) -> [Double] {
        var direction = step
        for positions in groups {
            var dot = 0.0, lastNorm = 0.0
            for k in positions { dot += step[k] * last[k]; lastNorm += last[k] * last[k] }
            guard lastNorm > 1e-12, dot < 0 else { continue }
            let beta = -eta * dot / lastNorm
            for k in positions { direction[k] += beta * last[k] }
        }
        return direction
    }

    /// A multiplier at zero whose row is slack cannot move: its entry leaves the direction.
    private func dropStuckAtZero(_ step: inout [Double], rows: [Int], _ model: LinearModel) {
        for (k, r) in rows.enumerated() where LagrangianBound.clamped(lambda[r] + step[k], model.senses[r]) == 0 && lambda[r] == 0 { step[k] = 0 }
    }

    /// One evaluation at the multipliers and the step after it; false when none was made (finished,
    /// out of time or stopped: the state is then as it was) or the ascent finished with it.
    mutating func step(_ relaxation: LagrangianBound, _ model: LinearModel, solver: any LinearSolver, lanes: Int,
                       timeLimitSeconds: Double?, isStopRequested: @escaping @Sendable () -> Bool) throws -> Bool {
        guard !finished,
              let value = try relaxation.evaluate(model, rowDuals: lambda, solver: solver, lanes: lanes, timeLimitSeconds: timeLimitSeconds,
                                                  isStopRequested: isStopRequested) else { return false }
        evaluations += 1
        if value.bound > bestEvaluated { bestEvaluated = value.bound; stalled = 0 } else {
            stalled += 1
            if stalled >= patience { theta /= 2; stalled = 0 }
        }
        var groupParts: [Double]?
        if let groups, var parts, value.blockValues.count == relaxation.shapes.count {
            let offered = groups.parts(of: model, multipliers: lambda, blocks: Array(relaxation.shapes.indices), values: value.blockValues)
            groupParts = offered
            parts.offer(groups, parts: offered, at: lambda)
            self.parts = parts
            if let b = parts.bound, b > (best?.bound ?? -.infinity) {
                best = value
                best?.bound = b; best?.multipliers = parts.multipliers; best?.point = []; best?.blockValues = []
            }
        } else if value.bound > (best?.bound ?? -.infinity) {
            best = value; best?.multipliers = lambda
        }
        let rows = relaxation.relaxedRows
        var step = rows.map { r in model.rightHandSides[r] - model.activity(ofRow: r, value.point) }
        dropStuckAtZero(&step, rows: rows, model)
        if let groups, let offered = groupParts, var g = groupSteps {
            // Each group (but the last, of rows without entries, which no block prices) by its
            // own Polyak step: its θ halves after `patience` steps without a better part.
            if deflection > 0, let last = lastDirection {
                step = Self.deflected(step, by: last, groups: g.positions, eta: deflection)
                dropStuckAtZero(&step, rows: rows, model)  // deflected, one may point below zero again
            }
            lastDirection = step
            var moved = false
            for group in 0..<(groups.count - 1) {
                if offered[group] > g.best[group] { g.best[group] = offered[group]; g.stalled[group] = 0 } else {
                    g.stalled[group] += 1
                    if g.stalled[group] >= patience { g.theta[group] /= 2; g.stalled[group] = 0 }
                }
                let ks = g.positions[group]
                let norm = ks.reduce(0) { $0 + step[$1] * step[$1] }
                guard norm > 1e-12, g.targets[group] > offered[group] else { continue }
                let size = g.theta[group] * (g.targets[group] - offered[group]) / norm
                for k in ks { lambda[rows[k]] = LagrangianBound.clamped(lambda[rows[k]] + size * step[k], model.senses[rows[k]]) }
                moved = true
            }
            groupSteps = g
            guard moved else { finished = true; return false }
            return true
        }
        let norm = step.reduce(0) { $0 + $1 * $1 }
        guard norm > 1e-12, target > value.bound else { finished = true; return false }
        let size = theta * (target - value.bound) / norm
        for (k, r) in rows.enumerated() { lambda[r] = LagrangianBound.clamped(lambda[r] + size * step[k], model.senses[r]) }
        return true
    }
}

/// A relaxation of some blocks solved without GLPK (`WeekRelaxation`): for a block it knows, a
/// value at most the block's optimum under the costs, with the point that attains it in the
/// relaxation (a subgradient, possibly outside the block, unless the relaxation promises points
/// of the block: then columns for price-and-branch, and an empty point where it has none to give);
/// nil for a block it does not know.
protocol BlockRelaxation: Sendable {
    func relaxedOptimum(_ model: LinearModel, shape: BlockShape, costs: [Double]) -> BlockOptimum?
}

/// A stop request (Ctrl-C) reached one of the blocks' solves. GLPK clears its stop flag when its
/// next solve begins, so the request travels as this error to whoever must remember it (`StopLatch`).
public struct SolveInterrupted: Error {}

/// One block's optimum under given costs: its value (or proven bound) and its point.
struct BlockOptimum {
    var value: Double
    var point: [Double]
}
