/// PRODUCT §3.2 (first half) — a clinician is never in two places at once.
///
/// Rows `busy(c,t)`: for each clinician, Σ x ≤ 1 over all candidates whose (widened) shift interval
/// contains the time t. The intervals of one clinician form an interval graph; its maximal cliques
/// are exactly the sets "intervals containing the start of some interval", so one row per maximal
/// clique forbids every conflicting pair with the fewest and tightest rows (a clique row is the
/// strongest valid inequality for a set of pairwise conflicts).
///
/// With minimum rest enabled, each interval is widened by the rest ([start, end + rest)), so the
/// same rows also enforce rest without travel; `MinimumRest.swift` adds the travel part.
public enum OnePlaceAtATime {
    /// Minutes each interval is widened by; nil when neither this rule nor rest is enabled.
    static func widening(_ ctx: AllocationContext) -> Int? {
        if ctx.isEnabled(.minimumRest) { return ctx.restMinutes }
        return ctx.isEnabled(.onePlaceAtATime) ? 0 : nil
    }

    /// Maximal cliques of the intervals [start, end + widen) of `instances` (instance indices),
    /// each sorted, in order of their defining start time.
    static func cliques(_ ctx: AllocationContext, instances: [Int], widen: Int) -> [[Int]] {
        let sorted = instances.sorted { (ctx.instances[$0].start, $0) < (ctx.instances[$1].start, $1) }
        var result: [[Int]] = []
        for k in sorted {
            let t = ctx.instances[k].start
            let clique = sorted.filter { i in
                let inst = ctx.instances[i]
                return inst.start <= t && t < inst.end + widen
            }
            if let last = result.last, Set(clique).isSubset(of: Set(last)) { continue }
            if let last = result.last, Set(last).isSubset(of: Set(clique)) { result.removeLast() }
            result.append(clique)
        }
        return result
    }

    static func addRows(_ b: ModelBuilding) {
        guard let widen = widening(b.ctx) else { return }
        let x = b.x
        for (c, list) in b.candidates.byClinician.enumerated() where !list.isEmpty {
            let byInstance = b.candidatesByInstance(of: c)
            for clique in cliques(b.ctx, instances: byInstance.keys, widen: widen) {
                let terms = clique.flatMap { byInstance[$0] }.map { x[$0] }
                guard terms.count > 1 else { continue }
                let t = b.ctx.instances[clique.last ?? 0]
                b.add(.onePlaceAtATime, "busy[\(b.names.clinician(c)),\(b.names.instance(t))]", sum(terms) <= 1)
            }
        }
    }
}
