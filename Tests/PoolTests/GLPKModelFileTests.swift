import Foundation
import Testing
@testable import Pool

@Suite struct GLPKModelFileTests {
    let solver = GLPKSolver()

    private func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pool-modelfiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test(arguments: ModelFileFormat.allCases)
    func productionLPRoundTripsToTheSameOptimumAndDuals(format: ModelFileFormat) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (model, _, _, _) = GLPKTestModels.production()
        model.objectiveConstant = 7   // GLPK keeps an LP constant only as a comment; Pool reads it back
        let path = dir.appendingPathComponent("production.\(format.rawValue)").path
        try ModelFiles.write(model, to: path)
        let back = try ModelFiles.read(path)
        #expect(back.variableNames == model.variableNames)
        #expect(back.constraintNames == model.constraintNames)
        #expect(back.direction == .maximize && back.objectiveConstant == 7)
        let r = try solver.solve(back, options: SolveOptions())
        #expect(r.status == .optimal && r.objective == 287)
        #expect(r.rowDuals.map { zip($0, [0, 10, 10, 0]).allSatisfy { abs($0 - $1) < 1e-9 } } == true)
    }

    @Test(arguments: ModelFileFormat.allCases)
    func mipRoundTripKeepsKindsBoundsAndOptimum(format: ModelFileFormat) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (model, _) = GLPKTestModels.assignment()
        let extra = model.addVariable("spare", .integer, lower: -3, upper: 4, objective: 1)
        model.add("spare_floor", LinearExpression(extra) >= -2)
        let path = dir.appendingPathComponent("assignment.\(format.rawValue)").path
        try ModelFiles.write(model, to: path)
        let back = try ModelFiles.read(path)
        #expect(back.kinds == model.kinds)
        #expect(back.lowerBounds == model.lowerBounds && back.upperBounds == model.upperBounds)
        #expect(back.nonzeroCount == model.nonzeroCount)
        let original = try solver.solve(model, options: SolveOptions())
        let again = try solver.solve(back, options: SolveOptions())
        #expect(original.objective == 11 && again.objective == 11)   // 13 − 2
        #expect(again.values == original.values)
    }

    @Test(arguments: ModelFileFormat.allCases)
    func oddNamesSurviveWritingAndReading(format: ModelFileFormat) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = LinearModel()
        let columnNames = ["työvuoro ä", "x[anna,2025-01-06,day]", "a b", "a#20b", "(paren)", "tilde~", "1st", "e1", "free",
                           "obj", "R0000000", "dup", "dup", "", String(repeating: "ö", count: 200), "plain_name.ok"]
        let x = columnNames.map { m.addVariable($0, upper: 1, objective: 1) }
        m.direction = .maximize
        let rowNames = ["obj", "R0000000", "kapasiteetti [ma]", "dup", "dup", "st"]
        for (k, name) in rowNames.enumerated() { m.add(name, x[k] + x[k + 6] <= 1) }
        let path = dir.appendingPathComponent("odd names.\(format.rawValue)").path
        try ModelFiles.write(m, to: path)
        let back = try ModelFiles.read(path)
        var expectedColumns = columnNames
        expectedColumns[13] = "x_14"                                     // an empty name gets GLPK's style of name
        expectedColumns[14] = back.variableNames[14]                     // 400 bytes: cut to 255
        #expect(back.variableNames == expectedColumns)
        #expect(back.variableNames[14].hasPrefix(String(repeating: "ö", count: 40)))
        #expect(back.constraintNames == rowNames)
        let r = try solver.solve(back, options: SolveOptions())
        #expect(r.objective == 10)
    }

    /// GLPK writes an objective constant into MPS as the objective row's RHS meaning +constant
    /// (HiGHS, like CPLEX, reads −constant) and into LP only as a comment (HiGHS reads none);
    /// scripts/highs-check recovers the true constant from Pool's files for both.
    @Test func highsCheckRecoversTheObjectiveConstantOfPoolsFiles() throws {
        let python = try ExternalTool.require(ExternalTool.python, "python3")
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (model, _, _, _) = GLPKTestModels.production()
        model.objectiveConstant = 760
        let mps = dir.appendingPathComponent("m.mps").path, lp = dir.appendingPathComponent("m.lp").path
        try ModelFiles.write(model, to: mps)
        try ModelFiles.write(model, to: lp)
        #expect(try String(contentsOfFile: mps, encoding: .utf8).contains(" 760"))
        let script = PoolctlLPSolveTests.repository.appendingPathComponent("scripts/highs-check").path
        let code = """
            import importlib.machinery, importlib.util
            loader = importlib.machinery.SourceFileLoader("hc", "\(script)")
            hc = importlib.util.module_from_spec(importlib.util.spec_from_loader("hc", loader)); loader.exec_module(hc)
            print(hc.pool_objective_constant("\(mps)", -760.0), hc.pool_objective_constant("\(lp)", 0.0))
            """
        let out = try ExternalTool.run(python, ["-c", code])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "760.0 760.0")
    }

    @Test func encodingIsReadableReversibleAndValidForCPLEXLP() {
        #expect(ModelFileNames.encode("x[anna,2025-01-06,day]") == "x(anna,2025~01~06,day)")
        #expect(ModelFileNames.encode("työ ä") == "ty#C3#B6#20#C3#A4")
        #expect(ModelFileNames.encode("1st") == "#31st")
        #expect(ModelFileNames.encode("e12") == "#6512")
        #expect(ModelFileNames.encode("Free") == "#46ree")
        #expect(ModelFileNames.encode("(x)~#") == "#28x#29#7E#23")
        for name in ["x[anna,2025-01-06,day]", "työ ä", "(x)~#", "e", "Inf", "a.b", "#41"] {
            #expect(ModelFileNames.decode(ModelFileNames.encode(name)) == name)
        }
        #expect(ModelFileNames.encodeAll(["a", "a", "a"], emptyPrefix: "x") == ["a", "a#~2", "a#~3"])
        #expect(ModelFileNames.encodeAll(["obj"], reserved: ModelFileNames.reservedRowNames, emptyPrefix: "r") == ["obj#~2"])
        #expect(ModelFileNames.decode("a#~2") == "a")
        #expect(ModelFileNames.decode("bad#zz") == nil)
    }

    @Test func foreignFilesKeepTheirNames() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("foreign.lp").path
        try "Minimize\n obj: x(1) + y~2\nSubject To\n c(1): x(1) + y~2 >= 2\nEnd\n".write(toFile: path, atomically: true, encoding: .utf8)
        let model = try ModelFiles.read(path)
        #expect(model.variableNames == ["x(1)", "y~2"])
        #expect(model.constraintNames == ["c(1)"])
        #expect(try solver.solve(model, options: SolveOptions()).objective == 2)
    }

    @Test func formatIsSniffedFromContentWhenTheNameDoesNotTell() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (model, _, _, _) = GLPKTestModels.production()
        let mps = dir.appendingPathComponent("model.mps").path
        try ModelFiles.write(model, to: mps)
        let renamed = dir.appendingPathComponent("model.txt").path
        try FileManager.default.moveItem(atPath: mps, toPath: renamed)
        #expect(try solver.solve(try ModelFiles.read(renamed), options: SolveOptions()).objective == 280)
    }

    @Test func unreadableFilesGiveClearErrors() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("missing.lp").path
        let e1 = try #require(throws: ModelFileError.self) { try ModelFiles.read(missing) }
        #expect(e1.description == "\(missing): no such file")
        let bad = dir.appendingPathComponent("bad.lp").path
        try "Minimize\n obj: x + y\nSubject To\n c1: x + y >= 2\n c2: x - y <= 1 foo\nEnd\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let e2 = try #require(throws: ModelFileError.self) { try ModelFiles.read(bad) }
        #expect(e2.description == "\(bad):5: invalid symbol(s) beyond right-hand side")
        let badMPS = dir.appendingPathComponent("bad.mps").path
        try "NAME x\nROWS\n N obj\nCOLUMNS\n x obj 1 nosuchrow 2\nENDATA\n".write(toFile: badMPS, atomically: true, encoding: .utf8)
        let e3 = try #require(throws: ModelFileError.self) { try ModelFiles.read(badMPS) }
        #expect(e3.description.contains("bad.mps:5:"), "\(e3)")
    }

    @Test func writingIsAtomicAndLeavesNoTemporaryFiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("p.lp").path
        try "old content".write(toFile: path, atomically: true, encoding: .utf8)
        try ModelFiles.write(GLPKTestModels.production().model, to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("\\* Written by Pool."))
        #expect(text.contains("finishing:"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["p.lp"])
        // an unwritable target fails cleanly and leaves nothing behind
        #expect(throws: ModelFileError.self) { try ModelFiles.write(GLPKTestModels.production().model, to: dir.path + "/no/such/dir/p.lp") }
        #expect(throws: ModelFileError.self) { try ModelFiles.write(GLPKTestModels.production().model, to: dir.path + "/p.txt") }
    }

    @Test func bundledProductionModelSolvesToItsDocumentedOptimum() throws {
        // Scenarios/models/production.lp, found relative to this source file
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let model = try ModelFiles.read(root.appendingPathComponent("Scenarios/models/production.lp").path)
        let r = try solver.solve(model, options: SolveOptions())
        #expect(r.objective == 280)
        #expect(model.variableNames.enumerated().map { "\($1)=\(r.values[$0])" } == ["desks=2.0", "tables=0.0", "chairs=8.0"])
        #expect(r.rowDuals == [0, 10, 10, 0])
    }
}
