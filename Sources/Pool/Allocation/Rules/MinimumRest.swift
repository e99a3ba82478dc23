/// PRODUCT §3.2 (second half) — minimum rest: between two assignments a clinician rests at least
/// `rules.minRestHours` (Working Hours Act: 11 h), and travel time counts as not resting.
///
/// Three parts:
/// 1. The clique rows of `OnePlaceAtATime.swift` are built over intervals widened by the rest,
///    [start, end + rest): two assignments closer than the rest fall into one clique row.
/// 2. Travel: for pairs that respect the bare rest but not rest + travel (the commute home after
///    the first and to the site before the second), pairwise rows `travelRest(...)` here. Few:
///    only long commutes between a late and an early shift.
/// 3. Across the week boundary: candidates that would violate rest (or overlap) with a history
///    entry are never created (`conflictsWithHistory`). History entries are taken as on-site work
///    followed by the commute home.
///
/// Travel legs: on site, the one-way commute each way; remote, none; a stay, none between two
/// stay days at the same site (the clinician sleeps nearby), otherwise the trip home/there.
public enum MinimumRest {
    static func travelAfter(_ a: Visit, next b: Visit) -> Double {
        switch a.mode {
        case .remote: return 0
        case .onsite: return a.legMinutes
        case .stay: return (b.mode == .stay && b.site == a.site) ? 0 : a.legMinutes
        }
    }

    static func travelBefore(_ b: Visit, previous a: Visit) -> Double {
        switch b.mode {
        case .remote: return 0
        case .onsite: return b.legMinutes
        case .stay: return (a.mode == .stay && a.site == b.site) ? 0 : b.legMinutes
        }
    }

    /// The smallest gap (minutes from the end of the earlier to the start of the later) that two
    /// visits of one clinician need under the enabled rules; nil when nothing forbids any gap.
    static func requiredGap(_ ctx: AllocationContext, _ first: Visit, _ second: Visit) -> Double? {
        if ctx.isEnabled(.minimumRest) {
            return Double(ctx.restMinutes) + travelAfter(first, next: second) + travelBefore(second, previous: first)
        }
        return ctx.isEnabled(.onePlaceAtATime) ? 0 : nil
    }

    /// Whether two visits of one clinician cannot both happen (overlap, or too little rest).
    /// Visits starting at the same minute always conflict (one place at a time) unless both
    /// rules are disabled.
    static func conflict(_ ctx: AllocationContext, _ a: Visit, _ b: Visit) -> Bool {
        let (first, second) = (a.start, a.end) <= (b.start, b.end) ? (a, b) : (b, a)
        guard let need = requiredGap(ctx, first, second) else { return false }
        let gap = Double(second.start - first.end)
        return gap < need || first.start == second.start
    }

    /// Whether a candidate collides with the clinician's history (rest across the week boundary).
    static func conflictsWithHistory(_ ctx: AllocationContext, _ cand: Candidate) -> Bool {
        for h in ctx.historyIntervals[cand.clinician] {
            let legMinutes = h.site.map { ctx.legs[cand.clinician][$0].minutes } ?? 0
            let past = Visit(start: h.start, end: h.end, site: h.site ?? -1, mode: .onsite, legMinutes: legMinutes)
            if conflict(ctx, past, cand.visit) { return true }
        }
        return false
    }

    /// Pairwise rows for assignments that keep the bare rest but not rest + travel.
    static func addTravelRows(_ b: ModelBuilding) {
        guard b.ctx.isEnabled(.minimumRest) else { return }
        let ctx = b.ctx, rest = Double(ctx.restMinutes)
        for (c, list) in b.candidates.byClinician.enumerated() where !list.isEmpty {
            // Group the clinician's candidates by instance, then by (site, mode) — every member of
            // a group has the same travel, so a conflict between groups holds for all their members.
            var groups: [[Int]] = []  // candidate indices, one group per (instance, site, mode)
            for k in list {
                let cand = b.candidates.all[k]
                if let last = groups.last?.last, let g = groups.indices.last {
                    let l = b.candidates.all[last]
                    if l.instance == cand.instance && l.site == cand.site && l.mode == cand.mode {
                        groups[g].append(k); continue
                    }
                }
                groups.append([k])
            }
            groups.sort { lhs, rhs in
                let a = b.candidates.all[lhs[0]], z = b.candidates.all[rhs[0]]
                return (a.start, a.instance, a.site, a.mode) < (z.start, z.instance, z.site, z.mode)
            }
            let maxLeg = list.map { b.candidates.all[$0].leg.minutes }.max() ?? 0
            for gi in groups.indices {
                let a = b.candidates.all[groups[gi][0]]
                for gj in (gi + 1)..<groups.count {
                    let z = b.candidates.all[groups[gj][0]]
                    let gap = Double(z.start - a.end)
                    if gap >= rest + 2 * maxLeg { break }  // sorted by start: later groups are further away
                    guard z.start != a.start, gap >= rest else { continue }  // those are clique rows
                    guard conflict(ctx, a.visit, z.visit) else { continue }
                    let terms = (groups[gi] + groups[gj]).map { b.x[$0] }
                    b.add(.minimumRest, "travelRest(\(b.names.clinician(c)),\(b.names.candidateTag(a)),\(b.names.candidateTag(z)))",
                          sum(terms) <= 1)
                }
            }
        }
    }
}

/// An assignment or history entry as the rest rules see it.
struct Visit: Sendable, Hashable {
    var start: Int
    var end: Int
    /// Site index (−1 unknown).
    var site: Int
    var mode: WorkMode
    var legMinutes: Double
}
