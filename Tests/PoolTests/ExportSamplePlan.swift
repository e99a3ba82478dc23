import Foundation
@testable import Pool

/// A small, hand-made plan for the export and compare golden tests: four sites (one Swedish-
/// speaking, names with "," and ";" to exercise escaping), four clinicians (one with å/ö, one
/// with no shifts), a daily commute, a three-day stay with lodging, a remote consultation, and a
/// night shift across the end of summer time (2026-10-24 22:00 → 10-25 08:00, 11 real hours).
/// Figures are plausible, not a solver's output: the exports only render what a plan says.
enum SamplePlan {
    static let monday = Day(year: 2026, month: 10, day: 19)!

    static let directory: PlanDirectory = {
        var costs = Costs()
        costs.kmAllowanceEURPerKm = 0.55
        costs.lodgingEURPerNight = 110
        costs.perDiemEURPerDay = 54
        return PlanDirectory(
            sites: [
                Site(id: "kok-tk", name: "Kokkolan terveyskeskus", municipality: "Kokkola",
                     location: Coordinate(lat: 63.8385, lon: 23.1307), kind: .healthCentre, remoteOK: true),
                Site(id: "kan-ta", name: "Kannuksen terveysasema; sivupiste", municipality: "Kannus",
                     location: Coordinate(lat: 63.8990, lon: 23.9150), kind: .healthStation, remoteOK: false),
                Site(id: "per-ta", name: "Perho, terveysasema <Keskustie>", municipality: "Perho",
                     location: Coordinate(lat: 63.2170, lon: 24.4200), kind: .healthStation, remoteOK: true),
                Site(id: "kru-hc", name: "Kronoby hälsocentral", municipality: "Kruunupyy",
                     location: Coordinate(lat: 63.7280, lon: 23.0320), kind: .healthCentre, remoteOK: true),
            ],
            clinicians: [
                Clinician(id: "C01", name: "Aino Virtanen", profession: "gp", languages: ["fi", "en"],
                          home: Coordinate(lat: 63.8400, lon: 23.1200), homeMunicipality: "Kokkola",
                          maxOvertimeHours: 8, hourlyCostEUR: 55, overtimePremium: 0.5),
                Clinician(id: "C02", name: "Åsa Öberg-Lindqvist", profession: "gp", languages: ["fi", "sv"],
                          home: Coordinate(lat: 63.7300, lon: 23.0300), homeMunicipality: "Kruunupyy",
                          hourlyCostEUR: 58, remote: true),
                Clinician(id: "C03", name: "Mikko Korhonen", profession: "psychiatrist", competencies: ["adult"],
                          home: Coordinate(lat: 65.0121, lon: 25.4651), homeMunicipality: "Oulu",
                          hourlyCostEUR: 80, remote: true, maxCommuteMinutes: 60, acceptsStays: true),
                Clinician(id: "C04", name: "Liisa Järvinen", profession: "nurse",
                          home: Coordinate(lat: 63.9000, lon: 23.9100), homeMunicipality: "Kannus", hourlyCostEUR: 38),
            ],
            shiftTypes: [
                ShiftType(name: "day", startMinute: 8 * 60, endMinute: 16 * 60),
                ShiftType(name: "evening", startMinute: 14 * 60, endMinute: 22 * 60),
                ShiftType(name: "night", startMinute: 22 * 60, endMinute: 8 * 60),
            ],
            costs: costs, rules: Rules())
    }()

    static func assignment(_ clinician: String, _ dayOffset: Int, _ shift: String, _ site: String, _ mode: WorkMode,
                           hours: Double = 8, km: Double = 0, minutes: Double = 0, cost: Double = 0,
                           profession: String = "gp", line: Int) -> Assignment {
        Assignment(clinician: clinician, date: monday.adding(days: dayOffset), shift: shift, site: site, mode: mode,
                   hours: hours, travelKm: km, travelMinutes: minutes, costEUR: cost, demandLine: line, profession: profession)
    }

    static let assignments: [Assignment] = [
        assignment("C01", 0, "day", "kok-tk", .onsite, km: 3.2, minutes: 6, cost: 7.26, line: 2),
        assignment("C02", 0, "day", "kru-hc", .onsite, km: 1.4, minutes: 4, cost: 4.64, line: 3),
        assignment("C01", 1, "day", "kok-tk", .onsite, km: 3.2, minutes: 6, cost: 7.26, line: 4),
        assignment("C03", 1, "day", "per-ta", .stay, km: 420, minutes: 360, cost: 875, profession: "psychiatrist", line: 5),
        assignment("C01", 2, "day", "kan-ta", .onsite, km: 72.6, minutes: 62, cost: 96.77, line: 6),
        assignment("C02", 2, "day", "kok-tk", .remote, line: 7),
        assignment("C03", 2, "day", "per-ta", .stay, cost: 164, profession: "psychiatrist", line: 8),
        assignment("C02", 3, "day", "kru-hc", .onsite, km: 1.4, minutes: 4, cost: 4.64, line: 9),
        assignment("C03", 3, "day", "per-ta", .stay, cost: 54, profession: "psychiatrist", line: 10),
        assignment("C01", 3, "evening", "kok-tk", .onsite, km: 3.2, minutes: 6, cost: 7.26, line: 11),
        assignment("C01", 5, "night", "kok-tk", .onsite, hours: 10, km: 3.2, minutes: 6, cost: 7.26, line: 12),
    ]

    static let uncovered: [UncoveredDemand] = [
        UncoveredDemand(site: "per-ta", date: monday, shift: "day", profession: "psychiatrist", language: nil,
                        competencies: ["child"], count: 1, hours: 8, reason: .nobodyWithCompetencies, costEUR: 1440,
                        demandLine: 13),
        UncoveredDemand(site: "kan-ta", date: monday.adding(days: 3), shift: "day", profession: "gp", language: nil,
                        competencies: [], count: 1, hours: 8, reason: .beyondTravelRange, costEUR: 1040, demandLine: 14),
        UncoveredDemand(site: "kru-hc", date: monday.adding(days: 4), shift: "day", profession: "gp", language: "sv",
                        competencies: [], count: 1, hours: 8, reason: .busyOrAtHoursLimit, costEUR: 1300, demandLine: 15),
    ]

    static func coverage(_ key: String, _ name: String, demand: Double, covered: Double, remote: Double = 0,
                         sv: Double = 0, svCovered: Double = 0) -> CoverageKPI {
        CoverageKPI(key: key, name: name, demandHours: demand, coveredHours: covered, remoteHours: remote,
                    swedishDemandHours: sv, swedishCoveredHours: svCovered)
    }

    static var costs: CostBreakdown {
        var c = CostBreakdown()
        c.uncoveredPurchasedService = 3780
        c.travelKm = 277.75
        c.travelTime = 542.67
        c.lodging = 220
        c.perDiem = 162
        c.overtime = 433.13
        c.continuity = -180
        c.preferences = 10
        c.equity = 1666.67
        c.objective = 6912.22
        c.regularSalaries = 8282.63
        c.purchasedServiceAvoided = 9600
        c.purchasedServiceRemaining = 3480
        c.totalCost = 13202.05
        return c
    }

    static var kpis: PlanKPIs {
        PlanKPIs(
            sites: [
                coverage("kan-ta", "Kannuksen terveysasema; sivupiste", demand: 16, covered: 8),
                coverage("kok-tk", "Kokkolan terveyskeskus", demand: 42, covered: 42, remote: 8),
                coverage("kru-hc", "Kronoby hälsocentral", demand: 24, covered: 16, sv: 24, svCovered: 16),
                coverage("per-ta", "Perho, terveysasema <Keskustie>", demand: 32, covered: 24),
            ],
            municipalities: [
                coverage("Kannus", "Kannus", demand: 16, covered: 8),
                coverage("Kokkola", "Kokkola", demand: 42, covered: 42, remote: 8),
                coverage("Kruunupyy", "Kruunupyy", demand: 24, covered: 16, sv: 24, svCovered: 16),
                coverage("Perho", "Perho", demand: 32, covered: 24),
            ],
            professions: [
                coverage("gp", "gp", demand: 82, covered: 66, remote: 8, sv: 24, svCovered: 16),
                coverage("psychiatrist", "psychiatrist", demand: 32, covered: 24),
            ],
            clinicians: [
                ClinicianKPI(clinician: "C01", profession: "gp", homeMunicipality: "Kokkola", hours: 42, travelHours: 1.43,
                             regularHours: 38.25, overtimeHours: 5.18, travelKm: 85.4, assignments: 5, differentSites: 2,
                             stayNights: 0, extraCostEUR: 553.18),
                ClinicianKPI(clinician: "C02", profession: "gp", homeMunicipality: "Kruunupyy", hours: 24, travelHours: 0.13,
                             regularHours: 38.25, overtimeHours: 0, travelKm: 2.8, assignments: 3, differentSites: 2,
                             stayNights: 0, extraCostEUR: 9.28),
                ClinicianKPI(clinician: "C03", profession: "psychiatrist", homeMunicipality: "Oulu", hours: 24, travelHours: 6,
                             regularHours: 38.25, overtimeHours: 0, travelKm: 420, assignments: 3, differentSites: 1,
                             stayNights: 2, extraCostEUR: 1093),
                ClinicianKPI(clinician: "C04", profession: "nurse", homeMunicipality: "Kannus", hours: 0, travelHours: 0,
                             regularHours: 38.25, overtimeHours: 0, travelKm: 0, assignments: 0, differentSites: 0,
                             stayNights: 0, extraCostEUR: 0),
            ],
            total: coverage("total", "total", demand: 114, covered: 90, remote: 8, sv: 24, svCovered: 16),
            travelKm: 508.2, overtimeHours: 5.18, continuityShare: 0.545455,
            worstSite: SiteShare(site: "kan-ta", uncoveredShare: 0.5), bestSite: SiteShare(site: "kok-tk", uncoveredShare: 0))
    }

    /// The baseline plan ("A").
    static var plan: Plan {
        var plan = Plan(
            scenario: "sample-keski-pohjanmaa", inputHash: "0123abcd", firstDate: monday, days: 7,
            solver: SolverOutcome(solverName: "GLPK 5.0", statusText: "feasible, not proven optimal (gap 0.42 %, stopped by time limit)",
                                  status: .feasible, stopReason: .timeLimit, objective: 6912.22, bestBound: 6883.19,
                                  gap: 0.0042, lpRelaxationObjective: 6850.5, warmStartObjective: 7420, nodes: 312,
                                  timeLimitSeconds: 30, relativeGapTarget: 1e-4),
            costs: costs, assignments: assignments, uncovered: uncovered, kpis: kpis,
            sensitivity: Sensitivity(
                method: .lpDualPricing,
                explanation: "Estimated from the LP relaxation's coverage duals: what one more clinician's best week would save.",
                entries: [
                    SensitivityEntry(profession: "gp", base: "Kruunupyy", savingEUR: 2340, method: .lpDualPricing, hoursWorked: 16),
                    SensitivityEntry(profession: "psychiatrist", base: "Kokkola", savingEUR: 1440, method: .lpDualPricing, hoursWorked: 8),
                ],
                bindingRequirements: [
                    BindingRequirement(kind: "language", value: "sv", profession: "gp", uncoveredHours: 8, dualValueEUR: 1300),
                    BindingRequirement(kind: "competency", value: "child", profession: "psychiatrist", uncoveredHours: 8,
                                       dualValueEUR: 1440),
                ]),
            modelSize: ModelSize(variables: 420, integerVariables: 380, constraints: 610, nonzeros: 2900,
                                 families: [FamilySize(family: "coverage", rows: 15), FamilySize(family: "rest", rows: 120)]),
            travelAssumption: "travel: no distance matrix; great-circle km × detour factor 1.30 at 70.00 km/h (an estimate, not road data)",
            notes: ["Night shifts belong to the date they start on.",
                    "Stays: one round trip per run of consecutive stay days at a site, lodging for each night between two stay days, per-diem per stay day."])
        plan.directory = directory
        return plan
    }

    /// Variant "B": a remote-capable psychiatrist covers Perho's Monday remotely, Kannus' Thursday
    /// is covered by C02 remotely is not possible (no remote at kan-ta), so C01 works it with more
    /// overtime; travel goes up, purchased services down.
    static var variantB: Plan {
        var p = plan
        p.scenario = "sample-keski-pohjanmaa-remote"
        p.solver = SolverOutcome(solverName: "GLPK 5.0", statusText: "proven optimal", status: .optimal, stopReason: .completed,
                                 objective: 4630.4, bestBound: 4630.4, gap: 0, nodes: 40)
        p.assignments.append(assignment("C03", 0, "day", "per-ta", .remote, cost: 0, profession: "psychiatrist", line: 13))
        p.uncovered.removeFirst()
        p.costs.uncoveredPurchasedService = 2340
        p.costs.travelKm = 301.0
        p.costs.overtime = 610.5
        p.costs.equity = 1250
        p.costs.objective = 4630.4
        p.costs.purchasedServiceAvoided = 10740
        p.costs.purchasedServiceRemaining = 2340
        p.costs.totalCost = 12247.71
        p.kpis.sites[3] = coverage("per-ta", "Perho, terveysasema <Keskustie>", demand: 32, covered: 32, remote: 8)
        p.kpis.professions[1] = coverage("psychiatrist", "psychiatrist", demand: 32, covered: 32, remote: 8)
        p.kpis.total = coverage("total", "total", demand: 114, covered: 98, remote: 16, sv: 24, svCovered: 16)
        p.kpis.travelKm = 550.5
        p.kpis.overtimeHours = 7.5
        p.kpis.continuityShare = 0.5
        return p
    }
}
