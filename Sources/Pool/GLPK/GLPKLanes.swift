import CGLPK
import Dispatch

/// GLPK solves side by side, one thread per lane. GLPK keeps its whole state in a thread-local
/// environment, so sessions on different threads are independent; the shim's process-wide lock
/// is taken once for the group (`pool_glp_begin_group`), so solves outside the group — another
/// test, another caller — still wait, as with one solve at a time. A stop request (Ctrl-C) stops
/// every lane: lanes never clear the flag, the group clears it once when it begins.
struct GLPKLanes: LaneRunner {
    func run(lanes: Int, _ body: @Sendable (Int) -> Void) {
        // Inside a lane already (or inside a session): no nested group, the lanes run in turn.
        guard lanes > 1, Int(pool_glp_begin_group()) == POOL_GLP_OK else {
            for lane in 0..<lanes { body(lane) }
            return
        }
        defer { pool_glp_end_group() }
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            pool_glp_enter_lane()
            defer { pool_glp_leave_lane() }
            body(lane)
        }
    }
}

extension GLPKSolver {
    public var lanes: any LaneRunner { GLPKLanes() }
}
