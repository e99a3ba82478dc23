import ArgumentParser
import Foundation
import Pool

/// `poolctl generate`: a deterministic synthetic scenario folder (docs/scenario-format.md).
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a synthetic scenario folder from real municipalities or a national-scale geography.",
        discussion: """
        Same options and seed → byte-identical files. Every assumption is written into the \
        folder's README.md.

        Regions: \(ScenarioGenerator.regions.joined(separator: ", ")).

        Presets (the recipes of the bundled scenarios, and national for benchmarks): \
        \(ScenarioGenerator.presets.map(\.name).joined(separator: ", ")).
        """)

    @Option(help: "A bundled scenario's recipe; the other options then default to the preset's values.")
    var preset: String?

    @Option(help: "Region: keski-pohjanmaa, pohjanmaa, pohjois-pohjanmaa, ostrobothnia or national.")
    var region: String?

    @Option(help: "Number of pool clinicians.")
    var clinicians: Int?

    @Option(help: "Number of sites.")
    var sites: Int?

    @Option(help: "Random seed.")
    var seed: UInt64?

    @Option(name: .customLong("start-date"), help: "First date YYYY-MM-DD (default 2026-11-30, a Monday).")
    var startDate: String?

    @Option(help: "Days in the horizon (default 7).")
    var days: Int?

    @Option(name: .customLong("load-factor"), help: "Demand hours ÷ the pool's regular hours (default 1.15).")
    var loadFactor: Double?

    @Option(help: "Output folder.")
    var out: String

    @Flag(help: "Replace files in an existing, non-empty output folder.")
    var force = false

    func run() throws {
        let options = try resolvedOptions()
        let outURL = URL(fileURLWithPath: out)
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: outURL.path)) ?? []
        if !existing.isEmpty && !force {
            throw ValidationError("\(out) exists and is not empty; use --force to replace its scenario files")
        }
        let generated: GeneratedScenario
        do {
            generated = try ScenarioGenerator.generate(options)
        } catch {
            throw ValidationError(error.description)
        }
        try generated.write(to: outURL)
        let check = ScenarioLoader.validate(directory: outURL)
        for diagnostic in check.diagnostics { print(diagnostic.description) }
        print("wrote \(generated.files.count) files to \(out)")
        print(ValidateCommand.summary(check, directory: out))
        if check.diagnostics.hasErrors { throw ExitCode(2) }
    }

    private func resolvedOptions() throws -> GeneratorOptions {
        var options: GeneratorOptions
        if let preset {
            guard let found = ScenarioGenerator.preset(named: preset) else {
                throw ValidationError("unknown preset \"\(preset)\"; choose one of "
                    + ScenarioGenerator.presets.map(\.name).joined(separator: ", "))
            }
            options = found.options
            if let region { options.region = region }
        } else {
            guard let region, let clinicians, let sites else {
                throw ValidationError("give --preset NAME, or --region, --clinicians and --sites")
            }
            options = GeneratorOptions(region: region, clinicians: clinicians, sites: sites)
        }
        if let clinicians { options.clinicians = clinicians }
        if let sites { options.sites = sites }
        if let seed { options.seed = seed }
        if let days { options.days = days }
        if let loadFactor { options.loadFactor = loadFactor }
        if let startDate {
            guard let day = Day(iso: startDate) else {
                throw ValidationError("--start-date \"\(startDate)\" is not a date YYYY-MM-DD")
            }
            options.startDate = day
        }
        return options
    }
}
