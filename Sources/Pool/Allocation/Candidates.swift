/// A possible assignment: clinician `clinician` covers one unit of demand row `row` in `mode`.
/// Only possible combinations become candidates (PRODUCT §3.1, §3.5–§3.7 and rest against the
/// history are checked here), so the model never sees the clinician × site × shift cross product.
public struct Candidate: Sendable, Hashable {
    public let clinician: Int
    public let row: Int
    public let mode: WorkMode
    public let instance: Int
    public let site: Int
    public let dateIndex: Int
    public let start: Int
    public let end: Int
    public let hours: Double
    /// One-way home→site trip (also for stays and remote, where it is not travelled daily).
    public let leg: TravelLeg

    /// Kilometres driven for this assignment alone: a daily round trip on site, else 0
    /// (a stay's round trip belongs to the stay's trip, see `Stays.swift`).
    public var dailyKm: Double { mode == .onsite ? 2 * leg.km : 0 }
    public var dailyTravelMinutes: Double { mode == .onsite ? 2 * leg.minutes : 0 }

    var visit: Visit { Visit(start: start, end: end, site: site, mode: mode, legMinutes: leg.minutes) }
}

/// How many clinicians survive each successive filter for one demand row: the source of the
/// reason when the row stays uncovered (PRODUCT §5).
public struct RowDiagnosis: Sendable, Hashable {
    public var profession = 0
    public var competencies = 0
    public var language = 0
    public var present = 0
    public var inRange = 0
    public var afterHistory = 0

    /// The reason that follows from the filters alone, or nil when candidates exist.
    public var structuralReason: UncoveredReason? {
        if profession == 0 { return .nobodyQualified }
        if competencies == 0 { return .nobodyWithCompetencies }
        if language == 0 { return .nobodyWithLanguage }
        if present == 0 { return .allAbsent }
        if inRange == 0 { return .beyondTravelRange }
        if afterHistory == 0 { return .restAfterPreviousWeek }
        return nil
    }
}

/// All candidates of a scenario, in a deterministic order (clinician, start, row, mode), with indexes.
public struct CandidateSet: Sendable {
    public let all: [Candidate]
    /// Candidate indices per clinician, sorted by (start, row, mode).
    public let byClinician: [[Int]]
    /// Candidate indices per demand row.
    public let byRow: [[Int]]
    public let diagnosis: [RowDiagnosis]

    public init(_ ctx: AllocationContext) {
        let sc = ctx.scenario
        var all: [Candidate] = []
        var diagnosis = Array(repeating: RowDiagnosis(), count: sc.demand.count)
        // The clinicians whose profession may cover a row's, per demand profession, found once:
        // testing every clinician against every row (and copying each clinician's record to do
        // so) was most of the candidates' time, a third of building 5× the region's model.
        var mayCover: [String: [Int]] = [:]
        for (r, row) in sc.demand.enumerated() {
            guard let inst = ctx.rowInstance[r], let s = ctx.rowSite[r], row.count > 0 else { continue }
            let instance = ctx.instances[inst], site = sc.sites[s]
            var diag = RowDiagnosis()
            if mayCover[row.profession] == nil {
                mayCover[row.profession] = sc.clinicians.indices.filter { Qualification.professionAllows(ctx, sc.clinicians[$0], row) }
            }
            let qualified = mayCover[row.profession] ?? []
            diag.profession = qualified.count
            for c in qualified {
                let clin = sc.clinicians[c]
                guard Qualification.hasCompetencies(ctx, clin, row) else { continue }
                diag.competencies += 1
                guard Qualification.speaksLanguage(ctx, clin, row) else { continue }
                diag.language += 1
                guard !AbsenceRule.isAbsent(ctx, clinician: c, date: row.date, shift: row.shift) else { continue }
                diag.present += 1
                let leg = ctx.legs[c][s]
                var modes: [WorkMode] = []
                if CommuteLimit.allowsOnsite(ctx, clin, row, leg: leg) { modes.append(.onsite) }
                if Stays.allowed(ctx, clin, row, leg: leg) { modes.append(.stay) }
                if RemoteWork.allowed(ctx, clin, row, site) { modes.append(.remote) }
                guard !modes.isEmpty else { continue }
                diag.inRange += 1
                var kept = false
                for mode in modes {
                    let cand = Candidate(clinician: c, row: r, mode: mode, instance: inst, site: s,
                                         dateIndex: instance.dateIndex, start: instance.start, end: instance.end,
                                         hours: instance.hours, leg: leg)
                    if MinimumRest.conflictsWithHistory(ctx, cand) { continue }
                    all.append(cand); kept = true
                }
                if kept { diag.afterHistory += 1 }
            }
            diagnosis[r] = diag
        }
        // A clinician's candidates side by side (their x columns too): the week relaxation reads
        // one clinician's columns at a time, and scattered they missed the cache on every read.
        all.sort { ($0.clinician, $0.start, $0.row, $0.mode) < ($1.clinician, $1.start, $1.row, $1.mode) }
        var byClinician = Array(repeating: [Int](), count: sc.clinicians.count)
        var byRow = Array(repeating: [Int](), count: sc.demand.count)
        for (k, cand) in all.enumerated() {
            byClinician[cand.clinician].append(k); byRow[cand.row].append(k)
        }
        self.all = all; self.byClinician = byClinician; self.byRow = byRow; self.diagnosis = diagnosis
    }
}
