import ArgumentParser
import Foundation
import Pool

/// Hidden: the model-building benchmark of issue 2 (run it from a release build).
struct BenchBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-build",
        abstract: "Time building, validating and loading a random sparse model into GLPK.",
        shouldDisplay: false
    )

    @Option(help: "Nonzeros of the random model (rows of 20 over nonzeros/10 columns).")
    var nonzeros: Int = 1_000_000

    func validate() throws {
        if nonzeros < 20 { throw ValidationError("--nonzeros must be at least 20") }
    }

    func run() throws {
        let r = try ModelBuildBenchmark.run(nonzeros: nonzeros)
        print("model: \(r.variables) variables, \(r.constraints) constraints, \(r.nonzeros) nonzeros (names included)")
        print(String(format: "build (public LinearModel API):  %.3f s", r.buildSeconds))
        print(String(format: "validate:                        %.3f s", r.validateSeconds))
        print(String(format: "GLPK load (glp_load_matrix):     %.3f s", r.glpkLoadSeconds))
        print(String(format: "GLPK load with encoded names:    %.3f s", r.glpkLoadWithNamesSeconds))
    }
}
