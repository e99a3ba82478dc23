/// distances.csv: supplied road data between clinicians' homes and sites (either direction).
/// Pairs it lacks fall back to the great-circle estimate (`TravelEstimator`).
enum DistanceTable {
    static let spec = TableSpec("from,to,km,minutes")

    static func read(_ table: CSVTable, references: References, log: DiagnosticLog) -> [String: TravelLeg] {
        var legs: [String: TravelLeg] = [:]
        var lineOfKey: [String: Int] = [:]
        table.forEachRow(log: log) { row in
            let from = row.id("from")
            let to = row.id("to")
            for (column, id) in [("from", from), ("to", to)] {
                guard let id, references.siteLines != nil, references.clinicianLines != nil,
                      !references.isSite(id), !references.isClinician(id) else { continue }
                row.error(column, "\(column) \"\(id)\" is neither a site in \(references.siteFile) "
                    + "nor a clinician in \(references.clinicianFile)")
            }
            let km = row.number("km", default: nil, in: 0...10_000)
            let minutes = row.number("minutes", default: nil, in: 0...10_000)
            guard row.isValid, let from, let to, let km, let minutes else { return }
            if from == to { row.warning("to", "from and to are both \"\(from)\"; the row has no effect") }
            let key = TravelEstimator.matrixKey(from: from, to: to)
            if let first = lineOfKey[key] {
                row.error(nil, "the pair \(from) → \(to) is already given on line \(first)")
                return
            }
            lineOfKey[key] = row.line
            legs[key] = TravelLeg(km: km, minutes: minutes)
        }
        return legs
    }
}
