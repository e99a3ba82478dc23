import Foundation
import Testing
@testable import Pool

@Suite struct ScenarioGeneratorTests {
    static func filesByName(_ g: GeneratedScenario) -> [String: Data] {
        Dictionary(g.files.map { ($0.name, Data($0.contents.utf8)) }, uniquingKeysWith: { a, _ in a })
    }

    @Test(arguments: [
        GeneratorOptions(region: "pohjanmaa", clinicians: 60, sites: 20, seed: 7),
        GeneratorOptions(region: "national", clinicians: 400, sites: 70, seed: 11, days: 5),
    ])
    func sameSeedSameBytesAndItValidates(options: GeneratorOptions) throws {
        let a = try ScenarioGenerator.generate(options), b = try ScenarioGenerator.generate(options)
        #expect(a.files == b.files)
        var other = options
        other.seed += 1
        #expect(try ScenarioGenerator.generate(other).files != a.files)

        let result = ScenarioLoader.validate(files: Self.filesByName(a))
        #expect(result.diagnostics.map(\.description) == [])
        let loaded = try #require(result.scenario)
        let made = a.scenario
        #expect(loaded.inputHash == made.inputHash)
        #expect(loaded.sites == made.sites && loaded.clinicians == made.clinicians && loaded.demand == made.demand)
        #expect(loaded.absences == made.absences && loaded.history == made.history)
        #expect(loaded.pins == made.pins && loaded.preferences == made.preferences)
        #expect(loaded.rules == made.rules && loaded.costs == made.costs && loaded.travel == made.travel)
        #expect(loaded.shiftTypes == made.shiftTypes && loaded.horizon == made.horizon)
        #expect(loaded.clinicians.count == options.clinicians && loaded.sites.count == options.sites)
        #expect(loaded.horizon.days == options.days)
    }

    @Test func professionMixAndLanguagesFollowTheAssumptions() throws {
        let s = try ScenarioGenerator.generate(GeneratorOptions(region: "pohjanmaa", clinicians: 200, sites: 25, seed: 3)).scenario
        #expect(s.clinicians.filter { $0.profession == "gp" }.count == 44)  // 22 % of 200
        #expect(s.clinicians.filter { $0.profession == "nurse" }.count == 48)
        // Pohjanmaa is about half Swedish-speaking; the Finnish-only regions are not.
        let swedish = Double(s.clinicians.filter { $0.languages.contains("sv") }.count) / 200
        #expect(swedish > 0.4 && swedish < 0.8)
        #expect(s.demand.contains { $0.language == "sv" })
        let pp = try ScenarioGenerator.generate(GeneratorOptions(region: "pohjois-pohjanmaa", clinicians: 200, sites: 60, seed: 3))
        #expect(!pp.scenario.demand.contains { $0.language == "sv" })
        #expect(pp.scenario.demand.contains { $0.mode == .remote && $0.site.hasPrefix("KUU") })
    }

    @Test func demandIsScaledToTheLoadFactor() throws {
        let options = GeneratorOptions(region: "pohjois-pohjanmaa", clinicians: 300, sites: 60, seed: 5, loadFactor: 1.15)
        let s = try ScenarioGenerator.generate(options).scenario
        let demandHours = s.demand.reduce(0.0) { $0 + Double($1.count) * (s.shiftType(named: $1.shift)?.hours ?? 0) }
        let poolHours = s.clinicians.reduce(0.0) { $0 + $1.weeklyHours }
        #expect(abs(demandHours / poolHours - 1.15) < 0.08, "ratio \(demandHours / poolHours)")
    }

    @Test func badOptionsAreErrorsNotCrashes() {
        #expect(throws: GeneratorError.self) { try ScenarioGenerator.generate(GeneratorOptions(region: "pohjanma", clinicians: 5, sites: 5)) }
        #expect(throws: GeneratorError.self) { try ScenarioGenerator.generate(GeneratorOptions(region: "national", clinicians: 0, sites: 5)) }
        #expect(throws: GeneratorError.self) { try ScenarioGenerator.generate(GeneratorOptions(region: "national", clinicians: 5, sites: 5, days: 0)) }
        do {
            _ = try ScenarioGenerator.generate(GeneratorOptions(region: "pohjanma", clinicians: 5, sites: 5))
        } catch {
            #expect(error.description == "unknown region \"pohjanma\"; choose one of keski-pohjanmaa, pohjanmaa, "
                + "pohjois-pohjanmaa, ostrobothnia, national (did you mean \"pohjanmaa\"?)")
        }
    }

    @Test func tinyAndOddSizesStillValidate() throws {
        for (region, clinicians, sites) in [("keski-pohjanmaa", 1, 1), ("national", 3, 2), ("ostrobothnia", 25, 90)] {
            let g = try ScenarioGenerator.generate(GeneratorOptions(region: region, clinicians: clinicians, sites: sites, seed: 9))
            let result = ScenarioLoader.validate(files: Self.filesByName(g))
            #expect(result.diagnostics.map(\.description) == [], "\(region) \(clinicians)/\(sites)")
        }
    }

    @Test func nationalScaleIsQuick() throws {
        let start = Date()
        let g = try ScenarioGenerator.generate(try #require(ScenarioGenerator.preset(named: "national")).options)
        #expect(g.scenario.clinicians.count == 5000 && g.scenario.sites.count == 800)
        #expect(g.scenario.demand.count > 10_000)
        // Debug builds are several times slower than release; this guards against accidental blow-ups.
        #expect(Date().timeIntervalSince(start) < 30)
    }

    @Test func splitMixIsTheReferenceSequence() {
        // First outputs of SplitMix64 seeded with 0 (Vigna's reference implementation).
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
    }
}

@Suite struct BundledScenarioTests {
    @Test(arguments: ["keski-pohjanmaa", "pohjanmaa", "pohjois-pohjanmaa"])
    func validatesCleanlyAndIsReproducible(name: String) throws {
        let folder = repositoryRoot().appendingPathComponent("Scenarios").appendingPathComponent(name)
        let result = ScenarioLoader.validate(directory: folder)
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.scenario?.name == name)
        let preset = try #require(ScenarioGenerator.preset(named: name))
        let generated = try ScenarioGenerator.generate(preset.options)
        for file in generated.files {
            let onDisk = try String(contentsOf: folder.appendingPathComponent(file.name), encoding: .utf8)
            #expect(onDisk == file.contents, "Scenarios/\(name)/\(file.name) differs from `poolctl generate --preset \(name)`; run make scenarios")
        }
        #expect(result.scenario?.inputHash == generated.scenario.inputHash)
    }

    @Test func pohjoisPohjanmaaHasTheStatedShape() throws {
        let folder = repositoryRoot().appendingPathComponent("Scenarios/pohjois-pohjanmaa")
        let s = try ScenarioLoader.load(directory: folder).0
        #expect(Set(s.sites.map(\.municipality)).count == 30)
        #expect(s.sites.count == 60 && s.clinicians.count == 300)
        let remoteEdge = Set(s.demand.filter { $0.mode == .remote }.compactMap { s.site(id: $0.site)?.municipality })
        #expect(remoteEdge.isSuperset(of: ["Kuusamo", "Taivalkoski", "Pudasjärvi"]))
        #expect(Set(s.demand.filter { $0.mode == .remote }.map(\.profession)) == ["psychiatrist", "specialist_dentist"])
        // Sudden absences from mid-week.
        let wednesday = s.horizon.firstDate.adding(days: 2)
        #expect(s.absences.filter { $0.date == wednesday }.count >= 10)
    }
}
