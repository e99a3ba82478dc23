import Foundation

/// A fast lower bound of one clinician's week under Lagrangian costs, for weeks too large for the
/// LP relaxation (2×, 5×, national): the week's MIP block becomes a dynamic programme — weighted
/// interval scheduling with links between consecutive days and a knapsack on the weekly hours —
/// solved without GLPK (region week at its LP duals: 0.11 s for all 291 weeks on two lanes against
/// about 1 s for GLPK's exact blocks; lower only by what the hours' rounding and the dropped rest
/// with travel take, see `hourUnit`).
///
/// Kept exactly from the block:
/// - one place at a time and rest without travel (`OnePlaceAtATime`: conflicts are overlaps of the
///   widened intervals, which an interval DP honours);
/// - weekly rest (`WeeklyRest`): the best week over the free block's allowed starts, each without
///   the candidates touching its dates (only when the best week overall keeps no block free);
/// - stays and continuity: a link from a candidate at the same site on the date before prices a
///   stay run's night instead of its trip, and the same-site pair's bonus. Exact when no other
///   candidate fits between two linked ones (then a week holding both has them next to each
///   other); a week where one could falls back to each stay day's least share of a run,
///   min over run lengths i ≤ H of (T + (i − 1)·L)/i, and the pair's bonus on every day;
/// - pins: each pin's row Σ x = 1 priced with a large multiplier;
/// - the weekly hours with overtime (`WeeklyHours`), hours rounded down to the second, overtime
///   priced on the rounded hours.
/// Relaxed: rest with travel (`MinimumRest`'s pair rows), dropped. Every relaxation lowers the
/// value, so the value is a valid bound (`WeekRelaxationTests` compare it with GLPK's block
/// optima). Its point may break the dropped rows: fine for a subgradient, never a column for
/// price-and-branch.
struct WeekRelaxation: BlockRelaxation {
    /// Hours are counted in seconds, rounded down. The rounding is what kept the DP's bound below
    /// the exact weeks': at the region's LP duals quarter hours left 1.8 %, 3 minutes 0.37 %; on
    /// 5× the region the rounds' bound stalled 0.55 % under the master LP in 3-minute units and
    /// comes within 0.05 % in seconds. The Pareto frontiers (`schedule`) hold weeks, not cells,
    /// so the finer unit costs little (5×: 116 ascent steps in 26 s against 134; pricing the same).
    static let hourUnit = 1.0 / 3600
    /// Return only points of the block (its week with the auxiliary variables set, every row of
    /// the block kept), for price-and-branch; when the DP's week breaks one, its value (still a
    /// bound) with no point: no column this round. (Solving such a week exactly instead, with
    /// GLPK, took rounds of the 5× week from 1.2 s to 6–13 s at some prices; the rounds' exact
    /// round still finds the weeks the DP cannot give.)
    var feasibleColumns = false
    /// Records every week the DP chooses (the ascent's weeks, later price-and-branch's columns).
    var collector: WeekCollector?

    /// Item `from`, at the same site on the date before, directly precedes the link's item: a stay
    /// continued (a night's lodging instead of a trip) and/or a same-site pair (continuity).
    struct Link {
        var from: Int
        /// The lodging column when both are stays (the run goes on), else −1.
        var lodging: Int
        /// The same-site column of the pair, −1 when none.
        var pair: Int
    }

    /// Per clinician, what the DP needs beyond the costs; items (candidates) sorted by widened end.
    struct Week {
        /// Model column of each candidate's x.
        var columns: [Int] = []
        /// Start and widened end, minutes (ends all `Int.min` when nothing conflicts).
        var starts: [Int] = []
        var ends: [Int] = []
        /// Shift hours (with the daily commute) in `hourUnit`s, rounded down.
        var units: [Int] = []
        /// Added to the column's Lagrangian cost: less the trip cost the model put on x itself;
        /// without links also the stay's least share of its run and the forward pair's credit.
        var adjustment: [Double] = []
        /// Paid when the item starts a run rather than following a link (a stay's trip), with its hours.
        var startCost: [Double] = []
        var startUnits: [Int] = []
        /// Without links: the same-site column credited to the item, −1 when none.
        var credit: [Int] = []
        /// Incoming links, item by item: item j's are links[linkStart[j]..<linkStart[j + 1]]
        /// (none without links). One flat list: the DP prices them per call without an array each.
        var links: [Link] = []
        var linkStart: [Int] = []

        /// Item j's incoming links, as indices into `links`.
        func linkRange(_ j: Int) -> Range<Int> { linkStart[j]..<linkStart[j + 1] }

        /// Sets `links` and `linkStart` from each item's list.
        mutating func setLinks(_ byItem: [[Link]]) {
            links = byItem.flatMap { $0 }
            linkStart = [0]
            for list in byItem { linkStart.append(linkStart[linkStart.count - 1] + list.count) }
        }
        /// Dates each candidate touches (first, last; last < first when none).
        var firstDate: [Int] = []
        var lastDate: [Int] = []
        /// Weekly rest: the allowed starts of the free block (empty when the week has no rest rows).
        var restStarts: [Int] = []
        var restDays = 0
        /// Most hour units the week may hold (nil: no hours rule).
        var capUnits: Int?
        var regularHours = 0.0
        /// The overtime variable's column: its cost is paid per rounded hour beyond regular.
        var overtimeColumn: Int?
        /// Per pin of the clinician, the items it may use (one of them is in every feasible week).
        var pins: [[Int]] = []
        /// For a point of the block (`blockPoint`): each item's site, date, hours and mode; the
        /// week's trips (the column −1 when the trip is the stay day itself), nights, same-site
        /// pairs and rest-block starts.
        var site: [Int] = [], date: [Int] = [], hours: [Double] = [], isStay: [Bool] = []
        var trips: [(site: Int, date: Int, column: Int, hours: Double)] = []
        var nights: [(site: Int, date: Int, column: Int)] = []
        var pairs: [(site: Int, date: Int, column: Int)] = []
        var restColumns: [(start: Int, column: Int)] = []
        /// Items per shift instance: they conflict, share their dates, and one can stand in for another.
        var slots: [[Int]] = []
        /// Per slot, its items by ascending hours as a start; per item, how many of them may
        /// stand in for it by their hours (`setSlotOrder`, for the pruning in `keptItems`).
        var slotOrder: [[Int]] = []
        var standInCount: [Int] = []
    }

    let weeks: [Week]
    /// The clinician whose block holds each model column, −1 for every other column.
    let owner: [Int32]
    /// Each column's place among its owner's columns (ascending), −1 for every other column;
    /// and how many columns each clinician owns: a week's point is a small dense array.
    let ownedIndex: [Int32]
    let ownedCount: [Int]
    /// Whether a column is a candidate's x.
    let isCandidate: [Bool]

    /// `lanes`: the clinicians' weeks are built on this many threads (5× the region: about 14 %
    /// of a short run's CPU, all on one core before).
    init(_ m: AllocationModel, lanes: Int = 1) {
        let ctx = m.context
        var owner = Array(repeating: Int32(-1), count: m.model.variableCount)
        var tripOnX = Set<SiteDateOf>(), pairs: [SiteDateOf: Int] = [:], nights: [SiteDateOf: Int] = [:]
        for (c, list) in m.trips.enumerated() {
            for t in list {
                if let v = t.variable { owner[v.index] = Int32(c) } else { tripOnX.insert(SiteDateOf(clinician: c, site: t.site, date: t.date)) }
            }
        }
        for (c, list) in m.lodgings.enumerated() {
            for n in list {
                owner[n.variable.index] = Int32(c)
                nights[SiteDateOf(clinician: c, site: n.site, date: n.date)] = n.variable.index
            }
        }
        for (c, o) in m.overtime { owner[o.index] = Int32(c) }
        for z in m.restBlocks { owner[z.variable.index] = Int32(z.clinician) }
        for y in m.consecutive {
            owner[y.variable.index] = Int32(y.clinician)
            pairs[SiteDateOf(clinician: y.clinician, site: y.site, date: y.date)] = y.variable.index
        }
        let restClinicians = Set(m.restBlocks.map(\.clinician))
        var pairsOf = Array(repeating: [(site: Int, date: Int, column: Int)](), count: ctx.scenario.clinicians.count)
        for y in m.consecutive { pairsOf[y.clinician].append((y.site, y.date, y.variable.index)) }
        var restOf = Array(repeating: [(start: Int, column: Int)](), count: ctx.scenario.clinicians.count)
        for z in m.restBlocks { restOf[z.clinician].append((z.start, z.variable.index)) }
        let lookups = Lookups(tripOnX: tripOnX, pairs: pairs, nights: nights)
        for (c, list) in m.candidates.byClinician.enumerated() { for k in list { owner[m.x[k].index] = Int32(c) } }
        // The built model is only read (its properties are constants): shared by the lanes.
        let shared = LaneBox(m), pairsOfClinician = pairsOf, restOfClinician = restOf
        @Sendable func weekOf(_ c: Int) -> Week {
            let m = shared.value, ctx = m.context
            var w = Self.week(m, clinician: c, m.candidates.byClinician[c], lookups)
            if ctx.isEnabled(.pins) {
                let item = Dictionary(uniqueKeysWithValues: w.columns.enumerated().map { ($1, $0) })
                for pin in ctx.scenario.pins where ctx.clinicianIndex[pin.clinician] == c {
                    let items = Pins.matching(ctx, m.candidates, pin).compactMap { item[m.x[$0].index] }
                    if !items.isEmpty { w.pins.append(items) }
                }
            }
            if restClinicians.contains(c) {
                w.restStarts = WeeklyRest.allowedBlocks(ctx, clinician: c); w.restDays = ctx.rules.weeklyRestDays
            }
            w.trips = m.trips[c].map { ($0.site, $0.date, $0.variable?.index ?? -1, WeeklyHours.tripHours(ctx, leg: ctx.legs[c][$0.site])) }
            w.nights = m.lodgings[c].map { ($0.site, $0.date, $0.variable.index) }
            w.pairs = pairsOfClinician[c]
            w.restColumns = restOfClinician[c]
            if ctx.isEnabled(.weeklyHours) {
                // Without the row (`WeeklyHours.upperBound` ≤ regular) the cap cuts off no week.
                w.regularHours = ctx.regularHours(c)
                w.overtimeColumn = m.overtime[c]?.index
                let cap = w.regularHours + (m.overtime[c] == nil ? 0 : ctx.scenario.clinicians[c].maxOvertimeHours)
                w.capUnits = Int((cap / Self.hourUnit + 1e-9).rounded(.down))
            }
            return w
        }
        // Each lane its share of the clinicians (every lanes-th), put back in clinician order.
        let clinicians = m.candidates.byClinician.count, laneCount = max(1, min(lanes, clinicians))
        let built = (0..<laneCount).map { _ in LaneBox([Week]()) }
        DispatchQueue.concurrentPerform(iterations: laneCount) { lane in
            built[lane].value = stride(from: lane, to: clinicians, by: laneCount).map(weekOf)
        }
        self.weeks = (0..<clinicians).map { built[$0 % laneCount].value[$0 / laneCount] }
        self.owner = owner
        var ownedIndex = Array(repeating: Int32(-1), count: owner.count), ownedCount = Array(repeating: 0, count: clinicians)
        for (j, c) in owner.enumerated() where c >= 0 {
            ownedIndex[j] = Int32(ownedCount[Int(c)]); ownedCount[Int(c)] += 1
        }
        self.ownedIndex = ownedIndex
        self.ownedCount = ownedCount
        var isCandidate = Array(repeating: false, count: m.model.variableCount)
        for x in m.x { isCandidate[x.index] = true }
        self.isCandidate = isCandidate
    }

    struct Lookups {
        let tripOnX: Set<SiteDateOf>
        let pairs: [SiteDateOf: Int]
        let nights: [SiteDateOf: Int]
    }

    /// Far above any week's cost, far below where it would swallow cents in a Double.
    static let pinWeight = 1e6

    static func units(_ hours: Double) -> Int { Int((hours / hourUnit + 1e-9).rounded(.down)) }

    /// One clinician's items, with links when no other item can fall between two linked ones
    /// (then a feasible week holding both has them next to each other, and the link prices the
    /// pair exactly); otherwise every stay day carries its least share of a run instead.
    static func week(_ m: AllocationModel, clinician c: Int, _ list: [Int], _ look: Lookups) -> Week {
        let ctx = m.context, all = m.candidates.all, widen = OnePlaceAtATime.widening(ctx), horizon = max(1, ctx.dates.count)
        let order = list.sorted { k, l in
            let a = ctx.instances[all[k].instance], b = ctx.instances[all[l].instance]
            return (a.end, a.start, m.x[k].index) < (b.end, b.start, m.x[l].index)
        }
        var w = Week()
        var trip: [Double] = [], tripHours: [Double] = []
        for k in order {
            let cand = all[k], inst = ctx.instances[cand.instance]
            w.columns.append(m.x[k].index)
            w.site.append(cand.site); w.date.append(cand.dateIndex); w.isStay.append(cand.mode == .stay)
            w.hours.append(WeeklyHours.hours(ctx, cand))
            w.starts.append(inst.start)
            w.ends.append(widen.map { inst.end + $0 } ?? Int.min)
            w.units.append(units(WeeklyHours.hours(ctx, cand)))
            let dates = WeeklyRest.touched(ctx, inst)
            w.firstDate.append(dates?.lowerBound ?? 0); w.lastDate.append(dates?.upperBound ?? -1)
            let t = cand.mode == .stay ? Objective.tripKmCost(ctx, leg: cand.leg) + Objective.tripTimeCost(ctx, clinician: c, leg: cand.leg) : 0
            trip.append(t)
            tripHours.append(cand.mode == .stay ? WeeklyHours.tripHours(ctx, leg: cand.leg) : 0)
            w.adjustment.append(look.tripOnX.contains(SiteDateOf(clinician: c, site: cand.site, date: cand.dateIndex)) ? -t : 0)
        }
        // Links: (site, date − 1) → (site, date), for a continued stay or a same-site pair.
        var bySiteDate: [SiteDateOf: [Int]] = [:]
        bySiteDate.reserveCapacity(order.count)
        for (i, k) in order.enumerated() { bySiteDate[SiteDateOf(clinician: c, site: all[k].site, date: all[k].dateIndex), default: []].append(i) }
        var links = Array(repeating: [Link](), count: order.count)
        var separable = widen != nil
        // Items come by end, so those ending by a time are a prefix: the latest start among them
        // tells at once whether any item could fit between two (the scan below, once per link,
        // was quadratic in the week: 3.3 s of 5× the region's setup).
        var latestStart = [Int.min]
        for start in w.starts { latestStart.append(max(latestStart[latestStart.count - 1], start)) }
        func endingBy(_ time: Int) -> Int {
            var lo = 0, hi = w.ends.count
            while lo < hi { let mid = (lo + hi) / 2; if w.ends[mid] <= time { lo = mid + 1 } else { hi = mid } }
            return lo
        }
        for (j, k) in order.enumerated() where separable {
            let cand = all[k]
            let before = SiteDateOf(clinician: c, site: cand.site, date: cand.dateIndex - 1)
            for i in bySiteDate[before] ?? [] {
                let bothStays = cand.mode == .stay && all[order[i]].mode == .stay
                let lodging = bothStays ? look.nights[before] ?? -1 : -1, pair = look.pairs[before] ?? -1
                guard lodging >= 0 || pair >= 0 else { continue }
                guard w.ends[i] <= w.starts[j] else { continue }  // they conflict: never both
                // Another item fitting between the two would break "next to each other".
                if latestStart[endingBy(w.starts[j])] >= w.ends[i],
                   w.starts.indices.contains(where: { $0 != i && $0 != j && w.starts[$0] >= w.ends[i] && w.ends[$0] <= w.starts[j] }) {
                    separable = false; break
                }
                links[j].append(Link(from: i, lodging: lodging, pair: pair))
            }
        }
        var slotOf: [Int: Int] = [:]
        for (i, k) in order.enumerated() {
            if let t = slotOf[all[k].instance] { w.slots[t].append(i) } else { slotOf[all[k].instance] = w.slots.count; w.slots.append([i]) }
        }
        if separable {
            w.setLinks(links)
            w.startCost = trip
            w.startUnits = tripHours.map(units)
            w.credit = Array(repeating: -1, count: order.count)
        } else {
            w.setLinks(Array(repeating: [], count: order.count))
            w.startCost = Array(repeating: 0, count: order.count)
            w.startUnits = Array(repeating: 0, count: order.count)
            w.credit = order.map { look.pairs[SiteDateOf(clinician: c, site: all[$0].site, date: all[$0].dateIndex)] ?? -1 }
            for (i, k) in order.enumerated() where all[k].mode == .stay {
                w.adjustment[i] += runShare(trip: trip[i], night: ctx.costs.lodgingEURPerNight, horizon: horizon)
                w.units[i] = units(WeeklyHours.hours(ctx, all[k]) + tripHours[i] / Double(horizon))
            }
        }
        w.setSlotOrder()
        return w
    }

    /// The least share of one stay day in its run's trip (T) and nights (L): min over run lengths
    /// i ≤ H of (T + (i − 1)·L)/i, which is monotone in i, so at i = 1 or i = H.
    static func runShare(trip: Double, night: Double, horizon: Int) -> Double {
        min(trip, (trip + Double(max(0, horizon - 1)) * night) / Double(max(1, horizon)))
    }

    /// The DP's value and point for a block that is exactly one clinician's week; nil for any
    /// other block, a fixed x, or a cost of the wrong sign on a column the DP prices by its sign.
    func relaxedOptimum(_ model: LinearModel, shape: BlockShape, costs: [Double]) -> BlockOptimum? {
        let columns = shape.columns
        guard let first = columns.first, owner[first] >= 0 else { return nil }
        let c = Int(owner[first])
        guard columns.allSatisfy({ owner[$0] == Int32(c) }) else { return nil }
        let w = weeks[c]
        // A week whose rows do not join all its candidates falls into several blocks: the DP
        // would count the others' candidates here too.
        guard columns.reduce(0, { isCandidate[$1] ? $0 + 1 : $0 }) == w.columns.count else { return nil }
        var rate = 0.0
        if let o = w.overtimeColumn { rate = costs[o]; guard rate >= 0 else { return nil } }
        let n = w.columns.count
        var base = Array(repeating: 0.0, count: n), linkCost = Array(repeating: 0.0, count: w.links.count)
        for j in 0..<n {
            let col = w.columns[j]
            guard model.lowerBounds[col] <= 0 else { return nil }
            base[j] = costs[col] + w.adjustment[j] + (w.credit[j] >= 0 ? min(0, costs[w.credit[j]]) : 0)
            for l in w.linkRange(j) {
                let link = w.links[l]
                if link.lodging >= 0 { guard costs[link.lodging] >= 0 else { return nil } }
                linkCost[l] = (link.lodging >= 0 ? costs[link.lodging] : w.startCost[j]) + (link.pair >= 0 ? min(0, costs[link.pair]) : 0)
            }
        }
        // A pin's row Σ x = 1 enters the costs with multiplier −M (any sign is valid on an equality
        // row): its items are M cheaper and the value M dearer, so the DP takes each pin it can.
        for items in w.pins { for j in items { base[j] -= Self.pinWeight } }
        // Items that cannot lower the cost are left out: dropping one from a week keeps it
        // feasible (the kept rules are downward closed) and changes the cost by −(its base, its
        // way in, its successor's saving over a start) — its gain, which is at most its base plus
        // its cheapest way in plus `saving` — so by ≤ 0 when that sum is ≥ 0. Likewise an item j'
        // of the same instance stands in for j when its cost as a start is at most j's gain and it
        // takes no more hours, trip included: the swap keeps every kept rule and costs ≤ 0.
        // (Ties are broken by index, so of items alike one stays.) Neither holds for a stay day a
        // run goes on from: without it the rest of the run needs a trip's hours.
        var saving = Array(repeating: 0.0, count: n), runGoesOn = Array(repeating: false, count: n)
        for j in 0..<n {
            for l in w.linkRange(j) {
                let link = w.links[l]
                saving[link.from] = min(saving[link.from], linkCost[l] - w.startCost[j])
                if link.lodging >= 0 { runGoesOn[link.from] = true }
            }
        }
        // Per shift instance: the items whose gain is negative and that no other item of the
        // instance can stand in for.
        var candidates: [Int] = []
        candidates.reserveCapacity(n)
        var scratch = PruningScratch()
        for t in w.slots.indices {
            Self.keptItems(
                w, slot: t, open: { model.upperBounds[w.columns[$0]] >= 1 },
                gain: { j in
                    var cheapestWayIn = w.startCost[j]
                    for l in w.linkRange(j) { cheapestWayIn = min(cheapestWayIn, linkCost[l]) }
                    return base[j] + cheapestWayIn + saving[j]
                },
                base: base, runGoesOn: runGoesOn, scratch: &scratch, into: &candidates)
        }
        candidates.sort()
        // First without it: a best week that keeps some allowed block free is best with it too.
        var best = Self.schedule(w, items: candidates, base: base, linkCost: linkCost, rate: rate)
        if !w.restStarts.isEmpty {
            func free(_ start: Int, _ items: [Int]) -> Bool {
                let last = start + w.restDays - 1
                return items.allSatisfy { w.lastDate[$0] < start || w.firstDate[$0] > last || w.lastDate[$0] < w.firstDate[$0] }
            }
            if !w.restStarts.contains(where: { free($0, best.items) }) {
                best = (.infinity, [])
                for start in w.restStarts {
                    let kept = candidates.filter { free(start, [$0]) }
                    let option = Self.schedule(w, items: kept, base: base, linkCost: linkCost, rate: rate)
                    if option.value < best.value { best = option }
                }
            }
        }
        let value = best.value + Double(w.pins.count) * Self.pinWeight
        collector?.record(clinician: c, items: best.items)
        if feasibleColumns {
            // A column only when the week keeps every row of its block (the DP dropped rest with
            // travel and rounded the hours down).
            guard let point = blockPoint(model, w, clinician: c, items: best.items, shape: shape) else {
                return BlockOptimum(value: value, point: [])
            }
            return BlockOptimum(value: value, point: point)
        }
        var local = Array(repeating: 0.0, count: columns.count)
        // A handful of chosen candidates: a linear look-up each is cheaper than an index.
        for j in best.items { if let k = columns.firstIndex(of: w.columns[j]) { local[k] = 1 } }
        return BlockOptimum(value: value, point: local)
    }
}

/// (clinician, site, date): a stay's trip or a continuity pair of one clinician.
struct SiteDateOf: Hashable {
    let clinician: Int
    let site: Int
    let date: Int
}
