import Testing
@testable import Pool

/// The week DP's Pareto frontiers (`WeekRelaxation.schedule`) against the plain table over every
/// hour count it replaced: on random weeks with links, trips and the hours knapsack both give the
/// same value to the last bit and the same week.
@Suite struct WeekScheduleTests {
    /// A random week of `count` items in widened-end order: overlapping and disjoint intervals,
    /// hours and trips, links between some disjoint pairs, a cap that binds on most.
    static func randomWeek(_ rng: inout SplitMix64, count: Int) -> (WeekRelaxation.Week, base: [Double], linkCost: [Double]) {
        var w = WeekRelaxation.Week()
        var intervals: [(start: Int, end: Int)] = []
        for _ in 0..<count {
            let start = Int(rng.next() % 7200), length = 240 + Int(rng.next() % 600)
            intervals.append((start, start + length))
        }
        intervals.sort { ($0.end, $0.start) < ($1.end, $1.start) }
        w.columns = Array(0..<count)
        w.starts = intervals.map(\.start); w.ends = intervals.map(\.end)
        w.units = (0..<count).map { _ in 80 + Int(rng.next() % 140) }
        w.startUnits = (0..<count).map { _ in rng.next() % 3 == 0 ? Int(rng.next() % 40) : 0 }
        w.startCost = w.startUnits.map { $0 > 0 ? rng.uniform(5, 80) : 0 }
        var links = Array(repeating: [WeekRelaxation.Link](), count: count)
        var linkCost = Array(repeating: [Double](), count: count)
        for j in 0..<count {
            for i in 0..<count where i != j && w.ends[i] <= w.starts[j] && rng.next() % 6 == 0 {
                let lodging = rng.next() % 2 == 0 ? 1 : -1
                links[j].append(WeekRelaxation.Link(from: i, lodging: lodging, pair: rng.next() % 2 == 0 ? 2 : -1))
                linkCost[j].append(rng.uniform(-20, 60))
            }
        }
        w.setLinks(links)
        if rng.next() % 5 != 0 {
            w.regularHours = Double(200 + Int(rng.next() % 600)) * WeekRelaxation.hourUnit
            w.capUnits = Int(w.regularHours / WeekRelaxation.hourUnit) + Int(rng.next() % 200)
        }
        let base = (0..<count).map { _ in rng.uniform(-400, 150) }
        return (w, base, linkCost.flatMap { $0 })
    }

    @Test(arguments: [17, 18] as [UInt64])
    func theFrontiersGiveTheTablesWeek(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        for round in 0..<400 {
            let count = 1 + Int(rng.next() % 40)
            let (w, base, linkCost) = Self.randomWeek(&rng, count: count)
            // Every item, or a random subset (the DP runs on the items left after pruning).
            let items = round % 2 == 0 ? Array(0..<count) : (0..<count).filter { _ in rng.next() % 3 != 0 }
            let rate = rng.uniform(0, 90)
            let frontier = WeekRelaxation.schedule(w, items: items, base: base, linkCost: linkCost, rate: rate)
            let table = Self.table(w, items: items, base: base, linkCost: linkCost, rate: rate)
            #expect(frontier.value == table.value, "round \(round)")
            #expect(frontier.items == table.items, "round \(round)")
        }
    }

    @Test func anEmptyWeekCostsNothing() {
        var rng = SplitMix64(seed: 3)
        let (w, base, linkCost) = Self.randomWeek(&rng, count: 5)
        let result = WeekRelaxation.schedule(w, items: [], base: base, linkCost: linkCost, rate: 10)
        #expect(result.value == 0 && result.items.isEmpty)
    }

    /// The DP as it was: a table over every hour count (the reference the frontiers must match).
    /// in at most h units; f[a][h]: the same without the "ends with a". Then the overtime on h.
    static func table(_ w: WeekRelaxation.Week, items: [Int], base: [Double], linkCost: [Double], rate: Double) -> (value: Double, items: [Int]) {
        let n = items.count
        guard n > 0 else { return (0, []) }
        let hoursRule = w.capUnits != nil
        let units = items.map { w.units[$0] }, startUnits = items.map { w.startUnits[$0] }
        // No more units than all the items could fill (trips included).
        let fill = zip(units, startUnits).reduce(0) { $0 + $1.0 + $1.1 }
        let width = (w.capUnits.map { min(max(0, $0), fill) } ?? 0) + 1
        var position = Array(repeating: 0, count: w.columns.count)  // 0: not among the items
        for (a, j) in items.enumerated() { position[j] = a + 1 }
        // p[a]: how many of the items before a end (widened) by a's start — counted one by one here.
        let p = [0] + (1...n).map { a in (0..<(a - 1)).filter { w.ends[items[$0]] <= w.starts[items[a - 1]] }.count }
        let infinity = Double.infinity
        var f = Array(repeating: 0.0, count: (n + 1) * width)
        var g = Array(repeating: infinity, count: (n + 1) * width)
        // Per g entry, where the week came from: 0 a start after f[p], b > 0 a link from item b.
        var from = Array(repeating: 0, count: (n + 1) * width)
        for a in 1...n {
            let j = items[a - 1]
            let u = hoursRule ? units[a - 1] : 0, su = hoursRule ? startUnits[a - 1] : 0
            let row = a * width, before = p[a] * width
            for h in 0..<width where h >= u + su {
                g[row + h] = f[before + h - u - su] + w.startCost[j]
            }
            for l in w.linkRange(j) {
                let link = w.links[l]
                let b = position[link.from]
                guard b > 0, b <= p[a] else { continue }
                let cost = linkCost[l], lu = link.lodging >= 0 ? 0 : su
                for h in 0..<width where h >= u + lu {
                    let via = g[b * width + h - u - lu] + cost
                    if via < g[row + h] { g[row + h] = via; from[row + h] = b }
                }
            }
            for h in 0..<width {
                g[row + h] += base[j]
                f[row + h] = min(f[row - width + h], g[row + h])
            }
        }
        var bestH = 0, bestValue = infinity
        for h in 0..<width {
            let overtime = hoursRule ? max(0, Double(h) * WeekRelaxation.hourUnit - w.regularHours) * rate : 0
            let v = f[n * width + h] + overtime
            if v < bestValue { bestValue = v; bestH = h }
        }
        // Back from f[n][bestH]: down the f rows to the item that ends the week, then along g.
        var chosen: [Int] = [], a = n, h = bestH, inG = false
        while a > 0 {
            if !inG {
                if f[a * width + h] == f[(a - 1) * width + h] { a -= 1; continue }
                inG = true
            }
            let j = items[a - 1], u = hoursRule ? units[a - 1] : 0, su = hoursRule ? startUnits[a - 1] : 0
            chosen.append(j)
            let b = from[a * width + h]
            if b == 0 {
                h -= u + su; a = p[a]; inG = false
            } else {
                let link = w.links[w.linkRange(j)].first { position[$0.from] == b }
                h -= u + ((link?.lodging ?? -1) >= 0 ? 0 : su); a = b
            }
        }
        return (bestValue, chosen.reversed())
    }
}
