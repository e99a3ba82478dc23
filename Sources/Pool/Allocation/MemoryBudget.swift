import Foundation

/// Refused before the model is built: it would not fit in memory. Without this check a
/// national-scale week (5 000 clinicians, 800 sites) was killed by the kernel's out-of-memory
/// killer after 5 minutes at 22 GiB, still building rows: a crash to the user, with no word why.
public struct ModelTooLargeError: Error, CustomStringConvertible, Equatable {
    public let candidates: Int
    public let estimatedBytes: Double
    public let budgetBytes: Double

    public var description: String {
        String(format: "the scenario is too large for this machine: its %d possible assignments would need about %.1f GiB "
               + "to model and solve (about %.1f kB each, measured), more than the %.1f GiB allowed (80 %% of memory). "
               + "Plan it in parts (fewer sites or clinicians per scenario) or on a machine with more memory.",
               candidates, estimatedBytes / gib, MemoryBudget.bytesPerCandidate / 1000, budgetBytes / gib)
    }

    private var gib: Double { 1024 * 1024 * 1024 }
}

enum MemoryBudget {
    /// Peak resident memory of a whole `poolctl solve` per candidate (possible assignment):
    /// measured 128 MiB for pohjois-pohjanmaa's 35 778 candidates (3.7 kB each) and 675 MiB for
    /// twice the region; rounded up.
    static let bytesPerCandidate = 4_200.0

    /// 80 % of the machine's memory, unless the caller set a budget.
    static func budget(_ options: AllocationOptions) -> Double {
        options.memoryBudgetBytes ?? 0.8 * Double(ProcessInfo.processInfo.physicalMemory)
    }

    static func check(_ ctx: AllocationContext, candidates: Int) throws {
        let estimate = Double(candidates) * bytesPerCandidate, budget = budget(ctx.options)
        if estimate > budget { throw ModelTooLargeError(candidates: candidates, estimatedBytes: estimate, budgetBytes: budget) }
    }
}
