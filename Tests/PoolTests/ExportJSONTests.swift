import Foundation
import Testing
@testable import Pool

@Suite struct ExportJSONTests {
    /// The golden plan folders double as fixtures for `poolctl compare` and the docs' examples.
    @Test func goldenPlanFolders() throws {
        try Golden.check(try PlanJSON.encode(SamplePlan.plan), "plans/baseline/plan.json")
        try Golden.check(try PlanJSON.encode(SamplePlan.variantB), "plans/remote/plan.json")
    }

    @Test func roundTripsAndLeavesTimingsOut() throws {
        var plan = SamplePlan.plan
        plan.timings = Timings()
        let data = try PlanJSON.encode(plan)
        #expect(!String(decoding: data, as: UTF8.self).contains("\"timings\""))
        let back = try PlanJSON.decode(data, file: "plan.json")
        plan.timings = nil
        #expect(back == plan)
        #expect(try PlanJSON.encode(back) == data)
    }

    @Test func readsAPlanFolderAndNamesBadFields() throws {
        let folder = Golden.folder.appendingPathComponent("plans/baseline")
        #expect(try PlanFolder(folder).plan == SamplePlan.plan)

        let good = String(decoding: try PlanJSON.encode(SamplePlan.plan), as: UTF8.self)
        let json = good.replacingOccurrences(of: "\"firstDate\" : \"2026-10-19\"", with: "\"firstDate\" : \"2026-13-19\"")
        #expect(throws: ExportError.input("p/plan.json", "field `firstDate`: expected a date YYYY-MM-DD, got 2026-13-19")) {
            try PlanJSON.decode(Data(json.utf8), file: "p/plan.json")
        }
        let missing = good.replacingOccurrences(of: "\"mode\" : \"onsite\",", with: "")
        #expect(throws: ExportError.input("p/plan.json", "field `assignments[0].mode` is missing")) {
            try PlanJSON.decode(Data(missing.utf8), file: "p/plan.json")
        }
    }

    @Test func scenarioFolderIsToldToSolveFirst() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pool-scn-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try OutputFiles.write(Data("name: x\n".utf8), to: folder.appendingPathComponent("scenario.yaml"))
        do {
            _ = try PlanFolder(folder)
            Issue.record("a scenario folder was accepted as a plan folder")
        } catch let error as ExportError {
            #expect(error.description.contains("this is a scenario folder, not a plan folder: solve it first"))
        }
    }

    @Test func planWithoutDirectoryAsksForANewSolve() throws {
        var plan = SamplePlan.plan
        plan.directory = nil
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pool-old-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try OutputFiles.write(try PlanJSON.encode(plan), to: folder.appendingPathComponent("plan.json"))
        #expect(throws: ExportError.self) { try PlanFolder(folder).requireDirectory() }
    }
}
