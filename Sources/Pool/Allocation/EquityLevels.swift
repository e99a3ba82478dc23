import Foundation

/// One profession group's equity term as the model has it (`Objective.addEquity`): the variable
/// worst(g) and, per site, its row worst(g) ≥ c0 + Σ a_j u_j, where u_j counts a demand row's
/// uncovered shifts (a_j = shift hours / the site's demand hours of the group; c0 the share no
/// candidate can cover).
///
/// At every optimal plan the u_j are integers (each costs the uncovered price, so it is exactly the
/// shortfall of whole shifts) and worst(g) is the largest site's share (it costs too): worst(g) takes
/// only values c0 + Σ a_j k_j with whole k_j ≤ u_j's upper bound — its *levels*. Plans' shares jump
/// between them (a site asking for one to three shifts a week: by a third or more), where the
/// master's fractional weeks cover any fraction: that is its integrality gap
/// (docs/performance.md, "The master's integrality gap is the equity term").
struct EquityLevels {
    struct Site {
        var constant: Double
        var terms: [(column: Int, share: Double, most: Int)]
    }
    let worst: Int
    let sites: [Site]

    /// Each group's equity term read from the model's rows that hold its worst(g).
    static func all(_ model: AllocationModel) -> [(name: String, levels: EquityLevels)] {
        let m = model.model
        let worstColumns = Dictionary(uniqueKeysWithValues: model.equityVariables.map { ($0.variable.index, $0.group) })
        var rows: [Int: [Int]] = [:]
        for i in 0..<m.constraintCount where m.senses[i] == .greaterOrEqual {
            for k in m.rowStart[i]..<m.rowStart[i + 1] where worstColumns[Int(m.entryColumns[k])] != nil && m.entryValues[k] == 1 {
                rows[Int(m.entryColumns[k]), default: []].append(i)
            }
        }
        return model.equityVariables.compactMap { g, worst in
            var sites: [Site] = []
            for i in rows[worst.index] ?? [] {
                var site = Site(constant: m.rightHandSides[i], terms: [])
                for k in m.rowStart[i]..<m.rowStart[i + 1] where Int(m.entryColumns[k]) != worst.index {
                    let j = Int(m.entryColumns[k])
                    // Only counts of uncovered shifts, priced: anything else and the levels are not known.
                    guard m.entryValues[k] < 0, m.objectiveCoefficients[j] > 0, m.lowerBounds[j] == 0,
                          m.upperBounds[j].isFinite, m.upperBounds[j] == m.upperBounds[j].rounded() else { return nil }
                    site.terms.append((j, -m.entryValues[k], Int(m.upperBounds[j])))
                }
                sites.append(site)
            }
            guard !sites.isEmpty, m.objectiveCoefficients[worst.index] > 0 else { return nil }
            return (model.equityGroups?.name(g) ?? "\(g)", EquityLevels(worst: worst.index, sites: sites))
        }
    }

    /// The group's level in a plan: its largest site share (at least 0, worst(g)'s lower bound).
    func level(of plan: [Double]) -> Double {
        sites.reduce(0.0) { best, site in
            max(best, site.terms.reduce(site.constant) { $0 + $1.share * plan[$1.column].rounded() })
        }
    }

    /// Every share some site can reach, from the largest share no one can cover up (a superset of
    /// the levels), ascending; nil when a site's
    /// shares would pass `most` values (then the group is not branched on).
    func reachable(most: Int = 20_000) -> [Double]? {
        var all = Set<Int64>()
        for site in sites {
            var sums: Set<Int64> = [Self.key(site.constant)]
            for term in site.terms {
                for _ in 0..<term.most {
                    let next = Set(sums.map { $0 + Self.key(term.share) })
                    let before = sums.count
                    sums.formUnion(next)
                    if sums.count > most { return nil }
                    if sums.count == before { break }
                }
            }
            all.formUnion(sums)
        }
        // No plan's level is under the largest share no one can cover.
        let floor = Self.key(sites.map(\.constant).max() ?? 0)
        return all.filter { $0 >= floor }.sorted().map { Double($0) / Self.scale }
    }

    private static let scale = 1e9
    private static func key(_ v: Double) -> Int64 { Int64((v * scale).rounded()) }

    /// Rows for "worst(g) within [lo, hi]" (nil: unbounded that side), with, for a finite hi, the
    /// caps it implies on each site's uncovered shifts: Σ a_j u_j ≤ hi − c0 and a_j ≥ the site's
    /// least a, so Σ u_j ≤ ⌊(hi − c0) / least a⌋ for whole u_j. The caps are what cuts off the
    /// master's fractions: the interval alone is what the equity rows already say.
    func rows(lo: Double?, hi: Double?) -> [LinearConstraint] {
        // A hair of slack against rounding: the levels are sums, the plans' shares sums in another order.
        let tolerance = 1e-9
        var rows: [LinearConstraint] = []
        let w = Variable(index: worst)
        if let lo { rows.append(LinearExpression(w) >= lo - tolerance) }
        guard let hi else { return rows }
        rows.append(LinearExpression(w) <= hi + tolerance)
        for site in sites where !site.terms.isEmpty {
            let least = site.terms.map(\.share).min() ?? 1
            let cap = ((hi - site.constant) / least + 1e-7).rounded(.down)
            guard cap < Double(site.terms.reduce(0) { $0 + $1.most }) else { continue }
            rows.append(sum(site.terms.map { Variable(index: $0.column) }) <= cap)
        }
        return rows
    }

    /// An interval of levels, nil open that side (`rows(lo:hi:)`).
    struct Interval: Hashable {
        var lo: Double?
        var hi: Double?
    }

    /// The three intervals around a plan's level ℓ: below (worst ≤ the level under ℓ), at (worst = ℓ)
    /// and above (worst ≥ the level over ℓ). No level lies strictly between them, so every optimal
    /// plan is in one of them. Nil when the levels are not known.
    func intervals(around level: Double) -> [Interval]? {
        guard let levels = reachable() else { return nil }
        let below = levels.last { $0 < level - 1e-7 }, above = levels.first { $0 > level + 1e-7 }
        return [Interval(lo: below == nil ? nil : level, hi: level)] + [below.map { Interval(lo: nil, hi: $0) },
                                                                         above.map { Interval(lo: $0, hi: nil) }].compactMap { $0 }
    }

    /// `intervals(around:)` within `interval` (its parts that are not empty, in the same order):
    /// the node of `interval` split around a level inside it. Nil when the levels are not known or
    /// the level is not strictly inside (one part would be the node itself).
    func intervals(around level: Double, within interval: Interval) -> [Interval]? {
        guard let around = intervals(around: level) else { return nil }
        let parts = around.compactMap { part -> Interval? in
            let lo = [part.lo, interval.lo].compactMap { $0 }.max(), hi = [part.hi, interval.hi].compactMap { $0 }.min()
            if let lo, let hi, lo > hi + 1e-7 { return nil }
            return Interval(lo: lo, hi: hi)
        }
        return parts.count > 1 && !parts.contains(interval) ? parts : nil
    }

    /// The open interval above, [lo, ∞), split where the equity term alone, `costPerShare` € per
    /// unit of worst(g), costs `gain` more than at lo: [lo, ℓ₂] with the caps at ℓ₂ (ℓ₂ the highest
    /// level there, at least lo) and [the level over ℓ₂, ∞). Nil when the levels are not known.
    func split(from lo: Double, gain: Double, costPerShare: Double) -> [Interval]? {
        guard let levels = reachable(), costPerShare > 0, gain > 0 else { return nil }
        let target = lo + gain / costPerShare
        let top = levels.last { $0 <= target + 1e-9 && $0 >= lo - 1e-9 } ?? lo
        return [Interval(lo: lo, hi: top)] + (levels.first { $0 > top + 1e-7 }.map { [Interval(lo: $0, hi: nil)] } ?? [])
    }

    /// The node of an interval, named after it.
    func node(_ interval: Interval, name: String) -> GroupNode {
        let label = switch (interval.lo, interval.hi) {
        case let (lo?, hi?) where abs(hi - lo) < 1e-9: "at \(Self.percent(hi))"
        case let (lo?, hi?): "\(Self.percent(lo)) to \(Self.percent(hi))"
        case let (nil, hi?): "at most \(Self.percent(hi))"
        case let (lo?, nil): "at least \(Self.percent(lo))"
        case (nil, nil): "anywhere"
        }
        return GroupNode(name: "\(name) \(label)", rows: rows(lo: interval.lo, hi: interval.hi))
    }

    /// `intervals(around:)`'s nodes.
    func nodes(around level: Double, name: String) -> [GroupNode]? {
        intervals(around: level)?.map { node($0, name: name) }
    }

    static func percent(_ share: Double) -> String { String(format: "%.2f %%", share * 100) }
}
