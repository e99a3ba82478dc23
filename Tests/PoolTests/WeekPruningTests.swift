import Testing
@testable import Pool

/// The week DP's pruning per shift instance (`WeekRelaxation.keptItems`) against the pairwise
/// look it replaced: on random instances with ties in cost, hours and trips, both keep the same
/// items in the same order.
@Suite struct WeekPruningTests {
    /// The pairwise rule as it was: j is kept when its gain is negative and no other open item i
    /// has (base[i] + startCost[i], i) < (gain[j], j) with hours and trip at most j's hours.
    static func pairwise(_ w: WeekRelaxation.Week, slot: [Int], open: [Bool], gain: [Double], base: [Double], runGoesOn: [Bool]) -> [Int] {
        var kept: [Int] = []
        for j in slot where open[j] {
            if runGoesOn[j] { kept.append(j); continue }
            guard gain[j] < 0 else { continue }
            let replaced = slot.contains { i in
                i != j && open[i] && (base[i] + w.startCost[i], i) < (gain[j], j) && w.units[i] + w.startUnits[i] <= w.units[j]
            }
            if !replaced { kept.append(j) }
        }
        return kept
    }

    @Test(arguments: [5, 6, 7] as [UInt64])
    func theSortedLookKeepsWhatThePairwiseLookKept(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var scratch = WeekRelaxation.PruningScratch()
        var keptSome = 0, prunedSome = 0
        for round in 0..<500 {
            let count = 1 + Int(rng.next() % 30)
            var w = WeekRelaxation.Week()
            // Few distinct values, so that costs and hours tie often.
            w.units = (0..<count).map { _ in 100 + 20 * Int(rng.next() % 4) }
            w.startUnits = (0..<count).map { _ in rng.next() % 3 == 0 ? 20 * Int(rng.next() % 2) : 0 }
            w.startCost = w.startUnits.map { $0 > 0 ? Double(10 * (1 + rng.next() % 3)) : 0 }
            let base = (0..<count).map { _ in Double(10 * Int(rng.next() % 8)) - 50 }
            // A gain is at most the item's cost as a start (its way in and saving are at most
            // its start cost and zero).
            let gain = (0..<count).map { base[$0] + w.startCost[$0] - Double(10 * Int(rng.next() % 3)) }
            let open = (0..<count).map { _ in rng.next() % 8 != 0 }
            let runGoesOn = (0..<count).map { _ in rng.next() % 10 == 0 }
            let slot = (0..<count).filter { _ in rng.next() % 5 != 0 }
            // The slot's items in a shuffled order, as a week lists them by widened end.
            w.slots = [slot.sorted { ($0 * 7919) % 31 < ($1 * 7919) % 31 }]
            w.setSlotOrder()
            var kept: [Int] = []
            WeekRelaxation.keptItems(w, slot: 0, open: { open[$0] }, gain: { gain[$0] }, base: base,
                                     runGoesOn: runGoesOn, scratch: &scratch, into: &kept)
            let expected = Self.pairwise(w, slot: w.slots[0], open: open, gain: gain, base: base, runGoesOn: runGoesOn)
            #expect(kept == expected, "round \(round)")
            if !kept.isEmpty { keptSome += 1 }
            if kept.count < slot.filter({ open[$0] && gain[$0] < 0 }).count { prunedSome += 1 }
        }
        // The instances exercise both outcomes: items kept, and items stood in for.
        #expect(keptSome > 100 && prunedSome > 100)
    }
}
