public enum DemandMode: String, CaseIterable, Sendable, Codable {
    case onsite, remote, either

    public var allowsOnsite: Bool { self != .remote }
    public var allowsRemote: Bool { self != .onsite }
}

/// How a clinician serves an assignment (PRODUCT §5): daily commute, a stay with lodging, or remote.
public enum WorkMode: String, CaseIterable, Sendable, Codable, Comparable {
    case onsite, stay, remote
    public static func < (a: WorkMode, b: WorkMode) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One row of demand.csv: `count` clinicians needed at a site, on a date, in a shift (PRODUCT §2).
public struct DemandRow: Hashable, Sendable, Codable {
    /// 1-based line in demand.csv (0 when built in code); used in messages and as a stable id.
    public var line: Int
    public var site: String
    public var date: Day
    public var shift: String
    public var profession: String
    public var count: Int
    public var competencies: [String]
    /// Required language, or nil when any is fine.
    public var language: String?
    public var mode: DemandMode
    /// Weight on the purchased-service price of uncovered demand (care-guarantee backlog > 1).
    public var priority: Double
    public var purchasedEURPerHour: Double

    public init(line: Int = 0, site: String, date: Day, shift: String, profession: String, count: Int,
                competencies: [String] = [], language: String? = nil, mode: DemandMode = .onsite,
                priority: Double = 1, purchasedEURPerHour: Double) {
        self.line = line; self.site = site; self.date = date; self.shift = shift; self.profession = profession
        self.count = count; self.competencies = competencies.sorted(); self.language = language; self.mode = mode
        self.priority = priority; self.purchasedEURPerHour = purchasedEURPerHour
    }
}

/// A clinician is unavailable on a date, for one shift or (shift == nil) the whole day.
public struct Absence: Hashable, Sendable, Codable {
    public var clinician: String
    public var date: Day
    public var shift: String?
    public init(clinician: String, date: Day, shift: String? = nil) {
        self.clinician = clinician; self.date = date; self.shift = shift
    }
}

/// A recent assignment before the horizon (or a published one): rest across the boundary, continuity.
public struct HistoryEntry: Hashable, Sendable, Codable {
    public var clinician: String
    public var date: Day
    public var shift: String
    public var site: String
    public init(clinician: String, date: Day, shift: String, site: String) {
        self.clinician = clinician; self.date = date; self.shift = shift; self.site = site
    }
}

/// A fixed assignment that the plan must keep (PRODUCT §3.5).
public struct Pin: Hashable, Sendable, Codable {
    public var clinician: String
    public var date: Day
    public var shift: String
    public var site: String
    /// nil: any mode the model finds possible.
    public var mode: WorkMode?
    public init(clinician: String, date: Day, shift: String, site: String, mode: WorkMode? = nil) {
        self.clinician = clinician; self.date = date; self.shift = shift; self.site = site; self.mode = mode
    }
}

/// A wish of a clinician: positive `weightEUR` is a penalty for being assigned there/then,
/// negative a bonus. Empty site or shift matches any.
public struct Preference: Hashable, Sendable, Codable {
    public var clinician: String
    public var site: String?
    public var shift: String?
    public var date: Day?
    public var weightEUR: Double
    public init(clinician: String, site: String? = nil, shift: String? = nil, date: Day? = nil, weightEUR: Double) {
        self.clinician = clinician; self.site = site; self.shift = shift; self.date = date; self.weightEUR = weightEUR
    }
}
