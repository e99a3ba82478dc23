import ArgumentParser
import Pool

@main
struct Poolctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poolctl",
        abstract: "Pool: workforce pooling and scheduling optimiser for Finnish welfare regions.",
        discussion: "Pool places a shared pool of clinicians (GPs, psychiatrists, nurses, dentists, …) at "
            + "the region's sites, on site or remotely, week by week, and solves the allocation as a "
            + "mixed-integer programme with GLPK. See README.md and docs/ for details.",
        subcommands: [
            ValidateCommand.self, GenerateCommand.self, ExportCommand.self, CompareCommand.self,
            LPCommand.self, BenchBuildCommand.self, SolveCommand.self, ModelCommand.self,
        ]
    )
}
