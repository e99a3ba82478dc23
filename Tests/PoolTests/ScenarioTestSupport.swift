import Foundation
import Testing
@testable import Pool

/// A small, valid, hand-written scenario folder for tests, with helpers to break it one line at a
/// time and validate the result from a real temporary folder.
struct TestScenario {
    var files: [String: String]

    static let base = TestScenario(files: [
        "scenario.yaml": """
        name: tiny
        description: A hand-written scenario for tests.
        horizon:
          first_date: 2026-11-30
          days: 7
        shift_types:
          - {name: day, start: "08:00", end: "16:00"}
          - {name: evening, start: "14:00", end: "22:00"}
          - {name: night, start: "22:00", end: "08:00"}
        rules:
          min_rest_hours: 11
          weekly_rest_days: 2
          substitutions:
            - {profession: psychiatrist, covers: gp}
        costs:
          km_allowance_eur_per_km: 0.55
          purchased_eur_per_hour: {gp: 130, nurse: 60}
        travel:
          detour_factor: 1.3
          average_speed_kmh: 70

        """,
        "sites.csv": """
        id,name,municipality,lat,lon,kind,remote_ok
        KOK-HC,Kokkola health centre,Kokkola,63.8385,23.1300,health_centre,true
        KUU-HC,Kuusamo health centre,Kuusamo,65.9777,29.1721,health_centre,true
        KAN-HS,"Kannus health station, Ämmälä",Kannus,63.9035,23.9233,health_station,false

        """,
        "clinicians.csv": """
        id,name,profession,competencies,languages,home_lat,home_lon,weekly_hours,max_overtime_hours,hourly_cost_eur,overtime_premium,remote,max_commute_min,accepts_stays
        GP-1,Aino Mäkelä,gp,emergency;audit,fi;sv,63.84,23.13,38.25,4,55,0.5,false,60,false
        GP-2,Åsa Björk,gp,,sv,63.90,23.92,38.25,0,55,0.5,true,60,true
        RN-1,Eino Järvinen,nurse,ipc,fi,63.84,23.13,38.25,0,27,0.5,false,60,false
        PSY-1,Liisa Niemi,psychiatrist,,fi,65.01,25.47,38.25,0,68,0.5,true,60,false

        """,
        "demand.csv": """
        site,date,shift,profession,count,competencies,language,mode,priority,purchased_eur_per_hour
        KOK-HC,2026-11-30,day,gp,2,,,onsite,,
        KOK-HC,2026-11-30,night,gp,1,emergency,,onsite,1.5,
        KAN-HS,2026-12-01,day,nurse,1,,,onsite,,
        KUU-HC,2026-12-02,day,psychiatrist,1,,,remote,,170
        KOK-HC,2026-12-02,day,gp,1,,sv,either,,

        """,
        "absences.csv": """
        clinician,date,shift
        RN-1,2026-12-03,
        GP-1,2026-12-01,evening

        """,
        "history.csv": """
        clinician,date,shift,site
        GP-1,2026-11-27,day,KOK-HC

        """,
        "distances.csv": """
        from,to,km,minutes
        GP-1,KOK-HC,3.2,6

        """,
        "pins.csv": """
        clinician,date,shift,site,mode
        GP-1,2026-11-30,day,KOK-HC,onsite

        """,
        "preferences.csv": """
        clinician,site,shift,date,weight_eur
        GP-2,,night,,40

        """,
    ])

    /// A copy with `file` replaced.
    func with(_ file: String, _ contents: String) -> TestScenario {
        var copy = self
        copy.files[file] = contents
        return copy
    }

    func without(_ file: String) -> TestScenario {
        var copy = self
        copy.files[file] = nil
        return copy
    }

    /// A copy with line `number` (1-based) of `file` replaced.
    func replacingLine(_ number: Int, of file: String, with line: String) -> TestScenario {
        var lines = (files[file] ?? "").components(separatedBy: "\n")
        lines[number - 1] = line
        return with(file, lines.joined(separator: "\n"))
    }

    /// A copy with `line` appended to `file`.
    func appending(_ line: String, to file: String) -> TestScenario {
        with(file, (files[file] ?? "") + line + "\n")
    }

    /// Writes the files into a new temporary folder.
    func folder(bytes: [String: [UInt8]] = [:]) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("pool-scenario-test-" + UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: url.appendingPathComponent(name)) }
        for (name, raw) in bytes { try Data(raw).write(to: url.appendingPathComponent(name)) }
        return url
    }

    /// Validates from a real folder (removed afterwards).
    func validate(bytes: [String: [UInt8]] = [:]) throws -> ScenarioValidation {
        let url = try folder(bytes: bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        return ScenarioLoader.validate(directory: url)
    }

    /// The diagnostics' descriptions, as `poolctl validate` prints them.
    func messages(bytes: [String: [UInt8]] = [:]) throws -> [String] {
        try validate(bytes: bytes).diagnostics.map(\.description)
    }
}

/// The bundled scenarios folder of the package.
func repositoryRoot() -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// Compares the printed diagnostics with `expected`, showing the actual list on failure.
func expectMessages(_ scenario: TestScenario, bytes: [String: [UInt8]] = [:], _ expected: [String],
                    sourceLocation: SourceLocation = #_sourceLocation) throws {
    let actual = try scenario.messages(bytes: bytes)
    #expect(actual == expected, sourceLocation: sourceLocation)
}
