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
