/// Distance and duration of one trip leg, from a matrix or estimated.
public struct TravelLeg: Hashable, Sendable, Codable {
    public var km: Double
    public var minutes: Double
    public init(km: Double, minutes: Double) { self.km = km; self.minutes = minutes }
}

/// A complete, validated planning problem: what a scenario folder describes (PRODUCT §2).
/// Built by `ScenarioLoader` from files, by `ScenarioGenerator`, or in code by tests.
public struct Scenario: Sendable {
    public var name: String
    public var description: String
    public var horizon: Horizon
    /// In file order; names are unique.
    public var shiftTypes: [ShiftType]
    public var rules: Rules
    public var costs: Costs
    public var travel: TravelSettings
    public var sites: [Site]
    public var clinicians: [Clinician]
    public var demand: [DemandRow]
    public var absences: [Absence]
    public var history: [HistoryEntry]
    public var pins: [Pin]
    public var preferences: [Preference]
    /// Supplied road data keyed by "from→to" ids (clinician ids stand for their homes).
    public var distances: [String: TravelLeg]
    /// SHA-256 (hex) over the input files, for plan provenance; empty for scenarios built in code.
    public var inputHash: String

    public init(name: String, description: String = "", horizon: Horizon, shiftTypes: [ShiftType],
                rules: Rules = Rules(), costs: Costs = Costs(), travel: TravelSettings = TravelSettings(),
                sites: [Site], clinicians: [Clinician], demand: [DemandRow], absences: [Absence] = [],
                history: [HistoryEntry] = [], pins: [Pin] = [], preferences: [Preference] = [],
                distances: [String: TravelLeg] = [:], inputHash: String = "") {
        self.name = name; self.description = description; self.horizon = horizon; self.shiftTypes = shiftTypes
        self.rules = rules; self.costs = costs; self.travel = travel; self.sites = sites; self.clinicians = clinicians
        self.demand = demand; self.absences = absences; self.history = history; self.pins = pins
        self.preferences = preferences; self.distances = distances; self.inputHash = inputHash
    }

    public func shiftType(named name: String) -> ShiftType? { shiftTypes.first { $0.name == name } }
    public func site(id: String) -> Site? { sites.first { $0.id == id } }
    public func clinician(id: String) -> Clinician? { clinicians.first { $0.id == id } }
}
