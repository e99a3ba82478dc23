import Foundation

/// One run of the loader over a folder: reads the files in a fixed order, parses each table, then
/// runs the checks that need several tables, collecting every diagnostic on the way.
struct ScenarioReading {
    let read: (String) -> ScenarioLoader.FileContent
    private let log = DiagnosticLog()
    /// Bytes of each file read, in reading order, for the input hash.
    private var hashed: [(name: String, bytes: [UInt8]?)] = []

    init(read: @escaping (String) -> ScenarioLoader.FileContent) { self.read = read }

    mutating func run() -> ScenarioValidation {
        let yamlText = text(of: ScenarioConfig.fileName, required: true)
        let parsed = yamlText.flatMap { ScenarioConfig.parse($0, log: log) }
        let config = parsed ?? ScenarioConfig()
        let files = config.files
        var references = References(config: config)

        let sitesTable = table(files.sites, SiteTable.spec, required: true)
        let sites = sitesTable.map { SiteTable.read($0, log: log) }
        references.setSites(sites?.lines)

        let cliniciansTable = table(files.clinicians, ClinicianTable.spec, required: true)
        let clinicians = cliniciansTable.map { ClinicianTable.read($0, references: references, log: log) }
        references.setClinicians(clinicians?.lines)

        let siteByID = Dictionary((sites?.sites ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let demand = table(files.demand, DemandTable.spec, required: true)
            .map { DemandTable.read($0, references: references, sites: siteByID, costs: config.costs, log: log) }
        let named = files.explicitlyNamed
        let absences = optionalTable(files.absences, AbsenceTable.spec, named: named)
            .map { AbsenceTable.read($0, references: references, log: log) }
        let history = optionalTable(files.history, HistoryTable.spec, named: named)
            .map { HistoryTable.read($0, references: references, log: log) }
        let distances = optionalTable(files.distances, DistanceTable.spec, named: named)
            .map { DistanceTable.read($0, references: references, log: log) }
        let pins = optionalTable(files.pins, PinTable.spec, named: named).map { PinTable.read($0, references: references, log: log) }
        let preferences = optionalTable(files.preferences, PreferenceTable.spec, named: named)
            .map { PreferenceTable.read($0, references: references, log: log) }

        let fileOrder = [ScenarioConfig.fileName, files.sites, files.clinicians, files.demand, files.absences,
                         files.history, files.distances, files.pins, files.preferences]
        // Cross-file checks need every table; with an error anywhere they would reason about a
        // partial scenario and mislead, so they run only on a clean one.
        guard !log.hasErrors, let parsed, let horizon = parsed.horizon, let sites, let clinicians, let demand else {
            return ScenarioValidation(scenario: nil, diagnostics: log.sorted(fileOrder: fileOrder))
        }
        let scenario = Scenario(
            name: parsed.name, description: parsed.description, horizon: horizon, shiftTypes: parsed.shiftTypes,
            rules: parsed.rules, costs: parsed.costs, travel: parsed.travel, sites: sites.sites,
            clinicians: clinicians.clinicians, demand: demand, absences: absences ?? [], history: history ?? [],
            pins: (pins ?? []).map(\.pin), preferences: preferences ?? [], distances: distances ?? [:],
            inputHash: inputHash())
        let serviceability = Serviceability(scenario: scenario)
        PinChecks(scenario: scenario, serviceability: serviceability, file: files.pins, absencesFile: files.absences)
            .errors(pins ?? []).forEach(log.append)
        serviceability.warnings(file: files.demand).forEach(log.append)
        unusedProfessions(parsed, scenario).forEach(log.append)
        let diagnostics = log.sorted(fileOrder: fileOrder)
        return ScenarioValidation(scenario: diagnostics.hasErrors ? nil : scenario, diagnostics: diagnostics)
    }

    /// The decoded text of a file, or nil (with the reason reported) when missing or not UTF-8.
    private mutating func text(of name: String, required: Bool, namedInYAML: Bool = false) -> String? {
        switch read(name) {
        case .missing:
            hashed.append((name, nil))
            if name == ScenarioConfig.fileName {
                log.error(name, 0, nil, "the file is missing; a scenario folder needs scenario.yaml, sites.csv, "
                    + "clinicians.csv and demand.csv (see docs/scenario-format.md)")
            } else if required {
                log.error(name, 0, nil, "the file is missing; it is required")
            } else if namedInYAML {
                log.error(name, 0, nil, "the file is missing, but scenario.yaml names it")
            }
            return nil
        case .unreadable(let reason):
            hashed.append((name, nil))
            log.error(name, 0, nil, "the file \(reason)")
            return nil
        case .data(let data):
            hashed.append((name, [UInt8](data)))
            switch TextDecoding.decode(data) {
            case .success(let text):
                return text
            case .failure(let failure):
                let message = TextDecoding.message(for: failure)
                log.error(name, message.line, nil, message.text)
                return nil
            }
        }
    }

    private mutating func table(_ name: String, _ spec: TableSpec, required: Bool) -> CSVTable? {
        text(of: name, required: required).flatMap { CSVTable.parse(file: name, text: $0, spec: spec, log: log) }
    }

    private mutating func optionalTable(_ name: String, _ spec: TableSpec, named: [String]) -> CSVTable? {
        text(of: name, required: false, namedInYAML: named.contains(name))
            .flatMap { CSVTable.parse(file: name, text: $0, spec: spec, log: log) }
    }

    private func inputHash() -> String { ScenarioLoader.inputHash(hashed) }

    /// Professions in scenario.yaml that no clinician has and no demand asks for: usually a typo.
    private func unusedProfessions(_ config: ScenarioConfig, _ scenario: Scenario) -> [Diagnostic] {
        let used = Array(Set(scenario.clinicians.map(\.profession) + scenario.demand.map(\.profession))).sorted()
        return config.professionMentions.filter { !used.contains($0.profession) }.map { mention in
            Diagnostic(severity: .warning, file: ScenarioConfig.fileName, line: mention.line, field: mention.path,
                       message: "\(mention.path): profession \"\(mention.profession)\" appears in no clinician "
                           + "or demand row" + DidYouMean.hint(for: mention.profession, among: used))
        }
    }
}
