import Foundation
import Testing
@testable import Pool

/// One test per class of problem: a broken file and the exact message `poolctl validate` prints.
@Suite struct ScenarioValidationTests {
    let base = TestScenario.base

    // MARK: scenario.yaml

    @Test func yamlSyntaxError() throws {
        let yaml = (base.files["scenario.yaml"] ?? "").replacingOccurrences(of: "  days: 7", with: "  days: [7")
        try expectMessages(base.with("scenario.yaml", yaml), [
            "scenario.yaml:6: YAML syntax error: did not find expected ',' or ']' at column 12 "
                + "(while parsing a flow sequence on line 5)"])
    }

    @Test func yamlUnknownKeyWithSuggestion() throws {
        let yaml = (base.files["scenario.yaml"] ?? "").replacingOccurrences(of: "km_allowance_eur_per_km", with: "km_alowance_eur_per_km")
        try expectMessages(base.with("scenario.yaml", yaml), [
            "scenario.yaml:16: unknown key \"costs.km_alowance_eur_per_km\" (did you mean \"km_allowance_eur_per_km\"?)"])
    }

    @Test func yamlWrongTypesAndRanges() throws {
        let yaml = (base.files["scenario.yaml"] ?? "")
            .replacingOccurrences(of: "min_rest_hours: 11", with: "min_rest_hours: eleven")
            .replacingOccurrences(of: "detour_factor: 1.3", with: "detour_factor: 0.8")
            .replacingOccurrences(of: "end: \"16:00\"", with: "end: \"16.00\"")
            .replacingOccurrences(of: "first_date: 2026-11-30", with: "first_date: 30.11.2026")
        try expectMessages(base.with("scenario.yaml", yaml), [
            "scenario.yaml:4: horizon.first_date \"30.11.2026\" is not a date; expected YYYY-MM-DD, e.g. 2026-11-30",
            "scenario.yaml:7: shift_types[1].end \"16.00\" is not a time of day; expected HH:MM, e.g. \"08:00\"",
            "scenario.yaml:11: rules.min_rest_hours \"eleven\" is not a number",
            "scenario.yaml:19: travel.detour_factor 0.8 is out of range; expected 1 … 5",
        ])
    }

    @Test func yamlMissingRequiredParts() throws {
        try expectMessages(base.with("scenario.yaml", "name: x\n"), [
            "scenario.yaml:1: horizon is missing; e.g. horizon: {first_date: 2026-11-30, days: 7}",
            "scenario.yaml:1: shift_types is missing or empty; e.g. shift_types: [{name: day, start: \"08:00\", end: \"16:00\"}]",
        ])
    }

    @Test func yamlDuplicateKey() throws {
        let yaml = (base.files["scenario.yaml"] ?? "") + "name: again\n"
        try expectMessages(base.with("scenario.yaml", yaml), [
            "scenario.yaml:1: YAML syntax error: the key \"name\" appears more than once in the same mapping"])
    }

    // MARK: files and encoding

    @Test func missingFiles() throws {
        try expectMessages(base.without("demand.csv").without("scenario.yaml"), [
            "scenario.yaml: the file is missing; a scenario folder needs scenario.yaml, sites.csv, clinicians.csv "
                + "and demand.csv (see docs/scenario-format.md)",
            "demand.csv: the file is missing; it is required",
        ])
        // Optional files may be absent.
        try expectMessages(base.without("pins.csv").without("history.csv").without("distances.csv"), [])
    }

    @Test func missingRequiredColumnAndUnknownColumn() throws {
        let header = "id,name,profesion,competencies,languages,home_lat,home_lon,weekly_hours,max_overtime_hours,"
            + "hourly_cost_eur,overtime_premium,remote,max_commute_min,accepts_stays"
        try expectMessages(base.replacingLine(1, of: "clinicians.csv", with: header), [
            "clinicians.csv:1: warning: unknown column \"profesion\" is ignored (did you mean \"profession\"?)",
            "clinicians.csv:1: missing required column \"profession\" (did you mean \"profesion\"?)",
        ])
    }

    @Test func unterminatedQuote() throws {
        try expectMessages(base.appending("KUU-HC2,\"Kuusamo,Kuusamo,65.9,29.1,health_centre,true", to: "sites.csv"),
                           ["sites.csv:5: a quoted field starting on this line is never closed"])
        // A missing closing quote usually shows where the next quoted field starts.
        try expectMessages(base.replacingLine(3, of: "sites.csv", with: "KUU-HC,\"Kuusamo,Kuusamo,65.9,29.1,health_centre,true"),
                           ["sites.csv:3: a quoted field starting on this line runs on to line 4; is its closing quote missing?"])
    }

    @Test func textAfterClosingQuoteAndStrayQuote() throws {
        try expectMessages(base.replacingLine(3, of: "sites.csv", with: "KUU-HC,\"Kuusamo\" hc,Kuusamo,65.9,29.1,health_centre,true")
            .replacingLine(4, of: "sites.csv", with: "KAN-HS,Kannus 5\" station,Kannus,63.9,23.9,health_station,false"), [
                "sites.csv:3: text after the closing quote of a field; a field is either wholly quoted or not at all",
                "sites.csv:4: a quote (\") inside an unquoted field; quote the whole field and double the inner quotes (\"\")",
            ])
    }

    @Test func invalidUTF8PointsAtTheByte() throws {
        // "Mäkelä" saved as Latin-1 by a spreadsheet: ä is the single byte 0xE4.
        var bytes = Array((base.files["clinicians.csv"] ?? "").utf8)
        let line2 = try #require(bytes.firstIndex(of: UInt8(ascii: "\n"))) + 1
        let a = try #require(bytes[line2...].firstIndex(of: 0xC3))
        bytes.replaceSubrange(a...(a + 1), with: [0xE4])
        var files = base
        files.files["clinicians.csv"] = nil
        try expectMessages(files, bytes: ["clinicians.csv": bytes], [
            "clinicians.csv:2: not valid UTF-8 (byte 0xE4 at column 12); save the file as UTF-8 (in Excel: \"CSV UTF-8\"), "
                + "not as Latin-1 or \"CSV (Comma delimited)\""])
    }

    @Test func utf16IsRejected() throws {
        var files = base
        files.files["sites.csv"] = nil
        try expectMessages(files, bytes: ["sites.csv": [0xFF, 0xFE, 0x69, 0x00]], [
            "sites.csv: the file is UTF-16; save it as UTF-8 (in Excel: \"CSV UTF-8\")"])
    }

    @Test func excelByteOrderMarkAndCRLFAreFine() throws {
        let text = (base.files["clinicians.csv"] ?? "").replacingOccurrences(of: "\n", with: "\r\n")
        var files = base
        files.files["clinicians.csv"] = nil
        let result = try files.validate(bytes: ["clinicians.csv": [0xEF, 0xBB, 0xBF] + Array(text.utf8)])
        #expect(result.diagnostics.isEmpty)
        #expect(result.scenario?.clinicians.map(\.name) == ["Aino Mäkelä", "Åsa Björk", "Eino Järvinen", "Liisa Niemi"])
    }

    // MARK: rows

    @Test func wrongFieldCount() throws {
        try expectMessages(base.replacingLine(2, of: "sites.csv", with: "KOK-HC,Kokkola, health centre,Kokkola,63.8,23.1,health_centre,true"), [
                "sites.csv:2: has 8 fields but the header has 7 (quote a field that contains a comma)",
                // No follow-on "unknown site KOK-HC" errors: the malformed row still declares its id.
            ])
    }

    @Test func typesOfFields() throws {
        try expectMessages(base
            .replacingLine(2, of: "clinicians.csv", with: "GP-1,Aino,gp,,fi,63.84,23.13,38,25,4,55,0.5,false,60,false")
            .replacingLine(3, of: "clinicians.csv", with: "GP-2,Åsa,gp,,sv,63.90,23.92,\"38,25\",0,55,0.5,maybe,60,true")
            .replacingLine(4, of: "clinicians.csv", with: "RN-1,Eino,nurse,,suomi,63.84,23.13,38.25,0,27,0.5,false,60,false")
            .replacingLine(5, of: "demand.csv", with: "KUU-HC,2026-12-2,day,psychiatrist,1.5,,,remote,,170"), [
                "clinicians.csv:2: has 15 fields but the header has 14 (quote a field that contains a comma)",
                "clinicians.csv:3: weekly_hours \"38,25\" is not a number (use a decimal point, e.g. \"38.25\")",
                "clinicians.csv:3: remote \"maybe\" is not a yes/no value; expected true/false, yes/no or 1/0",
                "clinicians.csv:4: languages \"suomi\" is not a language code; expected ISO 639-1 codes separated by \";\", e.g. fi;sv;en",
                "demand.csv:5: date \"2026-12-2\" is not a date; expected YYYY-MM-DD, e.g. 2026-11-30",
                "demand.csv:5: count \"1.5\" is not a whole number",
            ])
    }

    @Test func impossibleValues() throws {
        try expectMessages(base
            .replacingLine(2, of: "sites.csv", with: "KOK-HC,Kokkola,Kokkola,63.8385,230,health_centre,true")
            .replacingLine(2, of: "clinicians.csv", with: "GP-1,Aino,gp,,fi,63.84,23.13,-5,4,55,0.5,false,60,false")
            .replacingLine(3, of: "clinicians.csv", with: "GP-2,Åsa,gp,,sv,63.90,23.92,160,20,55,0.5,true,60,true")
            .replacingLine(3, of: "demand.csv", with: "KOK-HC,2026-11-30,night,gp,-2,emergency,,onsite,0,"), [
                "sites.csv:2: lon 230 is out of range; expected -180 … 180",
                "clinicians.csv:2: weekly_hours -5 is out of range; expected 0 … 168",
                "clinicians.csv:3: weekly_hours + max_overtime_hours = 180 exceeds the 168 hours of a week",
                "demand.csv:3: count -2 is out of range; expected 0 … 10000",
                "demand.csv:3: priority 0 is out of range; expected 0.001 … 1000",
            ])
    }

    @Test func duplicateIds() throws {
        try expectMessages(base.appending("KOK-HC,Again,Kokkola,63.8,23.1,health_centre,true", to: "sites.csv")
            .appending("GP-1,Again,gp,,fi,63.8,23.1,38,0,55,0.5,false,60,false", to: "clinicians.csv")
            .appending("KUU-HC,Kuusamo,gp,,fi,63.8,23.1,38,0,55,0.5,false,60,false", to: "clinicians.csv"), [
                "sites.csv:5: id \"KOK-HC\" is already used on line 2",
                "clinicians.csv:6: id \"GP-1\" is already used on line 2",
                "clinicians.csv:7: id \"KUU-HC\" is also a site id in sites.csv; distances.csv refers to both, so ids must differ",
            ])
    }

    @Test func unknownReferenceWithSuggestion() throws {
        try expectMessages(base.replacingLine(5, of: "demand.csv", with: "KUU-HC2,2026-12-02,day,psychiatrist,1,,,remote,,170"), ["demand.csv:5: site \"KUU-HC2\" is not in sites.csv (did you mean \"KUU-HC\"?)"])
    }

    @Test func datesOutsideTheHorizonAndUndefinedShifts() throws {
        try expectMessages(base
            .replacingLine(2, of: "demand.csv", with: "KOK-HC,2026-12-07,day,gp,2,,,onsite,,")
            .replacingLine(3, of: "demand.csv", with: "KOK-HC,2026-11-30,nigth,gp,1,emergency,,onsite,1.5,")
            .replacingLine(4, of: "demand.csv", with: "KAN-HS,2026-12-01,morning,nurse,1,,,onsite,,")
            .appending("RN-1,2027-01-05,", to: "absences.csv")
            .replacingLine(2, of: "history.csv", with: "GP-1,2026-11-30,day,KOK-HC"), [
                "demand.csv:2: date 2026-12-07 is outside the horizon 2026-11-30 … 2026-12-06",
                "demand.csv:3: shift \"nigth\" is not defined in scenario.yaml shift_types (did you mean \"night\"?)",
                "demand.csv:4: shift \"morning\" is not defined in scenario.yaml shift_types (defined: day, evening, night)",
                "absences.csv:4: warning: date 2027-01-05 is outside the horizon 2026-11-30 … 2026-12-06; the absence is ignored",
                "history.csv:2: date 2026-11-30 is not before the horizon, which starts 2026-11-30; "
                    + "history lists assignments before the planned week",
            ])
    }

    @Test func remoteDemandAtASiteThatCannotReceiveIt() throws {
        try expectMessages(base.replacingLine(4, of: "demand.csv", with: "KAN-HS,2026-12-01,day,nurse,1,,,remote,,"), [
            "demand.csv:4: mode remote at site \"KAN-HS\", which cannot receive remote work (remote_ok is false in sites.csv)"])
    }

    @Test func everyProblemIsReportedNotOnlyTheFirst() throws {
        let broken = base
            .replacingLine(2, of: "sites.csv", with: "KOK-HC,Kokkola,Kokkola,x,y,hospital,true")
            .replacingLine(2, of: "demand.csv", with: "KOK-HC,2026-13-01,dya,gp,two,,,onsite,,")
            .appending("X,Y", to: "preferences.csv")
        try expectMessages(broken, [
            "sites.csv:2: lat \"x\" is not a number",
            "sites.csv:2: lon \"y\" is not a number",
            "demand.csv:2: date \"2026-13-01\" is not a date; expected YYYY-MM-DD, e.g. 2026-11-30",
            "demand.csv:2: shift \"dya\" is not defined in scenario.yaml shift_types (did you mean \"day\"?)",
            "demand.csv:2: count \"two\" is not a whole number",
            "preferences.csv:3: has 2 fields but the header has 5",
        ])
        let result = try broken.validate()
        #expect(result.scenario == nil)
        #expect(result.diagnostics.map(\.field) == ["lat", "lon", "date", "shift", "count", nil])
    }

    // MARK: pins

    @Test func impossiblePins() throws {
        let pins = """
        clinician,date,shift,site,mode
        RN-1,2026-12-03,day,KAN-HS,
        GP-1,2026-11-30,day,KOK-HC,onsite
        GP-1,2026-11-30,evening,KOK-HC,
        PSY-1,2026-12-02,day,KUU-HC,onsite
        RN-1,2026-12-01,day,KAN-HS,stay
        GP-1,2026-12-02,day,KOK-HC,remote
        GP-2,2026-12-01,day,KOK-HX,

        """
        try expectMessages(base.with("pins.csv", pins), [
            "pins.csv:8: site \"KOK-HX\" is not in sites.csv (did you mean \"KOK-HC\"?)"])
        let knownSites = pins.replacingOccurrences(of: "GP-2,2026-12-01,day,KOK-HX,\n", with: "")
        try expectMessages(base.with("pins.csv", knownSites), [
            "pins.csv:2: clinician \"RN-1\" is absent on 2026-12-03 (day) according to absences.csv, so cannot be pinned then",
            "pins.csv:2: demand.csv has no row at KAN-HS on 2026-12-03 (day) that clinician \"RN-1\" (nurse) qualifies for, "
                + "so the pin cannot be kept",
            "pins.csv:4: demand.csv has no row at KOK-HC on 2026-11-30 (evening) that clinician \"GP-1\" (gp) qualifies for, "
                + "so the pin cannot be kept",
            "pins.csv:4: clinician \"GP-1\": overlaps in time with the pin on line 3",
            "pins.csv:5: mode onsite, but clinician \"PSY-1\" would commute 225 min one way, more than max_commute_min 60",
            "pins.csv:5: demand.csv has no row at KUU-HC on 2026-12-02 (day) that clinician \"PSY-1\" (psychiatrist) "
                + "qualifies for, so the pin cannot be kept",
            "pins.csv:6: mode stay, but clinician \"RN-1\" does not accept stays (accepts_stays is false)",
            "pins.csv:7: mode remote, but clinician \"GP-1\" does not work remotely (remote is false)",
        ])
    }

    @Test func morePinsThanDemand() throws {
        let pins = """
        clinician,date,shift,site,mode
        GP-1,2026-11-30,day,KOK-HC,
        GP-2,2026-11-30,day,KOK-HC,
        PSY-1,2026-11-30,day,KOK-HC,remote

        """
        try expectMessages(base.with("pins.csv", pins), [
            "pins.csv:4: demand.csv has no row at KOK-HC on 2026-11-30 (day) that clinician \"PSY-1\" (psychiatrist) "
                + "qualifies for, so the pin cannot be kept",
            "pins.csv:4: 3 clinicians are pinned at KOK-HC on 2026-11-30 (day) but demand.csv asks for 2 there",
        ])
    }

    @Test func pinTooSoonAfterHistory() throws {
        try expectMessages(base.replacingLine(2, of: "history.csv", with: "GP-1,2026-11-29,evening,KOK-HC"), [
            "pins.csv:2: clinician \"GP-1\": leaves only 10 h rest (rules.min_rest_hours is 11) next to the assignment of "
                + "2026-11-29 (evening) in history.csv"])
    }

    // MARK: demand nobody could serve

    @Test func unservableDemandSaysWhy() throws {
        let demand = """
        site,date,shift,profession,count,competencies,language,mode,priority,purchased_eur_per_hour
        KOK-HC,2026-11-30,day,gp,2,,,onsite,,
        KOK-HC,2026-11-30,day,dentist,1,,,onsite,,
        KOK-HC,2026-11-30,day,gp,1,sedation,,onsite,,
        KOK-HC,2026-11-30,day,nurse,1,,sv,onsite,,
        KUU-HC,2026-12-01,day,nurse,1,,,either,,
        KAN-HS,2026-12-02,day,psychiatrist,1,,,onsite,,
        KOK-HC,2026-12-03,day,nurse,1,,,onsite,,
        KOK-HC,2026-12-01,evening,gp,1,audit,,onsite,,

        """
        try expectMessages(base.with("demand.csv", demand).without("pins.csv"), [
            "demand.csv:3: warning: no clinician in the pool could ever serve this demand (dentist ×1 at KOK-HC, 2026-11-30 day): "
                + "no clinician is a dentist, and rules.substitutions lets no other profession cover it",
            "demand.csv:4: warning: no clinician in the pool could ever serve this demand (gp ×1 at KOK-HC, 2026-11-30 day): "
                + "no gp holds the competency sedation",
            "demand.csv:5: warning: no clinician in the pool could ever serve this demand (nurse ×1 at KOK-HC, 2026-11-30 day): "
                + "none of the 1 qualified clinicians speaks sv",
            "demand.csv:6: warning: no clinician in the pool could ever serve this demand (nurse ×1 at KUU-HC, 2026-12-01 day): "
                + "all 1 qualified clinicians live beyond their max_commute_min from KUU-HC, none accepts stays and none works remotely",
            "demand.csv:7: warning: no clinician in the pool could ever serve this demand (psychiatrist ×1 at KAN-HS, 2026-12-02 day): "
                + "all 1 qualified clinicians live beyond their max_commute_min from KAN-HS and none accepts stays",
            "demand.csv:8: warning: no clinician in the pool could ever serve this demand (nurse ×1 at KOK-HC, 2026-12-03 day): "
                + "all 1 qualified clinicians in reach are absent on 2026-12-03 (day)",
            "demand.csv:9: warning: no clinician in the pool could ever serve this demand (gp ×1 at KOK-HC, 2026-12-01 evening): "
                + "all 1 qualified clinicians in reach are absent on 2026-12-01 (evening)",
        ])
    }

    @Test func remoteOnlyDemandNeedsARemoteClinician() throws {
        let clinicians = (base.files["clinicians.csv"] ?? "")
            .replacingOccurrences(of: "PSY-1,Liisa Niemi,psychiatrist,,fi,65.01,25.47,38.25,0,68,0.5,true",
                                  with: "PSY-1,Liisa Niemi,psychiatrist,,fi,65.01,25.47,38.25,0,68,0.5,false")
        try expectMessages(base.with("clinicians.csv", clinicians), [
            "demand.csv:5: warning: no clinician in the pool could ever serve this demand (psychiatrist ×1 at KUU-HC, 2026-12-02 day): "
                + "none of the 1 qualified clinicians works remotely"])
    }

    @Test func professionsInScenarioYamlThatNothingUses() throws {
        let yaml = (base.files["scenario.yaml"] ?? "").replacingOccurrences(of: "{gp: 130, nurse: 60}", with: "{gp: 130, nurs: 60}")
        try expectMessages(base.with("scenario.yaml", yaml), [
            "scenario.yaml:17: warning: costs.purchased_eur_per_hour.nurs: profession \"nurs\" appears in no clinician or "
                + "demand row (did you mean \"nurse\"?)"])
    }

    @Test func duplicateDemandRowsAddUpWithAWarning() throws {
        try expectMessages(base.appending("KOK-HC,2026-11-30,day,gp,1,,,onsite,,", to: "demand.csv"), [
            "demand.csv:7: warning: repeats line 2 (same site, date, shift, profession, competencies, language, mode, "
                + "priority and price); the counts add up"])
    }
}
