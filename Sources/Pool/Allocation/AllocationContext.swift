/// Indexes over a scenario that every part of the allocation shares: shift instances, site and
/// clinician positions, travel legs, absences, history. Built once; read-only afterwards.
///
/// Dates: a shift belongs to the date it starts on. A night shift 22:00–08:00 starting on Monday
/// is Monday's shift for demand, absences, stays and per-diem, although it also *touches* Tuesday
/// (which matters for the weekly-rest block, see `touchedDates`).
public struct AllocationContext: Sendable {
    public let scenario: Scenario
    public let options: AllocationOptions
    public let travel: TravelEstimator
    public let dates: [Day]
    /// One per (date, shift type), index = dateIndex × shiftTypes.count + shiftIndex.
    public let instances: [ShiftInstance]
    public let siteIndex: [String: Int]
    public let clinicianIndex: [String: Int]
    public let shiftIndex: [String: Int]
    /// Per demand row: its instance (nil when its date or shift lies outside the horizon/shift list).
    public let rowInstance: [Int?]
    /// Per demand row: its site index (nil for an unknown site).
    public let rowSite: [Int?]
    /// legs[c][s]: one-way home→site trip.
    public let legs: [[TravelLeg]]
    /// Per clinician: history entries as busy intervals (sorted by start).
    public let historyIntervals: [[HistoryInterval]]
    /// Per clinician: site indices served in the history (sorted, unique).
    public let historySites: [[Int]]
    /// Per clinician: their absences (whole days have no shift). Looked up by index: building a
    /// "clinician|date" key string for every (demand row, clinician) pair was 60 % of finding 5×
    /// the region's candidates.
    let absencesOf: [[Absence]]
    /// Per clinician: their preferences, in file order.
    let preferencesOf: [[Preference]]

    public var rules: Rules { scenario.rules }
    public var costs: Costs { scenario.costs }
    public var restMinutes: Int { Int((rules.minRestHours * 60).rounded()) }

    public init(scenario: Scenario, options: AllocationOptions = AllocationOptions()) {
        self.scenario = scenario
        self.options = options
        self.travel = TravelEstimator(scenario: scenario)
        dates = scenario.horizon.dates
        var inst: [ShiftInstance] = []
        for (d, date) in dates.enumerated() {
            for (s, shift) in scenario.shiftTypes.enumerated() {
                inst.append(ShiftInstance(index: inst.count, dateIndex: d, shiftIndex: s, date: date, shift: shift.name,
                                          start: shift.start(on: date), end: shift.end(on: date), hours: shift.hours))
            }
        }
        instances = inst
        siteIndex = Dictionary(scenario.sites.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        clinicianIndex = Dictionary(scenario.clinicians.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        shiftIndex = Dictionary(scenario.shiftTypes.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        let first = scenario.horizon.firstDate.ordinal, nShift = scenario.shiftTypes.count
        let shiftIndex = self.shiftIndex, siteIndex = self.siteIndex
        rowInstance = scenario.demand.map { row in
            let d = row.date.ordinal - first
            guard d >= 0, d < scenario.horizon.days, let s = shiftIndex[row.shift] else { return nil }
            return d * nShift + s
        }
        rowSite = scenario.demand.map { siteIndex[$0.site] }
        let travel = self.travel
        legs = scenario.clinicians.map { c in scenario.sites.map { travel.leg(from: c, to: $0) } }
        var hist = Array(repeating: [HistoryInterval](), count: scenario.clinicians.count)
        var histSites = Array(repeating: Set<Int>(), count: scenario.clinicians.count)
        for h in scenario.history {
            guard let c = clinicianIndex[h.clinician] else { continue }
            let site = siteIndex[h.site]
            if let site { histSites[c].insert(site) }
            guard let shift = scenario.shiftType(named: h.shift) else { continue }
            hist[c].append(HistoryInterval(date: h.date, start: shift.start(on: h.date), end: shift.end(on: h.date), site: site))
        }
        historyIntervals = hist.map { $0.sorted { ($0.start, $0.end, $0.site ?? -1) < ($1.start, $1.end, $1.site ?? -1) } }
        historySites = histSites.map { $0.sorted() }
        let absences = Dictionary(grouping: scenario.absences, by: \.clinician)
        absencesOf = scenario.clinicians.map { absences[$0.id] ?? [] }
        let preferences = Dictionary(grouping: scenario.preferences, by: \.clinician)
        preferencesOf = scenario.clinicians.map { preferences[$0.id] ?? [] }
    }

    /// Whether a rule is in force. Minimum rest of 0 hours switches the rest rule off (travel then
    /// does not matter either: it only counts as not resting).
    public func isEnabled(_ rule: RuleID) -> Bool {
        if rule == .minimumRest && restMinutes <= 0 { return false }
        return !options.disabledRules.contains(rule)
    }

    /// Dates of the horizon (as indices) that an interval [start, end) overlaps, nil for none.
    public func touchedDates(start: Int, end: Int) -> ClosedRange<Int>? {
        let first = scenario.horizon.firstDate.ordinal * 1440
        let lo = max(0, floorDiv(start - first, 1440))
        let hi = min(dates.count - 1, floorDiv(end - 1 - first, 1440))
        return lo <= hi ? lo...hi : nil
    }

    /// Regular hours of the horizon: the weekly contract pro rata.
    public func regularHours(_ c: Int) -> Double {
        scenario.clinicians[c].weeklyHours * Double(dates.count) / 7
    }

    public func historyServed(clinician c: Int, site s: Int) -> Bool {
        historySites[c].contains(s)
    }
}

/// A shift type on a date of the horizon: the unit of time of the model.
public struct ShiftInstance: Sendable, Hashable {
    public let index: Int
    public let dateIndex: Int
    public let shiftIndex: Int
    public let date: Day
    public let shift: String
    /// Absolute minutes (see `ShiftType.start(on:)`).
    public let start: Int
    public let end: Int
    public let hours: Double
}

/// A history entry as a busy interval; `site` is nil when the site is unknown.
public struct HistoryInterval: Sendable, Hashable {
    public let date: Day
    public let start: Int
    public let end: Int
    public let site: Int?
}

/// The hard rules and model parts that can be switched off — for tests that prove each rule
/// binds (solve with and without it). Production solves never disable anything.
public enum RuleID: String, CaseIterable, Sendable, Hashable {
    case qualification, competencies, language, absence, pins
    case onePlaceAtATime, minimumRest, weeklyRest, weeklyHours
    case commuteLimit, stays, remoteEligibility
}

public struct AllocationOptions: Sendable {
    /// Rules left out of the model (tests only).
    public var disabledRules: Set<RuleID> = []
    /// Per demand row, a replacement for the cost of one uncovered clinician-shift (sensitivity pricing).
    public var uncoveredUnitCostOverride: [Double]? = nil
    /// Drop the equity term (pricing models).
    public var withoutEquity: Bool = false
    /// Refuse to build a model predicted to need more memory than this (default: 80 % of the
    /// machine's; `MemoryBudget`).
    public var memoryBudgetBytes: Double? = nil
    public init(disabledRules: Set<RuleID> = []) { self.disabledRules = disabledRules }
}

func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
