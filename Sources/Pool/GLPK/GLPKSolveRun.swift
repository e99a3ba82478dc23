import CGLPK

/// One solve inside a GLPK session: the LP and MIP flows and the exact mapping of GLPK's return
/// codes and statuses to `SolveStatus` / `StopReason`.
struct GLPKSolveRun {
    let model: LinearModel
    let options: SolveOptions
    let cuts: GLPKCuts
    let problem: GLPKProblem
    /// `pool_glp_now()` when the solve began; the time limit counts from here.
    let started: Double

    private var isMIP: Bool { model.isMixedInteger && !options.relaxIntegrality }

    func solve() throws -> SolveResult {
        problem.setMessageLevel(options.verbosity.glpkMessageLevel)
        try problem.load(model, ignoreIntegrality: !isMIP)
        let hasBasis = try applyStartingBasis()
        if !isMIP && options.lpMethod == .interiorPoint && !hasBasis && model.constraintCount > 0 { return try solveInterior() }
        return isMIP ? try solveMIP(hasBasis: hasBasis) : try solveLP(hasBasis: hasBasis)
    }

    /// The LP by the interior-point method. GLPK stops it on numerical instability with the best
    /// point so far; that point is accepted as optimal only when its relative primal and dual
    /// infeasibilities and duality gap (GLPK's own log) are tiny, otherwise the simplex decides.
    private func solveInterior() throws -> SolveResult {
        var params = parameters(presolve: false)
        let (outcome, cancelled) = try problem.interior(&params)
        if cancelled {
            let reason: StopReason = outcome.stop == POOL_STOP_USER ? .interrupted : .timeLimit
            note("interior point stopped by \(reason.humanText)")
            return Self.noSolution(.noSolution, reason)
        }
        let code = Int(outcome.glpk_return), status = Int(outcome.status)
        if code == 0 && status == POOL_GLP_OPT || code == POOL_GLP_EINSTAB && Self.convergedDespiteInstability(problem.log) {
            let s = try problem.interiorSolution(rows: model.constraintCount, columns: model.variableCount)
            let objective = model.objectiveValue(s.values)
            if code != 0 { note("interior point: numerical instability at a converged point; taken as optimal") }
            return SolveResult(status: .optimal, stopReason: .completed, objective: objective, bestBound: objective, gap: 0,
                               values: s.values, rowDuals: s.rowDuals, reducedCosts: s.reducedCosts, elapsedSeconds: 0)
        }
        if code == 0 && status == POOL_GLP_NOFEAS { return Self.noSolution(.infeasible, .completed) }
        note("interior point ended without an optimum (\(Self.returnCodeName(code)), status \(Self.statusName(status))); solving by the simplex")
        try problem.load(model, ignoreIntegrality: true)
        return try solveLP(hasBasis: false)
    }

    /// Whether the last iteration line of glp_interior ("51: obj = …; rpi = 4.3e-12; rdi = …;
    /// gap = 9.8e-07") reports a converged point.
    static func convergedDespiteInstability(_ log: String) -> Bool {
        guard let line = log.split(separator: "\n").last(where: { $0.contains("rpi =") && $0.contains("gap =") }) else { return false }
        func value(_ key: String) -> Double? {
            guard let r = line.range(of: key + " =") else { return nil }
            return Double(line[r.upperBound...].drop { $0 == " " }.prefix { $0 != ";" && $0 != " " })
        }
        guard let rpi = value("rpi"), let rdi = value("rdi"), let gap = value("gap") else { return false }
        return rpi < 1e-7 && rdi < 1e-7 && gap < 1e-6
    }

    /// Installs `options.startingBasis` when it fits the model; a basis that does not fit is a hint
    /// to ignore, not an error.
    private func applyStartingBasis() throws -> Bool {
        guard let basis = options.startingBasis else { return false }
        let codes = 1...5
        guard basis.fits(model), basis.rowStatus.allSatisfy({ codes.contains(Int($0)) }),
              basis.columnStatus.allSatisfy({ codes.contains(Int($0)) }) else {
            note("starting basis ignored: it does not fit this model")
            return false
        }
        try problem.setBasis(basis)
        return true
    }

    private func note(_ text: String) { problem.note("Pool: " + text) }

    // MARK: LP

    private enum LPVerdict { case optimal, infeasible, unbounded, stopped(feasible: Bool) }

    private func solveLP(hasBasis: Bool) throws -> SolveResult {
        let outcome = try simplex(presolve: options.presolve, hasBasis: hasBasis)
        switch try verdict(ofSimplex: outcome) {
        case .optimal:
            let values = try problem.primalValues(count: model.variableCount, mip: false)
            let duals = try problem.duals(rows: model.constraintCount, columns: model.variableCount)
            var result = SolveResult(status: .optimal, stopReason: .completed, objective: outcome.objective,
                                     bestBound: outcome.objective, gap: 0, values: values,
                                     rowDuals: duals.rowDuals, reducedCosts: duals.reducedCosts, elapsedSeconds: 0)
            result.basis = try problem.basis(rows: model.constraintCount, columns: model.variableCount)
            return result
        case .infeasible: return Self.noSolution(.infeasible, .completed)
        case .unbounded: return Self.noSolution(.unbounded, .completed)
        case .stopped(let feasible):
            // Where it stopped, a next solve can go on from (only without the presolver, whose
            // basis belongs to the reduced problem): a master LP cut off by the time limit used
            // to leave none, and the next started afresh (5× the region: not done in 11 s).
            let basis = hasBasis || !options.presolve ? try problem.basis(rows: model.constraintCount, columns: model.variableCount) : nil
            guard feasible else { var r = Self.noSolution(.noSolution, .timeLimit); r.basis = basis; return r }
            let values = try problem.primalValues(count: model.variableCount, mip: false)
            var r = SolveResult(status: .feasible, stopReason: .timeLimit, objective: outcome.objective,
                                bestBound: nil, gap: nil, values: values, elapsedSeconds: 0)
            r.basis = basis
            return r
        }
    }

    /// `glp_simplex`; when the LP presolver proves there is no primal or no dual feasible solution
    /// it leaves no basis to tell infeasible from unbounded, so that case is solved again without it.
    ///
    /// With a starting basis the presolver is skipped (it would discard the basis); should GLPK
    /// reject the basis (singular or ill-conditioned), the model is loaded afresh and solved as if
    /// none had been given.
    private func simplex(presolve: Bool, hasBasis: Bool = false) throws -> pool_glp_outcome {
        if hasBasis {
            var params = parameters(presolve: false)
            let outcome = try problem.simplex(&params)
            let code = Int(outcome.glpk_return)
            guard code == POOL_GLP_EBADB || code == POOL_GLP_ESING || code == POOL_GLP_ECOND else { return outcome }
            note("starting basis rejected (\(Self.returnCodeName(code))); solving from GLPK's own basis")
            try problem.load(model, ignoreIntegrality: !isMIP)
        }
        var params = parameters(presolve: presolve)
        var outcome = try problem.simplex(&params)
        let code = Int(outcome.glpk_return)
        if presolve && (code == POOL_GLP_ENOPFS || code == POOL_GLP_ENODFS) {
            note("the LP presolver found no \(code == POOL_GLP_ENOPFS ? "primal" : "dual") feasible solution; solving again without presolve to classify")
            params.presolve = 0
            outcome = try problem.simplex(&params)
        }
        return outcome
    }

    private func verdict(ofSimplex outcome: pool_glp_outcome) throws -> LPVerdict {
        let status = Int(outcome.status)
        switch Int(outcome.glpk_return) {
        case 0:
            switch status {
            case POOL_GLP_OPT: return .optimal
            case POOL_GLP_NOFEAS: return .infeasible
            case POOL_GLP_UNBND: return .unbounded
            default: throw SolverError("glp_simplex finished with solution status \(Self.statusName(status))")
            }
        case POOL_GLP_ETMLIM: return .stopped(feasible: status == POOL_GLP_FEAS)
        case POOL_GLP_ENOPFS: return .infeasible
        case POOL_GLP_ENODFS: return .unbounded
        case let code: throw SolverError("glp_simplex failed: \(Self.returnCodeName(code)); \(lastLogLines())")
        }
    }

    // MARK: MIP

    private func solveMIP(hasBasis: Bool) throws -> SolveResult {
        let warmStart = usableWarmStart()
        let mipPresolve = options.presolve && warmStart == nil && !hasBasis
        if !mipPresolve {
            // Without its presolver glp_intopt starts from an optimal basis of the LP relaxation.
            let root = try simplex(presolve: options.presolve, hasBasis: hasBasis)
            switch try verdict(ofSimplex: root) {
            case .optimal: break
            case .infeasible: return Self.noSolution(.infeasible, .completed)
            case .unbounded: return Self.noSolution(.unbounded, .completed)
            case .stopped: return warmStartResult(warmStart, .timeLimit) ?? Self.noSolution(.noSolution, .timeLimit)
            }
        }
        let outcome = try intopt(presolve: mipPresolve, warmStart: warmStart)
        if let warmStart {
            let objective = model.objectiveValue(warmStart)
            if outcome.warm_start_accepted != 0 { note("warm start accepted as incumbent (objective \(objective))") }
            else if outcome.warm_start_offered != 0 { note("warm start (objective \(objective)) not accepted by GLPK") }
            else { note("warm start (objective \(objective)) not needed: the search never asked for a heuristic solution") }
        }

        let status = Int(outcome.status)
        let hasIncumbent = status == POOL_GLP_FEAS || status == POOL_GLP_OPT
        switch Int(outcome.glpk_return) {
        case 0:
            if status == POOL_GLP_OPT {
                let values = try problem.primalValues(count: model.variableCount, mip: true)
                return SolveResult(status: .optimal, stopReason: .completed, objective: outcome.objective,
                                   bestBound: outcome.objective, gap: 0, values: values, elapsedSeconds: 0,
                                   nodes: outcome.nodes)
            }
            if status == POOL_GLP_NOFEAS { return Self.noSolution(.infeasible, .completed, nodes: outcome.nodes) }
            throw SolverError("glp_intopt finished with solution status \(Self.statusName(status))")
        case POOL_GLP_EMIPGAP:
            return try incumbentResult(outcome, status: .optimal, stopReason: .completed)
        case POOL_GLP_ETMLIM, POOL_GLP_ESTOP:
            let reason: StopReason = outcome.stop == POOL_STOP_USER ? .interrupted : .timeLimit
            if hasIncumbent { return try incumbentResult(outcome, status: .feasible, stopReason: reason) }
            return warmStartResult(warmStart, reason, outcome: outcome)
                ?? Self.noSolution(.noSolution, reason, nodes: outcome.nodes)
        case POOL_GLP_ENOPFS:
            return Self.noSolution(.infeasible, .completed)
        case POOL_GLP_ENODFS:
            // The relaxation has no dual feasible solution: it is unbounded or infeasible.
            note("the LP relaxation has no dual feasible solution; solving it without presolve to classify")
            let relaxation = try simplex(presolve: false)
            let verdict = try? verdict(ofSimplex: relaxation)
            if case .infeasible = verdict { return Self.noSolution(.infeasible, .completed) }
            return Self.noSolution(.unbounded, .completed)
        case let code:
            throw SolverError("glp_intopt failed: \(Self.returnCodeName(code)); \(lastLogLines())")
        }
    }

    private func intopt(presolve: Bool, warmStart: [Double]?) throws -> pool_glp_outcome {
        var params = parameters(presolve: presolve)
        let relay = options.progress.map(GLPKProgressRelay.init)
        if let relay {
            params.progress = GLPKProgressRelay.function
            params.progress_context = Unmanaged.passUnretained(relay).toOpaque()
        }
        return try withExtendedLifetime(relay) {
            guard let warmStart else { return try problem.intopt(&params) }
            return try warmStart.withUnsafeBufferPointer { warm in
                params.warm_start = warm.baseAddress
                return try problem.intopt(&params)
            }
        }
    }

    /// The warm start with integer columns rounded, if it satisfies the model; otherwise nil
    /// (a warm start is a hint: last week's plan may not fit this week, so it is not an error).
    private func usableWarmStart() -> [Double]? {
        guard var warm = options.warmStart else { return nil }
        let violations = model.violations(warm, tolerance: 1e-6)
        if !violations.isEmpty {
            let shown = violations.prefix(3).map { "\($0.name) by \($0.amount)" }.joined(separator: ", ")
            note("warm start ignored: it violates \(violations.count) constraint(s) or bound(s), e.g. \(shown)")
            return nil
        }
        for j in warm.indices where model.kinds[j] != .continuous { warm[j] = warm[j].rounded() }
        return warm
    }

    /// The given warm start as the answer when the search stopped before GLPK had any incumbent.
    private func warmStartResult(_ warmStart: [Double]?, _ reason: StopReason, outcome: pool_glp_outcome? = nil) -> SolveResult? {
        guard let warmStart else { return nil }
        let objective = model.objectiveValue(warmStart)
        let bound = outcome.flatMap { $0.has_bound != 0 ? clampedBound($0.bound, objective) : nil }
        return SolveResult(status: .feasible, stopReason: reason, objective: objective, bestBound: bound,
                           gap: bound.map { SolveResult.relativeGap(objective, $0) }, values: warmStart,
                           elapsedSeconds: 0, nodes: outcome?.nodes ?? 0)
    }

    private func incumbentResult(_ outcome: pool_glp_outcome, status: SolveStatus, stopReason: StopReason) throws -> SolveResult {
        let values = try problem.primalValues(count: model.variableCount, mip: true)
        let bound = outcome.has_bound != 0 ? clampedBound(outcome.bound, outcome.objective) : nil
        return SolveResult(status: status, stopReason: stopReason, objective: outcome.objective, bestBound: bound,
                           gap: bound.map { SolveResult.relativeGap(outcome.objective, $0) }, values: values,
                           elapsedSeconds: 0, nodes: outcome.nodes)
    }

    /// The tree's best bound, never on the wrong side of the incumbent (the tree's active nodes
    /// bound only the unexplored part; the incumbent bounds the rest).
    private func clampedBound(_ bound: Double, _ objective: Double) -> Double {
        model.direction == .minimize ? min(bound, objective) : max(bound, objective)
    }

    // MARK: helpers

    private func parameters(presolve: Bool) -> pool_glp_solve_params {
        var params = pool_glp_solve_params()
        params.msg_level = options.verbosity.glpkMessageLevel
        params.time_limit = options.timeLimitSeconds.map { max($0, 1e-3) } ?? 0
        params.started = started
        params.mip_gap = options.relativeGap
        params.presolve = presolve ? 1 : 0
        params.dual_simplex = options.dualSimplex ? 1 : 0
        params.cuts = (options.gomoryCuts ? cuts : cuts.subtracting(.gomory)).rawValue
        params.progress_interval = options.progressInterval
        return params
    }

    private static func noSolution(_ status: SolveStatus, _ reason: StopReason, nodes: Int = 0) -> SolveResult {
        SolveResult(status: status, stopReason: reason, objective: nil, bestBound: nil, gap: nil, values: [],
                    elapsedSeconds: 0, nodes: nodes)
    }

    private func lastLogLines() -> String {
        let lines = problem.log.split(separator: "\n").suffix(3)
        return lines.isEmpty ? "no GLPK output" : "GLPK said: " + lines.joined(separator: " / ")
    }

    static func statusName(_ status: Int) -> String {
        switch status {
        case POOL_GLP_UNDEF: return "undefined"
        case POOL_GLP_FEAS: return "feasible"
        case POOL_GLP_INFEAS: return "infeasible (intermediate)"
        case POOL_GLP_NOFEAS: return "no feasible solution"
        case POOL_GLP_OPT: return "optimal"
        case POOL_GLP_UNBND: return "unbounded"
        default: return "unknown status \(status)"
        }
    }

    static func returnCodeName(_ code: Int) -> String {
        switch code {
        case POOL_GLP_EBADB: return "invalid initial basis (GLP_EBADB)"
        case POOL_GLP_ESING: return "singular basis matrix (GLP_ESING)"
        case POOL_GLP_ECOND: return "ill-conditioned basis matrix (GLP_ECOND)"
        case POOL_GLP_EBOUND: return "incorrect bounds (GLP_EBOUND)"
        case POOL_GLP_EFAIL: return "solver failure (GLP_EFAIL)"
        case POOL_GLP_EITLIM: return "iteration limit (GLP_EITLIM)"
        case POOL_GLP_EROOT: return "no optimal basis of the LP relaxation (GLP_EROOT)"
        case POOL_GLP_ENOCVG: return "no convergence (GLP_ENOCVG)"
        case POOL_GLP_EINSTAB: return "numerical instability (GLP_EINSTAB)"
        default: return "return code \(code)"
        }
    }
}
