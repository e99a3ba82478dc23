/// The DP of `WeekRelaxation`: one clinician's best week over the items left after pruning.
extension WeekRelaxation {
    /// Weighted interval scheduling over `items` (ascending: in widened-end order) with links and
    /// the hours knapsack. g[a]: the least cost of a week among the items up to a that ends with a,
    /// per number of hour units; f[a]: the same without the "ends with a". Then the overtime.
    ///
    /// Each row is kept as its Pareto frontier — the weeks no other week beats in both hours and
    /// cost, by hours — not as a table over every hour count: on the 5× week a row's frontier
    /// holds about 6 weeks where the table had ~870 cells of 3 minutes. The values are the
    /// table's, summed in the same order (`WeekScheduleTests` compare the two).
    static func schedule(_ w: Week, items: [Int], base: [Double], linkCost: [Double], rate: Double) -> (value: Double, items: [Int]) {
        let n = items.count
        guard n > 0 else { return (0, []) }
        let hoursRule = w.capUnits != nil, cap = w.capUnits.map { max(0, $0) } ?? 0
        var position = Array(repeating: 0, count: w.columns.count)  // 0: not among the items
        for (a, j) in items.enumerated() { position[j] = a + 1 }
        let p = precedingItems(w, items: items)
        // Nodes: weeks ending with an item (row a, 1-based) after the node `parent`; node 0 is
        // the empty week.
        var units: [Int] = [0], cost: [Double] = [0], row: [Int32] = [0], parent: [Int32] = [-1]
        // Frontiers: node ids by ascending units (and so descending cost), as ranges of flat lists.
        var fNodes: [Int32] = [0], gNodes: [Int32] = []
        var f = Array(repeating: 0..<1, count: n + 1), g = Array(repeating: 0..<0, count: n + 1)
        // A week that could end with a: its units, its cost before a's base, its way in (0: a
        // start after f[p[a]], l + 1: link l) and the node before a.
        var offers: [(units: Int, cost: Double, way: Int, node: Int32)] = []
        for a in 1...n {
            let j = items[a - 1]
            let u = hoursRule ? w.units[j] : 0, su = hoursRule ? w.startUnits[j] : 0
            offers.removeAll(keepingCapacity: true)
            for id in fNodes[f[p[a]]] {
                let total = units[Int(id)] + u + su
                if total > cap { break }
                offers.append((total, cost[Int(id)] + w.startCost[j], 0, id))
            }
            var ways = offers.isEmpty ? 0 : 1
            for l in w.linkRange(j) {
                let link = w.links[l], b = position[link.from]
                guard b > 0, b <= p[a] else { continue }
                let lu = link.lodging >= 0 ? 0 : su, before = offers.count
                for id in gNodes[g[b]] {
                    let total = units[Int(id)] + u + lu
                    if total > cap { break }
                    offers.append((total, cost[Int(id)] + linkCost[l], l + 1, id))
                }
                if offers.count > before { ways += 1 }
            }
            // Several ways in: by units, then cost, then way (the table prefers a start on ties).
            if ways > 1 { offers.sort { ($0.units, $0.cost, $0.way) < ($1.units, $1.cost, $1.way) } }
            let first = gNodes.count
            var least = Double.infinity
            for o in offers where o.cost < least {
                least = o.cost
                gNodes.append(Int32(units.count))
                units.append(o.units); cost.append(o.cost + base[j]); row.append(Int32(a)); parent.append(o.node)
            }
            g[a] = first..<gNodes.count
            guard !g[a].isEmpty else { f[a] = f[a - 1]; continue }
            // f[a]: f[a − 1] and g[a] merged by units, each kept only below every cost before it
            // (on a tie f[a − 1], as the table's way back does).
            let start = fNodes.count
            var i = f[a - 1].lowerBound, e = g[a].lowerBound
            least = .infinity
            while i < f[a - 1].upperBound || e < g[a].upperBound {
                let fromF: Bool
                if e == g[a].upperBound { fromF = true } else if i == f[a - 1].upperBound { fromF = false } else {
                    let x = fNodes[i], y = gNodes[e]
                    fromF = (units[Int(x)], cost[Int(x)]) <= (units[Int(y)], cost[Int(y)])
                }
                let id = fromF ? fNodes[i] : gNodes[e]
                if fromF { i += 1 } else { e += 1 }
                if cost[Int(id)] < least { least = cost[Int(id)]; fNodes.append(id) }
            }
            f[a] = start..<fNodes.count
        }
        var best: Int32 = 0, bestValue = Double.infinity
        for id in fNodes[f[n]] {
            let overtime = hoursRule ? max(0, Double(units[Int(id)]) * hourUnit - w.regularHours) * rate : 0
            let v = cost[Int(id)] + overtime
            if v < bestValue { bestValue = v; best = id }
        }
        var chosen: [Int] = []
        while best > 0 { chosen.append(items[Int(row[Int(best)]) - 1]); best = parent[Int(best)] }
        return (bestValue, chosen.reversed())
    }

    /// p[a]: how many of the items before a end (widened) by a's start — a prefix, by the order.
    static func precedingItems(_ w: Week, items: [Int]) -> [Int] {
        var p = Array(repeating: 0, count: items.count + 1)
        for a in stride(from: 1, through: items.count, by: 1) {
            var lo = 0, hi = a - 1
            let start = w.starts[items[a - 1]]
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if w.ends[items[mid - 1]] <= start { lo = mid } else { hi = mid - 1 }
            }
            p[a] = lo
        }
        return p
    }
}
