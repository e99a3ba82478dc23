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

    /// Rows for assignments that keep the bare rest but not rest + travel (`travelRest`).
    ///
    /// For one clinician and two instances i before j, candidates are grouped by (site, mode) —
    /// members of a group travel alike. Groups A at i and B at j conflict by a threshold (the
    /// travel after g plus before h exceeds the slack gap − rest), so instead of one row per
    /// conflicting pair, each row takes a group g's conflict set N(g) ⊆ B together with every group
    /// of A whose conflict set contains N(g): a maximal biclique, a valid clique row because A and
    /// B are each "one place at a time". The rows cover every conflicting pair and nest, so there
    /// are at most |A| per instance pair rather than |A|·|B|.
    ///
    /// Memory is checked per clinician: with stays allowed at any distance these rows grow fastest
    /// (77 % of the nonzeros of a fifth of the national week).
    static func addTravelRows(_ b: ModelBuilding) throws {
        guard b.ctx.isEnabled(.minimumRest) else { return }
        let ctx = b.ctx, rest = Double(ctx.restMinutes), all = b.candidates.all, x = b.x
        let instances = ctx.instances
        for (c, list) in b.candidates.byClinician.enumerated() where !list.isEmpty {
            try b.checkMemory()
            let groups = TravelGroups(all, list)
            let who = b.names.clinician(c)
            let maxLeg = list.map { all[$0].leg.minutes }.max() ?? 0
            let order = groups.instances
            for (n, i) in order.enumerated() {
                let first = instances[i]
                for j in order[(n + 1)...] {
                    let second = instances[j]
                    let gap = Double(second.start - first.end)
                    if gap >= rest + 2 * maxLeg { break }  // instances sorted by start: later ones are further
                    guard second.start != first.start, gap >= rest else { continue }  // clique rows cover these
                    let a = groups.at(i), z = groups.at(j)
                    // `conflict` for a visit at i before one at j, which start apart and keep the
                    // bare rest: only the travel decides (inlined: 5× the region checks millions of pairs).
                    let later = z.map { all[$0[0]].visit }
                    let masks = a.map { g in
                        let earlier = all[g[0]].visit
                        return BitSet(later.indices.filter {
                            gap < rest + travelAfter(earlier, next: later[$0]) + travelBefore(later[$0], previous: earlier)
                        }, size: z.count)
                    }
                    var seen = Set<BitSet>(), q = 0
                    for mask in masks where !mask.isEmpty && seen.insert(mask).inserted {
                        let side = a.indices.filter { masks[$0].isSuperset(of: mask) }
                        let terms = side.flatMap { a[$0] } + mask.members.flatMap { z[$0] }
                        b.add(.minimumRest, "travelRest[\(who),\(b.names.instance(first)),\(b.names.instance(second)),\(q)]",
                              sum(terms.map { x[$0] }) <= 1)
                        q += 1
                    }
                }
            }
        }
    }
}

/// A clinician's candidates grouped by (instance, site, mode), instances in order of start.
struct TravelGroups {
    private var byInstance: [Int: [[Int]]] = [:]
    private(set) var instances: [Int] = []

    init(_ all: [Candidate], _ list: [Int]) {
        var index: [Key: (Int, Int)] = [:]  // key → (instance, position in its group list)
        for k in list {
            let cand = all[k]
            let key = Key(instance: cand.instance, site: cand.site, mode: cand.mode)
            if let (i, p) = index[key] { byInstance[i]?[p].append(k); continue }
            if byInstance[cand.instance] == nil { instances.append(cand.instance) }
            byInstance[cand.instance, default: []].append([k])
            index[key] = (cand.instance, (byInstance[cand.instance]?.count ?? 1) - 1)
        }
        instances.sort { (all[byInstance[$0]?[0][0] ?? 0].start, $0) < (all[byInstance[$1]?[0][0] ?? 0].start, $1) }
    }

    private struct Key: Hashable {
        let instance: Int
        let site: Int
        let mode: WorkMode
    }

    /// Groups at an instance (each a list of candidate indices), in candidate order.
    func at(_ instance: Int) -> [[Int]] { byInstance[instance] ?? [] }
}

/// A small fixed-size set of indices.
struct BitSet: Hashable {
    private(set) var words: [UInt64]
    init(_ members: [Int], size: Int) {
        words = Array(repeating: 0, count: (size + 63) / 64)
        for m in members { words[m / 64] |= 1 << UInt64(m % 64) }
    }
    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }
    func isSuperset(of other: BitSet) -> Bool { zip(words, other.words).allSatisfy { $0 & $1 == $1 } }
    var members: [Int] {
        var out: [Int] = []
        for (w, word) in words.enumerated() where word != 0 {
            for bit in 0..<64 where word & (1 << UInt64(bit)) != 0 { out.append(w * 64 + bit) }
        }
        return out
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
