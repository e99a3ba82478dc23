/// Turns chosen candidates into a `Plan` (PRODUCT §5): assignments with their costs, uncovered
/// demand with reasons, cost by component, KPIs. Every figure is computed from the assignments
/// (auxiliary variables at their natural values via `AllocationModel.point`), never from raw solver
/// output, so the same assignments always give byte-identical plans.
public struct PlanDecoder {
    public let model: AllocationModel
    var ctx: AllocationContext { model.context }
    var candidates: CandidateSet { model.candidates }

    public init(model: AllocationModel) { self.model = model }

    public func decode(chosen: [Int], solver: SolverOutcome, sensitivity: Sensitivity = .none) -> Plan {
        let sc = ctx.scenario
        let point = model.point(chosen: chosen)
        var perClinician = Array(repeating: [Int](), count: sc.clinicians.count)
        var covered = Array(repeating: 0, count: sc.demand.count)
        for k in chosen { perClinician[candidates.all[k].clinician].append(k); covered[candidates.all[k].row] += 1 }
        let weeks = sc.clinicians.indices.map { ClinicianWeek(ctx, candidates, clinician: $0, chosen: perClinician[$0]) }

        var assignments: [(key: (Int, Int, Int), value: Assignment)] = []
        for week in weeks {
            for (n, k) in week.assignments.enumerated() {
                let a = candidates.all[k], row = sc.demand[a.row], booked = week.perAssignment[n]
                let inst = ctx.instances[a.instance]
                assignments.append(((inst.start, a.site, a.clinician), Assignment(
                    clinician: sc.clinicians[a.clinician].id, date: inst.date, shift: inst.shift, site: sc.sites[a.site].id,
                    mode: a.mode, hours: roundMilli(a.hours), travelKm: roundMilli(booked.km), travelMinutes: roundMilli(booked.minutes),
                    costEUR: roundCents(booked.costEUR), demandLine: row.line, profession: row.profession)))
            }
        }
        assignments.sort { lhs, rhs in
            let (a, b) = (lhs.key, rhs.key)
            if a.0 != b.0 { return a.0 < b.0 }
            if lhs.value.site != rhs.value.site { return lhs.value.site < rhs.value.site }
            if lhs.value.clinician != rhs.value.clinician { return lhs.value.clinician < rhs.value.clinician }
            return lhs.value.demandLine < rhs.value.demandLine
        }

        let optimal = solver.status == .optimal
        var state = ScheduleState(ctx, candidates)
        for k in chosen.sorted() { state.add(k) }
        var uncovered: [(start: Int, value: UncoveredDemand)] = []
        for (r, row) in sc.demand.enumerated() {
            guard let i = ctx.rowInstance[r], ctx.rowSite[r] != nil, row.count > covered[r] else { continue }
            let missing = row.count - covered[r], inst = ctx.instances[i]
            let reason: UncoveredReason
            if let structural = candidates.diagnosis[r].structuralReason { reason = structural }
            else if candidates.byRow[r].contains(where: { state.canAdd($0) }) {
                reason = optimal ? .cheaperAsPurchasedService : .notCoveredInBestPlanFound
            } else { reason = .busyOrAtHoursLimit }
            uncovered.append((inst.start, UncoveredDemand(
                site: row.site, date: row.date, shift: row.shift, profession: row.profession, language: row.language,
                competencies: row.competencies, count: missing, hours: roundMilli(Double(missing) * inst.hours), reason: reason,
                costEUR: roundCents(Double(missing) * Objective.uncoveredUnitCost(ctx, row: r)), demandLine: row.line)))
        }
        uncovered.sort { ($0.start, $0.value.site, $0.value.profession, $0.value.demandLine) < ($1.start, $1.value.site, $1.value.profession, $1.value.demandLine) }

        let costs = costBreakdown(point: point, covered: covered, weeks: weeks)
        var outcome = solver
        outcome.objective = costs.objective
        if let bound = outcome.bestBound {
            outcome.gap = roundMicro(max(0, costs.objective - bound) / max(abs(costs.objective), 1e-9))
        }
        var plan = Plan(scenario: sc.name, inputHash: sc.inputHash, firstDate: sc.horizon.firstDate, days: sc.horizon.days,
                    solver: outcome, costs: costs, assignments: assignments.map(\.value), uncovered: uncovered.map(\.value),
                    kpis: PlanKPIBuilder(ctx: ctx, candidates: candidates).kpis(chosen: chosen, covered: covered, weeks: weeks),
                    sensitivity: sensitivity, modelSize: model.size, travelAssumption: ctx.travel.assumptionText,
                    notes: Self.modellingNotes(ctx))
        plan.directory = PlanDirectory(scenario: sc)
        return plan
    }

    func costBreakdown(point: [Double], covered: [Int], weeks: [ClinicianWeek]) -> CostBreakdown {
        let sc = ctx.scenario
        let terms = model.termValues(point)
        var c = CostBreakdown()
        c.uncoveredPurchasedService = roundCents(terms[.uncovered] ?? 0)
        c.travelKm = roundCents(terms[.travelKm] ?? 0)
        c.travelTime = roundCents(terms[.travelTime] ?? 0)
        c.lodging = roundCents(terms[.lodging] ?? 0)
        c.perDiem = roundCents(terms[.perDiem] ?? 0)
        c.overtime = roundCents(terms[.overtime] ?? 0)
        c.continuity = roundCents(terms[.continuity] ?? 0)
        c.preferences = roundCents(terms[.preferences] ?? 0)
        c.equity = roundCents(terms[.equity] ?? 0)
        c.objective = roundCents(model.model.objectiveValue(point))
        c.regularSalaries = roundCents(sc.clinicians.indices.reduce(0.0) { $0 + ctx.regularHours($1) * sc.clinicians[$1].hourlyCostEUR })
        var avoided = 0.0, remaining = 0.0
        for (r, row) in sc.demand.enumerated() {
            guard let i = ctx.rowInstance[r], ctx.rowSite[r] != nil, row.count > 0 else { continue }
            let unit = ctx.instances[i].hours * row.purchasedEURPerHour
            avoided += unit * Double(min(covered[r], row.count))
            remaining += unit * Double(max(0, row.count - covered[r]))
        }
        c.purchasedServiceAvoided = roundCents(avoided)
        c.purchasedServiceRemaining = roundCents(remaining)
        // Travel time counted as working time is already inside salaries and overtime.
        let travelTimeMoney = sc.rules.travelCountsAsWorkingTime ? 0 : (terms[.travelTime] ?? 0)
        c.totalCost = roundCents(c.regularSalaries + (terms[.travelKm] ?? 0) + travelTimeMoney + (terms[.lodging] ?? 0)
                             + (terms[.perDiem] ?? 0) + (terms[.overtime] ?? 0) + remaining)
        return c
    }

    /// Decisions a reader of the plan needs to interpret its figures.
    static func modellingNotes(_ ctx: AllocationContext) -> [String] {
        var notes = [
            "A shift belongs to the date it starts on (a night shift 22–08 on Monday is Monday's); it still makes the next date not free for the weekly-rest block.",
            "Overtime is priced at hourly cost × (1 + premium): regular hours are paid anyway, so an hour beyond the contract costs its full price plus the premium.",
            "Regular hours in the horizon are weekly hours × days / 7.",
            "Stays: one round trip per run of consecutive stay days at a site, lodging for each night between two stay days, per-diem per stay day.",
            "History entries are taken as on-site work followed by the commute home (rest across the week boundary).",
        ]
        notes.append(ctx.rules.travelCountsAsWorkingTime
            ? "Travel time counts as working time (weekly hours); in the total cost it is inside salaries and overtime, while the objective still prices paid travel time as a cost of travelling."
            : "Travel time does not count as working time; when paid it is an extra cost in the total.")
        return notes
    }
}

func roundCents(_ x: Double) -> Double { ((x * 100).rounded() / 100) + 0 }
func roundMilli(_ x: Double) -> Double { ((x * 1000).rounded() / 1000) + 0 }
func roundMicro(_ x: Double) -> Double { ((x * 1e6).rounded() / 1e6) + 0 }
