import Dispatch
import Foundation
import Testing
@testable import Pool

/// Blocks solved side by side (`LaneRunner`, `GLPKLanes`, `DecomposingSolver.laneCount`): the
/// lanes really run at once, GLPK works in each, a stop reaches every lane, and the result is
/// the one-lane result.
@Suite struct ParallelLanesTests {
    let glpk = GLPKSolver()
    static let twoCores = ProcessInfo.processInfo.activeProcessorCount >= 2

    @Test func lanesAreBalancedBySizeAndListedSmallestFirst() {
        // sizes by item: 0:5 1:1 2:4 3:3 4:2 → lane 0 takes 5, 2, 1 (7 + tie), lane 1 takes 4, 3
        #expect(balancedLanes(sizes: [5, 1, 4, 3, 2], count: 2) == [[1, 4, 0], [3, 2]])
        #expect(balancedLanes(sizes: [5, 1], count: 4) == [[0], [1]])
        #expect(balancedLanes(sizes: [3, 3, 3], count: 1) == [[0, 1, 2]])
        #expect(Allocator.wallTime([10, 1, 8, 6, 2], sizes: [5, 1, 4, 3, 2], lanes: 2) == 14)
        #expect(Allocator.wallTime([10, 1, 8, 6, 2], sizes: [5, 1, 4, 3, 2], lanes: 1) == 27)
        #expect(Allocator.laneCount(nil, cores: 2) == 2 && Allocator.laneCount(nil, cores: 1) == 1)
        #expect(Allocator.laneCount(8, cores: 2) == 2 && Allocator.laneCount(1, cores: 2) == 1)
    }

    /// The shared queue of Lagrangian pricing hands every item out exactly once, in order, however
    /// many lanes draw from it; the blocks go out slowest first by their last solve time.
    @Test func aSharedQueueHandsOutEachItemOnce() {
        let queue = SharedQueue(Array(0..<2_000))
        let drawn = Recorder<Int>()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in while let item = queue.pop() { drawn.append(item) } }
        #expect(drawn.items.sorted() == Array(0..<2_000))
        #expect(queue.pop() == nil)
        let times = BlockSolveTimes(count: 4)
        #expect(times.slowestFirst([0, 1, 2, 3], sizes: [1, 5, 5, 2]) == [1, 2, 3, 0], "untimed: largest first, ties by index")
        times.record(0, 0.3); times.record(3, 0.1)
        #expect(times.slowestFirst([0, 1, 2, 3], sizes: [1, 5, 5, 2]) == [0, 3, 1, 2])
    }

    /// A second lane only when its block model fits in the memory budget next to the model.
    @Test func aSecondLaneOnlyWhenItFitsInMemory() {
        let (candidates, nonzeros) = (1_000_000, 17_000_000)
        let model = MemoryBudget.estimate(candidates: candidates, nonzeros: nonzeros)
        var options = AllocationOptions()
        options.memoryBudgetBytes = model + Double(nonzeros) * MemoryBudget.extraLaneBytesPerNonzero
        #expect(MemoryBudget.lanesThatFit(options, candidates: candidates, nonzeros: nonzeros, lanes: 2) == 2)
        #expect(MemoryBudget.lanesThatFit(options, candidates: candidates, nonzeros: nonzeros, lanes: 3) == 2)
        options.memoryBudgetBytes = model + 1
        #expect(MemoryBudget.lanesThatFit(options, candidates: candidates, nonzeros: nonzeros, lanes: 2) == 1)
    }

    /// Each lane waits for the other to start: run one after the other, the first would wait in
    /// vain. Both then solve a model with GLPK inside their lane.
    @Test(.enabled(if: twoCores)) func glpkLanesRunAtTheSameTimeAndEachCanSolve() throws {
        let started = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
        let metOther = Recorder<Int>(), objectives = Recorder<Double>()
        let solver = glpk
        solver.lanes.run(lanes: 2) { lane in
            started[lane].signal()
            if started[1 - lane].wait(timeout: .now() + 5) == .success { metOther.append(lane) }
            let r = try? solver.solve(GLPKTestModels.knapsack().model, options: SolveOptions())
            objectives.append(r?.objective ?? .nan)
        }
        #expect(Set(metOther.items) == [0, 1])
        #expect(objectives.items == [15, 15])
    }

    /// Two independent copies of a small MIP: two lanes give the one-lane values, bound and basis.
    @Test func twoLanesGiveTheOneLaneResult() throws {
        let m = LinearModel(name: "three copies")
        var objective = LinearExpression()
        for copy in 0..<3 {
            let x = (0..<6).map { m.binary("x\(copy)_\($0)") }
            let weights = [12.0, 7, 11, 8, 9, 6].map { $0 + Double(copy) }
            m.add("capacity\(copy)", sum(zip(weights, x).map { $0 * $1 }) <= 26)
            for (j, v) in x.enumerated() { objective.add(Double(24 - j * 2 + copy), v) }
        }
        m.setObjective(.maximize, objective)
        let one = try DecomposingSolver(base: RelaxationGuidedSolver(base: glpk)).solve(m, options: SolveOptions(verbosity: .normal))
        let two = try DecomposingSolver(base: RelaxationGuidedSolver(base: glpk), laneCount: 2).solve(m, options: SolveOptions(verbosity: .normal))
        #expect(one.status == .optimal && two.status == .optimal)
        #expect(one.values == two.values)
        #expect(one.objective == two.objective && one.bestBound == two.bestBound)
        #expect(one.relaxationObjective == two.relaxationObjective)
    }

    /// The first line where two files differ, both ways (for a failure message).
    static func firstDifference(_ a: Data, _ b: Data) -> String {
        let x = String(decoding: a, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let y = String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard let i = (0..<min(x.count, y.count)).first(where: { x[$0] != y[$0] }) ?? (x.count != y.count ? min(x.count, y.count) : nil) else { return "same lines" }
        return "line \(i + 1): «\(i < x.count ? x[i] : "")» / «\(i < y.count ? y[i] : "")»"
    }
}
