import Foundation
import Testing
@testable import Pool

@Suite struct ExportHTMLTests {
    let index = PlanIndex(plan: SamplePlan.plan, directory: SamplePlan.directory)

    @Test func golden() throws {
        try Golden.check(try HTMLReport.render(index), "report.html")
    }
}
