/// The warning of PRODUCT §3 "demand that no clinician in the pool could ever serve": for each
/// demand row, whether some clinician passes every hard rule that does not depend on the rest of the
/// plan (profession or substitution, competencies, language, mode and travel range, absences), and
/// if not, which test removed the last candidate, so the planner knows what to change.
struct Serviceability {
    let scenario: Scenario
    private let byProfession: [String: [Clinician]]
    private let sites: [String: Site]
    private let travel: TravelEstimator
    private let absent: Set<String>

    init(scenario: Scenario) {
        self.scenario = scenario
        byProfession = Dictionary(grouping: scenario.clinicians, by: \.profession)
        sites = Dictionary(scenario.sites.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        travel = TravelEstimator(scenario: scenario)
        absent = Set(scenario.absences.map { Self.absenceKey($0.clinician, $0.date, $0.shift) })
    }

    static func absenceKey(_ clinician: String, _ date: Day, _ shift: String?) -> String {
        clinician + "\u{1}" + date.iso + "\u{1}" + (shift ?? "")
    }

    func isAbsent(_ clinician: String, _ date: Day, _ shift: String) -> Bool {
        absent.contains(Self.absenceKey(clinician, date, nil)) || absent.contains(Self.absenceKey(clinician, date, shift))
    }

    /// Warnings for `demand.csv`, one per row that nobody could serve.
    func warnings(file: String) -> [Diagnostic] {
        var cache: [String: Result<[Clinician], Reason>] = [:]
        return scenario.demand.compactMap { row in
            verdict(row, cache: &cache).map { reason in
                Diagnostic(severity: .warning, file: file, line: row.line, field: reason.field,
                           message: "no clinician in the pool could ever serve this demand (\(row.profession) "
                               + "×\(row.count) at \(row.site), \(row.date) \(row.shift)): " + reason.text)
            }
        }
    }

    /// Positions in `scenario.demand` of rows nobody could serve.
    func unservableIndices() -> [Int] {
        var cache: [String: Result<[Clinician], Reason>] = [:]
        return scenario.demand.indices.filter { verdict(scenario.demand[$0], cache: &cache) != nil }
    }

    /// Why nobody could serve `row`, or nil when someone could. The qualification part depends only
    /// on the row's requirements, so it is cached; the search for a reachable, present clinician
    /// stops at the first one, which keeps national-scale scenarios fast.
    private func verdict(_ row: DemandRow, cache: inout [String: Result<[Clinician], Reason>]) -> Reason? {
        guard row.count > 0, let site = sites[row.site] else { return nil }
        let key = [row.profession, row.competencies.joined(separator: ";"), row.language ?? ""].joined(separator: "\u{1}")
        let qualified: Result<[Clinician], Reason>
        if let cached = cache[key] {
            qualified = cached
        } else {
            qualified = self.qualified(for: row)
            cache[key] = qualified
        }
        let candidates: [Clinician]
        switch qualified {
        case .failure(let reason): return reason
        case .success(let people): candidates = people
        }
        let remoteHere = row.mode.allowsRemote && site.remoteOK
        var reachable = 0
        for c in candidates {
            let reaches = (remoteHere && c.remote) || (row.mode.allowsOnsite
                && (c.acceptsStays || travel.leg(from: c, to: site).minutes <= c.maxCommuteMinutes))
            guard reaches else { continue }
            if !isAbsent(c.id, row.date, row.shift) { return nil }
            reachable += 1
        }
        if reachable > 0 {
            return Reason(field: "date", text: "all \(reachable) qualified clinicians in reach are absent "
                + "on \(row.date) (\(row.shift))")
        }
        let n = candidates.count
        switch row.mode {
        case .remote:
            return Reason(field: "mode", text: "none of the \(n) qualified clinicians works remotely")
        case .onsite:
            return Reason(field: "mode", text: "all \(n) qualified clinicians live beyond their max_commute_min "
                + "from \(site.id) and none accepts stays")
        case .either:
            return Reason(field: "mode", text: "all \(n) qualified clinicians live beyond their max_commute_min "
                + "from \(site.id), none accepts stays"
                + (site.remoteOK ? " and none works remotely" : ", and the site cannot receive remote work"))
        }
    }

    struct Reason: Error {
        let field: String
        let text: String
    }

    /// Clinicians of the profession (or a substitute) with every competency and the language,
    /// or the reason there are none.
    private func qualified(for row: DemandRow) -> Result<[Clinician], Reason> {
        let substitutes = scenario.rules.substitutions.filter { $0.demandProfession == row.profession }
            .map(\.clinicianProfession)
        let pool = ([row.profession] + substitutes).flatMap { byProfession[$0] ?? [] }
        if pool.isEmpty {
            let also = substitutes.isEmpty ? "and rules.substitutions lets no other profession cover it"
                : "nor a \(substitutes.joined(separator: " or ")) (allowed substitutes)"
            return .failure(Reason(field: "profession", text: "no clinician is a \(row.profession), \(also)"))
        }
        let skilled = pool.filter { c in row.competencies.allSatisfy { c.competencies.contains($0) } }
        if skilled.isEmpty {
            let heldByNobody = row.competencies.filter { tag in !pool.contains { $0.competencies.contains(tag) } }
            let text = heldByNobody.isEmpty
                ? "no \(row.profession) holds all of the competencies \(row.competencies.joined(separator: ";")) together"
                : "no \(row.profession) holds the competenc\(heldByNobody.count == 1 ? "y" : "ies") "
                    + heldByNobody.joined(separator: ";")
            return .failure(Reason(field: "competencies", text: text))
        }
        guard let language = row.language else { return .success(skilled) }
        let speaking = skilled.filter { $0.languages.contains(language) }
        if speaking.isEmpty {
            return .failure(Reason(field: "language", text: "none of the \(skilled.count) qualified clinicians speaks \(language)"))
        }
        return .success(speaking)
    }
}
