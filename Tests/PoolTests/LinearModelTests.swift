import Testing
@testable import Pool

@Suite struct LinearModelTests {
    @Test func mergesRepeatedTermsAndMovesConstants() {
        let m = LinearModel()
        let x = m.addVariable("x"), y = m.addVariable("y")
        let r = m.add("c", x + y + x + 3 <= 10)
        #expect(m.row(r.index).map(\.column) == [0, 1])
        #expect(m.row(r.index).map(\.value) == [2, 1])
        #expect(m.rightHandSides[r.index] == 7)
        // cancellation leaves no zero entry
        let r2 = m.add("d", x - x + y >= 1)
        #expect(m.row(r2.index).map(\.column) == [1])
    }

    @Test func validationNamesTheProblem() {
        let m = LinearModel()
        let x = m.addVariable("x", lower: 2, upper: 1)
        m.add("nan", .nan * x <= 1)
        #expect(throws: ModelValidationError.self) { try m.validate() }
        do { try m.validate() } catch let e as ModelValidationError {
            #expect(e.problems.contains { $0.contains("variable x: lower bound 2.0 > upper bound 1.0") })
            #expect(e.problems.contains { $0.contains("constraint nan: coefficient nan") })
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func violationsCheckAPointIndependently() {
        let m = LinearModel()
        let x = m.addVariable("x", .integer, lower: 0, upper: 5)
        m.add("cap", 2 * x <= 6)
        #expect(m.violations([3]).isEmpty)
        #expect(m.violations([4]).map(\.name) == ["cap"])
        #expect(m.violations([2.5]).map(\.name) == ["x integrality"])
    }
}
