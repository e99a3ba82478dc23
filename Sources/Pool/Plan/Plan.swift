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

/// What the solver said, honestly (PRODUCT §5).
public struct SolverOutcome: Codable, Sendable, Equatable {
    /// "GLPK 5.0", or "greedy" when no solver ran.
    public var solverName: String
    /// For people: "proven optimal", "feasible, not proven optimal (gap 0.42 %, stopped by time limit)", …
    public var statusText: String
    public var status: SolveStatus
    public var stopReason: StopReason
    /// Objective of the plan, € (equals `CostBreakdown.objective`).
    public var objective: Double?
    /// Best proven lower bound on the optimum, €.
    public var bestBound: Double?
    /// Relative gap between `objective` and `bestBound` (0.0042 = 0.42 %).
    public var gap: Double?
    /// Optimum of the LP relaxation, € (how tight the formulation is), when it was solved.
    public var lpRelaxationObjective: Double?
    /// Objective of the greedy warm start, €, when one was offered.
    public var warmStartObjective: Double?
    public var nodes: Int
    public var timeLimitSeconds: Double?
    public var relativeGapTarget: Double
    /// With `--start-from`: how much of the previous plan was still possible this week.
    public var startPlan: StartPlanUse?

    public init(solverName: String, statusText: String, status: SolveStatus, stopReason: StopReason,
                objective: Double?, bestBound: Double?, gap: Double?, lpRelaxationObjective: Double? = nil,
                warmStartObjective: Double? = nil, nodes: Int = 0, timeLimitSeconds: Double? = nil,
                relativeGapTarget: Double = 1e-4) {
        self.solverName = solverName; self.statusText = statusText; self.status = status; self.stopReason = stopReason
        self.objective = objective; self.bestBound = bestBound; self.gap = gap
        self.lpRelaxationObjective = lpRelaxationObjective; self.warmStartObjective = warmStartObjective
        self.nodes = nodes; self.timeLimitSeconds = timeLimitSeconds; self.relativeGapTarget = relativeGapTarget
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

/// How a solve used a previous plan (`poolctl solve --start-from`): its assignments, and how many
/// of them still had a candidate this week (the rest: absent, out of reach, no longer in demand).
public struct StartPlanUse: Codable, Sendable, Equatable {
    public var previousAssignments: Int
    public var stillPossible: Int
    /// Days the previous plan's dates were moved by (e.g. 7 for last week's plan).
    public var movedByDays: Int
    public init(previousAssignments: Int, stillPossible: Int, movedByDays: Int = 0) {
        self.previousAssignments = previousAssignments; self.stillPossible = stillPossible; self.movedByDays = movedByDays
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

/// Coverage of one group of demand (a site, municipality or profession, or everything).
public struct CoverageKPI: Codable, Sendable, Equatable {
    /// Site id, municipality name, profession, or "total".
    public var key: String
    /// Readable name (site name; otherwise equal to `key`).
    public var name: String
    public var demandHours: Double
    public var coveredHours: Double
    public var uncoveredHours: Double
    /// coveredHours / demandHours × 100 (100 when there is no demand).
    public var coveragePercent: Double
    /// Hours covered remotely.
    public var remoteHours: Double
    /// remoteHours / coveredHours (0 when nothing is covered).
    public var remoteShare: Double
    /// Demand hours that require Swedish, and how many of them are covered.
    public var swedishDemandHours: Double
    public var swedishCoveredHours: Double
    /// nil when the group has no Swedish-language demand.
    public var swedishCoveragePercent: Double?

    public init(key: String, name: String, demandHours: Double, coveredHours: Double, remoteHours: Double,
                swedishDemandHours: Double, swedishCoveredHours: Double) {
        self.key = key; self.name = name; self.demandHours = demandHours; self.coveredHours = coveredHours
        self.uncoveredHours = demandHours - coveredHours
        self.coveragePercent = demandHours > 0 ? coveredHours / demandHours * 100 : 100
        self.remoteHours = remoteHours
        self.remoteShare = coveredHours > 0 ? remoteHours / coveredHours : 0
        self.swedishDemandHours = swedishDemandHours; self.swedishCoveredHours = swedishCoveredHours
        self.swedishCoveragePercent = swedishDemandHours > 0 ? swedishCoveredHours / swedishDemandHours * 100 : nil
    }
}

public struct ClinicianKPI: Codable, Sendable, Equatable {
    public var clinician: String
    public var profession: String
    public var homeMunicipality: String?
    /// Shift hours worked.
    public var hours: Double
    /// Paid travel hours counted as working time (0 when the scenario does not count travel).
    public var travelHours: Double
    /// Regular hours available in the horizon (contract weekly hours × days / 7).
    public var regularHours: Double
    public var overtimeHours: Double
    public var travelKm: Double
    public var assignments: Int
    public var differentSites: Int
    public var stayNights: Int
    /// Overtime + travel + lodging + per-diem, € (salary excluded).
    public var extraCostEUR: Double

    public init(clinician: String, profession: String, homeMunicipality: String?, hours: Double, travelHours: Double,
                regularHours: Double, overtimeHours: Double, travelKm: Double, assignments: Int, differentSites: Int,
                stayNights: Int, extraCostEUR: Double) {
        self.clinician = clinician; self.profession = profession; self.homeMunicipality = homeMunicipality
        self.hours = hours; self.travelHours = travelHours; self.regularHours = regularHours
        self.overtimeHours = overtimeHours; self.travelKm = travelKm; self.assignments = assignments
        self.differentSites = differentSites; self.stayNights = stayNights; self.extraCostEUR = extraCostEUR
    }
}

/// A site's uncovered share, for the equity figure.
public struct SiteShare: Codable, Sendable, Equatable {
    public var site: String
    /// Uncovered demand hours / demand hours at the site, 0…1.
    public var uncoveredShare: Double
    public init(site: String, uncoveredShare: Double) { self.site = site; self.uncoveredShare = uncoveredShare }
}

public struct PlanKPIs: Codable, Sendable, Equatable {
    /// Sorted by key.
    public var sites: [CoverageKPI]
    public var municipalities: [CoverageKPI]
    public var professions: [CoverageKPI]
    public var clinicians: [ClinicianKPI]
    /// Key "total".
    public var total: CoverageKPI
    public var travelKm: Double
    public var overtimeHours: Double
    /// Assignments at a site the clinician served in the history, or continuing the previous
    /// day's site, as a share of all assignments (0…1).
    public var continuityShare: Double
    /// Highest uncovered share among sites with demand (ties: first site id), and lowest.
    public var worstSite: SiteShare?
    public var bestSite: SiteShare?

    public init(sites: [CoverageKPI], municipalities: [CoverageKPI], professions: [CoverageKPI],
                clinicians: [ClinicianKPI], total: CoverageKPI, travelKm: Double, overtimeHours: Double,
                continuityShare: Double, worstSite: SiteShare?, bestSite: SiteShare?) {
        self.sites = sites; self.municipalities = municipalities; self.professions = professions
        self.clinicians = clinicians; self.total = total; self.travelKm = travelKm; self.overtimeHours = overtimeHours
        self.continuityShare = continuityShare; self.worstSite = worstSite; self.bestSite = bestSite
    }
}

/// How sensitivity figures were obtained (PRODUCT §5 asks to say so).
public enum SensitivityMethod: String, Codable, Sendable {
    /// Estimated by pricing one extra clinician's best week against the LP relaxation's coverage duals.
    case lpDualPricing = "lp_dual_pricing"
    /// Exact: the model re-solved with one more clinician.
    case exactResolve = "exact_resolve"
    /// Not computed (e.g. disabled, or no solution).
    case notComputed = "not_computed"
}

/// "One more clinician of `profession` based in `base` would save `savingEUR` this week."
public struct SensitivityEntry: Codable, Sendable, Equatable {
    public var profession: String
    /// Municipality of the hypothetical clinician's home.
    public var base: String
    public var savingEUR: Double
    public var method: SensitivityMethod
    /// Hours the extra clinician would work in that estimate.
    public var hoursWorked: Double
    /// The extra clinician's regular salary for the horizon (paid anyway once hired): compare it
    /// with `savingEUR` to see whether the position pays for itself this week.
    public var regularSalaryEUR: Double?
    public init(profession: String, base: String, savingEUR: Double, method: SensitivityMethod, hoursWorked: Double,
                regularSalaryEUR: Double? = nil) {
        self.profession = profession; self.base = base; self.savingEUR = savingEUR
        self.method = method; self.hoursWorked = hoursWorked; self.regularSalaryEUR = regularSalaryEUR
    }
}

/// A competency or language that leaves demand uncovered, with its value.
public struct BindingRequirement: Codable, Sendable, Equatable {
    /// "competency" or "language".
    public var kind: String
    public var value: String
    public var profession: String
    /// Uncovered hours of demand requiring it.
    public var uncoveredHours: Double
    /// Sum of the coverage-row duals (€ per clinician-shift) over those rows: what one more
    /// holder of it would be worth at most, by the LP estimate.
    public var dualValueEUR: Double
    public init(kind: String, value: String, profession: String, uncoveredHours: Double, dualValueEUR: Double) {
        self.kind = kind; self.value = value; self.profession = profession
        self.uncoveredHours = uncoveredHours; self.dualValueEUR = dualValueEUR
    }
}

public struct Sensitivity: Codable, Sendable, Equatable {
    public var method: SensitivityMethod
    /// One sentence for the reader on what the figures are.
    public var explanation: String
    /// Sorted by saving, largest first.
    public var entries: [SensitivityEntry]
    public var bindingRequirements: [BindingRequirement]
    public init(method: SensitivityMethod, explanation: String, entries: [SensitivityEntry] = [],
                bindingRequirements: [BindingRequirement] = []) {
        self.method = method; self.explanation = explanation; self.entries = entries
        self.bindingRequirements = bindingRequirements
    }
    public static let none = Sensitivity(method: .notComputed, explanation: "sensitivity not computed")
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
