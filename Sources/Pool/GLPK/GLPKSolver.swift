import CGLPK

/// GLPK's cut generators for branch-and-cut (`glp_iocp.gmi_cuts` …).
public struct GLPKCuts: OptionSet, Sendable, Hashable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let gomory = GLPKCuts(rawValue: Int32(POOL_CUT_GMI))
    public static let mixedIntegerRounding = GLPKCuts(rawValue: Int32(POOL_CUT_MIR))
    public static let cover = GLPKCuts(rawValue: Int32(POOL_CUT_COVER))
    public static let clique = GLPKCuts(rawValue: Int32(POOL_CUT_CLIQUE))
    public static let all: GLPKCuts = [.gomory, .mixedIntegerRounding, .cover, .clique]

    /// Pool's default: all four generators. On a Pool-like test model (60 clinicians × 7 days ×
    /// 15 sites: one site a day, weekly hours, demand with uncovered penalties) GLPK without cuts
    /// ended at a 47 % gap after 20 s, with MIR/cover/clique at 13 % after 60 s, with all four
    /// at 5 % after 60 s; a smaller one went from unsolved in 20 s to optimal in 0.1 s with cuts.
    /// On generalized-assignment models Gomory cuts were neutral. Figures: docs/glpk-backend.md.
    public static let standard: GLPKCuts = .all
}

/// The GLPK backend: LPs by the simplex method (`glp_simplex`), MIPs by branch-and-cut
/// (`glp_intopt`, MIP presolver on by default).
///
/// Every solve holds one process-wide lock for its whole duration (see `GLPKProblem.withSession`),
/// so concurrent solves from several threads run one after another — except the lanes of a
/// parallel group (`lanes`, `GLPKLanes`), which solve side by side.
public struct GLPKSolver: LinearSolver, Sendable {
    public var cuts: GLPKCuts

    public init(cuts: GLPKCuts = .standard) { self.cuts = cuts }

    public var name: String { "GLPK " + Self.version }
    public static var version: String { String(cString: pool_glp_version()) }

    /// Solves `model`. Invalid input throws `ModelValidationError` before GLPK sees it; a failure
    /// inside GLPK throws `GLPKError` or `SolverError`; neither can crash the process.
    ///
    /// A warm start (`options.warmStart`) is checked against the model; if feasible it is offered
    /// once to branch-and-cut (`glp_ios_heur_sol`). That call takes values of the problem the tree
    /// works on, which with the MIP presolver on is the presolved problem with other columns, so a
    /// warm start turns the MIP presolver off (the LP presolver for the root relaxation stays as
    /// `options.presolve` says).
    public func solve(_ model: LinearModel, options: SolveOptions) throws -> SolveResult {
        try GLPKInputCheck.check(model, options)
        return try GLPKProblem.withSession { problem in
            // Inside the lock: a solve queued behind another neither spends its time limit
            // waiting nor clears a stop request meant for the running one.
            pool_glp_clear_stop()
            let started = pool_glp_now()
            let run = GLPKSolveRun(model: model, options: options, cuts: cuts, problem: problem, started: started)
            var result = try run.solve()
            result.log = problem.log
            result.elapsedSeconds = pool_glp_now() - started
            return result
        }
    }

    /// Asks a running branch-and-cut to stop and return the best solution so far (stopReason
    /// `.interrupted`). Async-signal-safe: it only sets a flag that GLPK's callback polls. The flag
    /// is cleared when the next solve starts. An LP (simplex) cannot be interrupted.
    public static func requestStop() { pool_glp_request_stop() }

    /// Whether a stop was requested since the last solve began (e.g. Ctrl-C while a model was read).
    public static var isStopRequested: Bool { pool_glp_stop_requested() != 0 }

    /// Installs a SIGINT handler for command-line tools: the first Ctrl-C calls `requestStop()`,
    /// a second one exits at once with status 130. Returns false if it could not be installed.
    @discardableResult
    public static func installInterruptHandler() -> Bool { pool_glp_install_sigint_handler() == 0 }
}

extension SolverVerbosity {
    /// GLPK's `msg_lev`.
    var glpkMessageLevel: Int32 {
        switch self {
        case .quiet: return 1     // GLP_MSG_ERR
        case .normal: return 2    // GLP_MSG_ON
        case .verbose: return 3   // GLP_MSG_ALL
        }
    }
}

extension SolveProgress {
    init(_ p: pool_glp_progress) {
        let incumbent = p.has_incumbent != 0 ? p.incumbent : nil
        let bound = p.has_bound != 0 ? p.bound : nil
        let gap = incumbent != nil && bound != nil && p.gap < Double.greatestFiniteMagnitude ? p.gap : nil
        self.init(incumbent: incumbent, bestBound: bound, gap: gap, activeNodes: Int(p.active_nodes),
                  elapsedSeconds: p.elapsed_seconds)
    }
}

/// Carries the Swift progress closure through the C callback's context pointer.
final class GLPKProgressRelay {
    let callback: @Sendable (SolveProgress) -> Void
    init(_ callback: @escaping @Sendable (SolveProgress) -> Void) { self.callback = callback }

    /// The C function handed to the shim; it must not (and does not) call GLPK.
    static let function: pool_glp_progress_fn = { context, progress in
        guard let context, let progress else { return }
        Unmanaged<GLPKProgressRelay>.fromOpaque(context).takeUnretainedValue().callback(SolveProgress(progress.pointee))
    }
}
