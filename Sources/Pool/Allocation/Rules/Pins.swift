/// PRODUCT §3.5 (second half) — pinned (fixed) assignments are kept. A pin names clinician, date,
/// shift, site and optionally the mode; the model keeps exactly one of the matching candidates
/// (row `pin`, Σ matching x = 1). A pin with no matching candidate is an input error reported before
/// solving, with the reason (`AllocationPreflight`).
public enum Pins {
    /// Candidate indices a pin may use.
    static func matching(_ ctx: AllocationContext, _ candidates: CandidateSet, _ pin: Pin) -> [Int] {
        guard let c = ctx.clinicianIndex[pin.clinician], let s = ctx.siteIndex[pin.site] else { return [] }
        return candidates.byClinician[c].filter { k in
            let cand = candidates.all[k]
            let inst = ctx.instances[cand.instance]
            return cand.site == s && inst.date == pin.date && inst.shift == pin.shift
                && (pin.mode == nil || pin.mode == cand.mode)
        }
    }

    static func addRows(_ b: ModelBuilding) {
        guard b.ctx.isEnabled(.pins) else { return }
        for (p, pin) in b.ctx.scenario.pins.enumerated() {
            let terms = matching(b.ctx, b.candidates, pin).map { b.x[$0] }
            guard !terms.isEmpty else { continue }  // rejected by the preflight
            let name = "pin[\(pin.clinician),\(pin.date.iso.replacingOccurrences(of: "-", with: "")),\(pin.shift),\(pin.site),\(p + 1)]"
            b.add(.pins, name, sum(terms) == 1)
        }
    }
}
