import Foundation

/// The readable summary `poolctl solve` prints and writes to summary.txt: status, cost by component,
/// coverage, uncovered demand with reasons, remote share, Swedish coverage, continuity, equity,
/// travel, sensitivity. Deterministic (no timings).
public enum PlanSummary {
    public static func text(_ plan: Plan, maxRows: Int = 10) -> String {
        var out: [String] = []
        func line(_ s: String = "") { out.append(s) }
        let k = plan.kpis, c = plan.costs
        line("Pool plan — \(plan.scenario), \(plan.firstDate.iso) + \(plan.days) days")
        line("Status: \(plan.solver.statusText)")
        if let bound = plan.solver.bestBound {
            line("  objective \(eur(c.objective)), best bound \(eur(bound))"
                 + (plan.solver.lpRelaxationObjective.map { ", LP relaxation \(eur($0))" } ?? "")
                 + (plan.solver.lagrangianBound.map { ", Lagrangian \(eur($0))" } ?? "")
                 + (plan.solver.warmStartObjective.map { ", heuristic start \(eur($0))" } ?? ""))
        }
        if let start = plan.solver.startPlan {
            line("  started from a previous plan\(start.movedByDays == 0 ? "" : " moved by \(start.movedByDays) days"): "
                 + "\(start.stillPossible) of its \(start.previousAssignments) assignments still possible this week")
        }
        line("Model: \(plan.modelSize.variables) variables (\(plan.modelSize.integerVariables) integer), "
             + "\(plan.modelSize.constraints) constraints, \(plan.modelSize.nonzeros) nonzeros; \(plan.solver.nodes) nodes")
        line()
        line("Cost by component (objective, €/week)")
        let parts: [(String, Double)] = [
            ("uncovered demand (purchased service × priority)", c.uncoveredPurchasedService), ("travel km allowance", c.travelKm),
            ("paid travel time", c.travelTime), ("lodging", c.lodging), ("per-diem", c.perDiem), ("overtime", c.overtime),
            ("continuity saving", c.continuity), ("preferences", c.preferences), ("equity penalty", c.equity),
        ]
        for (name, v) in parts { line("  " + pad(name, 50) + leftPad(eur(v), 14)) }
        line("  " + pad("objective", 50) + leftPad(eur(c.objective), 14))
        line("Money this week: regular salaries \(eur(c.regularSalaries)) (paid anyway), purchased services remaining "
             + "\(eur(c.purchasedServiceRemaining)), avoided \(eur(c.purchasedServiceAvoided)); total cost \(eur(c.totalCost))")
        line()
        line("Coverage: \(pct(k.total.coveragePercent)) of \(hours(k.total.demandHours)) demanded, "
             + "\(hours(k.total.uncoveredHours)) uncovered; remote share \(pct(k.total.remoteShare * 100))"
             + (k.total.swedishCoveragePercent.map { "; Swedish-language coverage \(pct($0))" } ?? "; no Swedish-language demand"))
        line("Continuity share \(pct(k.continuityShare * 100)); travel \(fixed(k.travelKm, 1)) km; overtime \(hours(k.overtimeHours))")
        if let w = k.worstSite, let b = k.bestSite {
            line("Equity: worst-covered site \(w.site) (\(pct(w.uncoveredShare * 100)) uncovered), best \(b.site) (\(pct(b.uncoveredShare * 100)) uncovered)")
        }
        line()
        line("By profession")
        for p in k.professions { line("  " + coverageLine(p)) }
        line("By site (the \(min(maxRows, k.sites.count)) least covered of \(k.sites.count))")
        let sites = k.sites.sorted { ($0.coveragePercent, $0.key) < ($1.coveragePercent, $1.key) }
        for s in sites.prefix(maxRows) { line("  " + coverageLine(s)) }
        line()
        if plan.uncovered.isEmpty {
            line("Uncovered demand: none")
        } else {
            line("Uncovered demand by reason")
            var byReason: [UncoveredReason: (count: Int, hours: Double)] = [:]
            for u in plan.uncovered { byReason[u.reason, default: (0, 0)].count += u.count; byReason[u.reason, default: (0, 0)].hours += u.hours }
            for r in UncoveredReason.allCases { if let t = byReason[r] { line("  \(pad(r.text, 58)) \(t.count) × shift, \(hours(t.hours))") } }
            line("Largest uncovered rows")
            for u in plan.uncovered.sorted(by: { ($1.costEUR, $0.date, $0.site, $0.demandLine) < ($0.costEUR, $1.date, $1.site, $1.demandLine) }).prefix(maxRows) {
                line("  \(u.date.iso) \(u.shift) \(u.site) \(u.profession)\(u.language.map { " [\($0)]" } ?? "") ×\(u.count): \(u.reason.text) (\(eur(u.costEUR)))")
            }
        }
        line()
        line("Sensitivity (\(plan.sensitivity.method.rawValue)): \(plan.sensitivity.explanation)")
        for e in plan.sensitivity.entries.prefix(maxRows) {
            line("  one more \(e.profession) based in \(e.base): saves \(eur(e.savingEUR)) working \(hours(e.hoursWorked))"
                 + (e.regularSalaryEUR.map { " (salary \(eur($0)))" } ?? "") + (e.method == .exactResolve ? " [exact]" : ""))
        }
        for b in plan.sensitivity.bindingRequirements.prefix(maxRows) {
            line("  binding \(b.kind) \(b.value) (\(b.profession)): \(hours(b.uncoveredHours)) uncovered, dual value \(eur(b.dualValueEUR))")
        }
        line()
        line(plan.travelAssumption)
        return out.joined(separator: "\n") + "\n"
    }

    static func coverageLine(_ k: CoverageKPI) -> String {
        pad(k.key, 24) + " " + leftPad(pct(k.coveragePercent), 7) + " of " + leftPad(hours(k.demandHours), 9)
            + ", uncovered " + leftPad(hours(k.uncoveredHours), 8) + ", remote " + leftPad(pct(k.remoteShare * 100), 7)
            + (k.swedishCoveragePercent.map { ", sv " + pct($0) } ?? "")
    }

    static func fixed(_ x: Double, _ d: Int) -> String { PlanFiles.fixed(x, d) }
    static func pct(_ x: Double) -> String { fixed(x, 1) + " %" }
    static func hours(_ x: Double) -> String { fixed(x, 1) + " h" }

    /// "12 345 €" (whole euros, space-grouped).
    static func eur(_ x: Double) -> String {
        let n = Int(x.rounded())
        var digits = String(abs(n)), groups: [String] = []
        while digits.count > 3 { groups.insert(String(digits.suffix(3)), at: 0); digits = String(digits.dropLast(3)) }
        groups.insert(digits, at: 0)
        return (n < 0 ? "−" : "") + groups.joined(separator: " ") + " €"
    }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
    static func leftPad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
}
