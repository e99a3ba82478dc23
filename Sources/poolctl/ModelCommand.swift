import ArgumentParser
import Foundation
import Pool

/// `poolctl model SCENARIO_DIR --lp FILE | --mps FILE`: the allocation model with readable names,
/// for any other solver to check.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Write a scenario's allocation model as CPLEX LP or free MPS, with readable names.",
        discussion: """
        Names follow the variable and constraint families of docs/allocation-model.md: \
        x(clinician,site,date_shift,profession,line,mode), u(…), cover(…), busy(…), travelRest(…), \
        restDay(…), hours(…), shiftCount(…), stayTrip(…), … The model's [ ] and - are written as \
        ( ) and ~, and other characters CPLEX LP forbids as #XX (UTF-8 bytes in hex); Pool reads \
        such files back with the original names. The file is written atomically.

        Exit status: 0 written, 2 invalid scenario or the file cannot be written, 64 command-line \
        usage error.
        """)

    @Argument(help: "The scenario folder.")
    var scenario: String

    @Option(help: "Write CPLEX LP format to this file.")
    var lp: String?

    @Option(help: "Write free MPS format to this file.")
    var mps: String?

    func validate() throws {
        if (lp == nil) == (mps == nil) { throw ValidationError("give exactly one of --lp FILE or --mps FILE") }
    }

    func run() throws {
        let scenario = try loadScenario(self.scenario, consequence: "")
        let model: AllocationModel
        do {
            model = try AllocationModel.build(AllocationContext(scenario: scenario))
        } catch {
            printError("poolctl: \(error)")
            throw ExitCode(2)
        }
        let (path, format): (String, ModelFileFormat) = lp.map { ($0, .lp) } ?? (mps ?? "", .mps)
        do {
            try ModelFiles.write(model.model, to: path, format: format)
        } catch {
            printError("poolctl: \(error)")
            throw ExitCode(2)
        }
        let s = model.size
        print("\(path): \(s.variables) variables (\(s.integerVariables) integer), \(s.constraints) constraints, \(s.nonzeros) nonzeros")
    }
}
