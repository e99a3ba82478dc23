/// The result of a weekly allocation (PRODUCT §5): everything `poolctl solve` writes to plan.json
/// and what exports, reports and `poolctl compare` read.
///
/// Stability contract: fields are only ever added (with defaults), never renamed or removed.
/// Determinism: a plan holds no wall-clock figures except `timings`, which `PlanWriter` leaves out
/// of plan.json (it goes to the separate, clearly non-deterministic timings.json), so the same
/// input gives byte-identical plan.json. All money is in euros, distances in km, time in minutes
/// or hours as named.
public struct Plan: Codable, Sendable, Equatable {
    /// Bumped only if a field's meaning changes.
    public var schemaVersion: Int = 1
    public var scenario: String
    /// SHA-256 (hex) of the scenario's input files (empty for scenarios built in code).
    public var inputHash: String
    public var firstDate: Day
    public var days: Int
    public var solver: SolverOutcome
    public var costs: CostBreakdown
    /// Sorted by date, shift start, site, clinician.
    public var assignments: [Assignment]
    /// Sorted like `assignments`; one entry per demand row with uncovered clinicians.
    public var uncovered: [UncoveredDemand]
    public var kpis: PlanKPIs
    public var sensitivity: Sensitivity
    public var modelSize: ModelSize
    /// `TravelEstimator.assumptionText`: how travel was estimated.
    public var travelAssumption: String
    /// Modelling decisions a reader needs (overtime pricing, night-shift dates, …), one per line.
    public var notes: [String] = []
    /// Wall-clock figures; nil in plan.json (see the type comment).
    public var timings: Timings?
    /// Sites, clinicians, shift types and prices of the scenario (see `PlanDirectory`); nil in
    /// plans written before it existed, then exports need the scenario folder.
    public var directory: PlanDirectory? = nil

    public init(scenario: String, inputHash: String, firstDate: Day, days: Int, solver: SolverOutcome,
                costs: CostBreakdown, assignments: [Assignment], uncovered: [UncoveredDemand], kpis: PlanKPIs,
                sensitivity: Sensitivity, modelSize: ModelSize, travelAssumption: String, notes: [String] = [],
                timings: Timings? = nil) {
        self.scenario = scenario; self.inputHash = inputHash; self.firstDate = firstDate; self.days = days
        self.solver = solver; self.costs = costs; self.assignments = assignments; self.uncovered = uncovered
        self.kpis = kpis; self.sensitivity = sensitivity; self.modelSize = modelSize
        self.travelAssumption = travelAssumption; self.notes = notes; self.timings = timings
    }
}

/// The objective of PRODUCT §4 term by term, plus the figures reports need that are not optimised.
public struct CostBreakdown: Codable, Sendable, Equatable {
    /// Uncovered clinician-hours × purchased-service price × priority (the counterfactual cost).
    public var uncoveredPurchasedService: Double = 0
    /// Kilometre allowance for daily commutes and stay trips.
    public var travelKm: Double = 0
    /// Paid travel time (at the clinician's hourly cost), when the scenario pays it.
    public var travelTime: Double = 0
    public var lodging: Double = 0
    public var perDiem: Double = 0
    /// Overtime hours × hourly cost × (1 + premium): the extra cost of an hour beyond the contract.
    public var overtime: Double = 0
    /// Continuity saving (≤ 0): known sites and consecutive days at one site.
    public var continuity: Double = 0
    /// Preference penalties (> 0) and bonuses (< 0).
    public var preferences: Double = 0
    /// Equity penalty on the worst-covered site's uncovered share.
    public var equity: Double = 0
    /// The sum of the terms above: what the model minimises.
    public var objective: Double = 0
    /// Regular salaries of the pool (paid anyway, not optimised): Σ contract hours × hourly cost.
    public var regularSalaries: Double = 0
    /// Purchased-service price (without priority weight) of the demand that the pool covers.
    public var purchasedServiceAvoided: Double = 0
    /// Uncovered hours × purchased-service price (without priority weight): the money actually paid.
    public var purchasedServiceRemaining: Double = 0
    /// What the region pays this week: salaries + travel + lodging + per-diem + overtime +
    /// remaining purchased services (no continuity, preference or equity terms: those are not money).
    public var totalCost: Double = 0

    public init() {}
}

public struct Assignment: Codable, Sendable, Equatable {
    public var clinician: String
    public var date: Day
    public var shift: String
    public var site: String
    public var mode: WorkMode
    public var hours: Double
    /// Kilometres travelled for this assignment: a daily round trip on site; for a stay, the round
    /// trip of the stay is booked on its first day; 0 remote.
    public var travelKm: Double
    /// Travel minutes booked on this assignment, same convention as `travelKm`.
    public var travelMinutes: Double
    /// Cost attributable to this assignment: travel, paid travel time, lodging after this day,
    /// per-diem (not the salary, which is paid anyway, nor overtime, which is per week).
    public var costEUR: Double
    /// The demand row covered (its line in demand.csv; 0 for scenarios built in code).
    public var demandLine: Int
    /// Profession of the demand covered (differs from the clinician's under a substitution).
    public var profession: String

    public init(clinician: String, date: Day, shift: String, site: String, mode: WorkMode, hours: Double,
                travelKm: Double, travelMinutes: Double, costEUR: Double, demandLine: Int, profession: String) {
        self.clinician = clinician; self.date = date; self.shift = shift; self.site = site; self.mode = mode
        self.hours = hours; self.travelKm = travelKm; self.travelMinutes = travelMinutes; self.costEUR = costEUR
        self.demandLine = demandLine; self.profession = profession
    }
}

/// Why demand stays uncovered (PRODUCT §5), decided in this order of precedence.
public enum UncoveredReason: String, Codable, Sendable, CaseIterable {
    /// No clinician of the profession or of a profession allowed to substitute.
    case nobodyQualified = "nobody_qualified"
    /// Of the profession, but nobody holds every required competency.
    case nobodyWithCompetencies = "nobody_with_competencies"
    /// Qualified, but nobody speaks the required language.
    case nobodyWithLanguage = "nobody_with_language"
    /// Every qualified clinician is absent then.
    case allAbsent = "all_absent"
    /// Qualified and present, but beyond commute range, not accepting stays, and not remote-capable
    /// for this demand.
    case beyondTravelRange = "beyond_travel_range"
    /// The only qualified clinicians worked too late last week (rest across the week boundary).
    case restAfterPreviousWeek = "rest_after_previous_week"
    /// Possible candidates exist but all are busy elsewhere, resting, or at their hours limit.
    case busyOrAtHoursLimit = "busy_or_at_hours_limit"
    /// A candidate was free, but covering would cost more than the purchased service (travel,
    /// overtime) under the objective's weights.
    case cheaperAsPurchasedService = "cheaper_as_purchased_service"
    /// The solve stopped before an optimal plan; this one may be coverable.
    case notCoveredInBestPlanFound = "not_covered_in_best_plan_found"

    public var text: String {
        switch self {
        case .nobodyQualified: return "nobody qualified (profession or allowed substitute)"
        case .nobodyWithCompetencies: return "nobody with the required competencies"
        case .nobodyWithLanguage: return "nobody with the language"
        case .allAbsent: return "all qualified clinicians absent"
        case .beyondTravelRange: return "beyond travel range"
        case .restAfterPreviousWeek: return "qualified clinicians resting after last week's shifts"
        case .busyOrAtHoursLimit: return "everyone qualified busy or at their hours limit"
        case .cheaperAsPurchasedService: return "cheaper as purchased service than travel/overtime"
        case .notCoveredInBestPlanFound: return "not covered in the best plan found (solve stopped early)"
        }
    }
}

public struct UncoveredDemand: Codable, Sendable, Equatable {
    public var site: String
    public var date: Day
    public var shift: String
    public var profession: String
    public var language: String?
    public var competencies: [String]
    /// Clinicians missing.
    public var count: Int
    /// count × shift hours.
    public var hours: Double
    public var reason: UncoveredReason
    /// Purchased-service price × priority × hours: this row's share of the uncovered cost term.
    public var costEUR: Double
    public var demandLine: Int

    public init(site: String, date: Day, shift: String, profession: String, language: String?,
                competencies: [String], count: Int, hours: Double, reason: UncoveredReason, costEUR: Double,
                demandLine: Int) {
        self.site = site; self.date = date; self.shift = shift; self.profession = profession
        self.language = language; self.competencies = competencies; self.count = count; self.hours = hours
        self.reason = reason; self.costEUR = costEUR; self.demandLine = demandLine
    }
}

/// Rows of one constraint family, for the model-size report.
public struct FamilySize: Codable, Sendable, Equatable {
    public var family: String
    public var rows: Int
    public init(family: String, rows: Int) { self.family = family; self.rows = rows }
}

public struct ModelSize: Codable, Sendable, Equatable {
    public var variables: Int
    public var integerVariables: Int
    public var constraints: Int
    public var nonzeros: Int
    public var families: [FamilySize]
    public init(variables: Int = 0, integerVariables: Int = 0, constraints: Int = 0, nonzeros: Int = 0,
                families: [FamilySize] = []) {
        self.variables = variables; self.integerVariables = integerVariables; self.constraints = constraints
        self.nonzeros = nonzeros; self.families = families
    }
}

/// Wall-clock seconds of each phase. Not deterministic; kept out of plan.json.
public struct Timings: Codable, Sendable, Equatable {
    public var buildSeconds: Double = 0
    public var greedySeconds: Double = 0
    public var lpSeconds: Double = 0
    /// The Lagrangian bound after the LP relaxation (`LagrangianBound`).
    public var lagrangianSeconds: Double = 0
    /// Primal heuristics after the LP relaxation: LP rounding and RINS/RENS (docs/allocation-model.md, "Solve pipeline").
    public var heuristicSeconds: Double = 0
    public var solveSeconds: Double = 0
    public var sensitivitySeconds: Double = 0
    public var totalSeconds: Double = 0
    /// Blocks solved side by side (`AllocationSolveOptions.threads`). With more than one, the LP,
    /// heuristic and branch-and-cut seconds add up the blocks' own times, which overlapped, so
    /// together they may exceed `totalSeconds`.
    public var lanes: Int = 1
    public init() {}
}
