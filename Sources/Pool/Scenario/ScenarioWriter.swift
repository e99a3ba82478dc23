import CSV
import Foundation
import Yams

/// One file of a scenario folder, as text.
public struct ScenarioFile: Hashable, Sendable {
    public var name: String
    public var contents: String
    public init(name: String, contents: String) { self.name = name; self.contents = contents }
}

/// Writes a `Scenario` as a scenario folder (docs/scenario-format.md) that `ScenarioLoader` reads
/// back to the same scenario. Used by the generator; output is byte-identical for equal scenarios.
public enum ScenarioWriter {
    /// `Scenario.inputHash` of these files as `ScenarioLoader` will compute it after reading them back.
    public static func inputHash(of files: [ScenarioFile]) -> String {
        ScenarioLoader.inputHash(ScenarioLoader.readingOrder.map { name in
            (name, files.first { $0.name == name }.map { Array($0.contents.utf8) })
        })
    }

    /// The folder's files in a fixed order: scenario.yaml, the tables, then README.md when given.
    /// Optional tables are written only when they have rows.
    public static func files(for s: Scenario, readme: String? = nil) throws -> [ScenarioFile] {
        var files = [ScenarioFile(name: "scenario.yaml", contents: try yaml(s))]
        files.append(ScenarioFile(name: "sites.csv", contents: try csv(SiteTable.spec.all, s.sites.map { site in
            [site.id, site.name, site.municipality, formatNumber(site.location.lat), formatNumber(site.location.lon),
             site.kind.rawValue, flag(site.remoteOK)]
        })))
        files.append(ScenarioFile(name: "clinicians.csv", contents: try csv(ClinicianTable.spec.all, s.clinicians.map { c in
            [c.id, c.name, c.profession, c.competencies.joined(separator: ";"), c.languages.joined(separator: ";"),
             formatNumber(c.home.lat), formatNumber(c.home.lon), formatNumber(c.weeklyHours),
             formatNumber(c.maxOvertimeHours), formatNumber(c.hourlyCostEUR), formatNumber(c.overtimePremium),
             flag(c.remote), formatNumber(c.maxCommuteMinutes), flag(c.acceptsStays), c.homeMunicipality ?? ""]
        })))
        files.append(ScenarioFile(name: "demand.csv", contents: try csv(DemandTable.spec.all, s.demand.map { d in
            // Empty where the scenario default applies, so that editing costs in scenario.yaml takes effect.
            let price = d.purchasedEURPerHour == s.costs.purchasedPrice(for: d.profession) ? "" : formatNumber(d.purchasedEURPerHour)
            return [d.site, d.date.iso, d.shift, d.profession, String(d.count), d.competencies.joined(separator: ";"),
                    d.language ?? "", d.mode.rawValue, d.priority == 1 ? "" : formatNumber(d.priority), price]
        })))
        files.append(ScenarioFile(name: "absences.csv", contents: try csv(AbsenceTable.spec.all, s.absences.map {
            [$0.clinician, $0.date.iso, $0.shift ?? ""]
        })))
        files.append(ScenarioFile(name: "history.csv", contents: try csv(HistoryTable.spec.all, s.history.map {
            [$0.clinician, $0.date.iso, $0.shift, $0.site]
        })))
        if !s.distances.isEmpty {
            let rows = s.distances.keys.sorted().compactMap { key -> [String]? in
                let ends = key.components(separatedBy: "→")
                guard ends.count == 2, let leg = s.distances[key] else { return nil }
                return [ends[0], ends[1], formatNumber(leg.km), formatNumber(leg.minutes)]
            }
            files.append(ScenarioFile(name: "distances.csv", contents: try csv(DistanceTable.spec.all, rows)))
        }
        if !s.pins.isEmpty {
            files.append(ScenarioFile(name: "pins.csv", contents: try csv(PinTable.spec.all, s.pins.map {
                [$0.clinician, $0.date.iso, $0.shift, $0.site, $0.mode?.rawValue ?? ""]
            })))
        }
        if !s.preferences.isEmpty {
            files.append(ScenarioFile(name: "preferences.csv", contents: try csv(PreferenceTable.spec.all, s.preferences.map {
                [$0.clinician, $0.site ?? "", $0.shift ?? "", $0.date?.iso ?? "", formatNumber($0.weightEUR)]
            })))
        }
        if let readme { files.append(ScenarioFile(name: "README.md", contents: readme)) }
        return files
    }

    /// Writes the files into `directory` (created if needed), each atomically: a temporary file in
    /// the same folder, then a rename, so a reader never sees half a file.
    public static func write(_ files: [ScenarioFile], to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in files {
            try Data(file.contents.utf8).write(to: directory.appendingPathComponent(file.name), options: .atomic)
        }
    }

    private static func flag(_ b: Bool) -> String { b ? "true" : "false" }

    /// CSV text with CSV.swift's writer (it quotes fields with commas, quotes or line breaks), one
    /// record per line and a final line break.
    static func csv(_ header: [String], _ rows: [[String]]) throws -> String {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: header)
        for row in rows { try writer.write(row: row) }
        writer.stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return "" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func yaml(_ s: Scenario) throws -> String {
        func text(_ value: String) -> Node { Node(value, .implicit, value.contains("\n") ? .literal : .any) }
        func number(_ value: Double) -> Node { Node(formatNumber(value)) }
        func quoted(_ value: String) -> Node { Node(value, .implicit, .doubleQuoted) }
        func clock(_ minute: Int) -> Node { quoted(pad2(minute / 60 % 25) + ":" + pad2(minute % 60)) }
        let shifts = s.shiftTypes.map { t in
            Node([(text("name"), text(t.name)), (text("start"), clock(t.startMinute)),
                  (text("end"), clock(t.endMinute == 1440 ? 1440 : t.endMinute % 1440))], .implicit, .flow)
        }
        let substitutions = s.rules.substitutions.map { sub in
            Node([(text("profession"), text(sub.clinicianProfession)), (text("covers"), text(sub.demandProfession))],
                 .implicit, .flow)
        }
        let prices = s.costs.purchasedEURPerHour.keys.sorted().map { (text($0), number(s.costs.purchasedEURPerHour[$0] ?? 0)) }
        let root = Node([
            (text("name"), text(s.name)),
            (text("description"), text(s.description)),
            (text("horizon"), Node([(text("first_date"), text(s.horizon.firstDate.iso)),
                                    (text("days"), Node(String(s.horizon.days)))])),
            (text("shift_types"), Node(shifts)),
            (text("rules"), Node([
                (text("min_rest_hours"), number(s.rules.minRestHours)),
                (text("weekly_rest_days"), Node(String(s.rules.weeklyRestDays))),
                (text("travel_counts_as_working_time"), text(flag(s.rules.travelCountsAsWorkingTime)))]
                + (s.rules.maxStayTravelHours.map { [(text("max_stay_travel_hours"), number($0))] } ?? [])
                + [(text("substitutions"), Node(substitutions))])),
            (text("costs"), Node([
                (text("km_allowance_eur_per_km"), number(s.costs.kmAllowanceEURPerKm)),
                (text("travel_time_paid"), text(flag(s.costs.travelTimePaid))),
                (text("lodging_eur_per_night"), number(s.costs.lodgingEURPerNight)),
                (text("per_diem_eur_per_day"), number(s.costs.perDiemEURPerDay)),
                (text("purchased_eur_per_hour"), Node(prices)),
                (text("default_purchased_eur_per_hour"), number(s.costs.defaultPurchasedEURPerHour)),
                (text("continuity_bonus_eur"), number(s.costs.continuityBonusEUR)),
                (text("equity_weight_eur"), number(s.costs.equityWeightEUR)),
                (text("preference_weight"), number(s.costs.preferenceWeight))])),
            (text("travel"), Node([
                (text("detour_factor"), number(s.travel.detourFactor)),
                (text("average_speed_kmh"), number(s.travel.averageSpeedKmh))]
                + (s.distances.isEmpty ? [] : [(text("matrix"), text("distances.csv"))]))),
        ])
        let header = "# Scenario for Pool; every key is described in docs/scenario-format.md.\n"
        return header + (try Yams.serialize(node: root, indent: 2, width: 100, allowUnicode: true))
    }
}
