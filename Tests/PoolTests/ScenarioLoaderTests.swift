import Foundation
import Testing
@testable import Pool

@Suite struct ScenarioLoaderTests {
    @Test func readsEveryFileOfAValidScenario() throws {
        let result = try TestScenario.base.validate()
        #expect(result.diagnostics.map(\.description) == [])
        let s = try #require(result.scenario)
        #expect(s.name == "tiny")
        #expect(s.horizon == Horizon(firstDate: try #require(Day(iso: "2026-11-30")), days: 7))
        #expect(s.shiftTypes.map(\.name) == ["day", "evening", "night"])
        #expect(s.shiftTypes[2].crossesMidnight && s.shiftTypes[2].hours == 10)
        #expect(s.rules.substitutions == [Substitution(clinicianProfession: "psychiatrist", demandProfession: "gp")])
        #expect(s.costs.purchasedPrice(for: "gp") == 130 && s.costs.purchasedPrice(for: "dentist") == 120)
        #expect(s.sites.map(\.id) == ["KOK-HC", "KUU-HC", "KAN-HS"])
        #expect(s.sites[2].name == "Kannus health station, Ämmälä" && !s.sites[2].remoteOK)
        #expect(s.sites[2].kind == .healthStation)
        let gp2 = try #require(s.clinician(id: "GP-2"))
        #expect(gp2.name == "Åsa Björk" && gp2.languages == ["sv"] && gp2.remote && gp2.acceptsStays)
        #expect(s.clinicians[0].competencies == ["audit", "emergency"])
        #expect(s.demand.map(\.line) == [2, 3, 4, 5, 6])
        #expect(s.demand[1].priority == 1.5 && s.demand[1].competencies == ["emergency"])
        #expect(s.demand[0].purchasedEURPerHour == 130, "empty price takes costs.purchased_eur_per_hour")
        #expect(s.demand[2].purchasedEURPerHour == 60)
        #expect(s.demand[3].purchasedEURPerHour == 170 && s.demand[3].mode == .remote)
        #expect(s.demand[4].language == "sv" && s.demand[4].mode == .either)
        #expect(s.absences == [Absence(clinician: "RN-1", date: Day(iso: "2026-12-03")!),
                               Absence(clinician: "GP-1", date: Day(iso: "2026-12-01")!, shift: "evening")])
        #expect(s.history.count == 1 && s.pins.first?.mode == .onsite)
        #expect(s.preferences == [Preference(clinician: "GP-2", shift: "night", weightEUR: 40)])
        #expect(s.inputHash.count == 64)
    }

    @Test func theLongestStayTripIsOptionalAndChecked() throws {
        #expect(try TestScenario.base.validate().scenario?.rules.maxStayTravelHours == nil)
        let yaml = TestScenario.base.files["scenario.yaml"] ?? ""
        let four = yaml.replacingOccurrences(of: "  weekly_rest_days: 2\n", with: "  weekly_rest_days: 2\n  max_stay_travel_hours: 4\n")
        #expect(try TestScenario.base.with("scenario.yaml", four).validate().scenario?.rules.maxStayTravelHours == 4)
        let negative = yaml.replacingOccurrences(of: "  weekly_rest_days: 2\n", with: "  weekly_rest_days: 2\n  max_stay_travel_hours: -1\n")
        try expectMessages(TestScenario.base.with("scenario.yaml", negative), [
            "scenario.yaml:13: rules.max_stay_travel_hours -1 is out of range; expected 0 … 48"])
    }

    @Test func distancesFeedTheTravelEstimator() throws {
        let s = try #require(try TestScenario.base.validate().scenario)
        #expect(s.distances == [TravelEstimator.matrixKey(from: "GP-1", to: "KOK-HC"): TravelLeg(km: 3.2, minutes: 6)])
        let estimator = TravelEstimator(scenario: s)
        let gp1 = try #require(s.clinician(id: "GP-1")), kok = try #require(s.site(id: "KOK-HC"))
        #expect(estimator.leg(from: gp1, to: kok) == TravelLeg(km: 3.2, minutes: 6))
        #expect(estimator.isFromMatrix(clinician: gp1, site: kok))
        let kuu = try #require(s.site(id: "KUU-HC"))
        #expect(!estimator.isFromMatrix(clinician: gp1, site: kuu))
    }

    @Test func loadThrowsWithEveryDiagnostic() throws {
        let broken = TestScenario.base.replacingLine(2, of: "demand.csv", with: "KOK-HC,2026-11-30,day,gp,-1,,,onsite,,")
            .replacingLine(3, of: "sites.csv", with: "KUU-HC,Kuusamo,Kuusamo,95,29.17,health_centre,true")
        let url = try broken.folder()
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try ScenarioLoader.load(directory: url)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "sites.csv:3: lat 95 is out of range; expected -90 … 90",
                "demand.csv:2: count -1 is out of range; expected 0 … 10000",
            ])
        }
    }

    @Test func loadReturnsWarnings() throws {
        let url = try TestScenario.base.appending("GP-9,2026-12-01,", to: "absences.csv").folder()
        defer { try? FileManager.default.removeItem(at: url) }
        let (scenario, warnings) = try ScenarioLoader.load(directory: url)
        #expect(scenario.absences.count == 2)
        #expect(warnings.map(\.description) == [
            "absences.csv:4: warning: clinician \"GP-9\" is not in clinicians.csv (did you mean \"GP-1\"?); the absence is ignored"])
    }

    @Test func inputHashFollowsTheBytes() throws {
        let a = try #require(try TestScenario.base.validate().scenario?.inputHash)
        let b = try #require(try TestScenario.base.validate().scenario?.inputHash)
        let edited = TestScenario.base.replacingLine(2, of: "demand.csv", with: "KOK-HC,2026-11-30,day,gp,3,,,onsite,,")
        let c = try #require(try edited.validate().scenario?.inputHash)
        let moved = TestScenario.base.without("preferences.csv")
        let d = try #require(try moved.validate().scenario?.inputHash)
        #expect(a == b && a != c && a != d)
    }

    @Test func aScenarioYamlPathStandsForItsFolder() throws {
        let url = try TestScenario.base.folder()
        defer { try? FileManager.default.removeItem(at: url) }
        let result = ScenarioLoader.validate(directory: url.appendingPathComponent("scenario.yaml"))
        #expect(result.scenario != nil)
        let missing = ScenarioLoader.validate(directory: url.appendingPathComponent("nope"))
        #expect(missing.diagnostics.map(\.message) == ["the scenario folder does not exist"])
    }

    @Test func recordsStartLinesAcrossQuotedLineBreaks() throws {
        let sites = """
        id,name,municipality,lat,lon,kind,remote_ok
        KOK-HC,"Kokkola
        health centre",Kokkola,63.8385,23.1300,health_centre,true
        KUU-HC,Kuusamo health centre,Kuusamo,65.9777,29.1721,health_centre,true
        KAN-HS,Kannus,Kannus,63.9,23.9,clinic,false

        """
        #expect(try TestScenario.base.with("sites.csv", sites).messages() == [
            "sites.csv:5: kind \"clinic\" is not one of health_centre, health_station, hospital, dental_clinic, mobile_unit"])
    }
}
