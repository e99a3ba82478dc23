/// "A clinician of profession `clinicianProfession` may cover demand of `demandProfession`."
public struct Substitution: Hashable, Sendable, Codable {
    public var clinicianProfession: String
    public var demandProfession: String
    public init(clinicianProfession: String, demandProfession: String) {
        self.clinicianProfession = clinicianProfession; self.demandProfession = demandProfession
    }
}

/// Hard rules of PRODUCT §3, each configurable in scenario.yaml.
public struct Rules: Hashable, Sendable, Codable {
    /// §3.2 minimum rest between two assignments, hours (Working Hours Act: 11).
    public var minRestHours: Double = 11
    /// §3.3 at least one block of this many consecutive free days in the horizon (0 disables).
    public var weeklyRestDays: Int = 2
    /// §3.1 allowed substitutions.
    public var substitutions: [Substitution] = []
    /// §3.4 whether paid travel time counts toward weekly working hours.
    public var travelCountsAsWorkingTime: Bool = true
    /// §3.6 longest one-way trip to a stay, hours; nil for no limit. A national pool cannot send
    /// people across the country for a stay, and without a limit every clinician who accepts
    /// stays is a candidate at every site (measured: 63 % of a national week's candidates).
    public var maxStayTravelHours: Double?

    public init(minRestHours: Double = 11, weeklyRestDays: Int = 2, substitutions: [Substitution] = [],
                travelCountsAsWorkingTime: Bool = true, maxStayTravelHours: Double? = nil) {
        self.minRestHours = minRestHours; self.weeklyRestDays = weeklyRestDays
        self.substitutions = substitutions; self.travelCountsAsWorkingTime = travelCountsAsWorkingTime
        self.maxStayTravelHours = maxStayTravelHours
    }

    /// Whether a clinician of `clinicianProfession` may cover `demandProfession` demand.
    public func mayCover(clinicianProfession: String, demandProfession: String) -> Bool {
        clinicianProfession == demandProfession || substitutions.contains {
            $0.clinicianProfession == clinicianProfession && $0.demandProfession == demandProfession
        }
    }
}

/// Prices of PRODUCT §4, all in euros.
public struct Costs: Hashable, Sendable, Codable {
    /// Kilometre allowance, €/km (Finnish tax-free allowance 2026 is about 0.55).
    public var kmAllowanceEURPerKm: Double = 0.55
    /// Whether travel time is paid (at the clinician's hourly cost).
    public var travelTimePaid: Bool = true
    public var lodgingEURPerNight: Double = 110
    public var perDiemEURPerDay: Double = 54
    /// Price of purchased service / agency per profession, €/h, when a demand row leaves it empty.
    public var purchasedEURPerHour: [String: Double] = [:]
    /// Fallback when a profession is missing from `purchasedEURPerHour`.
    public var defaultPurchasedEURPerHour: Double = 120
    /// Saving per assignment at a site the clinician served in the history (continuity of care).
    public var continuityBonusEUR: Double = 30
    /// Penalty, €, per percentage point of the worst-covered site's uncovered share (equity).
    public var equityWeightEUR: Double = 50
    /// Multiplier on preference weights.
    public var preferenceWeight: Double = 1

    public init() {}

    public func purchasedPrice(for profession: String) -> Double {
        purchasedEURPerHour[profession] ?? defaultPurchasedEURPerHour
    }
}

/// How travel is estimated when no distances.csv row is given (PRODUCT §2).
public struct TravelSettings: Hashable, Sendable, Codable {
    /// Road distance = great-circle distance × detour factor.
    public var detourFactor: Double = 1.3
    public var averageSpeedKmh: Double = 70
    public init(detourFactor: Double = 1.3, averageSpeedKmh: Double = 70) {
        self.detourFactor = detourFactor; self.averageSpeedKmh = averageSpeedKmh
    }
}

/// The planning horizon: consecutive dates from `firstDate`.
public struct Horizon: Hashable, Sendable, Codable {
    public var firstDate: Day
    public var days: Int
    public init(firstDate: Day, days: Int = 7) { self.firstDate = firstDate; self.days = days }
    public var dates: [Day] { (0..<days).map { firstDate.adding(days: $0) } }
    public var lastDate: Day { firstDate.adding(days: days - 1) }
    public func contains(_ day: Day) -> Bool { day >= firstDate && day <= lastDate }
}
