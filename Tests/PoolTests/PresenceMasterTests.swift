import Foundation
import Testing
@testable import Pool

/// The master up to interchangeable variables (`PresenceMaster`): which variables are
/// interchangeable, one column per week of presence, and plans that map back to the whole model.
extension ColumnGenerationTests {
    /// One site and shift with two demand lines: line 1 needs a competency only A has (10 € a
    /// shift uncovered), line 2 anyone (5 €). A's two variables differ only in the coverage rows and
    /// the objective; B can take line 2 only, at 1.5 €. The optimum, A on line 1 and B on line 2,
    /// costs 2.5 €.
    static func twoLines() -> (model: LinearModel, cover: [Int], a1: Int, a2: Int, b2: Int) {
        let m = LinearModel(name: "two lines")
        let u1 = m.addVariable("u1", .continuous, lower: 0, upper: 1), u2 = m.addVariable("u2", .continuous, lower: 0, upper: 1)
        let a1 = m.binary("xA1"), a2 = m.binary("xA2"), b2 = m.binary("xB2")
        let cover = [m.add("cover1", LinearExpression(u1) + a1 == 1).index,
                     m.add("cover2", LinearExpression(u2) + a2 + b2 == 1).index]
        m.add("placeA", LinearExpression(a1) + a2 <= 1)
        m.add("placeB", LinearExpression(b2) <= 1)
        m.setObjective(.minimize, 10 * u1 + 5 * u2 + a1 + a2 + 1.5 * b2)
        return (m, cover, a1.index, a2.index, b2.index)
    }

    /// The master over the all-uncovered plan and the given weeks (model variables at 1), by worker.
    func twoLinesMaster(weeks: [[Int]]) throws -> (LinearModel, MasterColumns, a1: Int, a2: Int, b2: Int) {
        let (m, cover, a1, a2, b2) = Self.twoLines()
        let generation = ColumnGeneration(m, relaxing: cover)
        var uncovered = Array(repeating: 0.0, count: m.variableCount)
        uncovered[0] = 1; uncovered[1] = 1
        var master = seededMaster(m, generation, uncovered)
        for week in weeks {
            let i = try #require(generation.priced.firstIndex { generation.relaxation.shapes[$0].columns.contains(week[0]) })
            master.add(block: i, point: generation.relaxation.shapes[generation.priced[i]].columns.map { week.contains($0) ? 1 : 0 })
        }
        return (m, master, a1, a2, b2)
    }

    @Test func variablesWithEqualBlockRowsShareAClass() throws {
        let (_, master, a1, a2, b2) = try twoLinesMaster(weeks: [])
        let classOf = master.interchangeableClasses()
        #expect(classOf[a1] >= 0 && classOf[a1] == classOf[a2], "A's lines: the same place row, different coverage rows")
        #expect(classOf[b2] == -1, "B has one variable: nothing to exchange")
        #expect(classOf[0] == -1 && classOf[1] == -1, "the uncovered shifts are kept, not priced")
    }

    /// The master holds A on line 2 and B on line 2: over its columns the best plan leaves line 1
    /// uncovered (11 €). The presence master lets A's week of presence take line 1: 2.5 €, a plan
    /// no column had, feasible for the whole model. Without the rows that tie a class's members
    /// to the weeks that use it (`classUse`), A would take both lines from an empty week (2 €,
    /// breaking `placeA`).
    @Test func thePresenceMasterFindsALabellingNoColumnHas() throws {
        let (model, withWeeks, x1, x2, y2) = try twoLinesMaster(weeks: [[3], [4]])
        #expect(x2 == 3 && y2 == 4, "u1, u2, xA1, xA2, xB2 in that order")
        let old = try withWeeks.solveMIP(glpk, timeLimit: 10, isStopRequested: { false })
        let oldPoint = try #require(old.point)
        #expect(abs(model.objectiveValue(oldPoint) - 11) < 1e-6)
        let classOf = withWeeks.interchangeableClasses()
        let p = try #require(withWeeks.presenceMaster(classOf: classOf))
        #expect(p.weeks.count == 4 && p.flexible.sorted() == [x1, x2])
        let r = try glpk.solve(p.model, options: SolveOptions(relativeGap: 0, verbosity: .quiet))
        #expect(r.status == .optimal && abs((r.objective ?? 0) - 2.5) < 1e-6)
        let point = withWeeks.point(p, values: r.values, classOf: classOf)
        #expect(model.violations(point).isEmpty)
        #expect(abs(model.objectiveValue(point) - 2.5) < 1e-6)
        #expect(point[x1] == 1 && point[x2] == 0 && point[y2] == 1)
    }
}

extension ColumnGenerationTests {
    /// A's two weeks on one line or the other are one week of presence; a plan of the old master
    /// (the master MIP's start) is a plan of the presence master at the same cost.
    @Test func relabelledWeeksAreOneColumnAndOldPlansCarryOver() throws {
        let (model, master, _, _, _) = try twoLinesMaster(weeks: [[3], [2], [4]])
        #expect(master.count == 5, "two empty weeks from the seed, A on line 2, A on line 1, B on line 2")
        let classOf = master.interchangeableClasses()
        let p = try #require(master.presenceMaster(classOf: classOf))
        #expect(p.weeks.count == 4 && p.weekOf == [0, 1, 2, 2, 3])
        // A on line 1 (column 3) and B on line 2 (column 4), nothing uncovered.
        let old = [0, 0, 0, 0, 0, 1, 1] as [Double]
        let oldMaster = master.build(integral: true)
        #expect(oldMaster.violations(old).isEmpty && abs(oldMaster.objectiveValue(old) - 2.5) < 1e-9)
        let carried = master.presencePoint(p, fromMaster: old)
        #expect(p.model.violations(carried).isEmpty)
        #expect(abs(p.model.objectiveValue(carried) - 2.5) < 1e-9)
        #expect(model.violations(master.point(p, values: carried, classOf: classOf)).isEmpty)
    }
}

extension ColumnGenerationTests {
    /// `solveMIP(presenceAfter:)` goes on over the presence master only where the master MIP's plan
    /// is not proven optimal over its columns: here it is (11 €, line 1 uncovered), so that plan
    /// stands, and the time it leaves goes back to the caller.
    @Test func aPlanProvenOptimalOverTheColumnsIsKeptAsItIs() throws {
        let (model, master, _, _, _) = try twoLinesMaster(weeks: [[3], [4]])
        let r = try master.solveMIP(glpk, timeLimit: 10, presenceAfter: MasterColumns.presenceAfterShare, isStopRequested: { false })
        let point = try #require(r.point)
        #expect(model.violations(point).isEmpty && abs(model.objectiveValue(point) - 11) < 1e-6)
        #expect(!r.log.contains("presence master"))
    }
}
