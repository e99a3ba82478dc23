/// The built mixed-integer programme of one scenario, with handles to its variables so solutions
/// can be decoded and warm starts encoded.
public final class AllocationModel {
    public let context: AllocationContext
    public let candidates: CandidateSet
    public let model: LinearModel
    /// Per candidate.
    let x: [Variable]
    /// Per demand row, nil when the row has no candidate.
    let u: [Variable?]
    /// Per demand row, nil when the row has no candidate.
    let coverageRows: [ConstraintRef?]
    let terms: [ObjectiveTerm: LinearExpression]
    let familyRows: [ModelFamily: Int]
    let trips: [[StayTrip]]
    let lodgings: [[StayLodging]]
    let overtime: [Int: Variable]
    let consecutive: [ConsecutiveDays]
    let equityVariables: [(group: Int, variable: Variable)]
    let equityGroups: ProfessionGroups?
    let restBlocks: [RestBlock]

    init(_ b: ModelBuilding, terms: [ObjectiveTerm: LinearExpression]) {
        context = b.ctx; candidates = b.candidates; model = b.model
        x = b.x; u = b.u; coverageRows = b.coverageRows; self.terms = terms; familyRows = b.familyRows
        trips = b.trips; lodgings = b.lodgings; overtime = b.overtime; consecutive = b.consecutive
        equityVariables = b.equityVariables; equityGroups = b.equityGroups; restBlocks = b.restBlocks
    }

    /// Builds the model of PRODUCT §3–§4 for a scenario. Throws `ModelTooLargeError` when it
    /// would not fit in memory, `AllocationInputError` for input the model cannot honour (impossible pins, weekly rest made impossible by the history, …).
    public static func build(_ ctx: AllocationContext) throws -> AllocationModel {
        try build(ctx, candidates: checkedCandidates(ctx))
    }

    /// The scenario's candidates, once the input is known to be one the model can honour and the
    /// model to fit in memory (the first half of `build`).
    static func checkedCandidates(_ ctx: AllocationContext) throws -> CandidateSet {
        let candidates = CandidateSet(ctx)
        try AllocationPreflight.check(ctx, candidates)
        try MemoryBudget.check(ctx, candidates: candidates.all.count)
        return candidates
    }

    /// The model's rows over candidates from `checkedCandidates` (the second half of `build`).
    static func build(_ ctx: AllocationContext, candidates: CandidateSet) throws -> AllocationModel {
        let b = ModelBuilding(ctx: ctx, candidates: candidates)
        Coverage.addRows(b)
        Pins.addRows(b)
        Stays.addRows(b)
        OnePlaceAtATime.addRows(b)
        try b.checkMemory()
        try MinimumRest.addTravelRows(b)
        WeeklyRest.addRows(b)
        WeeklyHours.addRows(b)
        try b.checkMemory()
        let terms = Objective.build(b)
        try b.checkMemory()
        return AllocationModel(b, terms: terms)
    }

    public var size: ModelSize {
        ModelSize(variables: model.variableCount,
                  integerVariables: model.kinds.filter { $0 != .continuous }.count,
                  constraints: model.constraintCount, nonzeros: model.nonzeroCount,
                  families: ModelFamily.allCases.compactMap { f in familyRows[f].map { FamilySize(family: f.rawValue, rows: $0) } })
    }

    /// Value of each objective term at a point.
    public func termValues(_ values: [Double]) -> [ObjectiveTerm: Double] {
        var out: [ObjectiveTerm: Double] = [:]
        for t in ObjectiveTerm.allCases { out[t] = terms[t]?.evaluate(values) ?? 0 }
        return out
    }

    /// Candidates chosen at a point (x > 0.5), in candidate order.
    public func chosen(_ values: [Double]) -> [Int] {
        x.indices.filter { values[x[$0].index] > 0.5 }
    }

    /// The value of one more clinician-shift per demand row (€): the coverage row's dual, or for a
    /// row nobody can cover (no row in the model) its full uncovered cost.
    public func coverageDuals(_ rowDuals: [Double]) -> [Double] {
        coverageRows.enumerated().map { r, ref in
            guard let ref else { return context.rowInstance[r] == nil ? 0 : Objective.uncoveredUnitCost(context, row: r) }
            return ref.index < rowDuals.count ? rowDuals[ref.index] : 0
        }
    }
}
