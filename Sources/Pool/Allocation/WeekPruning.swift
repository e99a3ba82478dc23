/// The items of one shift instance that the DP of `WeekRelaxation` keeps (see `relaxedOptimum`).
extension WeekRelaxation.Week {
    /// Item j's hours with its trip when it starts a run: what an item standing in for another
    /// must not exceed.
    func hoursAsStart(_ j: Int) -> Int { units[j] + startUnits[j] }

    /// Sets `slotOrder` and `standInCount` from `slots`, `units` and `startUnits` (call once they
    /// are final): each slot's items by ascending hours as a start (ties by index), and for each
    /// item how many of its slot's items, in that order, take no more hours as a start than it
    /// takes itself — the only ones that may stand in for it.
    mutating func setSlotOrder() {
        slotOrder = slots.map { slot in slot.sorted { (hoursAsStart($0), $0) < (hoursAsStart($1), $1) } }
        standInCount = Array(repeating: 0, count: units.count)
        for order in slotOrder {
            for j in order {
                var lo = 0, hi = order.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if hoursAsStart(order[mid]) <= units[j] { lo = mid + 1 } else { hi = mid }
                }
                standInCount[j] = lo
            }
        }
    }
}

extension WeekRelaxation {
    /// A reusable buffer of `keptItems`: one allocation per clinician's week, not per slot.
    struct PruningScratch {
        /// Along the slot's order: the least (base + startCost, index) of the open items so far.
        var least: [(key: Double, item: Int)] = []
    }

    /// Appends to `kept` the open items (upper bound ≥ 1) of slot `t` whose gain is negative and
    /// that no other open item of the slot stands in for: an item i stands in for j when
    /// (base[i] + startCost[i], i) < (gain[j], j) and i's hours as a start are at most j's hours.
    /// Items a run goes on from are kept as they are.
    ///
    /// The items that may stand in for j by their hours are a prefix of the slot's order by
    /// hours (`standInCount`, fixed with the week), so one pass of running minima of
    /// (base + startCost, index) along that order answers every j: j is stood in for when the
    /// least over its prefix comes before (gain[j], j). (j itself never does: its gain is at most
    /// its base + startCost.) Linear in the slot's items; the pairwise look this replaces was
    /// quadratic, and on 5× — dozens of items per instance, sites in reach × modes — 12 % of a
    /// 120-second run's CPU.
    static func keptItems(
        _ w: Week, slot t: Int, open: (Int) -> Bool, gain: (Int) -> Double, base: [Double],
        runGoesOn: [Bool], scratch: inout PruningScratch, into kept: inout [Int]
    ) {
        scratch.least.removeAll(keepingCapacity: true)
        var least = (key: Double.infinity, item: Int.max)
        for i in w.slotOrder[t] {
            if open(i) {
                let entry = (key: base[i] + w.startCost[i], item: i)
                if (entry.key, entry.item) < (least.key, least.item) { least = entry }
            }
            scratch.least.append(least)
        }
        for j in w.slots[t] where open(j) {
            if runGoesOn[j] { kept.append(j); continue }
            let g = gain(j)
            guard g < 0 else { continue }
            let count = w.standInCount[j]
            if count == 0 { kept.append(j); continue }
            let standIn = scratch.least[count - 1]
            if !((standIn.key, standIn.item) < (g, j)) { kept.append(j) }
        }
    }
}
