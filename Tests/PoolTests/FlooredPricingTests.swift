import Foundation
import Testing
@testable import Pool

/// Exact pricing over a floor (`LagrangianBound.solveBlocks(…floor:…)`): a round of exact block
/// solves cut off by the time limit keeps the relaxation's optima for the blocks it did not reach,
/// so its sum still bounds the model, and a complete one gives the exact optima.
@Suite struct FlooredPricingTests {
    let glpk = GLPKSolver()

    func setUp() throws -> (m: AllocationModel, exact: LagrangianBound, costs: [Double], floor: [BlockOptimum], blocks: [Int]) {
        let sc = TestScenarios.random(seed: 11, clinicians: 25, sites: 8)
        let m = try AllocationModel.build(AllocationContext(scenario: sc, options: AllocationOptions()))
        let rows = m.coverageRows.compactMap { $0?.index }
        let exact = LagrangianBound(m.model, relaxing: rows)
        let relaxed = LagrangianBound(m.model, relaxing: rows, blockRelaxation: WeekRelaxation(m))
        var generator = SplitMix64(seed: 7)
        let prices = (0..<m.model.constraintCount).map { _ in Double(generator.next() % 400) }
        let (costs, _) = ColumnGeneration.pricedCosts(m.model, exact.relaxedRows, prices)
        let blocks = Array(exact.shapes.indices)
        let floor = try #require(try relaxed.solveBlocks(blocks, m.model, costs: costs, solver: glpk, lanes: 1,
                                                         timeLimitSeconds: nil, isStopRequested: { false }))
        return (m, exact, costs, floor, blocks)
    }

    @Test func cutOffBeforeAnyBlockItKeepsTheFloor() throws {
        let (m, exact, costs, floor, blocks) = try setUp()
        // Without a floor, a round out of time bounds nothing.
        #expect(try exact.solveBlocks(blocks, m.model, costs: costs, solver: glpk, lanes: 1, timeLimitSeconds: 0,
                                      isStopRequested: { false }) == nil)
        let cut = try #require(try exact.solveBlocks(blocks, m.model, costs: costs, solver: glpk, lanes: 2, floor: floor,
                                                     timeLimitSeconds: 0, isStopRequested: { false }))
        #expect(cut.solved == 0)
        #expect(cut.optima.map(\.value) == floor.map(\.value))
        #expect(cut.optima.map(\.point) == floor.map(\.point))
    }

    @Test func completeItGivesTheExactOptimaAboveTheFloor() throws {
        let (m, exact, costs, floor, blocks) = try setUp()
        let plain = try #require(try exact.solveBlocks(blocks, m.model, costs: costs, solver: glpk, lanes: 1, timeLimitSeconds: nil,
                                                       isStopRequested: { false }))
        let over = try #require(try exact.solveBlocks(blocks, m.model, costs: costs, solver: glpk, lanes: 2, floor: floor,
                                                      timeLimitSeconds: 60, isStopRequested: { false }))
        #expect(over.solved == blocks.count)
        for (b, (o, p)) in zip(over.optima, plain).enumerated() {
            #expect(abs(o.value - p.value) <= 1e-6 * max(1, abs(p.value)), "block \(b)")
            #expect(o.value >= floor[b].value - 1e-6, "block \(b)")
        }
        // The relaxation is below the exact weeks somewhere here, so the floor is not the answer.
        #expect(zip(plain, floor).contains { $0.value > $1.value + 1e-6 })
    }
}

/// The pace rule of a floored evaluation (`LagrangianBoard.givesUp`).
@Suite struct FlooredPaceTests {
    @Test func givesUpOnlyOnceTheSampleIsInAndThePaceMissesTheLimit() {
        let board = LagrangianBoard(count: 10)
        board.weights = Array(repeating: 1, count: 10)
        for b in 0..<3 { board.set(b, 0, []) }
        #expect(!board.givesUp(elapsed: 1, limit: 2, sample: 4))  // 3 set: too few to judge
        board.set(3, 0, [])
        #expect(!board.givesUp(elapsed: 1, limit: 3, sample: 4))  // 2.5 s at this pace: fits
        #expect(board.givesUp(elapsed: 1, limit: 2, sample: 4))   // 2.5 s: misses 2 s
        #expect(board.givesUp(elapsed: 0.1, limit: 100, sample: 4))  // given up stays given up
    }

    @Test func theSlowBlocksDoneFirstWeighMore() {
        // Four slow blocks (weight 10 each) of ten, the other six weigh 1: done in 1 s, the rest
        // takes 1 s × 6 / 40 more, well within 2 s; counted by blocks it would be 2.5 s.
        let board = LagrangianBoard(count: 10)
        board.weights = Array(repeating: 10, count: 4) + Array(repeating: 1, count: 6)
        for b in 0..<4 { board.set(b, 0, []) }
        #expect(!board.givesUp(elapsed: 1, limit: 2, sample: 4))
        #expect(board.givesUp(elapsed: 1, limit: 1.1, sample: 4))
    }

    @Test func weightsAreLastTimesOnceTheBlocksHaveThem() {
        let times = BlockSolveTimes(count: 4)
        #expect(times.weights([0, 2, 3], sizes: [5, 6, 7, 8]) == [5, 0, 7, 8])  // no times yet: sizes
        times.record(0, 0.5)
        times.record(2, 0.25)
        // Block 3 has no time (a block without rows): the least time recorded.
        #expect(times.weights([0, 2, 3], sizes: [5, 6, 7, 8]) == [0.5, 0, 0.25, 0.25])
    }
}
