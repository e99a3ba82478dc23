/// A member of the pool (PRODUCT §2). Lists are kept sorted so that every derived order is stable.
public struct Clinician: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var profession: String
    public var competencies: [String]
    /// ISO 639-1 codes, lower case: fi, sv, en, …
    public var languages: [String]
    public var home: Coordinate
    /// Municipality of the home base, when known (used for sensitivity by base).
    public var homeMunicipality: String?
    /// Regular weekly hours of the contract.
    public var weeklyHours: Double
    /// Overtime allowed in the horizon on top of `weeklyHours`.
    public var maxOvertimeHours: Double
    /// Employer cost of a regular hour, € (paid anyway; reported, not optimised).
    public var hourlyCostEUR: Double
    /// Overtime premium as a fraction of `hourlyCostEUR`, e.g. 0.5 for +50 %.
    public var overtimePremium: Double
    /// Can work remotely from home.
    public var remote: Bool
    /// Longest acceptable one-way commute, minutes.
    public var maxCommuteMinutes: Double
    /// Accepts stays: travel once, lodging between consecutive worked days.
    public var acceptsStays: Bool

    public init(id: String, name: String, profession: String, competencies: [String] = [], languages: [String] = ["fi"],
                home: Coordinate, homeMunicipality: String? = nil, weeklyHours: Double = 38.25, maxOvertimeHours: Double = 0,
                hourlyCostEUR: Double = 50, overtimePremium: Double = 0.5, remote: Bool = false,
                maxCommuteMinutes: Double = 60, acceptsStays: Bool = false) {
        self.id = id; self.name = name; self.profession = profession
        self.competencies = competencies.sorted(); self.languages = languages.sorted()
        self.home = home; self.homeMunicipality = homeMunicipality
        self.weeklyHours = weeklyHours; self.maxOvertimeHours = maxOvertimeHours
        self.hourlyCostEUR = hourlyCostEUR; self.overtimePremium = overtimePremium
        self.remote = remote; self.maxCommuteMinutes = maxCommuteMinutes; self.acceptsStays = acceptsStays
    }
}
