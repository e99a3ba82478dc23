/// Coverage (the core of the model, PRODUCT §2 demand): for every demand row r,
/// Σ x(c,r,m) + u(r) = count(r), where u(r) ∈ [0, count] is the uncovered slack priced at the
/// purchased-service rate × priority in `Objective.swift`. Rows without any candidate get no row:
/// they are uncovered by construction (a constant in the objective).
public enum Coverage {
    static func addRows(_ b: ModelBuilding) {
        for (r, row) in b.ctx.scenario.demand.enumerated() {
            guard let u = b.u[r] else { continue }
            let terms = b.candidates.byRow[r].map { b.x[$0] }
            b.coverageRows[r] = b.add(.coverage, "cover[\(b.names.row(r))]", sum(terms) + u == Double(row.count))
        }
    }
}
