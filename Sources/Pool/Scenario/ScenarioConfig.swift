import Yams

/// Names of the table files, as given in `files:` of scenario.yaml (or the defaults).
struct TableFiles: Sendable {
    var sites = "sites.csv"
    var clinicians = "clinicians.csv"
    var demand = "demand.csv"
    var absences = "absences.csv"
    var history = "history.csv"
    var pins = "pins.csv"
    var preferences = "preferences.csv"
    /// The travel matrix (`travel.matrix`).
    var distances = "distances.csv"
    /// Optional files named explicitly in scenario.yaml: then they must exist.
    var explicitlyNamed: [String] = []
}

/// Everything scenario.yaml says: the parts of a `Scenario` that are not tables.
struct ScenarioConfig {
    var name = ""
    var description = ""
    /// nil when scenario.yaml does not give a usable one (then dates in tables are not checked).
    var horizon: Horizon?
    var shiftTypes: [ShiftType] = []
    /// Shift names whose times are wrong (reported): tables may still refer to them without a second error.
    var brokenShiftNames: [String] = []
    var rules = Rules()
    var costs = Costs()
    var travel = TravelSettings()
    var files = TableFiles()
    /// Professions named in rules and costs, with where, to warn about ones no table uses.
    var professionMentions: [(path: String, line: Int, profession: String)] = []

    static let fileName = "scenario.yaml"
    static let topKeys = ["name", "description", "horizon", "shift_types", "rules", "costs", "travel", "files"]

    /// Parses scenario.yaml, reporting every problem. Returns nil when the file cannot be read as a
    /// mapping at all; a config without horizon or shift types is returned (with errors reported) so
    /// that the tables can still be checked for everything that does not depend on those.
    static func parse(_ text: String, log: DiagnosticLog) -> ScenarioConfig? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            let diagnostic = YAMLReader.syntaxDiagnostic(error, file: fileName)
            log.error(fileName, diagnostic.line, nil, diagnostic.message)
            return nil
        }
        let yaml = YAMLReader(file: fileName, log: log)
        guard let root else {
            log.error(fileName, 0, nil, "the file is empty; it needs at least name, horizon and shift_types")
            return nil
        }
        guard let top = yaml.mapping(root, path: "", allowed: topKeys) else { return nil }

        var config = ScenarioConfig()
        config.name = yaml.string(top["name"], path: "name", required: true, parent: root) ?? ""
        config.description = yaml.string(top["description"], path: "description", required: false, parent: root) ?? ""
        config.horizon = parseHorizon(top["horizon"], root: root, yaml: yaml)
        (config.shiftTypes, config.brokenShiftNames) = parseShiftTypes(top["shift_types"], root: root, yaml: yaml)
        config.rules = parseRules(top["rules"], horizonDays: config.horizon?.days ?? 7, yaml: yaml,
                                  mentions: &config.professionMentions)
        config.costs = parseCosts(top["costs"], yaml: yaml, mentions: &config.professionMentions)
        config.travel = parseTravel(top["travel"], files: &config.files, yaml: yaml)
        parseFiles(top["files"], into: &config.files, yaml: yaml)
        return config
    }

    private static func parseHorizon(_ node: Node?, root: Node, yaml: YAMLReader) -> Horizon? {
        guard let node else {
            yaml.error(root, "horizon", "horizon is missing; e.g. horizon: {first_date: 2026-11-30, days: 7}")
            return nil
        }
        guard let keys = yaml.mapping(node, path: "horizon", allowed: ["first_date", "days"]) else { return nil }
        let days = yaml.integer(keys["days"], path: "horizon.days", default: 7, in: 1...366)
        guard let text = yaml.string(keys["first_date"], path: "horizon.first_date", required: true, parent: node) else {
            return nil
        }
        guard let first = Day(iso: text) else {
            yaml.error(keys["first_date"], "horizon.first_date",
                       "horizon.first_date \"\(text)\" is not a date; expected YYYY-MM-DD, e.g. 2026-11-30")
            return nil
        }
        return Horizon(firstDate: first, days: days)
    }

    private static func parseShiftTypes(_ node: Node?, root: Node, yaml: YAMLReader) -> ([ShiftType], [String]) {
        guard let items = yaml.sequence(node, path: "shift_types") else { return ([], []) }
        if items.isEmpty {
            yaml.error(node ?? root, "shift_types", "shift_types is missing or empty; "
                + "e.g. shift_types: [{name: day, start: \"08:00\", end: \"16:00\"}]")
            return ([], [])
        }
        var shifts: [ShiftType] = [], broken: [String] = []
        for (index, item) in items.enumerated() {
            let path = "shift_types[\(index + 1)]"
            guard let keys = yaml.mapping(item, path: path, allowed: ["name", "start", "end"]) else { continue }
            let name = yaml.string(keys["name"], path: path + ".name", required: true, parent: item)
            let start = clock(keys["start"], path: path + ".start", allow24: false, parent: item, yaml: yaml)
            let end = clock(keys["end"], path: path + ".end", allow24: true, parent: item, yaml: yaml)
            guard let name, let start, let end else {
                if let name { broken.append(name) }
                continue
            }
            if name.contains(";") || name.contains(",") {
                yaml.error(keys["name"], path + ".name", "\(path).name \"\(name)\" must not contain \";\" or \",\"")
            } else if shifts.contains(where: { $0.name == name }) {
                yaml.error(keys["name"], path + ".name", "\(path).name \"\(name)\" is defined twice")
            } else {
                shifts.append(ShiftType(name: name, startMinute: start, endMinute: end))
            }
        }
        return (shifts, broken)
    }

    /// "HH:MM" as minutes after midnight; "24:00" only as an end.
    private static func clock(_ node: Node?, path: String, allow24: Bool, parent: Node, yaml: YAMLReader) -> Int? {
        guard let text = yaml.string(node, path: path, required: true, parent: parent) else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2, parts[1].count == 2, (1...2).contains(parts[0].count),
           parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
           let h = Int(parts[0]), let m = Int(parts[1]), m < 60, h < 24 || (allow24 && h == 24 && m == 0) {
            return h * 60 + m
        }
        yaml.error(node, path, "\(path) \"\(text)\" is not a time of day; expected HH:MM, e.g. \"08:00\"")
        return nil
    }

    private static func parseRules(_ node: Node?, horizonDays: Int, yaml: YAMLReader,
                                   mentions: inout [(path: String, line: Int, profession: String)]) -> Rules {
        var rules = Rules()
        guard let node, let keys = yaml.mapping(node, path: "rules", allowed:
            ["min_rest_hours", "weekly_rest_days", "substitutions", "travel_counts_as_working_time", "max_stay_travel_hours"])
        else { return rules }
        rules.minRestHours = yaml.number(keys["min_rest_hours"], path: "rules.min_rest_hours", default: 11, in: 0...24)
        rules.weeklyRestDays = yaml.integer(keys["weekly_rest_days"], path: "rules.weekly_rest_days",
                                            default: min(2, horizonDays), in: 0...horizonDays)
        rules.travelCountsAsWorkingTime = yaml.flag(keys["travel_counts_as_working_time"],
                                                    path: "rules.travel_counts_as_working_time", default: true)
        if let limit = keys["max_stay_travel_hours"] {
            rules.maxStayTravelHours = yaml.number(limit, path: "rules.max_stay_travel_hours", default: 0, in: 0...48)
        }
        for (index, item) in (yaml.sequence(keys["substitutions"], path: "rules.substitutions") ?? []).enumerated() {
            let path = "rules.substitutions[\(index + 1)]"
            guard let sub = yaml.mapping(item, path: path, allowed: ["profession", "covers"]) else { continue }
            guard let from = yaml.string(sub["profession"], path: path + ".profession", required: true, parent: item)
                    .map(tag),
                  let to = yaml.string(sub["covers"], path: path + ".covers", required: true, parent: item).map(tag)
            else { continue }
            mentions.append((path + ".profession", yaml.line(sub["profession"]), from))
            mentions.append((path + ".covers", yaml.line(sub["covers"]), to))
            let substitution = Substitution(clinicianProfession: from, demandProfession: to)
            if from == to {
                yaml.error(item, path, "\(path): a profession always covers itself; remove this substitution")
            } else if rules.substitutions.contains(substitution) {
                yaml.error(item, path, "\(path): \(from) → \(to) is listed twice")
            } else {
                rules.substitutions.append(substitution)
            }
        }
        return rules
    }

    private static func parseCosts(_ node: Node?, yaml: YAMLReader,
                                   mentions: inout [(path: String, line: Int, profession: String)]) -> Costs {
        var costs = Costs()
        let keys = ["km_allowance_eur_per_km", "travel_time_paid", "lodging_eur_per_night", "per_diem_eur_per_day",
                    "purchased_eur_per_hour", "default_purchased_eur_per_hour", "continuity_bonus_eur",
                    "equity_weight_eur", "preference_weight"]
        guard let node, let map = yaml.mapping(node, path: "costs", allowed: keys) else { return costs }
        let money = 0...1e7
        costs.kmAllowanceEURPerKm = yaml.number(map["km_allowance_eur_per_km"], path: "costs.km_allowance_eur_per_km",
                                                default: costs.kmAllowanceEURPerKm, in: 0...100)
        costs.travelTimePaid = yaml.flag(map["travel_time_paid"], path: "costs.travel_time_paid", default: costs.travelTimePaid)
        costs.lodgingEURPerNight = yaml.number(map["lodging_eur_per_night"], path: "costs.lodging_eur_per_night",
                                               default: costs.lodgingEURPerNight, in: money)
        costs.perDiemEURPerDay = yaml.number(map["per_diem_eur_per_day"], path: "costs.per_diem_eur_per_day",
                                             default: costs.perDiemEURPerDay, in: money)
        costs.defaultPurchasedEURPerHour = yaml.number(map["default_purchased_eur_per_hour"],
                                                       path: "costs.default_purchased_eur_per_hour",
                                                       default: costs.defaultPurchasedEURPerHour, in: money)
        costs.continuityBonusEUR = yaml.number(map["continuity_bonus_eur"], path: "costs.continuity_bonus_eur",
                                               default: costs.continuityBonusEUR, in: money)
        costs.equityWeightEUR = yaml.number(map["equity_weight_eur"], path: "costs.equity_weight_eur",
                                            default: costs.equityWeightEUR, in: money)
        costs.preferenceWeight = yaml.number(map["preference_weight"], path: "costs.preference_weight",
                                             default: costs.preferenceWeight, in: 0...1000)
        if let prices = map["purchased_eur_per_hour"] {
            if case .mapping(let pairs) = prices {
                for (key, value) in pairs {
                    guard case .scalar(let profession) = key, !profession.string.isEmpty else {
                        yaml.error(key, "costs.purchased_eur_per_hour", "costs.purchased_eur_per_hour: a key is not a profession name")
                        continue
                    }
                    let path = "costs.purchased_eur_per_hour." + profession.string
                    if costs.purchasedEURPerHour[tag(profession.string)] != nil {
                        yaml.error(key, path, "\(path): the profession \(tag(profession.string)) has two prices")
                    }
                    costs.purchasedEURPerHour[tag(profession.string)] = yaml.number(value, path: path,
                        default: costs.defaultPurchasedEURPerHour, in: money)
                    mentions.append((path, yaml.line(key), tag(profession.string)))
                }
            } else {
                yaml.error(prices, "costs.purchased_eur_per_hour",
                           "costs.purchased_eur_per_hour must map professions to €/h, e.g. {gp: 130, nurse: 60}")
            }
        }
        return costs
    }

    private static func parseTravel(_ node: Node?, files: inout TableFiles, yaml: YAMLReader) -> TravelSettings {
        var travel = TravelSettings()
        guard let node, let map = yaml.mapping(node, path: "travel",
                                               allowed: ["detour_factor", "average_speed_kmh", "matrix"]) else { return travel }
        travel.detourFactor = yaml.number(map["detour_factor"], path: "travel.detour_factor", default: travel.detourFactor, in: 1...5)
        travel.averageSpeedKmh = yaml.number(map["average_speed_kmh"], path: "travel.average_speed_kmh",
                                             default: travel.averageSpeedKmh, in: 5...200)
        if let name = fileName(map["matrix"], path: "travel.matrix", yaml: yaml) {
            files.distances = name
            files.explicitlyNamed.append(name)
        }
        return travel
    }

    private static func parseFiles(_ node: Node?, into files: inout TableFiles, yaml: YAMLReader) {
        let keys: [(String, WritableKeyPath<TableFiles, String>)] = [
            ("sites", \.sites), ("clinicians", \.clinicians), ("demand", \.demand), ("absences", \.absences),
            ("history", \.history), ("pins", \.pins), ("preferences", \.preferences)]
        guard let node, let map = yaml.mapping(node, path: "files", allowed: keys.map(\.0)) else { return }
        var named: [String: String] = [:]
        for (key, path) in keys {
            guard let name = fileName(map[key], path: "files." + key, yaml: yaml) else { continue }
            if let other = named[name] {
                yaml.error(map[key], "files." + key, "files.\(key) names the same file as files.\(other): \"\(name)\"")
                continue
            }
            named[name] = key
            files[keyPath: path] = name
            files.explicitlyNamed.append(name)
        }
    }

    /// A file inside the scenario folder: relative, no "..", so a scenario never reads elsewhere.
    private static func fileName(_ node: Node?, path: String, yaml: YAMLReader) -> String? {
        guard let name = yaml.string(node, path: path, required: false, parent: nil) else { return nil }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        if name.hasPrefix("/") || name.contains("\\") || parts.contains("..") || parts.contains("") {
            yaml.error(node, path, "\(path) \"\(name)\" must be a file name inside the scenario folder")
            return nil
        }
        return name
    }
}
