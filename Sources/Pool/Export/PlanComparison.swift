/// Plans side by side for what-if questions (PRODUCT §1 planners): cost by component, coverage,
/// uncovered hours by profession and language, travel, remote share, equity, continuity — and
/// which plan is cheaper and why. The first plan is the baseline that deltas are taken against.
public struct PlanComparison: Sendable {
    public enum Better: String, Sendable { case lower, higher, neither }

    public struct Metric: Sendable, Equatable {
        public var group: String
        public var label: String
        /// "€", "%", "h", "km", "" (count).
        public var unit: String
        /// One per plan; nil when the plan has no such figure (e.g. no demand of a profession).
        public var values: [Double?]
        public var better: Better
        public var decimals: Int

        /// values[i] − values[0], when both exist.
        public func delta(_ i: Int) -> Double? {
            guard let a = values.first ?? nil, i < values.count, let b = values[i] else { return nil }
            return b - a
        }

        /// +1 when plan i is better than the baseline on this metric, −1 worse, 0 same or neutral.
        public func direction(_ i: Int) -> Int {
            guard let d = delta(i), abs(d) >= 0.5 * pow10(-decimals) else { return 0 }
            switch better {
            case .lower: return d < 0 ? 1 : -1
            case .higher: return d > 0 ? 1 : -1
            case .neither: return 0
            }
        }
    }

    public var names: [String]
    public var statusTexts: [String]
    public var metrics: [Metric]
    /// Sentences: which plan is cheaper, by how much, and the largest cost-component differences.
    public var verdict: [String]

    public init(_ plans: [(name: String, plan: Plan)]) {
        names = plans.map(\.name)
        statusTexts = plans.map { "\($0.plan.solver.solverName): \($0.plan.solver.statusText)" }
        let ps = plans.map(\.plan)
        var m: [Metric] = []
        func add(_ group: String, _ label: String, _ unit: String, _ better: Better, _ decimals: Int, _ value: (Plan) -> Double?) {
            m.append(Metric(group: group, label: label, unit: unit, values: ps.map(value), better: better, decimals: decimals))
        }
        for (label, path) in Self.costComponents {
            add("cost", label, "€", .lower, 0) { $0.costs[keyPath: path] }
        }
        add("cost", "purchased service avoided", "€", .higher, 0) { $0.costs.purchasedServiceAvoided }
        add("cost", "objective (model)", "€", .lower, 0) { $0.costs.objective }
        add("cost", "total cost per demand hour", "€/h", .lower, 2) { p in
            p.kpis.total.demandHours > 0 ? p.costs.totalCost / p.kpis.total.demandHours : nil
        }
        add("solver", "gap", "%", .lower, 2) { $0.solver.gap.map { $0 * 100 } }
        add("coverage", "coverage", "%", .higher, 1) { $0.kpis.total.coveragePercent }
        add("coverage", "demand", "h", .neither, 1) { $0.kpis.total.demandHours }
        add("coverage", "uncovered", "h", .lower, 1) { $0.kpis.total.uncoveredHours }
        add("coverage", "Swedish-language coverage", "%", .higher, 1) { $0.kpis.total.swedishCoveragePercent }
        for profession in Set(ps.flatMap { $0.kpis.professions.map(\.key) }).sorted() {
            add("uncovered by profession", profession, "h", .lower, 1) { p in
                p.kpis.professions.first { $0.key == profession }?.uncoveredHours
            }
        }
        for language in Set(ps.flatMap { $0.uncovered.map { Self.languageKey($0.language) } }).sorted() {
            add("uncovered by language", language, "h", .lower, 1) { p in
                p.uncovered.filter { Self.languageKey($0.language) == language }.reduce(0) { $0 + $1.hours }
            }
        }
        add("travel", "distance", "km", .lower, 0) { $0.kpis.travelKm }
        add("travel", "remote share", "%", .neither, 1) { $0.kpis.total.remoteShare * 100 }
        add("travel", "overtime", "h", .lower, 1) { $0.kpis.overtimeHours }
        add("travel", "assignments", "", .neither, 0) { Double($0.assignments.count) }
        add("equity", "worst site uncovered share", "%", .lower, 1) { $0.kpis.worstSite.map { $0.uncoveredShare * 100 } }
        add("equity", "best site uncovered share", "%", .lower, 1) { $0.kpis.bestSite.map { $0.uncoveredShare * 100 } }
        add("continuity", "continuity share", "%", .higher, 1) { $0.kpis.continuityShare * 100 }
        metrics = m
        verdict = Self.verdict(plans)
    }

    /// The parts of `CostBreakdown.totalCost`, money actually paid.
    static var costComponents: [(String, KeyPath<CostBreakdown, Double>)] {
        [("total cost", \.totalCost), ("regular salaries", \.regularSalaries),
         ("purchased services remaining", \.purchasedServiceRemaining), ("km allowance", \.travelKm),
         ("paid travel time", \.travelTime), ("lodging", \.lodging), ("per-diem", \.perDiem), ("overtime", \.overtime)]
    }

    static func languageKey(_ language: String?) -> String { language.map { "requires \($0)" } ?? "no language requirement" }

    static func verdict(_ plans: [(name: String, plan: Plan)]) -> [String] {
        guard plans.count >= 2 else { return [] }
        let euros = { (x: Double) in DecimalText.grouped(x, decimals: 0, separator: ".", groupSeparator: " ") + " €" }
        let cheapest = plans.indices.min { (plans[$0].plan.costs.totalCost, $0) < (plans[$1].plan.costs.totalCost, $1) } ?? 0
        let best = plans[cheapest]
        var lines: [String] = []
        for (i, other) in plans.enumerated() where i != cheapest {
            let saving = other.plan.costs.totalCost - best.plan.costs.totalCost
            if saving < 0.5 {
                lines.append("\(best.name) and \(other.name) cost the same (\(euros(best.plan.costs.totalCost)) total).")
                continue
            }
            // Components ranked by how much of the difference they explain.
            let diffs = costComponents.dropFirst().map { (label, path) in
                (label, best.plan.costs[keyPath: path] - other.plan.costs[keyPath: path])
            }.filter { abs($0.1) >= 0.5 }.sorted { (abs($0.1), $0.0) > (abs($1.1), $1.0) }
            let why = diffs.prefix(3).map { "\($0.0) \($0.1 < 0 ? "−" : "+")\(euros(abs($0.1)))" }.joined(separator: ", ")
            let coverage = best.plan.kpis.total.coveragePercent - other.plan.kpis.total.coveragePercent
            let coverageText = abs(coverage) < 0.05 ? "with the same coverage"
                : "\(coverage > 0 ? "while covering more" : "but covering less") (\(DecimalText.fixed(best.plan.kpis.total.coveragePercent, decimals: 1)) % vs \(DecimalText.fixed(other.plan.kpis.total.coveragePercent, decimals: 1)) %)"
            lines.append("\(best.name) is cheaper than \(other.name) by \(euros(saving)) a week (total cost \(euros(best.plan.costs.totalCost)) vs \(euros(other.plan.costs.totalCost))) \(coverageText)."
                         + (why.isEmpty ? "" : " Largest differences (\(best.name) − \(other.name)): \(why)."))
        }
        // Unlike for like: say so before anyone reads the euros as the effect of the change.
        let demand = plans.map(\.plan.kpis.total.demandHours)
        if let low = demand.min(), let high = demand.max(), high - low >= 0.5 {
            lines.append("Note: the plans face different demand (\(plans.map { "\($0.name) \(DecimalText.grouped($0.plan.kpis.total.demandHours, decimals: 0, separator: ".", groupSeparator: " ")) h" }.joined(separator: ", "))); "
                         + "compare cost per demand hour and coverage rather than totals alone.")
        }
        let horizons = Set(plans.map { "\($0.plan.firstDate.iso)+\($0.plan.days)" })
        if horizons.count > 1 {
            lines.append("Note: the plans cover different horizons (\(plans.map { "\($0.name) \($0.plan.firstDate.iso), \($0.plan.days) days" }.joined(separator: "; "))).")
        }
        for p in plans where p.plan.solver.status != .optimal {
            guard let gap = p.plan.solver.gap else {
                lines.append("Caution: \(p.name) is not proven optimal and has no proven bound (\(p.plan.solver.statusText)).")
                continue
            }
            lines.append("Caution: \(p.name) is not proven optimal (gap \(DecimalText.fixed(gap * 100, decimals: 2)) %); its objective "
                         + "could still improve by up to \(euros(gap * abs(p.plan.costs.objective))), so smaller differences may not be real.")
        }
        return lines
    }
}

private func pow10(_ n: Int) -> Double { (0..<abs(n)).reduce(1.0) { acc, _ in n < 0 ? acc / 10 : acc * 10 } }
