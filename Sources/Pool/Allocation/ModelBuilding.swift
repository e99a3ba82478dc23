/// The model under construction: the variables every rule refers to, and `add` to record rows
/// per constraint family (for the model-size report). Each rule file adds its own rows.
final class ModelBuilding {
    let ctx: AllocationContext
    let candidates: CandidateSet
    let model: LinearModel
    let names: ModelNames
    /// x[k]: candidate k is assigned (binary). Constants once built: as `let`s they are read
    /// without Swift's dynamic exclusivity check, which a class's `var` pays on every access.
    let x: [Variable]
    /// u[r]: uncovered clinicians of row r (continuous, 0…count); nil when the row has no candidate
    /// (then it is uncovered by construction, a constant).
    let u: [Variable?]
    /// Rows per family, by its place in `ModelFamily.allCases`: a dictionary keyed by the family
    /// hashed its name once per row (2.6 % of building 5× the region's model).
    private var rowsPerFamily = Array(repeating: 0, count: ModelFamily.allCases.count)
    var familyRows: [ModelFamily: Int] {
        Dictionary(uniqueKeysWithValues: zip(ModelFamily.allCases, rowsPerFamily).filter { $0.1 > 0 })
    }
    /// Coverage row per demand row (nil without candidates), for duals.
    var coverageRows: [ConstraintRef?]
    /// Weekly-rest block starts, for the warm start.
    var restBlocks: [RestBlock] = []
    /// o(c): overtime hours, when the clinician's hours row exists and overtime is allowed.
    var overtime: [Int: Variable] = [:]
    /// Stay trips per clinician (see `Stays.swift`).
    var trips: [[StayTrip]]
    /// Lodging nights per clinician.
    var lodgings: [[StayLodging]]
    /// Consecutive-days continuity variables.
    var consecutive: [ConsecutiveDays] = []
    /// Per profession group, the worst site's uncovered share (equity), when the term is on.
    var equityVariables: [(group: Int, variable: Variable)] = []
    var equityGroups: ProfessionGroups?
    private var instanceGroups: [InstanceGroups?]

    init(ctx: AllocationContext, candidates: CandidateSet) {
        self.ctx = ctx; self.candidates = candidates
        let model = LinearModel(name: "pool " + ctx.scenario.name), names = ModelNames(ctx: ctx, candidates: candidates)
        self.model = model; self.names = names
        instanceGroups = Array(repeating: nil, count: ctx.scenario.clinicians.count)
        coverageRows = Array(repeating: nil, count: ctx.scenario.demand.count)
        trips = Array(repeating: [], count: ctx.scenario.clinicians.count)
        lodgings = Array(repeating: [], count: ctx.scenario.clinicians.count)
        x = candidates.all.map { model.binary("x[" + names.candidate($0) + "]") }
        u = ctx.scenario.demand.indices.map { r in
            guard !candidates.byRow[r].isEmpty else { return nil }
            return model.addVariable("u[" + names.row(r) + "]", .continuous, lower: 0,
                                     upper: Double(ctx.scenario.demand[r].count))
        }
    }

    @discardableResult
    func add(_ family: ModelFamily, _ name: String, _ constraint: LinearConstraint) -> ConstraintRef {
        rowsPerFamily[ModelFamily.allCases.firstIndex(of: family) ?? 0] += 1
        return model.add(name, constraint)
    }

    /// Throws `ModelTooLargeError` once the model built so far predicts a peak beyond the memory
    /// budget (`MemoryBudget`): rows can grow faster than the candidates that the check before
    /// building counts.
    func checkMemory() throws {
        try MemoryBudget.check(ctx, candidates: candidates.all.count, nonzeros: model.nonzeroCount)
    }

    /// The clinician's candidates grouped by shift instance (cached).
    func candidatesByInstance(of c: Int) -> InstanceGroups {
        if let g = instanceGroups[c] { return g }
        let g = InstanceGroups(candidates.byClinician[c].map { (candidates.all[$0].instance, $0) })
        instanceGroups[c] = g
        return g
    }

    /// y(c, i) = Σ x over the clinician's candidates at instance i.
    func worksExpression(_ c: Int, instance i: Int) -> LinearExpression {
        sum(candidatesByInstance(of: c)[i].map { x[$0] })
    }
}

/// Candidate indices keyed by instance, with the instances in ascending order.
struct InstanceGroups {
    private(set) var keys: [Int] = []
    private var members: [Int: [Int]] = [:]
    init(_ pairs: [(instance: Int, candidate: Int)]) {
        for (i, k) in pairs {
            if members[i] == nil { keys.append(i) }
            members[i, default: []].append(k)
        }
        keys.sort()
    }
    subscript(_ instance: Int) -> [Int] { members[instance] ?? [] }
}

/// Constraint families, named after the rule (and file) that owns them.
public enum ModelFamily: String, CaseIterable, Sendable, Comparable {
    case coverage, onePlaceAtATime, minimumRest, weeklyRest, weeklyHours, pins, stays, continuity, equity
    public static func < (a: ModelFamily, b: ModelFamily) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

/// Readable names for variables and rows: ids as they are in the scenario, dates as YYYYMMDD.
/// `ModelFiles` encodes whatever the LP and MPS formats do not allow.
struct ModelNames {
    let ctx: AllocationContext
    let candidates: CandidateSet
    /// Date and demand-row tags, made once: every candidate's and many rows' names contain them,
    /// and made afresh each time they were a large part of building 5× the region's model.
    private let dateTags: [String]
    private let rowTags: [String]

    init(ctx: AllocationContext, candidates: CandidateSet) {
        self.ctx = ctx; self.candidates = candidates
        let dates = ctx.dates.map { $0.iso.replacingOccurrences(of: "-", with: "") }
        dateTags = dates
        rowTags = ctx.scenario.demand.indices.map { r in
            let row = ctx.scenario.demand[r]
            let inst = ctx.rowInstance[r].map { i in dates[ctx.instances[i].dateIndex] + "_" + ctx.instances[i].shift } ?? row.date.iso
            return "\(row.site),\(inst),\(row.profession)," + (row.line > 0 ? "l\(row.line)" : "r\(r)")
        }
    }

    func clinician(_ c: Int) -> String { ctx.scenario.clinicians[c].id }
    func site(_ s: Int) -> String { ctx.scenario.sites[s].id }
    func date(_ d: Int) -> String { dateTags[d] }
    func instance(_ i: ShiftInstance) -> String { date(i.dateIndex) + "_" + i.shift }

    /// Row tag: its demand.csv line when known (stable for people), else its position.
    func row(_ r: Int) -> String { rowTags[r] }

    func candidate(_ cand: Candidate) -> String {
        clinician(cand.clinician) + "," + row(cand.row) + "," + cand.mode.rawValue
    }

    func candidateTag(_ cand: Candidate) -> String {
        instance(ctx.instances[cand.instance]) + "," + site(cand.site) + "," + cand.mode.rawValue
    }
}

/// z(c, b): the clinician's free block starts at date index `start`.
struct RestBlock {
    let clinician: Int
    let start: Int
    let variable: Variable
}

/// sameSite(c, s, d): the clinician works at site s on dates d and d+1.
struct ConsecutiveDays {
    let clinician: Int
    let site: Int
    let date: Int
    let variable: Variable
}
