import Foundation

/// Refused before or while the model is built: it would not fit in memory. Without this check a
/// national-scale week (5 000 clinicians, 800 sites) was killed by the kernel's out-of-memory
/// killer after 5 minutes at 22 GiB: a crash to the user, with no word why.
public struct ModelTooLargeError: Error, CustomStringConvertible, Equatable {
    public let candidates: Int
    /// Nonzeros built when the model was stopped; nil when refused before building.
    public let nonzeros: Int?
    public let estimatedBytes: Double
    public let budgetBytes: Double

    public var description: String {
        let size = nonzeros.map { String(format: "its %d possible assignments and the %d nonzeros built so far", candidates, $0) }
            ?? String(format: "its %d possible assignments", candidates)
        return "the scenario is too large for this machine: \(size) would need about "
            + String(format: "%.1f GiB to model and search, more than the %.1f GiB allowed (80 %% of memory). ",
                     estimatedBytes / MemoryBudget.gib, budgetBytes / MemoryBudget.gib)
            + "Plan it in parts (fewer sites or clinicians per scenario, or stays limited to nearer sites) or on a machine with more memory."
    }
}

/// Peak memory of a solve, predicted from measured figures (release build, `/usr/bin/time`, the
/// greedy plan and the neighbourhood search without the LP relaxation), fitted as
/// base + per candidate + per nonzero: 5× the region 1.23 GiB (991 634 candidates, 16.6 million
/// nonzeros), a fifth of the national week 0.57 GiB (243 558, 12.1 million), the region 89 MiB
/// (35 778, 0.38 million) give about 780 B per candidate and 29 B per nonzero; rounded up, and
/// per nonzero up to 40 B for the transient copy when the row storage grows. On top of that, the
/// LP relaxation.
enum MemoryBudget {
    static let gib = 1024.0 * 1024 * 1024
    /// The process before any model (the scenario, the Swift and GLPK runtime).
    static let baseBytes = 64.0 * 1024 * 1024
    static let bytesPerCandidate = 800.0
    static let bytesPerNonzero = 40.0
    /// Nonzeros per candidate assumed before the rows exist: 16.7 on 5× the region, 10.6 on the region.
    static let nonzerosPerCandidate = 17.0
    /// Per nonzero, what GLPK's LP relaxation adds: measured 43 MiB for the region's 380 774
    /// (118 B each; 132 MiB with the LP against 89 MiB without) and 91 B each on twice the region.
    static let lpBytesPerNonzero = 150.0

    /// 80 % of the machine's memory, unless the caller set a budget.
    static func budget(_ options: AllocationOptions) -> Double {
        options.memoryBudgetBytes ?? 0.8 * Double(ProcessInfo.processInfo.physicalMemory)
    }

    /// Predicted peak without the LP relaxation; before the rows exist, their nonzeros are assumed.
    static func estimate(candidates: Int, nonzeros: Int? = nil) -> Double {
        let n = nonzeros.map(Double.init) ?? Double(candidates) * nonzerosPerCandidate
        return baseBytes + Double(candidates) * bytesPerCandidate + n * bytesPerNonzero
    }

    static func check(_ ctx: AllocationContext, candidates: Int, nonzeros: Int? = nil) throws {
        let estimate = estimate(candidates: candidates, nonzeros: nonzeros), budget = budget(ctx.options)
        if estimate > budget {
            throw ModelTooLargeError(candidates: candidates, nonzeros: nonzeros, estimatedBytes: estimate, budgetBytes: budget)
        }
    }

    /// Why the LP relaxation would not fit in memory next to the model, or nil when it would.
    static func relaxationTooLarge(_ options: AllocationOptions, candidates: Int, nonzeros: Int) -> String? {
        let need = estimate(candidates: candidates, nonzeros: nonzeros) + Double(nonzeros) * lpBytesPerNonzero, budget = budget(options)
        guard need > budget else { return nil }
        return String(format: "it would need about %.1f GiB of memory with the model, more than the %.1f GiB allowed", need / gib, budget / gib)
    }

    /// What each lane beyond the first adds (its block model and GLPK problem at the same time as
    /// the others'), per nonzero of the whole model: measured 12.8 B on the national week (4.84
    /// against 3.83 GiB) and 17 B on 5× the region (1.50 against 1.23 GiB); rounded up.
    static let extraLaneBytesPerNonzero = 20.0

    /// As many of `lanes` as fit in memory with the model (the LP relaxation's memory, when it is
    /// solved, already counts every block's).
    static func lanesThatFit(_ options: AllocationOptions, candidates: Int, nonzeros: Int, lanes: Int) -> Int {
        let base = estimate(candidates: candidates, nonzeros: nonzeros), budget = budget(options)
        var fitting = max(1, lanes)
        while fitting > 1 && base + Double(fitting - 1) * Double(nonzeros) * extraLaneBytesPerNonzero > budget { fitting -= 1 }
        return fitting
    }
}
