import ArgumentParser
import Foundation
import Pool

/// Loads a scenario folder for a command: warnings go to standard error; an invalid scenario
/// prints every problem and `poolctl: PATH: invalid scenario, CONSEQUENCE`, and exits with 2.
func loadScenario(_ path: String, consequence: String) throws -> Scenario {
    do {
        let (loaded, diagnostics) = try ScenarioLoader.load(directory: URL(fileURLWithPath: path))
        for d in diagnostics { printError(d.description) }
        return loaded
    } catch {
        for d in error.diagnostics { printError(d.description) }
        printError("poolctl: \(path): invalid scenario" + (consequence.isEmpty ? "" : ", " + consequence))
        throw ExitCode(2)
    }
}
