/// The DP of `WeekRelaxation`: one clinician's best week over the items left after pruning.
extension WeekRelaxation {
    /// Weighted interval scheduling over `items` (ascending: in widened-end order) with links and
    /// the hours knapsack. g[a][h]: least cost of a week among the items up to a that ends with a,
    /// in at most h units; f[a][h]: the same without the "ends with a". Then the overtime on h.
    static func schedule(_ w: Week, items: [Int], base: [Double], linkCost: [[Double]], rate: Double,
                         coarseness: Int = 1) -> (value: Double, items: [Int]) {
        let n = items.count
        guard n > 0 else { return (0, []) }
        let hoursRule = w.capUnits != nil, k = max(1, coarseness)
        let units = items.map { w.units[$0] / k }, startUnits = items.map { w.startUnits[$0] / k }
        // No more units than all the items could fill (trips included).
        let fill = zip(units, startUnits).reduce(0) { $0 + $1.0 + $1.1 }
        let width = (w.capUnits.map { min(max(0, $0 / k), fill) } ?? 0) + 1
        var position = Array(repeating: 0, count: w.columns.count)  // 0: not among the items
        for (a, j) in items.enumerated() { position[j] = a + 1 }
        // p[a]: how many of the items before a end (widened) by a's start — a prefix, by the order.
        var p = Array(repeating: 0, count: n + 1)
        for a in 1...n {
            var lo = 0, hi = a - 1
            let start = w.starts[items[a - 1]]
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if w.ends[items[mid - 1]] <= start { lo = mid } else { hi = mid - 1 }
            }
            p[a] = lo
        }
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
            for (l, link) in w.links[j].enumerated() {
                let b = position[link.from]
                guard b > 0, b <= p[a] else { continue }
                let cost = linkCost[j][l], lu = link.lodging >= 0 ? 0 : su
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
            let overtime = hoursRule ? max(0, Double(h * k) * hourUnit - w.regularHours) * rate : 0
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
                let link = w.links[j].first { position[$0.from] == b }
                h -= u + ((link?.lodging ?? -1) >= 0 ? 0 : su); a = b
            }
        }
        return (bestValue, chosen.reversed())
    }
}
