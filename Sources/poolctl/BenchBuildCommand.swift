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
        print(String(format: "build (public API, sum(terms)):  %.3f s", r.buildSeconds))
        print(String(format: "build, rows as `e += c * x` terms: %.3f s", r.buildWithOperatorsSeconds))
        print(String(format: "validate:                        %.3f s", r.validateSeconds))
        print(String(format: "GLPK load (glp_load_matrix):     %.3f s", r.glpkLoadSeconds))
        print(String(format: "encode names + GLPK load:        %.3f s", r.glpkLoadWithNamesSeconds))
        print(String(format: "write CPLEX LP (%.1f MB):        %.3f s", Double(r.lpFileBytes) / 1e6, r.writeLPSeconds))
        print(String(format: "read it back into a LinearModel: %.3f s", r.readLPSeconds))
    }
}
