/// Who and where a plan is about: the scenario's sites, clinicians, shift types and prices at the
/// time of the solve. `poolctl solve` stores it in plan.json so that a plan folder is
/// self-contained for exports (payroll, calendars, the report) even after the scenario folder
/// has been edited for the next what-if.
///
/// Privacy: it deliberately holds no absences, preferences or history — absence reasons are
/// health data and never leave the scenario folder.
public struct PlanDirectory: Codable, Sendable, Equatable {
    /// Sorted by id.
    public var sites: [Site]
    /// Sorted by id.
    public var clinicians: [Clinician]
    /// In the scenario's order.
    public var shiftTypes: [ShiftType]
    public var costs: Costs
    public var rules: Rules

    public init(sites: [Site], clinicians: [Clinician], shiftTypes: [ShiftType], costs: Costs, rules: Rules) {
        self.sites = sites.sorted { $0.id < $1.id }
        self.clinicians = clinicians.sorted { $0.id < $1.id }
        self.shiftTypes = shiftTypes; self.costs = costs; self.rules = rules
    }

    public init(scenario: Scenario) {
        self.init(sites: scenario.sites, clinicians: scenario.clinicians, shiftTypes: scenario.shiftTypes,
                  costs: scenario.costs, rules: scenario.rules)
    }

    public func site(id: String) -> Site? { sites.first { $0.id == id } }
    public func clinician(id: String) -> Clinician? { clinicians.first { $0.id == id } }
    public func shiftType(named name: String) -> ShiftType? { shiftTypes.first { $0.name == name } }
}
