import Foundation

/// What to generate. Same options → byte-identical files.
public struct GeneratorOptions: Hashable, Sendable {
    /// keski-pohjanmaa, pohjanmaa, pohjois-pohjanmaa, ostrobothnia (all three) or national (synthetic).
    public var region: String
    public var clinicians: Int
    public var sites: Int
    public var seed: UInt64
    public var startDate: Day
    public var days: Int
    /// Demand hours ÷ the pool's regular hours; above 1 leaves work for purchased services.
    public var loadFactor: Double
    /// Share of clinicians who fall ill mid-week (sudden absences).
    public var suddenAbsenceRate: Double
    /// Scenario name; defaults to the region.
    public var name: String?

    public static let defaultStartDate = Day(year: 2026, month: 11, day: 30) ?? Day(ordinal: 20_787)

    public init(region: String, clinicians: Int, sites: Int, seed: UInt64 = 1, startDate: Day = defaultStartDate,
                days: Int = 7, loadFactor: Double = 1.15, suddenAbsenceRate: Double = 0.02, name: String? = nil) {
        self.region = region; self.clinicians = clinicians; self.sites = sites; self.seed = seed
        self.startDate = startDate; self.days = days; self.loadFactor = loadFactor
        self.suddenAbsenceRate = suddenAbsenceRate; self.name = name
    }
}

/// A bundled scenario's recipe: options plus what its README says beyond the generic assumptions.
public struct GeneratorPreset: Sendable {
    public var name: String
    public var options: GeneratorOptions
    public var notes: String
}

public struct GeneratorError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// A generated scenario: the domain value and the folder's files (which load back to the same value).
public struct GeneratedScenario: Sendable {
    public var scenario: Scenario
    public var files: [ScenarioFile]
    public func write(to directory: URL) throws { try ScenarioWriter.write(files, to: directory) }
}

/// Deterministic synthetic scenarios from real municipalities or a synthetic national geography
/// (PRODUCT §2; assumptions in each generated README.md).
public enum ScenarioGenerator {
    public static let regions = Geography.regionNames.map(\.key) + ["national"]

    public static func generate(_ o: GeneratorOptions) throws(GeneratorError) -> GeneratedScenario {
        try check(o)
        var root = SplitMix64(seed: o.seed)
        var geoRNG = root.fork(1), siteRNG = root.fork(2), poolRNG = root.fork(3)
        var demandRNG = root.fork(4), eventRNG = root.fork(5)
        let geo: Geography
        if o.region == "national" {
            geo = Geography.synthetic(count: min(400, max(10, o.sites / 3)), rng: &geoRNG)
        } else if let real = Geography.real(o.region) {
            geo = real
        } else {
            throw GeneratorError(description: "unknown region \"\(o.region)\"; choose one of "
                + regions.joined(separator: ", ") + DidYouMean.hint(for: o.region, among: regions))
        }
        let sites = SitePlanner.plan(geo, count: o.sites, rng: &siteRNG)
        let clinicians = PoolGenerator.clinicians(count: o.clinicians, geo: geo, rng: &poolRNG)
        let horizon = Horizon(firstDate: o.startDate, days: o.days)
        let shiftTypes = [ShiftType(name: "day", startMinute: 8 * 60, endMinute: 16 * 60),
                          ShiftType(name: "evening", startMinute: 14 * 60, endMinute: 22 * 60),
                          ShiftType(name: "night", startMinute: 22 * 60, endMinute: 8 * 60)]
        // A national pool sends nobody across the country for a stay: at most a 4-hour trip.
        let rules = Rules(minRestHours: 11, weeklyRestDays: min(2, o.days), substitutions: ProfessionProfile.substitutions,
                          travelCountsAsWorkingTime: true, maxStayTravelHours: o.region == "national" ? 4 : nil)
        var costs = Costs()
        for p in ProfessionProfile.all { costs.purchasedEURPerHour[p.id] = p.purchasedEURPerHour }

        var demandGenerator = DemandGenerator(geo: geo, sites: sites, clinicians: clinicians, horizon: horizon,
                                              rules: rules, loadFactor: o.loadFactor)
        var demand = demandGenerator.generate(rng: &demandRNG)
        let events = EventGenerator(clinicians: clinicians, sites: sites, geo: geo, horizon: horizon,
                                    shiftNames: shiftTypes.map(\.name), rules: rules, travel: TravelSettings())
        let absences = events.absences(suddenRate: o.suddenAbsenceRate, rng: &eventRNG)
        var usual: [String: [Site]] = [:]
        let offering = events.sitesByProfession()
        for c in clinicians { usual[c.id] = events.usualSites(of: c, offering: offering) }
        let history = events.history(usual: usual, rng: &eventRNG)

        var scenario = Scenario(
            name: o.name ?? o.region, description: description(o, geo), horizon: horizon, shiftTypes: shiftTypes,
            rules: rules, costs: costs, travel: TravelSettings(), sites: sites.map(\.site), clinicians: clinicians,
            demand: demand, absences: absences, history: history)
        // Leave out demand nobody could ever serve, so generated scenarios validate without warnings;
        // in reality such demand is simply bought as purchased service.
        let unservable = Set(Serviceability(scenario: scenario).unservableIndices())
        demand = demand.indices.filter { !unservable.contains($0) }.map { demand[$0] }
        for i in demand.indices { demand[i].line = i + 2 }
        scenario.demand = demand
        // Name only professions the scenario uses, so small pools validate without warnings.
        let used = Set(clinicians.map(\.profession) + demand.map(\.profession))
        scenario.costs.purchasedEURPerHour = costs.purchasedEURPerHour.filter { used.contains($0.key) }
        scenario.rules.substitutions = rules.substitutions.filter {
            used.contains($0.clinicianProfession) && used.contains($0.demandProfession)
        }
        scenario.pins = events.pins(demand: demand, usual: usual, absences: absences, rng: &eventRNG)
        scenario.preferences = events.preferences(usual: usual, rng: &eventRNG)

        let readme = GeneratorReadme(options: o, geo: geo, sites: sites, scenario: scenario,
                                     rates: demandGenerator.ratesPer1000, onCallHours: demandGenerator.onCallHours,
                                     droppedRows: unservable.count, preset: presets.first { $0.options == o })
        let files: [ScenarioFile]
        do {
            files = try ScenarioWriter.files(for: scenario, readme: readme.text)
        } catch {
            throw GeneratorError(description: "could not serialise the scenario: \(error)")
        }
        scenario.inputHash = ScenarioWriter.inputHash(of: files)
        return GeneratedScenario(scenario: scenario, files: files)
    }

    private static func check(_ o: GeneratorOptions) throws(GeneratorError) {
        if !(1...200_000).contains(o.clinicians) { throw GeneratorError(description: "--clinicians must be 1 … 200000") }
        if !(1...20_000).contains(o.sites) { throw GeneratorError(description: "--sites must be 1 … 20000") }
        if !(1...366).contains(o.days) { throw GeneratorError(description: "--days must be 1 … 366") }
        if !(o.loadFactor > 0 && o.loadFactor <= 10) { throw GeneratorError(description: "load factor must be in (0, 10]") }
        if !(0...1).contains(o.suddenAbsenceRate) {
            throw GeneratorError(description: "sudden absence rate must be 0 … 1")
        }
    }

    private static func description(_ o: GeneratorOptions, _ geo: Geography) -> String {
        "Synthetic week for \(geo.municipalities.count) municipalities (\(o.region)): \(o.sites) sites, "
            + "\(o.clinicians) pool clinicians, from \(o.startDate) for \(o.days) days; seed \(o.seed). "
            + "Generated by poolctl generate; assumptions in README.md."
    }
}
