import Foundation
import Testing
@testable import Pool

@Suite struct ExportPayrollTests {
    let index = PlanIndex(plan: SamplePlan.plan, directory: SamplePlan.directory)

    @Test func goldenExcelFinnishAndStandard() throws {
        let rows = try PayrollExport.rows(index)
        try Golden.check(try PayrollExport.csv(rows, dialect: .excelFinnish), "payroll-semicolon.csv")
        try Golden.check(try PayrollExport.csv(rows, dialect: .standard), "payroll-comma.csv")
    }

    @Test func excelVariantHasBOMSemicolonsAndDecimalComma() throws {
        let data = try PayrollExport.csv(try PayrollExport.rows(index), dialect: .excelFinnish)
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.last == "")                       // ends with CRLF
        #expect(lines.count == SamplePlan.assignments.count + 2)
        #expect(lines[0].hasPrefix("clinician_id;clinician_name;"))
        // The stay's first day: 420 km, 360 paid minutes, lodging, per-diem, decimal commas.
        let stay = try #require(lines.first { $0.hasPrefix("C03;") && $0.contains(";2026-10-20;") })
        #expect(stay.contains(";stay;8,00;0,00;0;420,0;360;1;54,00;875,00"))
        // A site name with ";" is quoted.
        #expect(text.contains("\"Kannuksen terveysasema; sivupiste\""))
    }

    @Test func overtimeGoesOnTheLastWorkedHours() throws {
        let rows = try PayrollExport.rows(index).filter { $0.clinicianID == "C01" }
        #expect(rows.map(\.overtimeHours) == [0, 0, 0, 0, 5.18])
        #expect(abs(rows.reduce(0) { $0 + $1.overtimeHours } - 5.18) < 1e-9)
        #expect(rows.map(\.regularHours) == [8, 8, 8, 8, 10 - 5.18])
        // Overtime premium priced at 55 € × 1.5 on top of the shift's travel cost.
        #expect(abs(rows[4].costEUR - (7.26 + 5.18 * 82.5)) < 1e-9)
        // More overtime than the last shift holds spills backwards, and beyond all hours stays last.
        #expect(PayrollExport.attributeOvertime(12, to: [8, 8, 10]) == [0, 2, 10])
        #expect(PayrollExport.attributeOvertime(30, to: [8, 10]) == [8, 22])
        #expect(PayrollExport.attributeOvertime(0, to: [8, 10]) == [0, 0])
    }

    @Test func nightAcrossTheEndOfSummerTimeIsAnHourLonger() throws {
        let night = try #require(try PayrollExport.rows(index).first { $0.shift == "night" })
        #expect(night.date.iso == "2026-10-24" && night.clockChangeHours == 1)
        #expect(try PayrollExport.rows(index).filter { $0.shift != "night" }.allSatisfy { $0.clockChangeHours == 0 })
    }

    @Test func formulaLikeNamesAreDefused() throws {
        var directory = SamplePlan.directory
        directory.clinicians[0].name = "=HYPERLINK(\"http://x\")"
        let data = try PayrollExport.csv(try PayrollExport.rows(PlanIndex(plan: SamplePlan.plan, directory: directory)),
                                         dialect: .standard)
        #expect(String(decoding: data, as: UTF8.self).contains("\"'=HYPERLINK(\"\"http://x\"\")\""))
    }

    @Test func unknownSiteIsAClearError() throws {
        var plan = SamplePlan.plan
        plan.assignments[0].site = "nowhere"
        #expect(throws: ExportError.inconsistentPlan("site `nowhere` is not in the plan's directory")) {
            try PayrollExport.rows(PlanIndex(plan: plan, directory: SamplePlan.directory))
        }
    }
}
